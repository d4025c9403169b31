"""The manifest: articles, their chunks and index metadata in one SQLite file.

SQLite transactions make each article's replacement atomic; the vector store and the
BM25 index are reconciled against this catalog, which is the source of truth.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

from rag.errors import IndexBusy, IndexDamaged
from rag.records import Article, Chunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
    source TEXT NOT NULL, url TEXT NOT NULL, published TEXT NOT NULL,
    content_hash TEXT NOT NULL, related TEXT NOT NULL, author TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    sentences TEXT
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

F = TypeVar("F", bound=Callable[..., Any])


def _locked(method: F) -> F:
    """One thread at a time on the shared connection; SQLite's "database is locked" (another
    process held the write lock past the 5 s timeout) becomes IndexBusy."""

    @functools.wraps(method)
    def wrapper(self: Catalog, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                if _busy(exc):
                    raise IndexBusy(_busy_message(self.path, exc)) from None
                raise

    return cast(F, wrapper)


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _busy_message(path: Path, exc: Exception) -> str:
    return f"the index catalog {path} is locked by another process ({exc}); try again when it is done"


_CHUNK_COLUMNS = 'c.id, c.article_id, c.text, c.start, c."end", c.position, a.title, a.published, a.source'


def _chunk(row: Sequence[Any]) -> Chunk:
    """A chunk from ``_CHUNK_COLUMNS`` plus its sentences column (JSON [[start, end], ...] or NULL)."""
    spans = None if row[9] is None else tuple((int(s), int(e)) for s, e in json.loads(row[9]))
    cid, article_id, text, start, end, position, title, published, source = row[:9]
    return Chunk(cid, article_id, text, start, end, position, title, published, source, sentences=spans)


def _spans_json(spans: Sequence[tuple[int, int]] | None) -> str | None:
    return None if spans is None else json.dumps([list(span) for span in spans])


class Catalog:
    """``migrate``: bring an older catalog's tables up to date (writers). A reader leaves it
    as it is: adding a column takes the write lock, which a running ``rag index`` may hold."""

    def __init__(self, path: Path, *, readonly: bool = False, migrate: bool = True) -> None:
        self.path = path
        self.lock = threading.RLock()  # one connection, shared by the web app's worker threads
        try:
            if readonly:
                uri = f"file:{path}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_SCHEMA)
            stored = "sentences" in {r[1] for r in self.db.execute("PRAGMA table_info(chunks)")}
            if not stored and not readonly and migrate:  # catalogs written before sentences were stored
                self.db.execute("ALTER TABLE chunks ADD COLUMN sentences TEXT")
                stored = True
            authored = "author" in {r[1] for r in self.db.execute("PRAGMA table_info(articles)")}
            if not authored and not readonly and migrate:  # ... and before authors were
                self.db.execute("ALTER TABLE articles ADD COLUMN author TEXT NOT NULL DEFAULT ''")
                authored = True
            self.db.execute("PRAGMA foreign_keys=ON")
            # read-only over an older catalog: its chunks have no stored sentences
            self._sentences = "c.sentences" if stored else "NULL"
            self._author = "author" if authored else "''"
            self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
                raise IndexBusy(_busy_message(path, exc)) from None
            raise IndexDamaged(
                f"the index catalog {path} cannot be read ({exc}); rebuild it with `rag index --rebuild PATH...`"
            ) from None
        except OSError as exc:
            raise IndexDamaged(f"cannot open the index at {path.parent}: {exc.strerror or exc}") from None

    def close(self) -> None:
        self.db.close()

    # -- metadata ---------------------------------------------------------------
    @_locked
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    @_locked
    def set_meta(self, **values: str) -> None:
        with self.db:
            self.db.executemany(
                "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                list(values.items()),
            )

    def generation(self) -> int:
        return int(self.get_meta("generation", "0"))

    # -- reads ------------------------------------------------------------------
    @_locked
    def hashes(self) -> dict[str, tuple[str, str]]:
        """article id -> (content hash, source path)."""
        rows = self.db.execute("SELECT id, content_hash, path FROM articles")
        return {r[0]: (r[1], r[2]) for r in rows}

    @_locked
    def chunk_ids_of(self, article_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {a: [] for a in article_ids}
        for batch in _batches(article_ids, 500):
            marks = ",".join("?" * len(batch))
            for cid, aid in self.db.execute(f"SELECT id, article_id FROM chunks WHERE article_id IN ({marks})", batch):
                out[aid].append(cid)
        return out

    @_locked
    def all_chunk_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM chunks")}

    @_locked
    def chunks(self, ids: Sequence[str]) -> dict[str, Chunk]:
        return {c.id: c for c in self._chunks_where("c.id", ids)}

    def _chunks_where(self, column: str, values: Sequence[str], also: str = "") -> Iterator[Chunk]:
        """The chunks whose ``column`` is one of ``values`` (and ``also``, an SQL condition)."""
        for batch in _batches(values, 500):
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT {_CHUNK_COLUMNS}, {self._sentences} FROM chunks c JOIN articles a ON a.id = c.article_id "
                f"WHERE {also}{column} IN ({marks})",
                batch,
            )
            yield from map(_chunk, rows)

    def iter_chunks(self, sentences: bool = False) -> Iterator[Chunk]:
        """Every chunk, in a stable order (article id, position); its sentence spans only
        when asked for (the BM25 build reads only the text)."""
        spans = self._sentences if sentences else "NULL"
        rows = self.db.execute(
            f"SELECT {_CHUNK_COLUMNS}, {spans} FROM chunks c JOIN articles a ON a.id = c.article_id "
            "ORDER BY c.article_id, c.position"
        )
        for r in rows:
            yield _chunk(r)

    @_locked
    def chunks_without_sentences(self, limit: int) -> list[tuple[str, str, str, int]]:
        """(id, text, article id, start) of up to ``limit`` chunks whose sentence spans are
        not stored."""
        rows = self.db.execute(
            "SELECT id, text, article_id, start FROM chunks WHERE sentences IS NULL ORDER BY article_id LIMIT ?",
            (limit,),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    @_locked
    def forget_sentences(self) -> None:
        """Drop every chunk's stored sentence spans (to be computed again)."""
        with self.db:
            self.db.execute("UPDATE chunks SET sentences=NULL")

    @_locked
    def set_sentences(self, spans: dict[str, Sequence[tuple[int, int]]]) -> None:
        with self.db:
            self.db.executemany(
                "UPDATE chunks SET sentences=? WHERE id=?",
                [(_spans_json(v), k) for k, v in spans.items()],
            )

    @_locked
    def article(self, article_id: str) -> Article | None:
        r = self.db.execute(
            "SELECT id, title, text, source, url, published, path, content_hash, related, "
            f"{self._author} FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        if r is None:
            return None
        return Article(
            id=r[0],
            title=r[1],
            text=r[2],
            source=r[3],
            url=r[4],
            published=r[5],
            path=r[6],
            content_hash=r[7],
            related=tuple(json.loads(r[8])),
            author=r[9],
        )

    @_locked
    def authors(self) -> dict[str, str]:
        """Each article's author as its metadata states it, by article id."""
        return dict(self.db.execute(f"SELECT id, {self._author} FROM articles"))

    @_locked
    def set_authors(self, authors: dict[str, str]) -> None:
        """Store the authors an unchanged article's metadata now states (an index written
        before authors were read gets them on its next run, without re-embedding)."""
        with self.db:
            # no new generation: no passage's text changes, so the BM25 index stands
            self.db.executemany("UPDATE articles SET author=? WHERE id=?", [(a, i) for i, a in authors.items()])

    @_locked
    def counts(self) -> tuple[int, int]:
        a = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        c = self.db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        return int(a), int(c)

    @_locked
    def dates(self) -> tuple[str, str, int]:
        """The oldest and newest publication dates ('' when no article is dated) and how many
        articles are undated."""
        row = self.db.execute(
            "SELECT min(nullif(published, '')), max(nullif(published, '')), sum(published = '') FROM articles"
        ).fetchone()
        return str(row[0] or ""), str(row[1] or ""), int(row[2] or 0)

    @_locked
    def sources(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT source FROM articles WHERE source != '' ORDER BY 1")
        return [r[0] for r in rows]

    @_locked
    def recent_titles(self, n: int = 3) -> list[str]:
        """Titles of the ``n`` newest articles (dated ones first, newest first)."""
        rows = self.db.execute(
            "SELECT title FROM articles WHERE title != '' ORDER BY published = '', published DESC, id LIMIT ?", (n,)
        )
        return [r[0] for r in rows]

    @_locked
    def published_between(self, start: str, end: str) -> int:
        """How many articles were published from ``start`` to ``end`` (YYYY-MM-DD, inclusive)."""
        row = self.db.execute("SELECT count(*) FROM articles WHERE published BETWEEN ? AND ?", (start, end))
        return int(row.fetchone()[0])

    @_locked
    def first_chunks(self, article_ids: Sequence[str]) -> dict[str, Chunk]:
        """Each article's first passage, by article id."""
        return {c.article_id: c for c in self._chunks_where("c.article_id", article_ids, "c.position = 0 AND ")}

    @_locked
    def opening(self, article_id: str, passages: int) -> list[Chunk]:
        """An article's first ``passages`` passages, in order."""
        first = self._chunks_where("c.article_id", [article_id], f"c.position < {int(passages)} AND ")
        return sorted(first, key=lambda c: c.position)

    @_locked
    def leads_between(self, start: str, end: str, source: str | None, limit: int) -> tuple[list[Chunk], int]:
        """The first passage of each article published from ``start`` to ``end`` (of ``source``
        only, when given), newest first, ``limit`` at most; and how many articles there are."""
        where, args = "a.published BETWEEN ? AND ?", [start, end]
        if source:
            where, args = f"{where} AND a.source = ?", [*args, source]
        total = self.db.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT {_CHUNK_COLUMNS}, {self._sentences} FROM chunks c JOIN articles a ON a.id = c.article_id "
            f"WHERE c.position = 0 AND {where} ORDER BY a.published DESC, a.id LIMIT ?",
            [*args, limit],
        )
        return [_chunk(r) for r in rows], int(total)

    @_locked
    def newest_published(self, until: str, source: str | None = None) -> str:
        """The newest publication date up to ``until`` (of ``source``'s articles only, when
        given; '' when no dated article is that old)."""
        where, args = "published != '' AND published <= ?", [until]
        if source:
            where, args = f"{where} AND source = ?", [*args, source]
        return str(self.db.execute(f"SELECT max(published) FROM articles WHERE {where}", args).fetchone()[0] or "")

    # -- writes -----------------------------------------------------------------
    @_locked
    def replace(self, items: Iterable[tuple[Article, list[Chunk]]]) -> None:
        """Replace each article and its chunks, all in one transaction."""
        with self.db:
            for article, chunks in items:
                self.db.execute("DELETE FROM chunks WHERE article_id=?", (article.id,))
                self.db.execute(
                    "INSERT OR REPLACE INTO articles"
                    "(id, path, title, text, source, url, published, content_hash, related, author)"
                    " VALUES(?,?,?,?,?,?,?,?,?,?)",
                    (
                        article.id,
                        article.path,
                        article.title,
                        article.text,
                        article.source,
                        article.url,
                        article.published,
                        article.content_hash,
                        json.dumps(list(article.related)),
                        article.author,
                    ),
                )
                self.db.executemany(
                    'INSERT INTO chunks(id, article_id, position, start, "end", text, sentences) VALUES(?,?,?,?,?,?,?)',
                    [
                        (c.id, c.article_id, c.position, c.start, c.end, c.text, _spans_json(c.sentences))
                        for c in chunks
                    ],
                )
            self._bump()

    @_locked
    def delete(self, article_ids: Sequence[str]) -> None:
        with self.db:
            for batch in _batches(article_ids, 500):
                marks = ",".join("?" * len(batch))
                self.db.execute(f"DELETE FROM chunks WHERE article_id IN ({marks})", batch)
                self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", batch)
            self._bump()

    def _bump(self) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value=CAST(value AS INTEGER) + 1"
        )


def _batches(items: Sequence[str], size: int) -> Iterator[list[str]]:
    items = list(items)
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def iter_articles(catalog: Catalog) -> Iterator[Article]:
    """Every article, in id order, one at a time."""
    ids = [r[0] for r in catalog.db.execute("SELECT id FROM articles ORDER BY id")]
    for article_id in ids:
        article = catalog.article(article_id)
        if article is not None:
            yield article
