"""``Pipeline``: the one entry point. CLI, web UI and evaluation are thin callers of it."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from rag.answer import NOT_IN_CORPUS, Answerer, ExtractiveAnswerer, ExtractiveConfig, abstain
from rag.answer_sentences import readable
from rag.bylines import AboutArticle, about_article, credited
from rag.catalog import Catalog
from rag.dates import as_of_day, undated
from rag.elapsed import reckoned
from rag.errors import BadInput, IndexMissing, check_question
from rag.feeds import fetch_feeds, split_feeds
from rag.incumbents import holder_answer
from rag.index import Indexer, IndexReport
from rag.lexical import Lexical
from rag.models import (
    QUERY_MODEL_DIR,
    Embedder,
    Reranker,
    export_query_model,
    load_embedder,
    load_query_embedder,
    load_reranker,
)
from rag.news import news_follow_up, news_of
from rag.recase import punctuated, recased
from rag.records import Answer, AnswererName, Article, Filters, Hit, SearchMode, Status
from rag.retrieve import Retriever
from rag.settings import Settings
from rag.smalltalk import small_talk, talk_answer, unhailed
from rag.summaries import summarized
from rag.timeref import TimeRef, resolve
from rag.timesearch import Found, Steps, age_note, search_in_time
from rag.tocome import in_time
from rag.verify import verify

ANSWER_PASSAGES = 5
# passages searched beyond the five answered from, to stand in for any that holds no sentence
# to cite (instructions to an AI only: tests/test_injection.py)
ANSWER_SPARE = 3


class Pipeline:
    """Index, search and answer over one index (``settings.home``)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        self.settings = settings or Settings.load()
        self._embedder = embedder
        self._query_embedder: Embedder | None = None
        self._reranker = reranker
        self._lock = threading.RLock()
        self._catalog: Catalog | None = None
        self._store: Any = None
        self._lexical: Lexical | None = None
        self._lexical_dir = ""

    # -- components, loaded on first use --------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            s = self.settings
            self._embedder = load_embedder(s.embed_model, s.embed_precision, s.model_cache)
            self._embedder.batch_size = s.embed_batch
        return self._embedder

    @property
    def query_embedder(self) -> Embedder:
        """What embeds questions: the checked fp32 ONNX copy of a torch embedding model when
        indexing has written one (same vectors, no torch import), else the model itself (the
        INT8 ONNX copy by default)."""
        if self._embedder is None and self._query_embedder is None:
            folder = self.settings.home / QUERY_MODEL_DIR
            self._query_embedder = load_query_embedder(self.settings.embed_model, folder)
        return self._query_embedder or self.embedder

    @property
    def reranker(self) -> Reranker:
        self._reranker = self._reranker or load_reranker(self.settings.rerank_model)
        return self._reranker

    @property
    def catalog(self) -> Catalog:
        with self._lock:
            if self._catalog is None:
                path = self.settings.home / "catalog.sqlite"
                if not path.exists():
                    raise IndexMissing(f"no index at {self.settings.home}; run `rag index seeds` (or any folder) first")
                self._catalog = Catalog(path, migrate=False)  # queries only read
            return self._catalog

    def vector_store(self) -> Any:
        with self._lock:
            if self._store is None:
                from rag.vectors import VectorStore

                store = VectorStore.open(self.settings)
                store.check_owner(self.catalog.get_meta("index_id"), self.settings.home)
                self._store = store
            return self._store

    def lexical(self) -> Lexical:
        """The BM25 index, reloaded when an index run has replaced it."""
        with self._lock:
            folder = self.catalog.get_meta("bm25_dir")
            if not folder:
                raise IndexMissing(f"the index at {self.settings.home} is incomplete; run `rag index PATH` again")
            if self._lexical is None or folder != self._lexical_dir:
                self._lexical = Lexical.load(self.settings.home, folder)
                self._lexical_dir = folder
            return self._lexical

    def retriever(self) -> Retriever:
        return Retriever(
            self.catalog,
            self.vector_store(),
            self.lexical,
            lambda: self.query_embedder,
            lambda: self.reranker,
            self.settings.rerank_depth,
            self.settings.rerank_probe,
            self.settings.rerank_confident,
            self.settings.rerank_floor,
        )

    def _export_query_model(self) -> None:
        """An fp32 query copy stays only beside an index embedded by the torch model."""
        folder = self.settings.home / QUERY_MODEL_DIR
        if not export_query_model(self.embedder, folder):
            shutil.rmtree(folder, ignore_errors=True)
            self._query_embedder = None

    # -- indexing -------------------------------------------------------------------
    def index(
        self,
        paths: Iterable[str | Path],
        *,
        prune: bool = True,
        rebuild: bool = False,
        progress: bool = False,
        only: Collection[str] | None = None,
        forget: Sequence[Path] = (),
    ) -> IndexReport:
        """Index files, folders and feeds (URLs, or .xml/.rss/.atom files: ``rag/feeds.py``).
        ``only`` and ``forget`` (what a watched folder reports) as in ``Indexer.run``."""
        files, feeds = split_feeds(paths)
        s = self.settings
        fetched = fetch_feeds(feeds, s.home / "feeds", s.feed_delay, s.feed_timeout, progress) if feeds else None
        roots = [*files, *(fetched.folders if fetched else ())]
        indexer = Indexer(s, self.embedder, progress=progress)
        if rebuild:
            with self._lock:
                self._close_readers()
                report = indexer.rebuild(roots, prune)
                self._close_readers()
        else:
            # The indexer writes through its own connections; readers keep answering meanwhile
            # (SQLite WAL) and pick up the new BM25 index when the run has committed it.
            report = indexer.run(roots, prune, only, forget)
            with self._lock:
                self._lexical = None
                self._lexical_dir = ""
        self._export_query_model()
        return replace(report, skipped=(*fetched.skipped, *report.skipped)) if fetched else report

    def _close_readers(self) -> None:
        if self._catalog is not None:
            self._catalog.close()
        self._catalog = None
        self._lexical = None
        self._lexical_dir = ""
        self._store = None

    def warm(self) -> None:
        """Load every model and table an answer reads: the first question as quick as the next."""
        from rag.warm import warm

        warm(self)

    # -- queries --------------------------------------------------------------------
    def search(
        self,
        question: str,
        k: int = 5,
        *,
        mode: SearchMode = "rerank",
        filters: Filters | None = None,
        as_of: date | str | None = None,
        timings: dict[str, float] | None = None,
    ) -> list[Hit]:
        """The ``k`` best passages for ``question`` asked on ``as_of`` (default: today)."""
        return list(self.find(question, k, mode=mode, filters=filters, as_of=as_of, timings=timings).shown)

    def find(
        self,
        question: str,
        k: int = 5,
        *,
        mode: SearchMode = "rerank",
        filters: Filters | None = None,
        as_of: date | str | None = None,
        timings: dict[str, float] | None = None,
    ) -> Found:
        """``search`` with where in time it looked: the period the question names ("this
        week", read against ``as_of``), searched first and widened when it holds too little;
        nothing published after ``as_of``."""
        question = punctuated(check_question(question))
        if k < 1:
            raise BadInput("k must be 1 or more")
        t = time.perf_counter()
        timings = {} if timings is None else timings
        s = self.settings
        day = as_of_day(as_of)
        if not s.time_aware or undated(as_of):  # dates in the question are plain words; any article may answer
            hits = tuple(self.retriever().search(question, k, mode, filters, timings))
            found = Found(hits, TimeRef(day, query=question), dated=False)
        else:
            ref, where = resolve(question, day), filters or Filters()
            found = search_in_time(self.retriever(), self.catalog, ref, k, mode, where, timings, Steps.of(s))
        timings["search_ms"] = (time.perf_counter() - t) * 1000
        return found

    def answerer(self, kind: AnswererName | None = None) -> Answerer:
        kind = kind or self.settings.answerer
        if kind == "llm":
            from rag.llm import LLMAnswerer

            return LLMAnswerer(self.settings, lambda: self.reranker, self._extractive)
        return self._extractive

    @property
    def _extractive(self) -> ExtractiveAnswerer:
        config = ExtractiveConfig(threshold=self.settings.abstain_threshold, ner=self.settings.ner)
        return ExtractiveAnswerer(lambda: self.reranker, config)

    def ask(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        answerer: AnswererName | None = None,
        filters: Filters | None = None,
        as_of: date | str | None = None,
    ) -> Answer:
        """Answer ``question`` asked on ``as_of`` (default: today; 'none': read without a date)
        from the articles published up to then, citing the passages it rests on. ``history``
        holds the earlier questions of the conversation, oldest first."""
        final: Answer | None = None
        for event in self.stream(question, history=history, answerer=answerer, filters=filters, as_of=as_of):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        answerer: AnswererName | None = None,
        filters: Filters | None = None,
        as_of: date | str | None = None,
    ) -> Iterator[str | Answer]:
        """Answer text as it is written (LLM mode), then the verified ``Answer``, last."""
        t0 = time.perf_counter()
        question = unhailed(check_question(question))  # "Hi, who won ...?" asks "Who won ...?"
        timings: dict[str, float] = {}
        engine = self.answerer(answerer)
        if small_talk(question):  # "hi", "thanks", "What can you do?": what the index holds, no search
            yield talk_answer(question, self.status(), self.example_questions(), engine.mode)
            return
        standalone = punctuated(news_follow_up(question, history, as_of) or engine.standalone(question, history))
        # "Who wrote the article about ...?", "Summarize that story": the subject is searched
        about = about_article(question, history[-1] if history else "")
        if about is not None and about.earlier:  # "that article": the question before, asked again
            before = self.ask(about.subject, history=history[:-1], answerer=answerer, filters=filters, as_of=as_of)
            of_it = verify(self._of_article(about, before), self.article_text)
            yield replace(of_it, question=question, standalone_question=standalone)
            return
        query = about.subject if about else standalone
        if about is None and (news := self._route(standalone, filters or Filters(), as_of, engine)) is not None:
            total = {"total_ms": (time.perf_counter() - t0) * 1000}
            yield replace(
                verify(news, self.article_text), question=question, standalone_question=standalone, timings=total
            )
            return
        found = self.find(query, k=ANSWER_PASSAGES, filters=filters, as_of=as_of, timings=timings)
        hits = readable(found.hits)
        if len(hits) < len(found.hits):  # a passage holds nothing to cite: the next ones stand in
            spare: dict[str, float] = {}
            found = self.find(query, k=ANSWER_PASSAGES + ANSWER_SPARE, filters=filters, as_of=as_of, timings=spare)
            hits = readable(found.hits)[:ANSWER_PASSAGES]
            timings["spare_search_ms"] = spare["search_ms"]
        t = time.perf_counter()
        # "who is keir starmer?" read as its passages write it; "When is X this year?" as "When is X?"
        asked = recased(found.ref.query if found.ref.upcoming else query, hits)
        answer: Answer | None = None
        if found.empty:  # nothing from the asked-for period: say so rather than answer from another
            answer = abstain(standalone, hits, engine.mode)
            answer = replace(answer, text=f"{NOT_IN_CORPUS[:-1]}: {found.notes()[-1]}.")
        else:
            for event in engine.stream(asked, hits):
                if isinstance(event, Answer):
                    answer = event
                elif event and about is None:
                    yield event
        assert answer is not None
        answer, found = in_time(answer, found, self.settings, engine, asked, len(hits), self.catalog, filters)
        answer = self._of_article(about, answer) if about is not None else answer
        timings["answer_ms"] = (time.perf_counter() - t) * 1000
        answer = reckoned(standalone, verify(answer, self.article_text), found.ref.as_of if found.dated else None)
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        yield replace(
            answer,
            question=question,
            standalone_question=standalone,
            timings={**timings, **answer.timings},
            as_of=found.asked_on,
            time_window=found.ref.window,
            time_notes=(*found.notes(), *age_note(answer, found)) if found.dated else (),
        )

    def _of_article(self, about: AboutArticle, answer: Answer) -> Answer:
        """``answer`` to the subject's question made the answer ``about`` its article asks for, unverified."""
        if about.field == "summary":
            return summarized(answer, self.catalog.opening, self.reranker)
        return credited(about, answer, self.catalog.first_chunks, self.catalog.article)

    def _route(self, question: str, where: Filters, as_of: date | str | None, engine: Answerer) -> Answer | None:
        """Articles for news (``rag/news.py``); who holds a title now, from the newest (``rag/incumbents.py``)."""
        if not self.settings.time_aware or undated(as_of):
            return None
        parts = (lambda: self.catalog, self.vector_store, self.retriever, lambda: self.reranker)
        ref = resolve(question, as_of_day(as_of))
        return news_of(question, ref, *parts, where) or holder_answer(
            question, ref, self.retriever(), engine, where, self.settings.ner
        )

    def article_text(self, article_id: str) -> str | None:
        article = self.catalog.article(article_id)
        return article.text if article else None

    def article(self, article_id: str) -> Article | None:
        return self.catalog.article(article_id)

    def status(self) -> Status:
        s = self.settings
        status = Status(
            home=str(s.home.resolve()),
            chroma=s.chroma_mode,
            embed_model=s.embed_model,
            rerank_model=s.rerank_model,
            chunk_size=s.chunk_size,
            chunk_overlap=s.chunk_overlap,
        )
        try:
            catalog = self.catalog
        except IndexMissing:
            return status
        articles, chunks = catalog.counts()
        oldest, newest, undated = catalog.dates()
        return replace(
            status,
            indexed=True,
            articles=articles,
            chunks=chunks,
            oldest=oldest,
            newest=newest,
            undated=undated,
            sources=tuple(catalog.sources()),
            built_with=catalog.get_meta("embed_model") or "",
            interrupted=catalog.get_meta("dirty") == "1",
        )

    def example_questions(self, n: int = 3) -> list[str]:
        """Questions a newcomer can try on this index: its newest week's stories, then its
        newest articles, by title."""
        try:
            titles = self.catalog.recent_titles(n)
        except IndexMissing:
            return []
        about = [f"What happened: {' '.join(t.split())[:150].rstrip(' ?.!')}?" for t in titles]
        return ["What is the latest news?", *about] if about else []

    def sources(self) -> Sequence[str]:
        return self.catalog.sources()
