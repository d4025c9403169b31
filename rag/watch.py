"""``rag index --watch PATH…``: index the paths, then every change to them as it happens,
until Ctrl+C.

Changes are collected by ``watchfiles`` (the operating system's file events), debounced
(a burst of writes is one update), and each batch is one ordinary index run under the
same single-writer lock and crash safety as ``rag index``: the changed files alone are
read (with the ids a full read gives them), and deleted files and folders leave the index.
The BM25 index takes a small change as a delta segment (``rag/lexical.py``), so an update
costs what the changed articles cost, not what the corpus does. When another process
holds the index, the batch waits and is retried with the next one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.corpus import SUPPORTED, walk
from rag.errors import IndexBusy, RagError
from rag.index import IndexReport

DEBOUNCE_MS = 1000
RETRY_MS = 2000  # how often a batch that met a busy index is tried again


@dataclass(frozen=True)
class Update:
    """One batch of changes and what indexing it did (``error``: why it waits)."""

    changed: tuple[str, ...]
    removed: tuple[str, ...]
    report: IndexReport | None
    error: str = ""


def wanted(path: str) -> bool:
    """A file the index reads (by its suffix), not a hidden or editor's temporary file."""
    name = os.path.basename(path)
    return not name.startswith((".", "~")) and Path(name).suffix.lower() in SUPPORTED


def watch(
    index: Callable[..., IndexReport],
    paths: Sequence[str | Path],
    *,
    prune: bool = True,
    progress: bool = False,
    debounce_ms: int = DEBOUNCE_MS,
    stop: threading.Event | None = None,
    ready: Callable[[], None] = lambda: None,
) -> Iterator[Update]:
    """Updates as the files under ``paths`` change, each indexed with ``index`` (a
    ``Pipeline.index``); ends when ``stop`` is set (or with KeyboardInterrupt).

    The first update is a whole ``rag index`` of ``paths`` (``prune``, ``progress``), run
    once the watcher is listening, so nothing changed before it is missed."""
    from watchfiles import Change, DefaultFilter
    from watchfiles import watch as file_events

    roots = [Path(os.path.abspath(Path(p).expanduser())) for p in paths]
    missing = [str(r) for r in roots if not r.exists()]
    if missing:
        raise RagError(f"cannot watch {missing[0]}: no such file or folder")
    changed: set[str] = set()
    removed: set[str] = set()
    events: Any = file_events(
        *roots,
        watch_filter=DefaultFilter(),
        debounce=debounce_ms,
        stop_event=stop,
        rust_timeout=RETRY_MS,
        yield_on_timeout=True,
    )
    listening = False
    for batch in events:
        if not listening:  # the first yield (at most RETRY_MS in): the watcher is registered
            listening = True
            yield Update((), (), index(roots, prune=prune, progress=progress))
            ready()
        for change, path in batch:
            if change == Change.deleted:
                removed.add(path)  # a file or a whole folder
                changed.discard(path)
            elif change == Change.added and os.path.isdir(path):
                # a new or moved-in folder: files written into it before the watcher had
                # registered it send no events of their own, so it is read whole
                fresh = {str(f) for f in walk(Path(path)) if wanted(str(f))}
                changed |= fresh
                removed -= fresh
            elif wanted(path) and os.path.isfile(path):
                changed.add(path)
                removed.discard(path)
        if not changed and not removed:
            continue
        try:
            report = index(roots, prune=False, only=set(changed), forget=[Path(p) for p in removed])
        except IndexBusy as exc:
            yield Update(tuple(sorted(changed)), tuple(sorted(removed)), None, str(exc))
            continue  # kept, and tried again with the next batch or after RETRY_MS
        yield Update(tuple(sorted(changed)), tuple(sorted(removed)), report)
        changed.clear()
        removed.clear()


def follow(
    index: Callable[..., IndexReport], paths: Sequence[str | Path], as_json: bool, prune: bool, progress: bool
) -> int:
    """``rag index --watch``: the whole index run, then one line per update (a JSON object
    with ``as_json``), each skipped file on stderr, until Ctrl+C or SIGTERM."""
    import json
    import signal
    import sys
    import time

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    # Ctrl+C stops even when started from a shell that ignores SIGINT for background jobs
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def ready() -> None:
        print(f"watching {', '.join(map(str, paths))} for changes (Ctrl+C stops)", file=sys.stderr, flush=True)

    try:
        for update in watch(index, paths, prune=prune, progress=progress, ready=ready, stop=stop):
            stamp = time.strftime("%H:%M:%S")
            r = update.report
            if r is None:
                print(f"{stamp} waiting: {update.error}", file=sys.stderr, flush=True)
                continue
            for s in r.skipped:
                print(f"skipped {s}", file=sys.stderr)
            if as_json:
                print(json.dumps({**r.to_json(), "changed": update.changed, "deleted": update.removed}), flush=True)
            elif not update.changed and not update.removed:
                counts = f"+{r.added} new, {r.updated} changed, {r.removed} removed, {r.unchanged} unchanged"
                print(
                    f"{stamp} indexed {r.articles} articles, {r.chunks} chunks ({counts}) in {r.seconds:.1f}s",
                    flush=True,
                )
            else:
                print(
                    f"{stamp} +{r.added} new, {r.updated} changed, {r.removed} removed "
                    f"({len(update.changed)} file(s) changed, {len(update.removed)} deleted) in {r.seconds:.1f}s",
                    flush=True,
                )
    except KeyboardInterrupt:
        pass
    print("stopped watching", file=sys.stderr)
    return 0
