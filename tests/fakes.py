"""Deterministic stand-ins for the models, for unit tests only (never a default).

Loaded by name like any model: ``RAG_EMBED_MODEL=python:tests.fakes:HashingEmbedder`` and
``RAG_RERANK_MODEL=python:tests.fakes:OverlapReranker`` (the registry's ``python:`` names),
so a ``rag`` process started by a test gets them too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from rag.models.base import normalize
from rag.sentences import words

EMBEDDER = "python:tests.fakes:HashingEmbedder"
RERANKER = "python:tests.fakes:OverlapReranker"


class HashingEmbedder:
    """Hashed bag of words."""

    name = EMBEDDER
    precision = "fp32"
    batch_size = 64  # unused: no model calls
    dim = 256
    max_tokens = 256

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for w in words(text):
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
        out[:, 0] += 1e-3  # no zero vectors
        return normalize(out)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def count_tokens(self, text: str) -> int:
        return len(words(text)) + text.count(",") + text.count(".")


class OverlapReranker:
    """Share of query words found in the passage."""

    name = RERANKER

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        q = set(words(query))
        return np.array([len(q & set(words(p))) / max(len(q), 1) for p in passages], dtype=np.float32)
