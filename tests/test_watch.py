"""`rag index --watch`: files written, edited and deleted while it runs are indexed as they
happen, ending in exactly the index a clean build of the folder gives; test models."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from rag.indexstate import writer_lock
from rag.pipeline import Pipeline
from tests.conftest import REPO, fake_settings, rag_env, run_rag

pytestmark = pytest.mark.slow


class Watcher:
    """`rag index FOLDER --watch --json` in a subprocess, its output lines in queues."""

    def __init__(self, home, folder, *extra: str) -> None:
        cmd = [sys.executable, "-m", "rag.cli", "index", str(folder), "--watch", "--json", "--quiet", *extra]
        self.proc = subprocess.Popen(
            cmd, env=rag_env(home), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.out: queue.Queue[str] = queue.Queue()
        self.err: queue.Queue[str] = queue.Queue()
        for stream, q in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=lambda s=stream, q=q: [q.put(line.rstrip("\n")) for line in s], daemon=True).start()
        self.initial = json.loads(self.next_out())
        self.wait_err("watching ")

    def next_out(self, timeout: float = 60) -> str:
        return self.out.get(timeout=timeout)

    def update(self, timeout: float = 60) -> dict:
        return json.loads(self.next_out(timeout))

    def wait_err(self, start: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.err.get(timeout=max(0.1, deadline - time.monotonic()))
            if line.startswith(start) or f" {start}" in line:
                return line
        raise AssertionError(f"no {start!r} on stderr")

    def stop(self, sig: int = signal.SIGINT) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=60)


def hashes(home) -> dict:
    pipe = Pipeline(fake_settings(home))
    return {aid: digest for aid, (digest, _) in pipe.catalog.hashes().items()}


def test_additions_edits_and_deletions_are_indexed_as_they_happen(tmp_path, corpus):
    home = tmp_path / "h"
    w = Watcher(home, corpus)
    try:
        assert w.initial["added"] == 3
        (corpus / "ferry.txt").write_text("Ferry returns\n\nThe ferry to Osby runs again, said Ida Vance.\n")
        first = w.update()
        assert (first["added"], first["updated"], first["removed"]) == (1, 0, 0)
        assert first["changed"] == [str(corpus / "ferry.txt")] and first["bm25"] == "main"  # a tiny index: merged
        found = json.loads(run_rag(home, "search", "ferry Osby Ida Vance", "--json", "-k", "1").stdout)["hits"]
        assert "Ida Vance" in found[0]["text"]
        (corpus / "ferry.txt").write_text("Ferry returns\n\nThe ferry to Osby runs again, said Noor Hadid.\n")
        edited = w.update()
        assert (edited["added"], edited["updated"], edited["removed"]) == (0, 1, 0)
        asked = json.loads(run_rag(home, "search", "ferry Osby Noor Hadid", "--json", "-k", "1").stdout)["hits"]
        assert "Noor Hadid" in asked[0]["text"]
        # a burst of writes is one update (debounced), in a new subfolder
        (corpus / "more").mkdir()
        for i in range(5):
            (corpus / "more" / f"n{i}.md").write_text(f"# Note {i}\n\nHarbour note number {i} about the quay.\n")
        (corpus / "more" / "draft.txt~").write_text("an editor's backup: not read")
        burst = w.update()
        assert burst["added"] == 5 and len(burst["changed"]) == 5
        assert hashes(home) == hashes(_clean(tmp_path / "mid", corpus))  # the same ids a full read gives
        # a folder moved in whole: one event, for the folder; its files send none of their own
        ready = tmp_path / "ready"
        ready.mkdir()
        for name in ("a.txt", "b.md"):
            (ready / name).write_text(f"Pier {name}\n\nThe pier reopened on Friday, notice {name} said.\n")
        os.rename(ready, corpus / "ready")
        moved = w.update()
        assert moved["added"] == 2 and sorted(moved["changed"]) == [
            str(corpus / "ready" / n) for n in ("a.txt", "b.md")
        ]
        (corpus / "ferry.txt").unlink()
        assert w.update()["removed"] == 1
        import shutil

        shutil.rmtree(corpus / "more")  # a whole folder goes
        assert w.update()["removed"] == 5
        shutil.rmtree(corpus / "ready")
        assert w.update()["removed"] == 2
    finally:
        code = w.stop()
    assert code == 0 and w.wait_err("stopped watching")
    # the watched index is exactly what a clean build of the folder gives
    assert hashes(home) == hashes(_clean(tmp_path / "clean", corpus))
    again = json.loads(run_rag(home, "index", str(corpus), "--json", "--quiet").stdout)
    assert (again["added"], again["updated"], again["removed"], again["unchanged"]) == (0, 0, 0, 3)


def _clean(home, folder):
    Pipeline(fake_settings(home)).index([folder])
    return home


def test_a_batch_waits_while_another_run_holds_the_index_then_lands(tmp_path, corpus):
    home = tmp_path / "h"
    w = Watcher(home, corpus)
    try:
        with writer_lock(home):
            (corpus / "ferry.txt").write_text("Ferry returns\n\nThe ferry to Osby runs again.\n")
            assert "another `rag index` is writing" in w.wait_err("waiting:")
            assert w.out.empty()
        landed = w.update()  # retried once the lock is free
        assert landed["added"] == 1 and landed["changed"] == [str(corpus / "ferry.txt")]
    finally:
        assert w.stop(signal.SIGTERM) == 0  # a service manager's stop ends it cleanly too


def test_watch_refuses_feeds_in_one_line(tmp_path, corpus):
    done = run_rag(tmp_path / "h", "index", str(corpus), "http://127.0.0.1:9/feed", "--watch")
    assert done.returncode == 1 and done.stderr.startswith("error: --watch follows files and folders")
    assert len(done.stderr.strip().splitlines()) == 1
