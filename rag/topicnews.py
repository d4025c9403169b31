"""The news on a topic: "What is the latest on tariffs?", "Any news about Ukraine this
week?", "What happened at the Oscars?". Such a question asks for articles, not for one
fact: its topic is searched (inside the period it names, if any; else up to ``as_of``), the
passages the cross-encoder finds on the topic (a score over 0: better than even odds)
are kept, one per article, and the articles are given newest first, each by one sentence,
cited: its lead when its headline names the topic, else its sentence most on the topic. When
the period holds nothing on the topic, the newest articles on it before are given, and the
notes say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rag.answer import abstain
from rag.answer_sentences import Sentence, candidate_sentences
from rag.catalog import Catalog
from rag.dates import human_date
from rag.digest import STORIES, best_sentence, cited_lines, dated, lead_sentence, word_set
from rag.models import Reranker
from rag.records import Answer, Filters, Hit
from rag.retrieve import Retriever
from rag.timeref import TimeRef

ON_TOPIC = 0.0  # the cross-encoder's score at even odds: a passage above it is on the topic
ENTRIES = 8  # articles a story's timeline gives, at most
LATER = 10  # passages searched after a timeline's newest article, for the story's latest turn
CANDIDATES = 30  # passages searched for the topic, each scored by the cross-encoder

# "what's the latest on X", "any news about X", "what happened at X", "updates on X" ...
_NEWS_TOPIC = re.compile(
    r"^(?:(?:so\s+)?what(?:'s|’s|\s+is|\s+was|\s+has\s+been)?\s+(?:the\s+)?"
    r"(?:latest(?:\s+news)?|news|new|happening|going\s+on)"
    r"|what\s+(?:has\s+)?happened|(?:any|the|latest|top)\s+(?:latest\s+)?(?:news|updates?|headlines|stories)"
    r"|(?:tell|give|show)\s+me\s+(?:the\s+)?(?:latest\s+)?(?:news|updates?)"
    r"|news|updates?|headlines|latest)"
    r"\s+(?:on|about|from|with|in|at|to|for|regarding|around|involving|concerning)\s+(?P<topic>[^?]+?)\s*[?.!]*$",
    re.IGNORECASE,
)


# "which articles mention X", "find stories about X", "articles on X": the articles on a topic
_ARTICLES = r"(?:news\s+)?(?:articles|stories|pieces|reports|coverage)"
_ARTICLES_ON = re.compile(
    rf"^(?:(?:which|what)\s+{_ARTICLES}\s+(?:mention(?:ed)?|cover(?:ed)?|discuss(?:ed)?|talk(?:ed)?\s+about"
    r"|(?:are|were)\s+(?:about|on)|deal\s+with)"
    rf"|(?:(?:please\s+)?(?:find|show|list|give|get)(?:\s+me)?\s+)?(?:the\s+|all\s+|any\s+|some\s+)?{_ARTICLES}"
    r"\s+(?:on|about|mentioning|covering|regarding|concerning|that\s+mention))"
    r"\s+(?P<topic>[^?]+?)\s*[?.!]*$",
    re.IGNORECASE,
)


_WORD = re.compile(r"[a-z0-9]+")
_COMMON = word_set("the a an of in on at to for and or with about from by its it this that these those us u s")


def news_topic(query: str) -> str | None:
    """The topic of a question that asks for the news on it ("Ukraine" for "Any news about
    Ukraine?", "Which articles mention Ukraine?"), read without its period's words; None for
    any other question."""
    m = _NEWS_TOPIC.match(query.strip()) or _ARTICLES_ON.match(query.strip())
    return m.group("topic") if m else None


@dataclass(frozen=True)
class TopicNews:
    """The articles on ``topic`` (their best passage each, newest first; ``oldest_first``
    for a story's timeline) and where they were looked for: in the period ``ref`` names, or,
    ``elsewhere``, at any date up to ``as_of`` because that period held nothing on it."""

    ref: TimeRef
    topic: str
    hits: tuple[Hit, ...]
    related: tuple[Hit, ...]  # the best passages found, on the topic or not (for an abstention)
    elsewhere: bool = False
    oldest_first: bool = False

    def notes(self) -> tuple[str, ...]:
        window, as_of = self.ref.window, human_date(self.ref.as_of)
        lines = [] if window is None else [f"{window.phrase!r} read as articles from {window.describe()}"]
        if not self.hits:
            return tuple(lines)
        order = "oldest first" if self.oldest_first else "the newest first"
        if window is not None and self.elsewhere:
            before = (
                f"its articles up to {as_of}, {order}"
                if self.oldest_first
                else f"the newest on it before, up to {as_of}"
            )
            lines.append(f"nothing on {self.topic} from {window.describe()}: {before}")
        elif window is not None:
            lines.append(f"the articles on {self.topic} from {window.describe()}, {order}")
        else:
            lines.append(f"the articles on {self.topic} up to {as_of}, {order}")
        return tuple(lines)


def on_topic(retriever: Retriever, ref: TimeRef, topic: str, filters: Filters, story: bool = False) -> TopicNews:
    """The newest articles on ``topic`` from the period ``ref`` names, else from any date up to
    ``ref.as_of``; for a ``story``'s timeline, the ``ENTRIES`` most on it, oldest first."""
    base = filters.up_to(ref.as_of)
    memo: dict[str, float] = {}
    related: list[Hit] = []
    for window in (ref.window, None) if ref.window is not None else (None,):
        scope = base if window is None else base.within(window)
        hits = scored(retriever, topic, scope, memo)
        related = related or hits[:STORIES]
        kept = best_per_article([h for h in hits if h.score > ON_TOPIC])
        if story:  # the most on the topic, and its latest turn, in the order they came (undated last)
            kept = with_latest(retriever, topic, scope, kept[:ENTRIES], memo)
            kept = sorted(kept, key=lambda h: (h.chunk.published or "9999", -h.score))
        else:
            kept = sorted(kept, key=lambda h: (h.chunk.published or "", h.score), reverse=True)[:STORIES]
        if kept:
            return TopicNews(ref, topic, tuple(kept), tuple(related), ref.window is not None and window is None, story)
    return TopicNews(ref, topic, (), tuple(related), oldest_first=story)


def with_latest(retriever: Retriever, topic: str, scope: Filters, kept: list[Hit], memo: dict[str, float]) -> list[Hit]:
    """``kept`` (a story's articles, best first) and the newest article on ``topic`` published
    after all of them, if any, in place of the weakest (but the oldest and the newest) when
    ``ENTRIES`` are kept: a story's latest turn can score under its first days, which fill
    the best."""
    newest = max((h.chunk.published or "" for h in kept), default="")
    if not newest:
        return kept
    after = (date.fromisoformat(newest[:10]) + timedelta(days=1)).isoformat()
    if after > min(scope.until or "9999", scope.as_of or "9999"):
        return kept
    found = scored(retriever, topic, replace(scope, since=max(after, scope.since or after)), memo, LATER)
    later = [h for h in found if h.score > ON_TOPIC]
    if not later:
        return kept
    latest = max(later, key=lambda h: (h.chunk.published or "", h.score))
    if len(kept) >= ENTRIES:  # the weakest goes, unless it is the story's start or its newest so far
        ends = {min(h.chunk.published or "" for h in kept), newest}
        weakest = next((i for i in reversed(range(len(kept))) if kept[i].chunk.published not in ends), len(kept) - 1)
        kept = kept[:weakest] + kept[weakest + 1 :]
    return [*kept, latest]


def scored(
    retriever: Retriever, topic: str, filters: Filters, memo: dict[str, float], k: int = CANDIDATES
) -> list[Hit]:
    """``k`` passages for ``topic``, every one scored by the cross-encoder (the search itself
    may stop reranking early), best first."""
    hits = retriever.search(topic, k, "rerank", filters, {}, memo)
    scores = retriever.rerank(topic, [h.chunk for h in hits], memo)
    ranked = sorted(zip(scores, hits, strict=True), key=lambda sh: -sh[0])
    return [Hit(h.chunk, s, n, "rerank") for n, (s, h) in enumerate(ranked, start=1)]


def best_per_article(hits: Sequence[Hit]) -> list[Hit]:
    """Each article's best of ``hits`` (given best first), best first."""
    best: dict[str, Hit] = {}
    for h in hits:  # best first: an article's first hit is its best passage
        best.setdefault(h.chunk.article_id, h)
    return list(best.values())


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON}


def told(reranker: Reranker, catalog: Catalog, topic: str, hits: Sequence[Hit]) -> list[tuple[Hit, Sentence]]:
    """Each article by one sentence: its lead (``digest.lead_sentence``: the opening sentence
    that best says its headline) when the headline names the topic, so the article is about
    it; else the sentence of its passage on the topic that the cross-encoder finds most on it
    ("Trump speech replay" on Ukraine: what the speech said of Ukraine)."""
    firsts = catalog.first_chunks([h.chunk.article_id for h in hits])
    words = _content(topic)
    out: list[tuple[Hit, Sentence]] = []
    for h in hits:
        first = firsts.get(h.chunk.article_id)
        if first is not None and words & _content(first.title):
            opening = Hit(first, h.score, h.rank, h.stage)
            if (lead := lead_sentence(reranker, opening)) is not None:
                out.append((opening, lead))
                continue
        if sentences := candidate_sentences([h]):
            out.append((h, best_sentence(reranker, topic, sentences)))
    return out


def topic_answer(question: str, news: TopicNews, catalog: Catalog, reranker: Reranker) -> Answer:
    """One cited sentence per article on the topic, newest first (oldest first for a story's
    timeline), each line starting with its article's date; an abstention, with the passages
    found as related, when none is on it."""
    chosen = told(reranker, catalog, news.topic, news.hits)
    answer = cited_lines(question, chosen, dated) if chosen else abstain(question, news.related, "extractive")
    return replace(answer, as_of=news.ref.as_of.isoformat(), time_window=news.ref.window, time_notes=news.notes())
