"""Questions about an article itself: who wrote it, and which outlet published it ("Who wrote
the article about the Marlow harbour?", "Which newspaper ran the story on the Dunmore
bridge?").

``about_article`` reads such a question as what it asks for (``author`` or ``outlet``) and
the article's subject ("the Marlow harbour"), which is searched and answered as any question
is. The article the answer cites first is the one asked about; ``credited`` then answers
from the byline among its opening lines ("By Alice Carter and Tom Reed, Coast News", a
masthead line ``rag.stated.is_masthead`` reads), which it quotes and cites like any sentence,
with the subject's sentence cited beside it. The text of a byline says nothing the story tells,
so it is never quoted for other questions (``rag.sentences.quotable``); here it is the answer.

An article without a byline in its text is answered from its metadata (the author a web
page's meta tags, a JSON record or a text file's header gives, the source it was read
with), said as such; one that names no author anywhere is said to name none, rather than
answered with a name from its story. A question whose subject the index does not hold
abstains as any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rag.answer import NOT_IN_CORPUS, inert_markers
from rag.dates import human_date, to_date
from rag.records import Answer, Article, Chunk, Citation, Hit, ShortAnswer
from rag.sentences import MASTHEAD_LINES
from rag.stated import byline_parts

Field = Literal["author", "outlet"]

# what names the article: "a report" or "an op-ed" is as often a thing the news tells of
# ("Who wrote an op-ed urging ...?"), and so is a story that is not about something
_KIND = r"(?:news|opinion|profile|feature|cover|front-page|online)"  # "the profile piece"
_ARTICLE = rf"(?:{_KIND}\s+)?(?:article|story|piece|column)|news\s+report"
# "the article", "this week's story": the possessive's words are part of the subject
_DET = r"(?:the|this|that|(?P<owner>(?:\w+\s+){0,2}?\w+)['’]s)"
_SUBJECT = (
    r"\s+(?:about|on|covering|regarding|concerning|that\s+(?:covered|reported\s+on|was\s+about))"
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
_ASKS: tuple[tuple[Field, tuple[re.Pattern[str], ...]], ...] = (("author", _AUTHOR), ("outlet", _OUTLET_ASKED))


@dataclass(frozen=True)
class AboutArticle:
    """A question about an article: ``field`` asked for, of the article that tells of
    ``subject`` (searched and answered as a question of its own)."""

    field: Field
    subject: str


def about_article(question: str, earlier: str = "") -> AboutArticle | None:
    """What ``question`` asks about an article, or None for a question about the news. An
    article named without its subject ("Who wrote that article?") is the one ``earlier``, the
    question before, was answered from: its subject is that question (or that question's
    subject, when it too asked about an article)."""
    asked = " ".join(question.split()).rstrip(" ?.!")
    if found := _read(asked):
        return found
    lone = _NOUN.sub(lambda m: f"{m[0]} about {_LONE}", asked, count=1)
    if not earlier.strip() or lone == asked or (found := _read(lone)) is None or found.subject != _LONE:
        return None
    prior = about_article(earlier)
    return AboutArticle(found.field, prior.subject if prior else " ".join(earlier.split()))


_NOUN = re.compile(r"\b(?:article|story|piece|column)\b", re.IGNORECASE)
_LONE = "\x00"  # stands for the subject a question leaves out


def _read(asked: str) -> AboutArticle | None:
    for field, patterns in _ASKS:
        for pattern in patterns:
            if (m := pattern.fullmatch(asked)) is None:
                continue
            owner = m["owner"] or ""
            subject = m["subject"] if owner.lower() in ("", "the", "this", "that") else f"{m['subject']} {owner}"
            return AboutArticle(field, subject)
    return None


@dataclass(frozen=True)
class Byline:
    """The byline of an article's opening, in the opening's own offsets: the whole ``line``,
    the ``authors`` it names ("Alice Carter and Tom Reed") and the ``outlet`` after them
    ("Coast News"), each None when it names none."""

    line: tuple[int, int]
    authors: tuple[int, int] | None
    outlet: tuple[int, int] | None


def byline(opening: str) -> Byline | None:
    """The byline among the first lines of an article's ``opening``, where a masthead is
    (``rag.sentences.masthead``, ``rag.stated.byline_parts``)."""
    for m in [m for m in re.finditer(r"[^\n]+", opening) if m[0].strip()][:MASTHEAD_LINES]:
        if (found := byline_parts(m[0])) is None:
            continue
        line, authors, outlet = found
        moved = [(m.start() + s, m.start() + e) if e > s else None for s, e in (line, authors, outlet)]
        assert moved[0] is not None
        return Byline(moved[0], moved[1], moved[2])
    return None


def credited(
    about: AboutArticle,
    answer: Answer,
    first_chunks: Callable[[Sequence[str]], dict[str, Chunk]],
    article: Callable[[str], Article | None],
) -> Answer:
    """``answer`` to the subject's question made the answer to ``about``: what the byline of
    the cited article's opening passage (from ``first_chunks``, by article id) names, quoted
    and cited as [1], the subject's sentence as [2]; else what the ``article``'s metadata
    names (its author, its source), said as such; else an abstention that says the article
    names none."""
    if answer.abstained or not answer.citations:
        return answer
    told = answer.citations[0]
    opening = first_chunks([told.article_id]).get(told.article_id)
    if opening is None:
        return answer
    found = byline(opening.text)
    span = None if found is None else (found.authors if about.field == "author" else found.outlet)
    if found is None or span is None:
        return _from_metadata(about.field, answer, told, article(told.article_id))
    (ls, le), (s, e) = found.line, span
    credit = Citation.of(1, opening, opening.start + ls, opening.start + le)
    short = ShortAnswer(
        opening.text[s:e], opening.article_id, opening.start + s, opening.start + e, 1, label=_LABELS[about.field]
    )
    cited = (credit, replace(told, n=2))
    passages = answer.passages
    if all(h.chunk.id != opening.id for h in passages):
        passages = (*passages, Hit(opening, 0.0, len(passages) + 1, "byline"))
    text = " ".join(_quoted(c, c.n) for c in cited)
    return replace(answer, text=text, citations=cited, short=short, passages=passages)


def _from_metadata(field: Field, answer: Answer, told: Citation, article: Article | None) -> Answer:
    """The answer when no line of the article's text names its ``field``: the name its
    metadata gives, the subject's sentence cited, or an abstention that says it names none."""
    named = (article.author if article else "") if field == "author" else told.source
    day = to_date(told.published) if told.published else None
    shown = f'"{told.title}"' + (f" ({human_date(day)})" if day else "")
    if named:
        verb = "written" if field == "author" else "published"
        text = f"{shown} was {verb} by {named}, as its metadata gives it. {_quoted(told, 1)}"
        return replace(answer, text=text, citations=(replace(told, n=1),), short=None)
    text = f"{NOT_IN_CORPUS[:-1]}: {shown}, the article that tells of it, names no {field}."
    return replace(answer, text=text, citations=(), abstained=True, short=None)


_LABELS: dict[Field, str] = {"author": "PERSON", "outlet": "ORG"}


def _quoted(citation: Citation, n: int) -> str:
    return f"{inert_markers(' '.join(citation.quote.split()))} [{n}]"
