"""Follow-up questions made standalone before retrieval (extractive mode, no LLM).

"Where will they meet?" after "Who attends the 2+2?" leans on the earlier question: its
content words are carried over, giving "Where will they meet? (attends 2+2)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.asks import wanted
from rag.entities import SCORE
from rag.sentences import words

_LEANING = re.compile(
    r"\b(they|them|their|theirs|he|him|his|she|her|hers|it|its|there|that|this|those|these|"
    r"the same|then)\b",
    re.I,
)
_STOP_WORDS = """a an the and or of to in on at for by with from about as is are was were be been being do does did
who whom whose what which when where why how will would can could should may might must shall
this that these those it its they them their he him his she her i you we us our your me my
there here than then so if not no yes any some all many much more most"""
_STOP = frozenset(_STOP_WORDS.split())


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w+&'-]+", text) if w.lower() not in _STOP]


def asked_words(question: str) -> list[str]:
    """The question's content words, lower case."""
    return words(" ".join(content_words(question)))


def leans_on_previous(question: str) -> bool:
    """Whether ``question`` says what it is about only through the one before: a pronoun, one
    content word, or a score that names no game ("What was the final score?")."""
    if _LEANING.search(question) or len(content_words(question)) < 2:
        return True
    want = wanted(question)
    return want is not None and want.labels == (SCORE,) and not _NAMED.search(question)


_NAMED = re.compile(r"(?<=\S)\s+[\"“]?[A-Z0-9]")  # a name or a number after the first word


def make_standalone(question: str, history: Sequence[str]) -> str:
    """``question`` with the subject of the last earlier question carried over when it leans on it."""
    previous = [h for h in history if h and h.strip()]
    if not previous or not leans_on_previous(question):
        return question
    carried = [w for w in content_words(previous[-1]) if w.lower() not in question.lower()]
    return f"{question} ({' '.join(carried)})" if carried else question
