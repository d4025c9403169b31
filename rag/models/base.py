"""What every model adapter provides: the ``Embedder`` and ``Reranker`` protocols and the
``ModelSpec`` a name resolves to."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

Kind = Literal["sentence-transformers", "onnx-embedder", "onnx-cross-encoder", "python"]
Role = Literal["embedder", "reranker"]


@dataclass(frozen=True)
class ModelSpec:
    name: str
    kind: Kind
    package: str  # the pip requirement that ships it ("" for local folders and Python factories)
    module: str  # importable module whose folder holds the files
    subdir: str
    pooling: Literal["mean", "cls"] = "mean"
    query_prefix: str = ""
    max_tokens: int = 256
    precision: str = "fp32"  # of the weights as shipped


def copy_spec(name: str, max_tokens: int, precision: str) -> ModelSpec:
    """The spec of an ONNX copy (mean pooling) of the sentence-transformers model ``name``."""
    return ModelSpec(name, "onnx-embedder", "", "", "", pooling="mean", max_tokens=max_tokens, precision=precision)


class Embedder(Protocol):
    name: str
    max_tokens: int
    precision: str  # what the vectors are computed in: "fp32" or "int8"
    batch_size: int  # passages per model call when indexing (RAG_EMBED_BATCH)

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per passage."""
        ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


class Reranker(Protocol):
    name: str

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        """One relevance score per passage (higher is more relevant)."""
        ...


def normalize(vecs: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (float32)."""
    vecs = np.asarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)
