"""The answer's sentences: the passages split into sentences (each once), each scored for
the question by the cross-encoder (with its article's title), a sentence that points back at
the one before also scored with it, and the regex answer-type check ("who" wants a name,
"when" a time) that scores sentences when no entity recognizer is configured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.dates import MONTH_NAMES
from rag.entities import QUOTE_CLOSE, QUOTE_OPEN
from rag.models import Reranker
from rag.records import Hit, rerank_text
from rag.sentences import NUMBER_PATTERN, UPDATE_HEADER, quotable, sentence_spans, words


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
        spans = c.sentences if c.sentences is not None else sentence_spans(c.text)
        for s, e in quotable(c.text, spans, opening=c.position == 0):
            text = c.text[s:e]
            key = " ".join(words(text))
            if len(key) < 12 or key in seen:
                continue
            seen.add(key)
            out.append(Sentence(hit, c.start + s, c.start + e, text))
    return out


def readable(hits: Sequence[Hit]) -> list[Hit]:
    """The hits that hold a sentence to cite: a passage of instructions to an AI alone, or of
    headings too short to cite, takes no place among those answered from."""
    return [h for h in hits if candidate_sentences([h])]


# -- answer types: the regex check ------------------------------------------------
_TYPE_PATTERNS: dict[str, re.Pattern[str]] = {
    "person": re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+"),
    "time": re.compile(
        rf"\b((19|20)\d\d|{MONTH_NAMES}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"today|yesterday|tomorrow|week|month|year|decade|century|morning|evening|night|spring|summer|autumn|winter)\b",
        re.I,
    ),
    "place": re.compile(r"\b(in|at|to|from|near|across|outside)\s+(the\s+)?[A-Z][a-zA-Z.-]+"),
    "number": re.compile(
        rf"\b\d[\d,.]*\b|\b({NUMBER_PATTERN}|dozens|hundreds|thousands|millions|billions)\b|%|\$",
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


def score_sentences(reranker: Reranker, question: str, sentences: Sequence[Sentence]) -> np.ndarray:
    """The cross-encoder's score of each sentence (with its article's title) for the question."""
    if not sentences:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(reranker.score(question, [rerank_text(s.hit.chunk.title, s.text) for s in sentences]))


# a sentence that opens by naming an event of the one before ("The incident prompted ...");
# a pronoun ("This", "They") points back too, but as often at a thing the answer is not
# about (docs/EVAL.md, "Sentences that name the event before them")
_POINTS_BACK = re.compile(
    r"^the (incident|move|decision|change|event|step|plan|deal|error|mistake|announcement)\b", re.I
)


# a winners list's line: "WINNER: "Anora"", under its category's heading
_WINNER = re.compile(r"^(?:WINNER|Winner)\s*[:\-–—]\s*\S")
_LINES_UP = 12  # a winner line's heading is found this many lines above it at most
_HEADING_WORDS = 15  # ... and has at most this many words
_QUOTE_MARKS = re.compile(f"[{re.escape(QUOTE_OPEN + QUOTE_CLOSE)}]")


def winner_line(text: str) -> bool:
    """Whether ``text`` is a winners list's line ("WINNER: "Anora"")."""
    return _WINNER.match(text) is not None


def heading_of(sentence: Sentence) -> str:
    """The heading a winners list's line falls under, in its passage: the nearest line above
    it that names no title in quotation marks (those are the category's other nominees, as in
    "Best musical / "The Lost Boys" / WINNER: "Schmigadoon!""), is short, and is no winner
    line itself; "" for any other sentence, or when there is none."""
    if not winner_line(sentence.text):
        return ""
    chunk = sentence.hit.chunk
    lines = [line.strip() for line in chunk.text[: sentence.start - chunk.start].split("\n") if line.strip()]
    for line in reversed(lines[-_LINES_UP:]):
        if winner_line(line) or len(line.split()) > _HEADING_WORDS:
            return ""
        if not _QUOTE_MARKS.search(line):
            return line
    return ""


_HEADER_END = re.compile(rf"(?:{UPDATE_HEADER.pattern})\Z")  # a live blog's update header, ending the text


def after_headline(before: Sentence, sentence: Sentence) -> bool:
    """Whether ``sentence`` opens a live blog's update whose headline is ``before``, its
    reporter's name between them ("Who won the last World Cup?" | Jesse Yomtov | "Argentina
    won the 2022 World Cup ...": ``rag.liveblog``)."""
    chunk = sentence.hit.chunk
    if before.hit != sentence.hit or before.end >= sentence.start:
        return False
    gap = chunk.text[before.end - chunk.start : sentence.start - chunk.start]
    opening = chunk.text[: before.start - chunk.start]
    return bool(gap.strip()) and "\n" not in gap and _HEADER_END.search(opening) is not None


def with_antecedents(
    reranker: Reranker, question: str, sentences: Sequence[Sentence], relevance: np.ndarray
) -> np.ndarray:
    """A sentence that opens by naming an event of the one before it in its passage also
    scored together with that one, keeping the higher score: "The incident prompted reviews
    ..." answers "What did the misstep prompt?" only after "... a temporary misstep in the
    system ..."; a winners list's line ("WINNER: Adrien Brody, "The Brutalist"") is scored
    with the heading of its category ("Best actor", ``heading_of``), and a live blog's update
    with its headline (``after_headline``)."""
    pairs = [
        (i, sentences[i - 1].text + " " + s.text)
        for i, s in enumerate(sentences)
        if i and sentences[i - 1].hit == s.hit and (_POINTS_BACK.match(s.text) or after_headline(sentences[i - 1], s))
    ]
    pairs += [(i, heading + " " + s.text) for i, s in enumerate(sentences) if (heading := heading_of(s))]
    if not pairs:
        return relevance
    joined = reranker.score(question, [rerank_text(sentences[i].hit.chunk.title, text) for i, text in pairs])
    out = relevance.copy()
    for (i, _), score in zip(pairs, joined, strict=True):
        out[i] = max(out[i], float(score))
    return out
