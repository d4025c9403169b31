"""Questions that ask for news rather than for a fact, answered with articles instead of a
short answer: a period's main stories ("What happened this week?", ``rag/digest.py``), the
newest articles on a topic ("What is the latest on tariffs?", ``rag/topicnews.py``) and a
story's articles in the order they came ("Timeline of the Palisades fire", ``rag/timeline.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from rag.catalog import Catalog
from rag.dates import as_of_day, undated
from rag.digest import asks_for_news, news_answer, stories
from rag.models import Reranker
from rag.records import Answer, Filters
from rag.retrieve import Retriever
from rag.timeline import timeline_topic
from rag.timeref import TimeRef, resolve
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
    if not asks_for_news(ref.query) and news_topic(ref.query) is not None:
        past = resolve(question, ref.as_of, past=True)  # "What happened in December 2023?"
        ref = past if asks_for_news(past.query) else ref
    if asks_for_news(ref.query):
        return news_answer(question, stories(catalog(), store(), ref, filters), reranker())
    if (story := timeline_topic(ref.query)) is not None:
        return topic_answer(question, on_topic(retriever(), ref, story, filters, story=True), catalog(), reranker())
    topic = news_topic(ref.query)
    if topic is None:
        return None
    return topic_answer(question, on_topic(retriever(), ref, topic, filters), catalog(), reranker())


# "What about last week?", "And Ukraine?", "How about in sports?"
_FOLLOW_UP = re.compile(r"^(?:and\s+)?(?:what|how)\s+about\s+(?P<a>.+?)\s*[?.!]*$|^and\s+(?P<b>.+?)\s*[?.!]*$", re.I)


def news_follow_up(question: str, history: Sequence[str], as_of: date | str | None) -> str | None:
    """A follow-up to a news question, asked in full: "What about last week?" after "What
    happened this week?" is "What happened last week?"; "And Ukraine?" after it is "Any news
    about Ukraine this week?", and "What about yesterday?" after that is "Any news about
    Ukraine yesterday?" (each earlier follow-up read in full first). None for any other
    question."""
    previous = [h for h in history if h and h.strip()]
    if not _FOLLOW_UP.match(question.strip()) or not previous or undated(as_of):
        return None
    day = as_of_day(as_of)
    asked: list[str] = []  # the earlier questions in full
    for earlier in previous[-_CHAIN:]:
        asked.append(_in_full(earlier, asked[-1] if asked else "", day) or earlier)
    return _in_full(question, asked[-1], day)


_CHAIN = 6  # how many earlier questions a follow-up may reach back through


def _in_full(question: str, previous: str, day: date) -> str | None:
    """``question`` in full when it follows up news question ``previous``; None otherwise."""
    m = _FOLLOW_UP.match(question.strip())
    if m is None or not previous:
        return None
    before = resolve(previous, day)
    topic = news_topic(before.query)
    if not asks_for_news(before.query) and topic is None:
        return None
    text = m.group("a") or m.group("b")
    asked = resolve(text, day)
    if asked.window is not None:  # the period's words out (a question of them alone keeps them)
        text = re.sub(re.escape(asked.window.phrase), " ", text, flags=re.I)
    rest = re.sub(r"^(?:in|on|about|with|at|for|from)\b", "", text.strip(" ?.!"), flags=re.I).strip()
    window = asked.window or before.window
    period = f" {window.phrase}" if window is not None and window.phrase else ""
    subject = rest or topic
    return f"Any news about {subject}{period}?" if subject else f"What happened{period}?"
