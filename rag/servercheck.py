"""``rag check-server``: an index whose vectors live in a Chroma server against an embedded
index of the same corpus, built with the same settings. The same questions are searched on
both and their top-k chunk ids compared question by question, for dense retrieval (the part
Chroma serves) and for hybrid + rerank (what a user gets).

Each side builds its own approximate (HNSW) graph, so on a large corpus a few near-ties may
differ (docs/BENCH.md, "Chroma server on the full corpus").
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from rag.pipeline import Pipeline
from rag.records import SearchMode

MODES: tuple[tuple[SearchMode, str], ...] = (("dense", "dense"), ("rerank", "hybrid+rerank"))


@dataclass(frozen=True)
class Agreement:
    """How many questions got identical top-k ids (in order), and the mean overlap of the sets."""

    questions: int
    identical: int
    overlap: float

    @property
    def same(self) -> bool:
        return self.identical == self.questions


def compare(
    embedded: Pipeline,
    server: Pipeline,
    questions: Sequence[str],
    k: int = 10,
    modes: Sequence[SearchMode] = ("dense", "rerank"),
    progress: bool = False,
) -> dict[str, Agreement]:
    """Per mode label ("dense", "hybrid+rerank"): the two indexes' agreement on ``questions``."""
    from tqdm import tqdm

    out: dict[str, Agreement] = {}
    for mode, label in MODES:
        if mode not in modes:
            continue
        same = 0
        overlap = 0.0
        for q in tqdm(questions, desc=label, file=sys.stderr, leave=False, disable=not progress):
            a = [h.chunk.id for h in embedded.search(q, k, mode=mode)]
            b = [h.chunk.id for h in server.search(q, k, mode=mode)]
            same += a == b
            overlap += len(set(a) & set(b)) / max(len(a), len(b), 1)
        out[label] = Agreement(len(questions), same, overlap / max(len(questions), 1))
    return out
