"""Messages that ask nothing of the articles: a greeting ("hi"), thanks, or a question about
the assistant itself ("help", "What can you do?"). Searched, they are answered with whatever
matches their words ("Thank you for being our friend ..." for "thanks!", a psychologist's
name for "What can you do?"); instead they are answered with what the index holds and what
to ask it, with no search and no citation, as an answer that draws on no article (it
abstains).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.dates import human_date, to_date
from rag.records import Answer, AnswerMode, Status

_HELLO = r"hi|hello|hey|hiya|howdy|good\s+(?:morning|afternoon|evening)"  # a greeting's words
_TALK = re.compile(
    rf"(?:{_HELLO}"
    r"|thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|thx|ty|cheers|great|ok(?:ay)?"
    r"|help|what\s+(?:can|do)\s+you\s+do|who\s+are\s+you|what\s+are\s+you"
    r"|how\s+(?:does\s+(?:this|it)\s+work|do\s+i\s+use\s+(?:this|it|you)))"
    r"(?:[\s,]+(?:there|please|again|a\s+lot))?[\s!.?]*",
    re.IGNORECASE,
)


# a greeting or thanks before a question: "Hi, who won the Super Bowl?", "Thanks! And when ...?"
_HAIL = re.compile(
    rf"^(?:(?:{_HELLO}|thanks?(?:\s+you)?|thx)"
    r"(?:\s+there)?\s*[,!.;:-]+\s*)+(?=\w)",  # its mark needed: "Thanks to a change in the law, ..."
    re.IGNORECASE,
)


def unhailed(question: str) -> str:
    """``question`` without a greeting or thanks before it ("Hi, who won the Super Bowl?" is
    "Who won the Super Bowl?"), so that what it asks for is read from its first word."""
    rest = _HAIL.sub("", question, count=1)
    if rest == question or len(rest.split()) < 2:
        return question
    return rest[0].upper() + rest[1:]


def small_talk(question: str) -> bool:
    """Whether ``question`` is a greeting, thanks or a question about the assistant, whole."""
    return _TALK.fullmatch(" ".join(question.split())) is not None


def talk_answer(question: str, status: Status, examples: Sequence[str], mode: AnswerMode) -> Answer:
    """What the index holds (its articles, their dates and sources) and questions to try."""
    if not status.articles:
        text = "No articles are indexed yet: add some (`rag index FOLDER`), then ask about them."
        return Answer(question, text, (), True, mode)
    held = f"the {status.articles:,} articles indexed here" if status.articles > 1 else "the one article indexed here"
    oldest, newest = to_date(status.oldest), to_date(status.newest)
    if oldest and newest:
        held += f", published from {human_date(oldest)} to {human_date(newest)}"
    if status.sources:
        held += f" ({', '.join(status.sources[:5])}{', ...' if len(status.sources) > 5 else ''})"
    text = (
        f"{_opening(question)}I answer questions from {held}: each answer quotes and cites the passages it "
        "rests on, and says so when they do not hold the answer."
    )
    if examples:
        text += " Try: " + "; ".join(f'"{e}"' for e in examples[:3])
    return Answer(question, text, (), True, mode)


def _opening(question: str) -> str:
    """A reply to a greeting or to thanks before the rest ("Hello. ", "You're welcome. ")."""
    said = question.strip().lower()
    if said.startswith(("thank", "thx", "ty", "cheers", "great", "ok")):
        return "You're welcome. "
    if said.startswith(("hi", "hello", "hey", "howdy", "good")):
        return "Hello. "
    return ""
