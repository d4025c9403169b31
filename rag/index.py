"""Build, update and prune the index: Articles -> Chunks -> vectors -> Chroma + BM25 + catalog.

Order of writes, so that a run killed at any point and run again ends exactly where an
uninterrupted run would:

1. the run marks the catalog ``dirty``;
2. new chunk vectors are upserted into Chroma (ids are deterministic);
3. the catalog replaces the articles and their chunk rows in one SQLite transaction;
4. chunk ids the catalog no longer lists are deleted from Chroma;
5. BM25 is rebuilt into a new folder, then the catalog points at it;
6. ``dirty`` is cleared.

A run that finds ``dirty`` set first reconciles: Chroma ids missing from the catalog are
deleted, and articles whose chunks are missing from Chroma are re-embedded.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.catalog import Catalog
from rag.chunking import Chunker
from rag.corpus import Skipped, iter_corpus
from rag.indexstate import (
    SENTENCE_RULES,
    backfill_sentences,
    check_models,
    index_id,
    reconcile,
    stored_index_id,
    writer_lock,
)
from rag.lexical import outdated
from rag.lexical import refresh as refresh_bm25
from rag.models import Embedder
from rag.records import Article, Chunk
from rag.settings import Settings
from rag.vectors import VectorStore


@dataclass(frozen=True)
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks_written: int = 0
    articles: int = 0
    chunks: int = 0
    skipped: tuple[Skipped, ...] = ()
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    bm25: str = ""  # how the BM25 index was brought up to date: "delta", "main" or "" (no change)

    def to_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "chunks_written": self.chunks_written,
            "articles": self.articles,
            "chunks": self.chunks,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "seconds": round(self.seconds, 2),
            "timings_s": {k: round(v, 2) for k, v in self.timings.items()},
            "bm25": self.bm25,
        }


class Indexer:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        *,
        progress: bool = True,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.progress = progress
        self._batches_done = 0

    def _checkpoint(self, step: str) -> None:
        for observer in CHECKPOINTS:
            observer(step, self._batches_done + 1)

    def rebuild(self, paths: Iterable[str | Path], prune: bool = True) -> IndexReport:
        home = self.settings.home
        with writer_lock(home):
            store = VectorStore.open(self.settings)
            store.check_owner(stored_index_id(home / "catalog.sqlite"), home)  # before dropping another's
            for name in ("catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm"):
                (home / name).unlink(missing_ok=True)
            shutil.rmtree(home / "bm25", ignore_errors=True)
            # through the client, not by deleting files: Chroma caches open databases per path
            store.drop()
        return self.run(paths, prune=prune)

    def run(
        self,
        paths: Iterable[str | Path],
        prune: bool = True,
        only: Collection[str] | None = None,
        forget: Sequence[Path] = (),
    ) -> IndexReport:
        """Index ``paths``; ``only`` (absolute file paths): read just those files under them;
        ``forget``: files or folders deleted since, whose articles leave the index."""
        roots = [Path(p) for p in paths]
        t0 = time.perf_counter()
        home = self.settings.home
        with writer_lock(home):
            catalog = Catalog(home / "catalog.sqlite")
            try:
                return self._run(catalog, roots, prune, t0, only, forget)
            finally:
                catalog.close()

    def _run(
        self,
        catalog: Catalog,
        paths: list[Path],
        prune: bool,
        t0: float,
        only: Collection[str] | None = None,
        forget: Sequence[Path] = (),
    ) -> IndexReport:
        check_models(catalog, self.settings, self.embedder)
        store = VectorStore.open(self.settings)
        store.claim(index_id(catalog), self.settings.home)  # before reconcile deletes what the catalog lacks
        store.tune()
        # imports (Chroma, and with the first article to chunk llama-index and nltk) and opening
        # the stores: what any run pays once
        timings = {"startup": time.perf_counter() - t0}
        chunker: Chunker | None = None  # made for the first new or changed article
        timings.update({"read_chunk": 0.0, "embed": 0.0, "write": 0.0, "bm25": 0.0, "reconcile": 0.0})
        # an interrupted run, or vectors lost or changed outside a run (a Chroma folder deleted,
        # a server reset): make the two agree before anything else
        if catalog.get_meta("dirty") == "1" or store.count() != catalog.counts()[1]:
            t = time.perf_counter()
            reconcile(catalog, store)
            timings["reconcile"] += time.perf_counter() - t
        if catalog.get_meta("sentence_rules") != SENTENCE_RULES:
            catalog.forget_sentences()  # stored by older rules: computed again just below
        if catalog.chunks_without_sentences(1):
            t = time.perf_counter()
            backfill_sentences(catalog)
            timings["sentences"] = time.perf_counter() - t
        catalog.set_meta(sentence_rules=SENTENCE_RULES, dirty="1")
        known, authors = catalog.hashes(), catalog.authors()
        restated: dict[str, str] = {}  # unchanged articles whose metadata names another author
        seen: set[str] = set()
        read: set[str] = set()  # the files articles were read from
        skipped: list[Skipped] = []
        counts = {"added": 0, "updated": 0, "unchanged": 0, "chunks": 0}
        batch: list[tuple[Article, list[Chunk]]] = []
        batch_chunks = 0
        bar = _progress(self.progress)
        t = time.perf_counter()
        for item in iter_corpus(paths, only):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            bar.update(1)
            if item.id in seen:
                skipped.append(Skipped(item.path, f"duplicate article id {item.id}; kept the first", record=True))
                continue
            seen.add(item.id)
            read.add(item.path)
            old = known.get(item.id)
            if old is not None and old[0] == item.content_hash:
                counts["unchanged"] += 1
                if item.author != authors.get(item.id, ""):
                    restated[item.id] = item.author
                continue
            counts["updated" if old else "added"] += 1
            if chunker is None:
                made = time.perf_counter()
                chunker = self._chunker()
                timings["startup"] += time.perf_counter() - made
                t += time.perf_counter() - made
            chunks = chunker.split(item)
            batch.append((item, chunks))
            batch_chunks += len(chunks)
            if batch_chunks >= self.settings.batch_chunks:
                timings["read_chunk"] += time.perf_counter() - t
                counts["chunks"] += self._flush(catalog, store, batch, timings)
                batch, batch_chunks = [], 0
                bar.set_postfix(chunks=counts["chunks"])
                t = time.perf_counter()
        timings["read_chunk"] += time.perf_counter() - t
        if batch:
            counts["chunks"] += self._flush(catalog, store, batch, timings)
        if restated:
            catalog.set_authors(restated)
        bar.close()
        removed = 0
        if prune:
            removed = self._prune(catalog, store, paths, seen, known, skipped, read)
        gone = [p for p in forget if not p.exists()]
        if gone:
            removed += self._prune(catalog, store, gone, seen, known, skipped, read)
        bm25 = ""
        spec = catalog.get_meta("bm25_dir")
        if catalog.get_meta("bm25_generation") != str(catalog.generation()) or outdated(self.settings.home, spec):
            t = time.perf_counter()
            bm25 = refresh_bm25(catalog, self.settings.home)
            timings["bm25"] = time.perf_counter() - t
        self._checkpoint("bm25")
        catalog.set_meta(dirty="0")
        articles, chunks_total = catalog.counts()
        return IndexReport(
            added=counts["added"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            removed=removed,
            chunks_written=counts["chunks"],
            articles=articles,
            chunks=chunks_total,
            skipped=tuple(skipped),
            seconds=time.perf_counter() - t0,
            timings=timings,
            bm25=bm25,
        )

    def _chunker(self) -> Chunker:
        """The sentence-aware splitter, loaded (llama-index, nltk: 1-2 s) only when a run has
        something to chunk: re-indexing an unchanged folder never loads it."""
        chunker = Chunker(self.settings.chunk_size, self.settings.chunk_overlap, self.embedder.count_tokens)
        chunker.warm()
        return chunker

    def _flush(
        self,
        catalog: Catalog,
        store: VectorStore,
        batch: list[tuple[Article, list[Chunk]]],
        timings: dict[str, float],
    ) -> int:
        chunks = [c for _, cs in batch for c in cs]
        t = time.perf_counter()
        vectors = self.embedder.encode([c.model_text for c in chunks])
        timings["embed"] += time.perf_counter() - t
        self._checkpoint("embed")
        t = time.perf_counter()
        old = catalog.chunk_ids_of([a.id for a, _ in batch])
        store.upsert(chunks, vectors)
        self._checkpoint("chroma")
        catalog.replace(batch)
        self._checkpoint("catalog")
        new_ids = {c.id for c in chunks}
        store.delete([cid for ids in old.values() for cid in ids if cid not in new_ids])
        timings["write"] += time.perf_counter() - t
        self._batches_done += 1
        return len(chunks)

    def _prune(
        self,
        catalog: Catalog,
        store: VectorStore,
        paths: list[Path],
        seen: set[str],
        known: dict[str, tuple[str, str]],
        skipped: list[Skipped],
        read: set[str],
    ) -> int:
        roots = [str(p.resolve()) for p in paths]
        # a file that could not be read keeps its articles; one whose bad records were skipped
        # and others read loses those it no longer holds
        whole = {str(Path(s.path).resolve()) for s in skipped if not s.record}
        protected = whole | ({str(Path(s.path).resolve()) for s in skipped if s.record} - read)
        gone = [
            aid
            for aid, (_, path) in known.items()
            if aid not in seen
            and path not in protected
            and any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
        ]
        if not gone:
            return 0
        chunk_ids = [cid for ids in catalog.chunk_ids_of(gone).values() for cid in ids]
        store.delete(chunk_ids)
        self._checkpoint("prune")
        catalog.delete(gone)
        return len(gone)


# Called as observer(step, batch) after each write an index run makes: "embed" (a batch's
# vectors computed), "chroma" (written to Chroma), "catalog" (committed to the catalog) for
# batch 1, 2, ...; "prune" (vectors of removed articles deleted) and "bm25" (the BM25 index
# rebuilt) once. The crash-safety tests kill the process at each of them.
CHECKPOINTS: list[Callable[[str, int], None]] = []


def _progress(enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(
        desc="indexing",
        unit=" articles",
        disable=not enabled,
        file=sys.stderr,
        dynamic_ncols=True,
        mininterval=0.5,
    )
