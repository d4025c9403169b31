"""Hybrid retrieval: dense (Chroma) + BM25, fused by reciprocal rank fusion, then reranked.

The BM25 list that is fused leaves out the question's words held by every chunk of the
index (``Lexical.telling``): they tell no chunk from another, and ranked by them alone the
chunks come in order of length, with a full vote in the fusion. Over one article whose
title every chunk carries ("Who attends the 2+2?" over the seed), that vote put a summary
chunk first (docs/EVAL.md, "Words that tell no chunk apart"; no word of the RealTime QA
index is in every chunk). A convex combination of the two lists' scores instead of RRF
was measured too, and lost short answers (the same section).

The cross-encoder first scores the ``rerank_probe`` best fused candidates (one per core at
once); when one of them scores ``rerank_confident`` or more, they are reordered and the rest
keeps the fused order, otherwise it goes on to ``rerank_depth``. Most questions stop after
the probe: full-corpus search p50 falls from about 0.8 s to under 0.1 s, for 0.008 of MRR@10
and 0.04 of hit@5 (docs/EVAL.md, "Stopping the rerank early"). It also stops when both
probed candidates score below ``rerank_floor``, clearly unrelated: such a question is
mostly one the corpus does not answer, and a deeper rerank hardly ever found its article
(docs/EVAL.md, "A floor for questions the corpus does not hold").

Fusion is a few lines over bm25s and Chroma rather than llama-index's QueryFusionRetriever:
that class wants llama-index nodes and a docstore in memory for BM25 and runs an async
query-generation loop we do not use; here both candidate lists come from the persisted
stores and carry only chunk ids until the final hydration from the catalog.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from rag.catalog import Catalog
from rag.lexical import Lexical
from rag.models import Embedder, Reranker
from rag.records import Chunk, Filters, Hit, SearchMode, rerank_text
from rag.vectors import VectorStore, chroma_where

RRF_K = 60
EXACT_AMONG = 5000  # filters letting through at most this many chunks: exact dense search among them
T = TypeVar("T")

# Requests about the answer's form, not its content: they only add noise to matching.
_INSTRUCTIONS = re.compile(
    r"(\b(please|kindly)\b[,:]?\s*|"
    r"\b(and\s+)?(cite|quote|list)\s+(your\s+|the\s+)?(passages?|sources?|evidence|references?)\b[.,;:]?\s*|"
    r"\b(answer|reply|respond|explain)\s+(briefly|concisely|in\s+(one|a|two|\d+)\s+(short\s+)?(sentences?|words?|lines?))\b[.,;:]?\s*|"
    r"\b(be\s+(brief|concise))\b[.,;:]?\s*|"
    r"\b(in\s+(one|a|two|\d+)\s+(short\s+)?(sentences?|words?|lines?))\b[.,;:]?\s*|"
    r"\b(with|using)\s+citations?\b[.,;:]?\s*)",
    re.IGNORECASE,
)


def clean_question(question: str) -> str:
    """Drop instructions about the answer's form ("cite passages", "answer briefly")."""
    cleaned = _INSTRUCTIONS.sub(" ", question)
    cleaned = " ".join(cleaned.split()).strip(" ,;:.")
    # conjunctions left dangling where an instruction was cut out
    cleaned = re.sub(r"^(and|then|also)\b\s*|\s*\b(and|then|also)$", "", cleaned, flags=re.I).strip(" ,;:.")
    return cleaned or " ".join(question.split())


def rrf(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: score(d) = sum over lists of 1 / (k + rank)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def rerank_head(scored: list[tuple[T, float]], ranked: Sequence[Any]) -> list[Any]:
    """The first ``len(scored)`` of ``ranked`` replaced by ``scored`` sorted best first; the
    rest keeps its order, so a shallow rerank never loses what fusion ranked lower."""
    head = sorted(scored, key=lambda kv: -kv[1])
    return [*head, *ranked[len(scored) :]]


class Retriever:
    def __init__(
        self,
        catalog: Catalog,
        store: VectorStore,
        lexical: Callable[[], Lexical],
        embedder: Callable[[], Embedder],
        reranker: Callable[[], Reranker],
        rerank_depth: int,
        rerank_probe: int = 0,
        rerank_confident: float = float("inf"),
        rerank_floor: float = float("-inf"),
    ) -> None:
        self.catalog = catalog
        self.store = store
        self._lexical = lexical
        self._embedder = embedder
        self._reranker = reranker
        self.rerank_depth = rerank_depth
        self.rerank_probe = rerank_probe
        self.rerank_confident = rerank_confident
        self.rerank_floor = rerank_floor

    def search(
        self,
        question: str,
        k: int = 5,
        mode: SearchMode = "rerank",
        filters: Filters | None = None,
        timings: dict[str, float] | None = None,
        memo: dict[str, float] | None = None,
        rerank_depth: int = 0,
        rerank_probe: int | None = None,
    ) -> list[Hit]:
        """The ``k`` best chunks for ``question`` under ``filters``. ``memo`` keeps the
        cross-encoder's scores by chunk id across searches of the same question;
        ``rerank_depth`` (if not 0) reorders fewer or more fused candidates than the retriever's own,
        and ``rerank_probe`` (if not None) probes with so many first (0: all, no early stop)."""
        filters = filters or Filters()
        timings = {} if timings is None else timings
        query = clean_question(question)
        rerank = rerank_depth or self.rerank_depth
        depth = max(k, rerank, 50)
        ranked: list[tuple[str, float]]
        if mode == "dense":
            ranked = self._dense(query, max(k, 1), filters, timings)
        elif mode == "bm25":
            ranked = self._bm25(query, max(k, 1), filters, timings)
        else:
            dense = self._dense(query, depth, filters, timings)
            lexical = self._bm25(query, depth, filters, timings, telling=True)
            ranked = rrf([[d for d, _ in dense], [d for d, _ in lexical]])
        ranked = ranked[: max(k, rerank if mode == "rerank" else k)]
        chunks = self.catalog.chunks([d for d, _ in ranked])
        ranked = [(d, s) for d, s in ranked if d in chunks]
        reranked = 0
        if mode == "rerank" and rerank > 0:
            t = time.perf_counter()
            pool = [d for d, _ in ranked[:rerank]]
            probe = self.rerank_probe if rerank_probe is None else rerank_probe
            scores = self.rerank(query, [chunks[d] for d in pool[: probe or len(pool)]], memo)
            best = max(scores, default=float("-inf"))
            if len(scores) < len(pool) and self.rerank_floor <= best < self.rerank_confident:
                scores += self.rerank(query, [chunks[d] for d in pool[len(scores) :]], memo)
            ranked = rerank_head([(d, sc) for d, sc in zip(pool[: len(scores)], scores, strict=True)], ranked)
            reranked = len(scores)
            timings["rerank_ms"] = (time.perf_counter() - t) * 1000
        below = "hybrid" if mode == "rerank" else mode
        return [
            Hit(chunk=chunks[d], score=float(s), rank=i + 1, stage="rerank" if i < reranked else below)
            for i, (d, s) in enumerate(ranked[:k])
        ]

    def rerank(self, query: str, chunks: list[Chunk], memo: dict[str, float] | None = None) -> list[float]:
        """Cross-encoder scores of (question, "title. passage") pairs; those in ``memo`` are
        not scored again, and new ones are added to it."""
        memo = {} if memo is None else memo
        todo = [c for c in chunks if c.id not in memo]
        if todo:
            scores = self._reranker().score(query, [rerank_text(c.title, c.text) for c in todo])
            memo.update((c.id, float(x)) for c, x in zip(todo, scores, strict=True))
        return [memo[c.id] for c in chunks]

    def _dense(self, query: str, n: int, filters: Filters, timings: dict[str, float]) -> list[tuple[str, float]]:
        t = time.perf_counter()
        vector = self._embedder().encode_query(query)
        t2 = time.perf_counter()
        out = self.nearest(vector, n, filters)
        timings["embed_ms"] = (t2 - t) * 1000
        timings["dense_ms"] = (time.perf_counter() - t2) * 1000
        return out

    def nearest(self, vector: Any, n: int, filters: Filters) -> list[tuple[str, float]]:
        """The ``n`` nearest chunks that ``filters`` let through. Chroma's ``where`` filter
        costs about 200 ms a query on the full RealTime QA index, against 2 ms unfiltered
        (docs/BENCH.md, "Filtered dense search"), so the ids the filters allow come from the
        BM25 index's metadata: a few thousand are searched exactly, a larger share is taken
        from an unfiltered query deep enough to hold ``n`` of them; ``where`` is the last resort."""
        lex = self._lexical()
        keep = lex.mask(filters) if filters else None
        allowed = 0 if keep is None else int(np.count_nonzero(keep))
        if keep is None or allowed == len(keep):
            return self.store.query(vector, n)
        if allowed <= EXACT_AMONG:
            return self.store.query_among(vector, n, [lex.ids[i] for i in np.flatnonzero(keep)])
        total = len(keep)
        fetch = min(total, n * total // allowed * 2 + n)
        out = [(d, s) for d, s in self.store.query(vector, fetch) if lex.lets_through(d, keep)]
        if len(out) >= n or fetch >= total:
            return out[:n]
        return self.store.query(vector, n, chroma_where(filters))

    def _bm25(
        self, query: str, n: int, filters: Filters, timings: dict[str, float], telling: bool = False
    ) -> list[tuple[str, float]]:
        t = time.perf_counter()
        lex = self._lexical()
        out = lex.search(query, n, lex.mask(filters), telling)
        timings["bm25_ms"] = (time.perf_counter() - t) * 1000
        return out
