"""Frozen records passed between the steps of the pipeline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal, get_args

from rag.dates import describe_period, human_date, parse_date
from rag.errors import BadInput

SearchMode = Literal["dense", "bm25", "hybrid", "rerank"]
AnswererName = Literal["extractive", "llm"]  # which answerer to use
# which answerer wrote an answer ("llama-index": the evaluation's CitationQueryEngine baseline)
AnswerMode = Literal["extractive", "llm", "extractive (llm fallback)", "llama-index"]
Precision = Literal["int8", "fp32"]  # what the embedding model computes in


def answerer_name(value: str | None) -> AnswererName | None:
    """``value`` as an answerer's name (None or "" for the default); ``BadInput`` if unknown."""
    if not value:
        return None
    for name in get_args(AnswererName):
        if value == name:
            return name
    raise BadInput(f"answerer {value!r} is unknown: use one of {', '.join(get_args(AnswererName))}")


@dataclass(frozen=True)
class Filters:
    """Which articles a search may return. Dates are read by ``rag.dates.parse_date`` (any
    form it accepts, kept as YYYY-MM-DD, both ends inclusive); a wrong one is ``BadInput``.
    ``since`` and ``until`` keep dated articles only; ``as_of`` leaves out those published
    after it and keeps undated ones (nothing says they are later)."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    as_of: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until", "as_of"):
            value = getattr(self, name)
            object.__setattr__(self, name, parse_date(value, name) if value else None)
        object.__setattr__(self, "source", self.source or None)

    def __bool__(self) -> bool:
        return bool(self.source or self.since or self.until or self.as_of)

    def up_to(self, day: date) -> Filters:
        """These filters, and nothing published after ``day``."""
        return replace(self, as_of=min(self.as_of or "9999-12-31", day.isoformat()))

    def within(self, window: TimeWindow) -> Filters:
        """These filters, and only articles published in ``window``."""
        first, last = window.start.isoformat(), window.end.isoformat()
        return replace(self, since=max(first, self.since or first), until=min(last, self.until or last))


@dataclass(frozen=True)
class TimeWindow:
    """Articles published from ``start`` to ``end`` (both included), set by ``phrase``."""

    start: date
    end: date
    phrase: str

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "phrase": self.phrase}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def widened(self, as_of: date) -> TimeWindow:
        """Twice as long: as far again into the past, and as far forward as ``as_of`` allows."""
        forward = max(min(self.days // 2, (as_of - self.end).days), 0)
        back = self.days - forward
        return TimeWindow(self.start - timedelta(days=back), self.end + timedelta(days=forward), self.phrase)

    def describe(self) -> str:
        """'4 to 10 January 2025', '28 December 2024 to 3 January 2025', '10 January 2025'."""
        return describe_period(self.start, self.end)


@dataclass(frozen=True)
class ArticleFields:
    """An article's parts as a record or a message states them, before ``rag.corpus`` builds
    the :class:`Article`; each "" when it states none."""

    id: str
    title: str
    text: str
    source: str
    url: str
    published: str
    author: str = ""


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is the body the chunks and citations point into."""

    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str = ""  # ISO date YYYY-MM-DD or ""
    path: str = ""  # the file it came from (absolute)
    content_hash: str = ""
    related: tuple[str, ...] = ()  # titles of related articles listed by the site
    # who wrote it, as its metadata states ("Alice Carter and Tom Reed"); a byline in the text
    # is read from the text (``rag.bylines``)
    author: str = ""


@dataclass(frozen=True)
class Chunk:
    """A passage of an article: ``article.text[start:end] == text``."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    position: int
    title: str = ""
    published: str = ""
    source: str = ""
    # (start, end) of each sentence in ``text``, found at index time; None: not stored or not read
    sentences: tuple[tuple[int, int], ...] | None = None

    @property
    def model_text(self) -> str:
        return model_text(self.title, self.text)


def model_text(title: str, text: str) -> str:
    """A passage as the embedding model and BM25 read it: its article's title, a newline, the
    text (the text alone when there is no title)."""
    return f"{title}\n{text}" if title else text


def rerank_text(title: str, text: str) -> str:
    """A passage (or one of its sentences) as the cross-encoder reads it: "Title. text"."""
    return f"{title}. {text}"


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the score of the stage that ranked it (higher is better)."""

    chunk: Chunk
    score: float
    rank: int
    stage: str = ""


@dataclass(frozen=True)
class Citation:
    """A numbered reference: ``quote == article.text[start:end]``."""

    n: int
    article_id: str
    title: str
    published: str
    source: str
    chunk_id: str
    quote: str
    start: int
    end: int
    # the heading a quoted list line stands under, in the same passage: a winners list's
    # category ("Best musical" over 'WINNER: "Schmigadoon!"'), "" for any other quote
    under: str = ""

    @classmethod
    def of(cls, n: int, chunk: Chunk, start: int, end: int, under: str = "") -> Citation:
        """Citation ``n`` quoting ``chunk``'s article text from ``start`` to ``end`` (article
        offsets inside the chunk): the one way both answerers build citations."""
        quote = chunk.text[start - chunk.start : end - chunk.start]
        return cls(n, chunk.article_id, chunk.title, chunk.published, chunk.source, chunk.id, quote, start, end, under)


def listed(items: Sequence[str]) -> str:
    """Items written as an English list: "A", "A and B", "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def unique(names: Sequence[str]) -> list[str]:
    """``names`` once each, in order, less one that only runs the others together (a scraped
    author list's "Jeremy Herb Kylie Atwood" before "Jeremy Herb", "Kylie Atwood")."""
    out = list(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    joined = [n for n in out if len(out) > 2 and n == " ".join(o for o in out if o != n)]
    return [n for n in out if n not in joined]


def unlisted(text: str) -> list[str]:
    """The items of a list however it is joined: "A, B and C", "A, B, and C" or "A, B"."""
    return re.split(r",\s+(?:and\s+)?|\s+and\s+", text)


@dataclass(frozen=True)
class ShortAnswer:
    """The thing asked for, copied verbatim from the quote of citation ``citation``:
    ``article.text[start:end]`` for one item; for a list, each of ``parts`` (article offsets)
    is an item and ``text`` lists them as English does (``listed``: "A, B and C")."""

    text: str
    article_id: str
    start: int
    end: int
    citation: int
    parts: tuple[tuple[int, int], ...] = ()
    # the day (YYYY-MM-DD) a date written without its year stands for ("Tuesday night",
    # "yesterday", "Jan. 15"), read against its article's publication date
    day: str = ""
    label: str = ""  # the kind of thing it is (spaCy's label: PERSON, GPE, DATE ...), when known
    # when the question asks how long ago (or until) and the text is a date: the time from it
    # to the day asked ("50 years"), and the two ends counted between ("1976 to 2 April 2026")
    reckoned: str = ""
    counted: str = ""

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.start, self.end),)

    @property
    def value(self) -> str:
        """What the short answer says: the time counted (``reckoned``), else its text."""
        return self.reckoned or self.text

    @property
    def shown(self) -> str:
        """The text as a reader sees it: a time counted with its two ends, a date without its
        year followed by its day."""
        if self.reckoned:
            return f"{self.reckoned} ({self.counted})"
        return f"{self.text} ({human_date(date.fromisoformat(self.day))})" if self.day else self.text

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "citation": self.citation,
        }
        if self.parts:
            out["parts"] = [list(p) for p in self.parts]
        if self.day:
            out["day"] = self.day
        if self.reckoned:
            out["reckoned"], out["counted"] = self.reckoned, self.counted
        return out


@dataclass(frozen=True)
class Answer:
    """An answer with its verified citations, or an abstention with related passages."""

    question: str
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    mode: AnswerMode
    passages: tuple[Hit, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    standalone_question: str = ""
    score: float | None = None  # the extractive answerer's best sentence score (abstains below threshold)
    short: ShortAnswer | None = None  # the thing asked for, when the question asks for one
    as_of: str = ""  # the day the question was asked (YYYY-MM-DD): nothing published later is used
    time_window: TimeWindow | None = None  # the period the question names, as read
    time_notes: tuple[str, ...] = ()  # where in time the answer was looked for, and how old it is

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "short_answer": None if self.short is None else self.short.to_json(),
            "answer": self.text,
            "abstained": self.abstained,
            "mode": self.mode,
            "citations": [asdict(c) for c in self.citations],
            "passages": [hit_json(h) for h in self.passages],
            "timings_ms": {k: round(v, 1) for k, v in self.timings.items()},
            "warnings": list(self.warnings),
            "standalone_question": self.standalone_question,
            "score": None if self.score is None else round(self.score, 3),
            "as_of": self.as_of,
            "time_window": None if self.time_window is None else self.time_window.to_json(),
            "time_notes": list(self.time_notes),
        }


def hit_json(hit: Hit) -> dict[str, Any]:
    c = hit.chunk
    return {
        "rank": hit.rank,
        "score": round(float(hit.score), 4),
        "stage": hit.stage,
        "chunk_id": c.id,
        "article_id": c.article_id,
        "title": c.title,
        "published": c.published,
        "source": c.source,
        "start": c.start,
        "end": c.end,
        "text": c.text,
    }


def article_json(article: Article) -> dict[str, Any]:
    """One article for a reader who opens a citation: the text its offsets point into."""
    return {
        "article_id": article.id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "author": article.author,
        "url": article.url,
        "text": article.text,
    }


def answer_text(answer: Answer, markdown: bool = False) -> str:
    """The answer as a reader sees it: the short answer first, the cited sentences, notes on
    dates, then the sources with their quotes (or related passages, for an abstention).
    ``markdown``: the short answer in bold and one list item per source (chat front ends)."""
    parts = []
    if answer.short is not None:
        short = f"**{answer.short.shown}**" if markdown else answer.short.shown
        parts.append(f"{short} [{answer.short.citation}]")
    parts.append("\n".join([answer.text, *(f"({n})" for n in answer.time_notes if n not in answer.text)]))
    lines = []
    for c in answer.citations:
        where = ", ".join(x for x in (c.source, c.published) if x)
        title, quote = f"[{c.n}] {c.title}{f' ({where})' if where else ''}", " ".join(c.quote.split())
        quote = f'"{quote}"' + (f' (under "{c.under}")' if c.under else "")
        lines.append(f"- {title}: {quote}" if markdown else f"{title}\n    {quote}")
    if lines:
        parts.append("\n".join(["Sources:", *lines]))
    elif answer.passages:
        related = [
            f"- {h.chunk.title} ({h.chunk.published or 'undated'}): {' '.join(h.chunk.text.split())[:160]}..."
            for h in answer.passages[:3]
        ]
        parts.append("\n".join(["Related passages (not an answer):", *related]))
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Status:
    """What an index holds and how it was built (``rag status``)."""

    home: str
    chroma: str  # "embedded" or "server URL"
    embed_model: str
    rerank_model: str
    chunk_size: int
    chunk_overlap: int
    indexed: bool = False
    articles: int = 0
    chunks: int = 0
    sources: tuple[str, ...] = ()
    built_with: str = ""  # the embedding model the index was built with
    interrupted: bool = False  # an index run stopped before it finished; the next one repairs it
    oldest: str = ""  # the first and last publication dates of its articles (YYYY-MM-DD)
    newest: str = ""
    undated: int = 0  # articles without a date: kept for any ``as_of``, held by no period

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
