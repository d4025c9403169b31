"""Questions that ask for news rather than for a fact, answered with articles instead of a
short answer: a period's main stories ("What happened this week?", ``rag/digest.py``) and the
newest articles on a topic ("What is the latest on tariffs?", ``rag/topicnews.py``)."""

from __future__ import annotations

from collections.abc import Callable

from rag.catalog import Catalog
from rag.digest import asks_for_news, news_answer, stories
from rag.models import Reranker
from rag.records import Answer, Filters
from rag.retrieve import Retriever
from rag.timeref import TimeRef
from rag.topicnews import news_topic, on_topic, topic_answer
from rag.vectors import VectorStore


def news_of(
    question: str,
    ref: TimeRef,
    catalog: Callable[[], Catalog],
    store: Callable[[], VectorStore],
    retriever: Callable[[], Retriever],
    reranker: Callable[[], Reranker],
    filters: Filters,
) -> Answer | None:
    """The answer to ``question`` (read as ``ref``) when it asks for news; None otherwise.
    The parts are loaded only for such a question."""
    if asks_for_news(ref.query):
        return news_answer(question, stories(catalog(), store(), ref, filters), reranker())
    topic = news_topic(ref.query)
    if topic is None:
        return None
    return topic_answer(question, on_topic(retriever(), ref, topic, filters), catalog(), reranker())
