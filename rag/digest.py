"""The news of a period: "What happened this week?", "Top stories from yesterday", "What's
new today?". A question that names a period and asks for nothing but its news has no
search terms left once the period's words are taken out, so it is not searched: the
period's articles are read instead, and its main stories are given, most covered first,
each by the sentence of its first passage that best says what its headline says, cited.
Without a period ("What is the latest news?", "What's new?") it is the newest week the index
holds up to ``as_of``.

Most covered: an article close to several others of the period (their first passages'
vectors, as indexed) tells a story many articles tell. The stories are chosen one after the
other by maximal marginal relevance (Carbonell and Goldstein, 1998): how covered an article
is, less its likeness to the stories already chosen, so five articles on one awards night
make one story, not five.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from rag.answer import NOT_IN_CORPUS, abstain, inert_markers
from rag.answer_sentences import Sentence, candidate_sentences
from rag.catalog import Catalog
from rag.dates import human_date
from rag.models import Reranker
from rag.records import Answer, Chunk, Citation, Filters, Hit, TimeWindow
from rag.timeref import TimeRef
from rag.timesearch import nothing_from
from rag.vectors import VectorStore

STORIES = 5  # stories given
POOL = 500  # the newest articles of the period read, at most
COVERED_BY = 3  # an article's coverage: its mean likeness to its closest 3 others of the period
LEAD_SENTENCES = 6  # the first sentences of a first passage, among which the lead is chosen


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, split at spaces: a set written as one string."""
    return frozenset(text.split())


# a question that asks for the news and nothing else, once its period's words are out
_NEWS = word_set(
    "happened happening happen news headlines headline stories story events going recap recaps summary "
    "summarize summarise digest new updates update"
)
_FILLER = word_set(
    "what what's whats was were is are has have had been did do does the a an in on from of for about me us "
    "tell show give list any all top main biggest big major key important latest there some brief briefing "
    "please can could would you i to be this that it so far else day's week's month's today's world country"
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def asks_for_news(query: str) -> bool:
    """Whether ``query`` (a question without its period's words) asks only for the news:
    "What happened?", "Top stories", "What's new?"; not "What happened to Target?"."""
    ws = _WORD.findall(query.lower().replace("’", "'"))
    return bool(ws) and all(w in _NEWS or w in _FILLER for w in ws) and any(w in _NEWS for w in ws)


@dataclass(frozen=True)
class Digest:
    """The main stories of the period ``ref`` names (one lead passage each, most covered
    first); how many articles it holds, ``read`` of them read (the newest ``POOL``); and when
    it holds none, the newest article date up to ``as_of`` ("" when none is dated)."""

    ref: TimeRef
    window: TimeWindow
    hits: tuple[Hit, ...]
    total: int
    read: int
    newest: str = ""

    def notes(self) -> tuple[str, ...]:
        period, named = self.window.describe(), self.window.phrase
        newest_week = f"no period named: the newest week up to {human_date(self.ref.as_of)}, {period}"
        lines = [f"{named!r} read as articles from {period}" if named else newest_week]
        if not self.total:
            return (*lines, nothing_from(self.window, self.ref.as_of, self.newest))
        newest = f" (the newest {self.read} read)" if self.read < self.total else ""
        if self.total == 1:
            return (*lines, f"the one article from {period}")
        return (*lines, f"the main stories of the {self.total} articles from {period}{newest}, the most covered first")


def stories(catalog: Catalog, store: VectorStore, ref: TimeRef, filters: Filters, k: int = STORIES) -> Digest:
    """The ``k`` main stories of the articles published in the period ``ref`` names (within
    ``filters``), read against ``ref.as_of``; when it names none, in the seven days to the
    newest article date up to ``as_of``."""
    window = ref.window or _newest_week(catalog, ref.as_of, filters.source)
    inside = filters.up_to(ref.as_of).within(window)
    start, end = inside.since or "", min(inside.until or "", inside.as_of or "")
    leads, total = catalog.leads_between(start, end, filters.source, POOL) if start <= end else ([], 0)
    ids, vecs = store.unit_vectors([c.id for c in leads])
    by_id = {c.id: c for c in leads}
    chosen = most_covered([by_id[i] for i in ids], vecs, k)
    newest = "" if total else catalog.newest_published(ref.as_of.isoformat(), filters.source)
    return Digest(ref, window, tuple(chosen), total, len(leads), newest)


def _newest_week(catalog: Catalog, as_of: date, source: str | None) -> TimeWindow:
    newest = catalog.newest_published(as_of.isoformat(), source)
    end = date.fromisoformat(newest) if newest else as_of
    return TimeWindow(end - timedelta(days=6), end, "")


def most_covered(leads: Sequence[Chunk], vecs: np.ndarray, k: int, diverse: bool = True) -> list[Hit]:
    """The ``k`` most covered of ``leads`` (``vecs``: their unit vectors), each chosen for its
    coverage less its likeness to those chosen before it (``diverse``) or for its coverage alone."""
    n = len(leads)
    if n == 0:
        return []
    sims = vecs @ vecs.T
    np.fill_diagonal(sims, -np.inf)
    m = min(COVERED_BY, n - 1)
    covered = np.sort(sims, axis=1)[:, ::-1][:, :m].mean(axis=1) if m else np.zeros(n, dtype=np.float32)
    picked: list[int] = []
    nearest = np.full(n, 0.0, dtype=np.float32)  # each article's likeness to the stories chosen
    for _ in range(min(k, n)):
        gain = covered - nearest if diverse else covered.copy()
        gain[picked] = -np.inf
        best = int(np.argmax(gain))  # ties: the first, which is the newest
        picked.append(best)
        nearest = np.maximum(nearest, np.where(np.isfinite(sims[best]), sims[best], 1.0))
    return [Hit(leads[i], float(covered[i]), rank, "digest") for rank, i in enumerate(picked, start=1)]


# a note about the story, not the story ("Editor's note: This story was first published in
# 2015"); a page's label before the lead ("AI-assisted summary Venice's payment system ...")
_NOTE = re.compile(r"^(?:editor[’']s note|correction|clarification)\b", re.IGNORECASE)
_LABEL = re.compile(r"^AI-assisted summary\s+")
_ENDS = re.compile(r"[.!?][\"”’')]?\s*$")  # a sentence's end, not a label's or a credit's


def pieces(sentence: Sentence, short: bool = False) -> list[Sentence]:
    """A sentence split at its line breaks (a dateline or a byline above the lead's first
    line is no part of it), each piece of six words or more (with ``short``, also a sentence
    of one line that ends as one: "The repairs cost £2.4 million."); an editor's note is
    none, and a label before a piece is cut off."""
    out: list[Sentence] = []
    at = 0
    parts = re.split(r"(\n+)", sentence.text)
    fewest = 1 if short and len(parts) == 1 and _ENDS.search(sentence.text) else 6
    for part in parts:
        body = part.strip()
        if len(part.split()) >= fewest and not part.startswith("\n") and not _NOTE.match(body):
            label = _LABEL.match(body)
            lead = len(part) - len(part.lstrip()) + (label.end() if label else 0)
            text = body[label.end() :] if label else body
            start = sentence.start + at + lead
            out.append(Sentence(sentence.hit, start, start + len(text), text))
        at += len(part)
    return out


def lead_sentence(reranker: Reranker, hit: Hit) -> Sentence | None:
    """The sentence of ``hit``'s opening that best says what its article's title says (the
    first one when it has no title)."""
    sentences = [p for s in candidate_sentences([hit])[:LEAD_SENTENCES] for p in pieces(s)]
    if not sentences or not hit.chunk.title.strip():
        return sentences[0] if sentences else None
    return best_sentence(reranker, hit.chunk.title, sentences)


def best_sentence(reranker: Reranker, query: str, sentences: Sequence[Sentence]) -> Sentence:
    """The one of ``sentences`` (not empty) the cross-encoder scores highest for ``query``."""
    return sentences[int(np.argmax(np.asarray(reranker.score(query, [s.text for s in sentences]))))]


def cited_lines(
    question: str, chosen: Sequence[tuple[Hit, Sentence]], label: Callable[[Hit], str] | None = None
) -> Answer:
    """An answer of one cited sentence per passage, a line each ("- " before it, then what
    ``label`` says of its passage, if given), in the order given."""
    citations = tuple(Citation.of(n, s.hit.chunk, s.start, s.end) for n, (_, s) in enumerate(chosen, start=1))
    heads = [label(h) if label else "" for h, _ in chosen]
    text = "\n".join(
        f"- {head}{inert_markers(' '.join(c.quote.split()))} [{c.n}]" for head, c in zip(heads, citations, strict=True)
    )
    return Answer(question, text, citations, False, "extractive", passages=tuple(h for h, _ in chosen))


def dated(hit: Hit) -> str:
    """What a line on ``hit``'s article starts with: its date ("8 January 2025: ")."""
    try:
        return f"{human_date(date.fromisoformat((hit.chunk.published or '')[:10]))}: "
    except ValueError:
        return "undated: "


def news_answer(question: str, digest: Digest, reranker: Reranker) -> Answer:
    """The answer: one cited lead sentence per story, a line each after its article's date,
    most covered first; for a period without articles, that said (an abstention)."""
    leads = [(h, s) for h in digest.hits if (s := lead_sentence(reranker, h)) is not None]
    notes = digest.notes()
    if leads:
        answer = cited_lines(question, leads, dated)
    else:
        answer = abstain(question, (), "extractive")
        answer = replace(answer, text=f"{NOT_IN_CORPUS[:-1]}: {notes[-1]}.")
    window = digest.window if digest.window.phrase else None  # the period the question named, if any
    return replace(answer, as_of=digest.ref.as_of.isoformat(), time_window=window, time_notes=notes)
