"""Frozen records passed between the steps of the pipeline."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SearchMode = Literal["dense", "bm25", "hybrid", "rerank"]


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


@dataclass(frozen=True)
class Answer:
    """An answer with its verified citations, or an abstention with related passages."""

    question: str
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    mode: str
    passages: tuple[Hit, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    standalone_question: str = ""
    score: float | None = None  # the extractive answerer's best sentence score (abstains below threshold)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "mode": self.mode,
            "citations": [asdict(c) for c in self.citations],
            "passages": [hit_json(h) for h in self.passages],
            "timings_ms": {k: round(v, 1) for k, v in self.timings.items()},
            "warnings": list(self.warnings),
            "standalone_question": self.standalone_question,
            "score": None if self.score is None else round(self.score, 3),
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
