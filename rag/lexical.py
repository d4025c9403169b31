"""The lexical store: a bm25s index over title + chunk text, rebuilt from the catalog.

bm25s has no incremental update, so each change rebuilds it (seconds for thousands of
articles). Each build goes to a fresh folder and the catalog points at it only once the
folder is complete, so a killed build leaves the previous index in place.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.catalog import Catalog
from rag.dates import day_number
from rag.records import Filters


def _bm25s() -> Any:
    """bm25s, with its logger back under the application's logging level.

    bm25s sets its own logger to DEBUG on import, so once anything has given the root
    logger a handler (a library's first ``logging.warning`` does), "DEBUG:bm25s:Building
    index from IDs" lands on the user's terminal in the middle of ``rag index``."""
    import logging

    import bm25s

    logging.getLogger("bm25s").setLevel(logging.NOTSET)
    return bm25s


def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


# Words, plus joined forms news relies on ("2+2", "AT&T", "G7"); single digits count too.
TOKEN_PATTERN = r"(?u)\w+(?:[+&]\w+)*"


def tokenize(texts: Sequence[str], stemmer: Any) -> Any:
    """Stemmed tokens of each text, as ``build`` indexes them (for queries)."""
    return _bm25s().tokenize(
        list(texts),
        token_pattern=TOKEN_PATTERN,
        stopwords="en",
        stemmer=stemmer,
        return_ids=False,
        show_progress=False,
    )


def build(catalog: Catalog, folder: Path) -> None:
    """Index every chunk of ``catalog`` into ``folder`` (which must not exist yet).

    Chunks stream from the catalog through bm25s's ``Tokenizer`` one at a time, and each
    chunk's token ids are kept as an int32 array: ``bm25s.tokenize`` over a list of every
    text held the texts and a Python int per token, 336 MB at the peak on the full RealTime
    QA corpus (docs/BENCH.md, "Memory while indexing")."""
    bm25s = _bm25s()
    tokenizer = bm25s.tokenization.Tokenizer(splitter=TOKEN_PATTERN, stopwords="en", stemmer=_stemmer())
    ids: list[str] = []
    sources: list[str] = []
    days: list[int] = []

    def texts() -> Iterator[str]:
        for chunk in catalog.iter_chunks():
            ids.append(chunk.id)
            sources.append(chunk.source)
            days.append(day_number(chunk.published))
            yield chunk.model_text

    token_ids = [np.asarray(doc, dtype=np.int32) for doc in tokenizer.streaming_tokenize(texts())]
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    if ids:
        retriever = bm25s.BM25()
        retriever.index((token_ids, tokenizer.get_vocab_dict()), show_progress=False)
        retriever.save(str(tmp))
    (tmp / "chunks.json").write_text(json.dumps({"ids": ids, "sources": sources}))
    np.save(tmp / "days.npy", np.asarray(days, dtype=np.int32))
    tmp.rename(folder)


class Lexical:
    """A loaded BM25 index. Query with ``search``; filters come as a weight mask."""

    def __init__(self, folder: Path) -> None:
        bm25s = _bm25s()
        meta = json.loads((folder / "chunks.json").read_text())
        self.ids: list[str] = meta["ids"]
        self.sources = np.asarray(meta["sources"], dtype=object)
        self.days = np.load(folder / "days.npy")
        self._positions: dict[str, int] | None = None  # chunk id -> row, built on first use
        self.retriever = bm25s.BM25.load(str(folder), mmap=True) if self.ids else None
        self.stemmer = _stemmer()

    def mask(self, filters: Filters) -> np.ndarray | None:
        source, since, until = filters.source, filters.since, filters.until
        if not filters:
            return None
        keep = np.ones(len(self.ids), dtype=bool)
        if source:
            keep &= self.sources == source
        if since:
            keep &= self.days >= day_number(since)
        if until:
            keep &= (self.days <= day_number(until)) & (self.days > 0)
        if filters.as_of:
            keep &= self.days <= day_number(filters.as_of)  # undated articles are day 0
        return keep.astype(np.float32)

    def lets_through(self, chunk_id: str, keep: np.ndarray) -> bool:
        """Whether the ``mask`` ``keep`` lets ``chunk_id`` through (an unknown id: no)."""
        if self._positions is None:
            self._positions = {cid: i for i, cid in enumerate(self.ids)}
        i = self._positions.get(chunk_id)
        return i is not None and bool(keep[i])

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        if self.retriever is None or k <= 0:
            return []
        vocab = self.retriever.vocab_dict
        tokens = [t for t in tokenize([query], self.stemmer)[0] if t and t in vocab]
        if not tokens:
            return []
        k = min(k, len(self.ids))
        docs, scores = self.retriever.retrieve([tokens], k=k, show_progress=False, weight_mask=mask, n_threads=1)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
