"""The lexical store: a bm25s index over title + chunk text, kept in two segments.

The main segment is a bm25s index of every chunk at the time it was built. bm25s has no
incremental update, and a build takes about 20 s on the 56,592 chunks of the RealTime QA
corpus, so a small change does not rebuild it: the chunks added since go to a delta
segment (only they are tokenized) and the chunks removed since are masked out of the main
one. The delta is scored here with the main segment's statistics (document count,
document frequencies, average length) and bm25s's formula, so its scores are on the same
scale (``tests/test_lexical.py`` checks them against bm25s's own). Once the change since
the main build passes ``MERGE_FRACTION`` of it, the next run builds a new main segment.

Texts and queries are tokenized with their accents taken off (``rag.letters.fold``), so a
reader's "Beyoncé" or "Beyonce" meets an article's decomposed "Beyoncé". A segment records
the form of its tokens (``FORM``); queries are tokenized as their index was, and the next
``rag index`` run rebuilds a main segment of an older form.

Each build goes to a fresh folder and the catalog points at it (``bm25_dir``:
``"bm25/g7"`` or ``"bm25/g7|bm25/d9"``) only once the folder is complete, so a killed
build leaves the previous index in place.
"""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.catalog import Catalog
from rag.dates import day_number
from rag.letters import fold
from rag.records import Filters

MERGE_FRACTION = 0.05  # a delta of more than this share of the main segment's chunks: rebuild
FORM = 1  # 0: words as written; 1: accents taken off
K1, B = 1.5, 0.75  # bm25s's defaults (method "lucene"), which the main segment is built with


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


def tokenize(texts: Sequence[str], stemmer: Any, form: int = FORM) -> Any:
    """Stemmed tokens of each text, as ``build`` indexes them (for queries); ``form`` 0 keeps
    accents, as segments built before ``FORM`` 1 did."""
    return _bm25s().tokenize(
        [fold(t) for t in texts] if form else list(texts),
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
            yield fold(chunk.model_text)

    token_ids = [np.asarray(doc, dtype=np.int32) for doc in tokenizer.streaming_tokenize(texts())]
    tmp = _fresh(folder)
    np.save(tmp / "lengths.npy", np.asarray([len(doc) for doc in token_ids], dtype=np.int32))
    if ids:
        retriever = bm25s.BM25()
        retriever.index((token_ids, tokenizer.get_vocab_dict()), show_progress=False)
        retriever.save(str(tmp))
    (tmp / "chunks.json").write_text(json.dumps({"ids": ids, "sources": sources}))
    (tmp / "form").write_text(str(FORM))
    np.save(tmp / "days.npy", np.asarray(days, dtype=np.int32))
    tmp.rename(folder)


def _fresh(folder: Path) -> Path:
    """An empty folder beside ``folder``, renamed to it once complete."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def build_delta(catalog: Catalog, main: Path, folder: Path) -> bool:
    """The chunks of ``catalog`` that ``main`` lacks, and those it holds that ``catalog`` no
    longer does, as a delta segment in ``folder``; False (nothing written) when the change
    is too large for a delta (or ``main`` is from a version without document lengths, or of
    an older ``FORM``)."""
    if not (main / "lengths.npy").exists() or form_of(main) != FORM:
        return False
    main_ids: list[str] = json.loads((main / "chunks.json").read_text())["ids"]
    listed = catalog.all_chunk_ids()
    held = set(main_ids)
    new = sorted(listed - held)
    gone = sorted(held - listed)
    if len(new) + len(gone) > MERGE_FRACTION * len(main_ids):
        return False
    chunks = catalog.chunks(new)
    stemmer = _stemmer()
    tokens = [list(t) for t in tokenize([chunks[c].model_text for c in new], stemmer)] if new else []
    tmp = _fresh(folder)
    record = {"ids": new, "sources": [chunks[c].source for c in new], "gone": gone, "tokens": tokens}
    (tmp / "delta.json").write_text(json.dumps(record))
    np.save(tmp / "days.npy", np.asarray([day_number(chunks[c].published) for c in new], dtype=np.int32))
    tmp.rename(folder)
    return True


def _unused(folder: Path, used: set[Path]) -> Path:
    return folder if folder not in used else folder.with_name(folder.name + "b")


def refresh(catalog: Catalog, home: Path) -> str:
    """Bring the BM25 index up to the catalog: a delta segment beside the main one when the
    change is small, else a new main segment (``rag/lexical.py``). Returns which: "delta"
    or "main"."""
    generation = str(catalog.generation())
    current = catalog.get_meta("bm25_dir") or ""
    used = {home / part for part in current.split("|") if part}
    main = current.partition("|")[0]
    # a main segment of an older form is rebuilt in the same generation: under another name,
    # so the one in use stays whole until the catalog points at the new one
    delta, folder = (_unused(home / "bm25" / f"{kind}{generation}", used) for kind in "dg")
    shutil.rmtree(delta, ignore_errors=True)
    if main and (home / main).is_dir() and build_delta(catalog, home / main, delta):
        spec, kind = f"{main}|{delta.relative_to(home)}", "delta"
    else:
        shutil.rmtree(folder, ignore_errors=True)
        build(catalog, folder)
        spec, kind = str(folder.relative_to(home)), "main"
    catalog.set_meta(bm25_generation=generation, bm25_dir=spec)
    keep = {home / part for part in spec.split("|")}
    for old in (home / "bm25").iterdir():
        if old not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return kind


def form_of(main: Path) -> int:
    """The ``FORM`` of the tokens of the main segment in ``main`` (0 when it has no record),
    from a file of its own: ``chunks.json`` lists every chunk id, megabytes to parse on each
    index run."""
    try:
        return int((main / "form").read_text())
    except (OSError, ValueError):
        return 0


def outdated(home: Path, spec: str | None) -> bool:
    """Whether the main segment of the index ``spec`` names (the catalog's ``bm25_dir``) was
    built with an older ``FORM`` of its tokens: the next index run builds it again."""
    main = (spec or "").partition("|")[0]
    return bool(main) and (home / main).is_dir() and form_of(home / main) != FORM


class Stats:
    """A segment's BM25 statistics, read back from its bm25s index: scores for other
    documents on the same scale as bm25s's own."""

    def __init__(self, retriever: Any, lengths: np.ndarray) -> None:
        indptr = np.asarray(retriever.scores["indptr"])
        self.n_docs = int(retriever.scores["num_docs"])
        self.df = np.diff(indptr)  # documents holding each token id
        self.vocab: dict[str, int] = retriever.vocab_dict
        self.avg_len = float(lengths.mean()) if len(lengths) else 1.0
        self._idf: dict[str, float] = {}  # per token, computed once: every delta row reuses it

    def idf(self, token: str) -> float:
        if token not in self._idf:
            i = self.vocab.get(token)
            df = int(self.df[i]) if i is not None else 0
            self._idf[token] = math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))  # bm25s's "lucene" idf
        return self._idf[token]

    def score(self, query: Sequence[str], counts: Counter[str], length: int) -> float:
        """A document's BM25 score for ``query`` (tokens, repeats counted as bm25s counts them)."""
        norm = K1 * ((1 - B) + B * length / self.avg_len)
        return sum(self.idf(t) * counts[t] / (norm + counts[t]) for t in query if counts[t])


class Lexical:
    """A loaded BM25 index (main segment, and delta if any). Query with ``search``; filters
    come as a weight mask over ``ids`` (the main segment's rows, then the delta's)."""

    def __init__(self, folder: Path, delta: Path | None = None) -> None:
        bm25s = _bm25s()
        meta = json.loads((folder / "chunks.json").read_text())
        main_ids: list[str] = meta["ids"]
        self.n_main = len(main_ids)
        self.form = form_of(folder)  # queries are tokenized as this segment was
        self.retriever = bm25s.BM25.load(str(folder), mmap=True) if main_ids else None
        self.stemmer = _stemmer()
        self._positions: dict[str, int] | None = None  # chunk id -> row, built on first use
        self._df: np.ndarray | None = None  # main segment: chunks holding each token id
        sources = list(meta["sources"])
        days = [np.load(folder / "days.npy")]
        self.alive: np.ndarray | None = None  # main rows not removed since (None: all)
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)  # delta: token -> (row, count)
        self.delta_lengths = np.zeros(0, dtype=np.int32)
        delta_ids: list[str] = []
        if delta is not None:
            record = json.loads((delta / "delta.json").read_text())
            delta_ids = record["ids"]
            sources += record["sources"]
            days.append(np.load(delta / "days.npy"))
            gone = set(record["gone"])
            self.alive = np.asarray([cid not in gone for cid in main_ids], dtype=bool)
            for row, tokens in enumerate(record["tokens"]):
                for token, count in Counter(tokens).items():
                    self.postings[token].append((row, count))
            self.delta_lengths = np.asarray([len(t) for t in record["tokens"]], dtype=np.int32)
        self.stats = (
            Stats(self.retriever, np.load(folder / "lengths.npy"))
            if delta is not None and self.retriever is not None
            else None
        )
        self.ids: list[str] = main_ids + delta_ids
        self.sources = np.asarray(sources, dtype=object)
        self.days = np.concatenate(days)

    @classmethod
    def load(cls, home: Path, spec: str) -> Lexical:
        """The index the catalog's ``bm25_dir`` names: ``"bm25/g7"`` or ``"bm25/g7|bm25/d9"``."""
        main, _, delta = spec.partition("|")
        return cls(home / main, home / delta if delta else None)

    def mask(self, filters: Filters) -> np.ndarray | None:
        """1 for each row ``filters`` let through (and not removed since), else 0; None for
        no filters."""
        source, since, until = filters.source, filters.since, filters.until
        if not filters:
            return None
        keep = np.ones(len(self.ids), dtype=bool)
        if self.alive is not None:
            keep[: self.n_main] &= self.alive
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

    def search(
        self, query: str, k: int, mask: np.ndarray | None = None, telling: bool = False
    ) -> list[tuple[str, float]]:
        """The ``k`` best chunks for ``query`` by BM25 among those ``mask`` lets through.
        ``telling``: only the query's words that tell chunks apart (``Lexical.telling``)."""
        if k <= 0 or not self.ids:
            return []
        tokens = [t for t in tokenize([query], self.stemmer, self.form)[0] if t]
        if telling:
            tokens = self.telling(tokens)
        hits = self._search_main(tokens, k, mask) + self._search_delta(tokens, k, mask)
        hits.sort(key=lambda h: -h[1])
        return hits[:k]

    def telling(self, tokens: list[str]) -> list[str]:
        """``tokens`` without those held by every chunk of the index: they tell no chunk from
        another. bm25s's "lucene" idf still gives such a word a weight, so over one article
        whose title every chunk carries ("2+2" over the seed) BM25 ranks the chunks by their
        length alone, and fused with the dense list that order has a full vote. A word held
        by more than half of the chunks (a Robertson-Sparck Jones weight of 0 or less) was
        measured too: over the articles of two events it left out each event's name, which
        still told one event's chunks from the other's (docs/EVAL.md, "Words that tell no
        chunk apart")."""
        held = self.held(tokens)
        return [t for t in tokens if held[t] < len(self.ids)]

    def held(self, tokens: list[str]) -> Counter[str]:
        """How many chunks of both segments hold each of ``tokens``."""
        held: Counter[str] = Counter()
        if self.retriever is not None:
            if self._df is None:  # the delta's Stats has read them already
                self._df = self.stats.df if self.stats else np.diff(np.asarray(self.retriever.scores["indptr"]))
            vocab = self.retriever.vocab_dict
            held.update({t: int(self._df[vocab[t]]) for t in set(tokens) if t in vocab})
        held.update({t: len(self.postings[t]) for t in set(tokens) if t in self.postings})
        return held

    def _search_main(self, tokens: list[str], k: int, mask: np.ndarray | None) -> list[tuple[str, float]]:
        if self.retriever is None:
            return []
        vocab = self.retriever.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return []
        weights = None if mask is None else mask[: self.n_main]
        if self.alive is not None:
            weights = self.alive.astype(np.float32) if weights is None else weights * self.alive
        k = min(k, self.n_main)
        docs, scores = self.retriever.retrieve([known], k=k, show_progress=False, weight_mask=weights, n_threads=1)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def _search_delta(self, tokens: list[str], k: int, mask: np.ndarray | None) -> list[tuple[str, float]]:
        """The delta's rows scored with the main segment's statistics (``Stats.score``)."""
        if not self.postings or self.stats is None:
            return []
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        for token in set(tokens):
            for row, count in self.postings.get(token, ()):
                counts[row][token] = count
        scored = []
        for row, held in counts.items():
            if mask is not None and not mask[self.n_main + row]:
                continue
            scored.append((self.ids[self.n_main + row], self.stats.score(tokens, held, int(self.delta_lengths[row]))))
        scored.sort(key=lambda h: -h[1])
        return [h for h in scored[:k] if h[1] > 0]
