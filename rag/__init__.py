"""Semantic search and cited question answering over a folder of news articles."""

from rag.errors import RagError
from rag.records import Answer, Article, Chunk, Citation, Hit
from rag.settings import Settings

__all__ = ["Answer", "Article", "Chunk", "Citation", "Hit", "Pipeline", "RagError", "Settings"]


def __getattr__(name: str) -> object:
    # Pipeline pulls in the model and store stack; import it only when asked for.
    if name == "Pipeline":
        from rag.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
