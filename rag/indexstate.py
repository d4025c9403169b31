"""What keeps an index whole across runs: one writer at a time (``writer_lock``), the
settings it was built with (``check_models``), its id, which a Chroma server collection is
tied to (``index_id``), Chroma and the catalog made to agree after an interrupted run
(``reconcile``), and the sentence spans of chunks stored by older rules
(``backfill_sentences``). ``rag.index.Indexer`` calls them at the start of each run."""

from __future__ import annotations

import fcntl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.catalog import Catalog
from rag.chunking import within
from rag.errors import ConfigError, IndexBusy, IndexDamaged
from rag.liveblog import bylines
from rag.models import Embedder
from rag.sentences import sentence_spans
from rag.settings import Settings
from rag.vectors import VectorStore

# the rules of the sentence spans stored with each chunk; an index that stored them by other
# rules has them computed again by its next run (2: a live blog's bylines end a sentence)
SENTENCE_RULES = "2"


@contextmanager
def writer_lock(home: Path) -> Iterator[None]:
    """One writer per index: a second ``rag index`` on the same home fails at once."""
    home.mkdir(parents=True, exist_ok=True)
    fh = (home / "index.lock").open("a")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise IndexBusy(f"another `rag index` is writing to {home}; wait for it to finish and run again") from None
    try:
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def check_models(catalog: Catalog, settings: Settings, embedder: Embedder) -> None:
    want = {
        "embed_model": embedder.name,
        "embed_precision": embedder.precision,
        "chunk_size": str(settings.chunk_size),
        "chunk_overlap": str(settings.chunk_overlap),
    }
    have = {k: catalog.get_meta(k) for k in want}
    if have["embed_model"] and not have["embed_precision"]:
        have["embed_precision"] = "fp32"  # indexes written before the precision was recorded
    if all(not v for v in have.values()):
        catalog.set_meta(**want)
        return
    changed = [f"{k} {have[k]} -> {want[k]}" for k in want if have[k] != want[k]]
    if changed:
        raise ConfigError(
            f"the index at {settings.home} was built with other settings ({'; '.join(changed)}); "
            "run `rag index --rebuild PATH...` to rebuild it"
        )


def index_id(catalog: Catalog) -> str:
    """A random id for this index, made on first use; a Chroma server collection is tied to it."""
    have = catalog.get_meta("index_id")
    if not have:
        have = uuid.uuid4().hex
        catalog.set_meta(index_id=have)
    return have


def stored_index_id(path: Path) -> str:
    if not path.exists():
        return ""
    try:
        catalog = Catalog(path, readonly=True)
    except IndexDamaged:
        return ""
    try:
        return catalog.get_meta("index_id")
    finally:
        catalog.close()


def backfill_sentences(catalog: Catalog, batch: int = 2000) -> int:
    """Store the sentence spans of chunks indexed before they were stored, or stored by
    older rules (once per older index: about a minute for the 56,591 chunks of the RealTime
    QA corpus, a live blog's bylines found in its whole article)."""
    done = 0
    while rows := catalog.chunks_without_sentences(batch):
        reporters: dict[str, list[tuple[int, int]]] = {}
        for aid in {r[2] for r in rows}:
            article = catalog.article(aid)
            reporters[aid] = bylines(article.text) if article else []
        catalog.set_sentences(
            {
                cid: sentence_spans(text, within(reporters[aid], start, start + len(text)))
                for cid, text, aid, start in rows
            }
        )
        done += len(rows)
    return done


def reconcile(catalog: Catalog, store: VectorStore) -> None:
    """Make Chroma and the catalog agree after an interrupted run."""
    listed = catalog.all_chunk_ids()
    stored = set(store.iter_ids())
    store.delete(sorted(stored - listed))
    missing = listed - stored
    if missing:
        broken = {cid.rsplit("#", 1)[0] for cid in missing}
        store.delete([cid for ids in catalog.chunk_ids_of(sorted(broken)).values() for cid in ids])
        catalog.delete(sorted(broken))  # they are re-read and re-embedded by this run
