"""Semantic search and cited question answering over a folder of news articles.

The public interface, for the web app, the evaluation suite, scripts and users::

    from rag import Pipeline, Settings, Filters
    pipe = Pipeline(Settings.load(home="~/.rag-news"))
    pipe.index(["articles/"])
    answer = pipe.ask("Who attends the 2+2?", filters=Filters(since="2025-01-01"))

``Pipeline`` is imported on first use: it pulls in the model and store stack.
"""

from typing import TYPE_CHECKING

from rag.dates import parse_date
from rag.errors import (
    BadInput,
    ConfigError,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    ModelNotAvailable,
    RagError,
    StoreUnavailable,
)
from rag.records import Answer, Article, Chunk, Citation, Filters, Hit, SearchMode, Status
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.pipeline import Pipeline

__all__ = [
    "Answer",
    "Article",
    "BadInput",
    "Chunk",
    "Citation",
    "ConfigError",
    "Filters",
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "IndexMissing",
    "ModelNotAvailable",
    "Pipeline",
    "RagError",
    "SearchMode",
    "Settings",
    "Status",
    "StoreUnavailable",
    "parse_date",
]


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from rag.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
