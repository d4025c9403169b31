"""Questions about an article itself: who wrote it, which outlet published it and when ("Who
wrote the article about the Marlow harbour?", "Which newspaper ran the story on the Dunmore
bridge?", "When was the article about ... published?"), and what it says ("Summarize the
article about ...", answered by ``rag.summaries``).

``about_article`` reads such a question as what it asks for (``author``, ``outlet``,
``published`` or ``summary``) and the article's subject ("the Marlow harbour"), which is
searched and answered as any question is. The article the answer cites first is the one
asked about; ``credited`` then answers from the masthead among its opening lines ("By Alice
Carter and Tom Reed, Coast News", "Friday 7 March 2025, 10:42 GMT": lines
``rag.stated.is_masthead`` reads), quoting and citing the line like any sentence, with the
subject's sentence cited beside it. A masthead says nothing the story tells, so it is never
quoted for other questions (``rag.sentences.quotable``); here it is the answer.

An article whose text has no such line is answered from its metadata (the author a web
page's meta tags, a JSON record or a text file's header gives, the source and the date it
was read with), said as such; one that names no author anywhere is said to name none,
rather than answered with a name from its story. A question whose subject the index does not
hold abstains as any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rag.answer import NOT_IN_CORPUS, inert_markers
from rag.dates import human_date, to_date
from rag.records import Answer, Article, Chunk, Citation, Hit, ShortAnswer
from rag.sentences import opening_lines
from rag.stated import Span, masthead_parts

Field = Literal["author", "outlet", "published", "summary"]

# what names the article: "a report" or "an op-ed" is as often a thing the news tells of
# ("Who wrote an op-ed urging ...?"), and so is a story that is not about something
_KIND = r"(?:news|opinion|profile|feature|cover|front-page|online)"  # "the profile piece"
_ARTICLE = rf"(?:{_KIND}\s+)?(?:article|story|piece|column)|news\s+report"
# "the article", "this week's story": the possessive's words are part of the subject
_DET = r"(?:the|this|that|(?P<owner>(?:\w+\s+){0,2}?\w+)['’]s)"
_SUBJECT = (
    r"\s+(?:about|on|covering|regarding|concerning|titled|entitled|called|headlined"
    r"|that\s+(?:covered|reported\s+on|was\s+about))"
    r"\s+(?P<subject>.+?)"
)
# the article asked about and what it tells of: "the article about the Marlow harbour"
_THE = rf"{_DET}\s+(?:{_ARTICLE}){_SUBJECT}"
_WROTE = r"(?:wrote|authored|penned|filed|reported)"
_WRITER = r"(?:reporter|journalist|writer|author|correspondent|columnist)s?"
_OUTLET = (
    r"(?:newspaper|paper|outlet|news\s+outlet|media\s+outlet|publication|site|website|magazine|news\s+site"
    r"|news\s+organi[sz]ation|news\s+agency|network)"
)
_RAN = r"(?:published|ran|carried|printed|wrote|reported|filed|posted)"


def _compiled(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


_AUTHOR = _compiled(
    rf"who\s+{_WROTE}\s+{_THE}",
    rf"(?:which|what)\s+{_WRITER}\s+{_WROTE}\s+{_THE}",
    rf"who\s+(?:is|was|are|were)\s+(?:the\s+)?{_WRITER}\s+(?:of|behind)\s+{_THE}",
    rf"whose\s+byline\s+(?:is|was)\s+on\s+{_THE}",
    rf"{_THE}\s+(?:is|was)\s+(?:written|authored|reported)\s+by\s+whom",
)
_OUTLET_ASKED = _compiled(
    rf"(?:which|what)\s+{_OUTLET}\s+{_RAN}\s+{_THE}",
    rf"who\s+(?:published|ran|carried|printed)\s+{_THE}",
    rf"where\s+(?:was|is)\s+{_THE}\s+(?:published|printed|posted)",
    rf"in\s+(?:which|what)\s+{_OUTLET}\s+(?:was|did)\s+{_THE}\s+(?:published|appear|run)",
)
_PUBLISHED = _compiled(
    rf"when\s+(?:was|is)\s+{_THE}\s+(?:published|written|posted|filed|printed)",
    rf"(?:on\s+)?what\s+(?:date|day)\s+(?:was|is)\s+{_THE}\s+(?:published|written|posted|filed|printed)",
    rf"when\s+did\s+{_THE}\s+(?:come\s+out|appear|run)",
)
# "give me a summary of ...", "could I get a summary of ...", "I want a summary of ..."
_GIVE = (
    r"(?:(?:please\s+)?(?:give|show|send)\s+me|(?:can|could)\s+(?:you\s+give\s+me|i\s+(?:get|have))"
    r"|i\s+(?:want|need))"
)
_SUMMARY = _compiled(
    rf"(?:(?:please|(?:can|could|would)\s+you)\s+)?(?:summari[sz]e|sum\s+up|recap)\s+{_THE}(?:\s+for\s+me)?(?:\s+please)?",
    rf"(?:{_GIVE}\s+)?(?:a|the)\s+(?:(?:short|brief|quick)\s+)?(?:summary|synopsis|rundown|recap|gist)\s+of\s+{_THE}",
    rf"what\s+(?:does|did)\s+{_THE}\s+say",
    rf"what\s+(?:is|was)\s+the\s+gist\s+of\s+{_THE}",
    rf"tl;?dr(?:\s+of)?:?\s+{_THE}",
)
_ASKS: tuple[tuple[Field, tuple[re.Pattern[str], ...]], ...] = (
    ("author", _AUTHOR),
    ("outlet", _OUTLET_ASKED),
    ("published", _PUBLISHED),
    ("summary", _SUMMARY),
)


@dataclass(frozen=True)
class AboutArticle:
    """A question about an article: ``field`` asked for, of the article that tells of
    ``subject`` (searched and answered as a question of its own)."""

    field: Field
    subject: str
    # the subject is the question before, asked again as it was asked: the article is the one
    # its answer cites first ("Who wrote that article?", "Summarize it")
    earlier: bool = False


def about_article(question: str, earlier: str = "") -> AboutArticle | None:
    """What ``question`` asks about an article, or None for a question about the news. An
    article named without its subject ("Who wrote that article?", "Summarize it") is the one
    ``earlier``, the question before, was answered from: that question is asked again, as it
    was asked (``AboutArticle.earlier``)."""
    asked = " ".join(question.split()).rstrip(" ?.!")
    found = _read(asked)
    if found is not None and found.subject.lower() not in _PRONOUNS:
        return found
    if found is None and _SUMMARIZE_IT.fullmatch(asked):  # "Summarize it", after a question
        found = AboutArticle("summary", _LONE)
    if found is None:
        lone = _NOUN.sub(lambda m: f"{m[0]} about {_LONE}", asked, count=1)
        if lone == asked or (found := _read(lone)) is None or found.subject != _LONE:
            return None
    if not earlier.strip():  # "the article about it", with nothing asked before
        return None
    return AboutArticle(found.field, " ".join(earlier.split()), earlier=True)


_SUMMARIZE_IT = re.compile(
    r"(?:(?:please|(?:can|could|would)\s+you)\s+)?"
    r"(?:summari[sz]e(?:\s+(?:it|that|this))?|sum\s+(?:(?:it|that|this)\s+)?up(?:\s+(?:it|that|this))?|tl;?dr)"
    r"(?:\s+for\s+me)?(?:\s+please)?",
    re.IGNORECASE,
)
_NOUN = re.compile(r"\b(?:article|story|piece|column)\b", re.IGNORECASE)
_LONE = "\x00"  # stands for the subject a question leaves out
_PRONOUNS = frozenset({"it", "this", "that", "them", "him", "her"})  # "the article about it"


def _read(asked: str) -> AboutArticle | None:
    for field, patterns in _ASKS:
        for pattern in patterns:
            if (m := pattern.fullmatch(asked)) is None:
                continue
            owner = m["owner"] or ""
            told = m["subject"].strip("\"“”‘’'")  # "the article titled “...”"
            subject = told if owner.lower() in ("", "the", "this", "that") else f"{told} {owner}"
            return AboutArticle(field, subject)
    return None


def masthead(opening: str) -> dict[Field, tuple[Span, Span]]:
    """What the masthead lines among the first of an article's ``opening`` name (where
    ``rag.sentences.masthead`` finds them; ``rag.stated.masthead_parts``): per field, the
    first line that names it and the name, in the opening's offsets."""
    found: dict[Field, tuple[Span, Span]] = {}
    for m in opening_lines(opening):
        parts = masthead_parts(m[0])
        if not parts:
            continue
        line = (m.start() + len(m[0]) - len(m[0].lstrip()), m.start() + len(m[0].rstrip()))
        for field in _FIELDS:
            if field in parts and field not in found:
                s, e = parts[field]
                found[field] = (line, (m.start() + s, m.start() + e))
    return found


def credited(
    about: AboutArticle,
    answer: Answer,
    first_chunks: Callable[[Sequence[str]], dict[str, Chunk]],
    article: Callable[[str], Article | None],
) -> Answer:
    """``answer`` to the subject's question made the answer to ``about``: what the masthead
    of the cited article's opening passage (from ``first_chunks``, by article id) names,
    its line quoted and cited as [1], the subject's sentence as [2]; else what the
    ``article``'s metadata names (its author, source, date), said as such; else an
    abstention that says the article names none."""
    if answer.abstained or not answer.citations:
        return answer
    told = answer.citations[0]
    opening = first_chunks([told.article_id]).get(told.article_id)
    if opening is None:
        return answer
    found = masthead(opening.text).get(about.field)
    if found is None:
        return _from_metadata(about.field, answer, told, article(told.article_id))
    (ls, le), (s, e) = found
    credit = Citation.of(1, opening, opening.start + ls, opening.start + le)
    short = ShortAnswer(
        opening.text[s:e], opening.article_id, opening.start + s, opening.start + e, 1, label=_FIELDS[about.field]
    )
    cited = (credit,) if (told.start, told.end) == (credit.start, credit.end) else (credit, replace(told, n=2))
    passages = answer.passages
    if all(h.chunk.id != opening.id for h in passages):
        passages = (*passages, Hit(opening, 0.0, len(passages) + 1, "masthead"))
    text = " ".join(_quoted(c, c.n) for c in cited)
    return replace(answer, text=text, citations=cited, short=short, passages=passages)


def _from_metadata(field: Field, answer: Answer, told: Citation, article: Article | None) -> Answer:
    """The answer when no line of the article's text names its ``field``: what its metadata
    gives, the subject's sentence cited, or an abstention that says it names none."""
    day = to_date(told.published) if told.published else None
    shown = f'"{told.title}"'
    if field != "published" and day:
        shown += f" ({human_date(day)})"
    if field == "author" and article is not None and article.author:
        said = f"was written by {article.author}"
    elif field == "outlet" and told.source:
        said = f"was published by {told.source}"
    elif field == "published" and day:
        said = f"was published on {human_date(day)}"
    else:
        kind = "date" if field == "published" else field
        text = f"{NOT_IN_CORPUS[:-1]}: {shown}, the article that tells of it, names no {kind}."
        return replace(answer, text=text, citations=(), abstained=True, short=None)
    text = f"{shown} {said}, as its metadata gives it. {_quoted(told, 1)}"
    return replace(answer, text=text, citations=(replace(told, n=1),), short=None)


# each field a masthead names, and the kind of thing its short answer is (spaCy's label)
_FIELDS: dict[Field, str] = {"author": "PERSON", "outlet": "ORG", "published": "DATE"}


def _quoted(citation: Citation, n: int) -> str:
    return f"{inert_markers(' '.join(citation.quote.split()))} [{n}]"
