"""What ``rag eval --compare`` runs side by side: our retrieval stages and llama-index's quickstart."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rag.catalog import iter_articles
from rag.models import Embedder
from rag.pipeline import Pipeline
from rag.questions import Question

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

    def __init__(self, pipeline: Pipeline, mode: Any, as_of: str = "question") -> None:
        self.pipeline = pipeline
        self.mode = mode
        self.as_of = as_of
        self.name = {"rerank": "hybrid+rerank"}.get(mode, mode)

    def search(self, question: Question, k: int) -> list[Retrieved]:
        day = asked_on(question, self.as_of)
        hits = self.pipeline.search(question.question, max(k, CANDIDATES), mode=self.mode, as_of=day)
        return [Retrieved(h.chunk.article_id, h.chunk.id, h.chunk.text) for h in hits]


def asked_on(question: Question, as_of: str) -> str | None:
    """The day ``question`` is asked: its own date for ``as_of`` "question" (today when it has
    none), else the one date given ("none": the pipeline reads questions without dates)."""
    if as_of == "question":
        return question.date or None
    return None if as_of == "none" else as_of


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


class LlamaIndexCitations:
    """llama-index's ``CitationQueryEngine`` over our retriever (hybrid + rerank, top 5) and
    the configured LLM: what a user of that class gets with the same passages. Its answers
    are scored like ours: each [n] becomes a citation whose quote is source n's text, valid
    only when that text is found verbatim in the article (no check of our own is applied)."""

    name = "llama-index CitationQueryEngine"

    def __init__(self, pipeline: Pipeline, k: int = 5) -> None:
        from llama_index.core.query_engine import CitationQueryEngine
        from llama_index.core.retrievers import BaseRetriever
        from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

        from rag.llm import build_llm

        class _Ours(BaseRetriever):
            def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
                hits = pipeline.search(query_bundle.query_str, k=k)
                return [
                    NodeWithScore(
                        node=TextNode(
                            text=h.chunk.text,
                            id_=h.chunk.id,
                            metadata={"article_id": h.chunk.article_id, "title": h.chunk.title},
                            excluded_llm_metadata_keys=["article_id"],
                        ),
                        score=h.score,
                    )
                    for h in hits
                ]

        self.pipeline = pipeline
        # from_args uses the index only to make a retriever, and we give it ours
        self.engine = CitationQueryEngine.from_args(
            None,  # type: ignore[arg-type]
            llm=build_llm(pipeline.settings),
            retriever=_Ours(),
        )

    def ask(self, question: str) -> Any:
        import re

        from rag.records import Answer, Chunk, Citation, Hit

        t = time.perf_counter()
        response: Any = self.engine.query(question)
        took = (time.perf_counter() - t) * 1000
        text = str(response.response or "").strip()
        sources = []
        for i, node in enumerate(response.source_nodes, start=1):
            quote = re.sub(r"^Source \d+:\n", "", node.node.get_content()).rstrip("\n")
            article_id = str(node.node.metadata.get("article_id", ""))
            sources.append(
                Chunk(f"citation-source-{i}", article_id, quote, 0, 0, i, str(node.node.metadata.get("title", "")))
            )
        numbers = sorted({int(m) for m in re.findall(r"\[(\d+)\]", text)})
        citations = []
        for n in numbers:
            if not 1 <= n <= len(sources):
                continue  # a number the engine was not given: counted as an invalid citation
            src = sources[n - 1]
            body = self.pipeline.article_text(src.article_id) or ""
            start = body.find(src.text)
            end = start + len(src.text) if start >= 0 else 0
            citations.append(Citation(n, src.article_id, src.title, "", "", src.id, src.text, max(start, 0), end))
        invented = len(numbers) - len(citations)
        citations += [Citation(0, "", "", "", "", "", "(invented number)", 0, 0)] * invented
        passages = tuple(Hit(c, 0.0, c.position) for c in sources)
        return Answer(question, text, tuple(citations), False, "llama-index", passages, {"total_ms": took})
