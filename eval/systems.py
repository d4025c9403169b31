"""What ``rag eval --compare`` runs side by side: our retrieval stages and llama-index's quickstart."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from eval.questions import Question
from rag.catalog import iter_articles
from rag.models import Embedder
from rag.pipeline import Pipeline
from rag.retrieve import Filters

CANDIDATES = 30  # chunks fetched per question; articles are ranked by their best chunk


@dataclass(frozen=True)
class Retrieved:
    article_id: str
    chunk_id: str
    text: str


class System(Protocol):
    name: str

    def search(self, question: Question, k: int) -> list[Retrieved]: ...


class Ours:
    """One stage of our retriever: dense, bm25, hybrid or rerank (hybrid + cross-encoder)."""

    def __init__(self, pipeline: Pipeline, mode: Any, use_date: bool = False) -> None:
        self.pipeline = pipeline
        self.mode = mode
        self.use_date = use_date
        self.name = {"rerank": "hybrid+rerank"}.get(mode, mode)

    def search(self, question: Question, k: int) -> list[Retrieved]:
        filters = Filters(until=question.date) if self.use_date and question.date else None
        hits = self.pipeline.search(question.question, max(k, CANDIDATES), mode=self.mode, filters=filters)
        return [Retrieved(h.chunk.article_id, h.chunk.id, h.chunk.text) for h in hits]


class LlamaIndexQuickstart:
    """What a user gets from the llama-index starter example with the same embedding model:
    ``VectorStoreIndex.from_documents`` with the default node parser, in memory, retrieved with
    ``as_retriever``. Built from the same articles as our index and kept under the index home
    (rebuilt when the corpus changes)."""

    name = "llama-index quickstart"

    def __init__(self, pipeline: Pipeline, progress: bool = True) -> None:
        from llama_index.core import Document, StorageContext, VectorStoreIndex, load_index_from_storage

        catalog = pipeline.catalog
        key = hashlib.sha1(f"{catalog.generation()}|{pipeline.embedder.name}|{catalog.counts()}".encode()).hexdigest()[
            :12
        ]
        folder = pipeline.settings.home / "baselines" / f"llamaindex-{key}"
        embed_model = as_llama_embedding(pipeline.embedder)
        if (folder / "docstore.json").exists():
            storage = StorageContext.from_defaults(persist_dir=str(folder))
            self.index = load_index_from_storage(storage, embed_model=embed_model)
        else:
            docs = [
                Document(
                    text=a.text,
                    metadata={"title": a.title, "article_id": a.id},
                    excluded_embed_metadata_keys=["article_id"],
                    excluded_llm_metadata_keys=["article_id"],
                )
                for a in iter_articles(catalog)
            ]
            self.index = VectorStoreIndex.from_documents(docs, embed_model=embed_model, show_progress=progress)
            _clear_old(folder.parent)
            self.index.storage_context.persist(persist_dir=str(folder))
        self.retriever = self.index.as_retriever(similarity_top_k=CANDIDATES)

    def search(self, question: Question, k: int) -> list[Retrieved]:
        nodes = self.retriever.retrieve(question.question)
        return [
            Retrieved(str(n.node.metadata.get("article_id", "")), n.node.node_id, n.node.get_content()) for n in nodes
        ]


def _clear_old(folder: Path) -> None:
    import shutil

    if folder.exists():
        for old in folder.iterdir():
            shutil.rmtree(old, ignore_errors=True)


def as_llama_embedding(embedder: Embedder) -> Any:
    """Our embedder behind llama-index's BaseEmbedding interface."""
    from llama_index.core.embeddings import BaseEmbedding

    class _Wrapped(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embedder.encode_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.encode([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return np.asarray(embedder.encode(texts)).tolist()

    return _Wrapped(model_name=embedder.name, embed_batch_size=64)


def timed(system: System, question: Question, k: int) -> tuple[list[Retrieved], float]:
    t = time.perf_counter()
    out = system.search(question, k)
    return out, (time.perf_counter() - t) * 1000


def article_ranking(retrieved: Sequence[Retrieved]) -> list[str]:
    from eval.metrics import dedupe

    return dedupe(r.article_id for r in retrieved)
