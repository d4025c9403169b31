"""Answers with verified citations.

The extractive answerer (default, no LLM) splits the reranked passages into sentences,
scores each against the question with the cross-encoder plus an answer-type check (a name
for "who", a date for "when", a number for "how many", ...), and answers with the best one
to three sentences, each cited. Below a calibrated score it abstains and lists the closest
passages as related, not as support.

Every citation, whoever wrote the answer, passes ``verify``: its quote must be found
verbatim at ``article.text[start:end]`` of a passage that was given to the answerer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from rag.followup import make_standalone
from rag.models import Reranker
from rag.records import Answer, AnswerMode, Citation, Hit, rerank_text
from rag.sentences import sentence_spans, words

NOT_IN_CORPUS = "The indexed articles do not answer this."


@dataclass(frozen=True)
class Sentence:
    hit: Hit
    start: int  # offsets into the article
    end: int
    text: str


def candidate_sentences(hits: Sequence[Hit]) -> list[Sentence]:
    out: list[Sentence] = []
    seen: set[str] = set()
    for hit in hits:
        c = hit.chunk
        for s, e in c.sentences if c.sentences is not None else sentence_spans(c.text):
            text = c.text[s:e]
            key = " ".join(words(text))
            if len(key) < 12 or key in seen:
                continue
            seen.add(key)
            out.append(Sentence(hit, c.start + s, c.start + e, text))
    return out


# -- answer types -------------------------------------------------------------------
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(tember)?|oct(ober)?|nov(ember)?|dec(ember)?"
)
_TYPE_PATTERNS: dict[str, re.Pattern[str]] = {
    "person": re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+"),
    "time": re.compile(
        rf"\b((19|20)\d\d|{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"today|yesterday|tomorrow|week|month|year|decade|century|morning|evening|night)\b",
        re.I,
    ),
    "place": re.compile(r"\b(in|at|to|from|near|across|outside)\s+(the\s+)?[A-Z][a-zA-Z.-]+"),
    "number": re.compile(
        r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"dozens?|hundreds?|thousands?|millions?|billions?)\b|%|\$",
        re.I,
    ),
}


def answer_type(question: str) -> str:
    q = question.lower().strip()
    if re.match(r"^(who|whom|whose)\b", q) or re.search(r"\b(which|what) (person|people|man|woman|leader)\b", q):
        return "person"
    if re.match(r"^when\b", q) or re.search(r"\b(what|which) (year|date|day|month|time)\b", q):
        return "time"
    if re.match(r"^where\b", q) or re.search(r"\b(which|what) (city|country|state|place|town|region)\b", q):
        return "place"
    if re.match(r"^how (many|much|long|old|far)\b", q) or re.search(r"\b(what|which) (number|percentage|amount)\b", q):
        return "number"
    return ""


def type_match(kind: str, sentence: str) -> bool:
    pattern = _TYPE_PATTERNS.get(kind)
    return bool(pattern and pattern.search(sentence))


# -- extractive answerer -----------------------------------------------------------
@dataclass(frozen=True)
class ExtractiveConfig:
    threshold: float = 0.0  # best sentence score below which the answerer abstains (calibrated, docs/EVAL.md)
    type_bonus: float = 1.5
    max_sentences: int = 3
    margin: float = 1.0  # extra sentences must score within this of the best
    passages: int = 5


def score_sentences(
    reranker: Reranker, question: str, sentences: Sequence[Sentence], kind: str, bonus: float
) -> np.ndarray:
    if not sentences:
        return np.zeros(0, dtype=np.float32)
    scores = reranker.score(question, [rerank_text(s.hit.chunk.title, s.text) for s in sentences])
    if kind:
        scores = scores + np.array([bonus if type_match(kind, s.text) else 0.0 for s in sentences], dtype=np.float32)
    return scores


class Answerer(Protocol):
    """What the pipeline asks of an answerer (extractive here, the LLM in ``rag.llm``)."""

    mode: AnswerMode

    def standalone(self, question: str, history: Sequence[str]) -> str:
        """A follow-up question made standalone from the earlier ones (oldest first)."""
        ...

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Text as it is written, if any, then the ``Answer`` (before ``verify``), last."""
        ...

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer: ...


class ExtractiveAnswerer:
    mode: AnswerMode = "extractive"

    def __init__(self, reranker: Callable[[], Reranker], config: ExtractiveConfig | None = None) -> None:
        self._reranker = reranker
        self.config = config or ExtractiveConfig()

    def standalone(self, question: str, history: Sequence[str]) -> str:
        return make_standalone(question, history)

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        yield self.answer(question, hits)

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        cfg = self.config
        passages = list(hits[: cfg.passages])
        sentences = candidate_sentences(passages)
        kind = answer_type(question)
        scores = score_sentences(self._reranker(), question, sentences, kind, cfg.type_bonus)
        top = float(scores.max()) if len(scores) else None
        if top is None or top < cfg.threshold:
            return replace(abstain(question, passages, self.mode), score=top)
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        chosen: list[Sentence] = []
        for i in order[: cfg.max_sentences]:
            if chosen and float(scores[i]) < best - cfg.margin:
                break
            chosen.append(sentences[int(i)])
        # read them in article order when they come from one passage
        chosen.sort(key=lambda s: (passages.index(s.hit), s.start))
        citations = tuple(Citation.of(n, s.hit.chunk, s.start, s.end) for n, s in enumerate(chosen, start=1))
        text = " ".join(f"{_inert_markers(' '.join(c.quote.split()))} [{c.n}]" for c in citations)
        return Answer(
            question=question,
            text=text,
            citations=citations,
            abstained=False,
            mode=self.mode,
            passages=tuple(passages),
            score=best,
        )


def _inert_markers(text: str) -> str:
    """Bracketed numbers inside article text ("[3]") must not read as our citation markers."""
    return re.sub(r"\[(\d{1,3})\]", r"(\1)", text)


def abstain(question: str, passages: Sequence[Hit], mode: AnswerMode, warnings: tuple[str, ...] = ()) -> Answer:
    return Answer(
        question=question,
        text=NOT_IN_CORPUS,
        citations=(),
        abstained=True,
        mode=mode,
        passages=tuple(passages),
        warnings=warnings,
    )


# -- verification ------------------------------------------------------------------
def verify(answer: Answer, article_text: Callable[[str], str | None]) -> Answer:
    """Drop citations whose quote is not verbatim in a given passage of its article.

    An answer left with no valid citation abstains (its passages stay as related)."""
    given = {h.chunk.id: h.chunk for h in answer.passages}
    valid: list[Citation] = []
    for c in answer.citations:
        chunk = given.get(c.chunk_id)
        text = article_text(c.article_id)
        if (
            chunk is None
            or text is None
            or chunk.article_id != c.article_id
            or not (chunk.start <= c.start < c.end <= chunk.end)
            or text[c.start : c.end] != c.quote
        ):
            continue
        valid.append(c)
    if answer.abstained or len(valid) == len(answer.citations):
        return answer
    if not valid:
        return abstain(answer.question, answer.passages, answer.mode, answer.warnings)
    dropped = {c.n for c in answer.citations} - {c.n for c in valid}
    text = answer.text
    for n in dropped:
        text = text.replace(f"[{n}]", "")
    return replace(answer, text=" ".join(text.split()), citations=tuple(valid))
