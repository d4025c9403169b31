"""Indexing: idempotent, change and removal aware, bad files reported, crash-safe, locked."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from rag.catalog import Catalog
from rag.errors import ConfigError, IndexBusy
from rag.indexstate import writer_lock
from rag.pipeline import Pipeline
from rag.vectors import VectorStore
from tests.conftest import fake_settings, rag_env, run_rag


def state(home: Path) -> dict[str, object]:
    """Everything an index holds that a user could see: ids in catalog, Chroma and BM25."""
    settings = fake_settings(home)
    cat = Catalog(home / "catalog.sqlite")
    store = VectorStore(home, "", settings.collection)
    pipe = Pipeline(settings)
    bm25 = [h.chunk.id for h in pipe.search("storm council rovers budget", k=10, mode="bm25")]
    out = {
        "catalog": sorted(cat.all_chunk_ids()),
        "chroma": sorted(store.iter_ids()),
        "hashes": sorted((k, v[0]) for k, v in cat.hashes().items()),
        "bm25": bm25,
        "dirty": cat.get_meta("dirty"),
    }
    cat.close()
    return out


@contextmanager
def another_writer(catalog: Path) -> Iterator[None]:
    """Another connection holds the catalog's write lock (an open write transaction)."""
    writer = sqlite3.connect(catalog)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO meta(key, value) VALUES('held', '1')")
    try:
        yield
    finally:
        writer.rollback()
        writer.close()


def test_index_twice_adds_nothing(settings, corpus):
    pipe = Pipeline(settings)
    first = pipe.index([corpus])
    assert (first.added, first.articles) == (3, 3) and first.chunks > 3
    before = state(settings.home)
    second = pipe.index([corpus])
    assert (second.added, second.updated, second.unchanged, second.chunks_written) == (0, 0, 3, 0)
    assert second.chunks == first.chunks
    assert state(settings.home) == before
    assert before["catalog"] == before["chroma"]


def test_changed_file_replaces_its_chunks_and_removed_file_goes(settings, corpus):
    pipe = Pipeline(settings)
    pipe.index([corpus])
    cat = Catalog(settings.home / "catalog.sqlite")
    ids = {Path(path).name: aid for aid, (_, path) in cat.hashes().items()}
    old = cat.chunk_ids_of([ids["storm.txt"], ids["budget.txt"]])
    cat.close()
    (corpus / "storm.txt").write_text("Storm hits coastal town\n\nThe storm has passed. Repairs begin.")
    (corpus / "budget.txt").unlink()
    report = pipe.index([corpus])
    assert (report.updated, report.removed, report.articles) == (1, 1, 2)
    new = state(settings.home)
    assert new["catalog"] == new["chroma"]
    stale = set(old[ids["storm.txt"]]) | set(old[ids["budget.txt"]])
    assert stale and not stale & set(new["catalog"]), "old chunks of the changed or removed file remain"
    cat = Catalog(settings.home / "catalog.sqlite")
    assert ids["budget.txt"] not in cat.hashes() and cat.chunk_ids_of([ids["storm.txt"]])[ids["storm.txt"]]
    cat.close()
    texts = " ".join(h.chunk.text for h in pipe.search("storm", k=10, mode="bm25"))
    assert "Repairs begin" in texts and "120 km/h" not in texts
    assert all("council" not in h.chunk.text.lower() for h in pipe.search("council budget schools", k=5, mode="bm25"))


def test_no_prune_keeps_removed_files(settings, corpus):
    pipe = Pipeline(settings)
    pipe.index([corpus])
    (corpus / "budget.txt").unlink()
    assert pipe.index([corpus], prune=False).articles == 3
    assert pipe.index([corpus]).articles == 2


def test_unreadable_file_is_not_pruned(settings, corpus):
    pipe = Pipeline(settings)
    pipe.index([corpus])
    (corpus / "budget.txt").write_bytes(b"\x00\x00binary now")
    report = pipe.index([corpus])
    assert report.articles == 3 and len(report.skipped) == 1


def test_a_file_with_a_bad_record_loses_the_records_it_no_longer_holds(settings, tmp_path):
    """A bad line of a JSONL file is skipped and the file's other records read: a record taken
    out of it is removed from the index, as from a file without bad lines."""
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [
        json.dumps({"id": f"r{n}", "title": f"Story {n}", "text": f"Story number {n} happened."}) for n in range(3)
    ]
    feed = folder / "records.jsonl"
    feed.write_text("\n".join([*lines, "{not json"]) + "\n")
    pipe = Pipeline(settings)
    first = pipe.index([folder])
    assert first.articles == 3 and [s.reason[:6] for s in first.skipped] == ["line 4"]
    feed.write_text("\n".join([lines[0], lines[2], "{not json"]) + "\n")
    again = pipe.index([folder])
    assert (again.articles, again.removed) == (2, 1)
    feed.write_bytes(b"\x00\x00 binary now")  # the whole file unreadable: its articles stay
    assert pipe.index([folder]).articles == 2


def test_indexing_another_folder_keeps_the_first(settings, corpus, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Other\n\nSomething else entirely.")
    pipe = Pipeline(settings)
    pipe.index([corpus])
    assert pipe.index([other]).articles == 4


def test_settings_change_needs_rebuild(settings, corpus):
    Pipeline(settings).index([corpus])
    changed = fake_settings(settings.home, chunk_size=64)
    with pytest.raises(ConfigError, match="--rebuild"):
        Pipeline(changed).index([corpus])
    assert Pipeline(changed).index([corpus], rebuild=True).articles == 3


def test_second_writer_fails_with_clear_message(settings):
    with writer_lock(settings.home), pytest.raises(IndexBusy, match="another `rag index`"):
        with writer_lock(settings.home):
            pass


def _cli(home: Path, *args: str, crash: str = "", batch: int = 1) -> subprocess.CompletedProcess:
    return run_rag(home, *args, batch_chunks=str(batch), crash_after=crash)


_CLEAN: dict[str, dict[str, object]] = {}


def clean_state(home: Path, corpus: Path, batch: str = "1") -> dict[str, object]:
    """``state`` of a clean `rag index` of ``corpus`` into ``home``, built once per distinct
    corpus content (ids and hashes do not depend on where the folder is)."""
    digest = hashlib.sha1(batch.encode())
    for path in sorted(corpus.rglob("*")):
        digest.update(path.relative_to(corpus).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    key = digest.hexdigest()
    if key not in _CLEAN:
        run = run_rag(home, "index", str(corpus), "--quiet", batch_chunks=batch)
        assert run.returncode == 0, run.stderr
        _CLEAN[key] = state(home)
    return _CLEAN[key]


def test_cli_exit_codes_and_json(tmp_path, corpus):
    home = tmp_path / "h"
    (corpus / "bad.json").write_text("{oops")
    run = _cli(home, "index", str(corpus), "--json", "--quiet")
    assert run.returncode == 3, run.stderr
    report = json.loads(run.stdout)
    assert report["articles"] == 3 and report["skipped"][0]["path"].endswith("bad.json")
    assert "skipped" in run.stderr and "Traceback" not in run.stderr
    status = json.loads(_cli(home, "status", "--json").stdout)
    assert status["articles"] == 3 and status["chunks"] == report["chunks"] and status["chroma"] == "embedded"
    missing = _cli(tmp_path / "empty", "search", "anything")
    assert missing.returncode == 1 and missing.stderr.startswith("error: no index at")
    assert len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("step", ["embed", "chroma", "chroma@2", "catalog", "catalog@3", "bm25"])
def test_sigkill_then_rerun_equals_clean_build(tmp_path, corpus, step):
    crashed = tmp_path / "crashed"
    run = _cli(crashed, "index", str(corpus), "--quiet", crash=step)
    assert run.returncode == -9, (run.returncode, run.stderr)
    assert _cli(crashed, "index", str(corpus), "--quiet").returncode == 0
    assert state(crashed) == clean_state(tmp_path / "clean", corpus)


@pytest.mark.parametrize("step", ["chroma", "catalog", "prune"])
def test_sigkill_during_update_with_changed_and_deleted_files(tmp_path, corpus, step):
    home = tmp_path / "h"
    assert _cli(home, "index", str(corpus), "--quiet").returncode == 0
    (corpus / "storm.txt").write_text("Storm hits coastal town\n\nA new text. Repairs begin.")
    (corpus / "football.md").unlink()
    run = _cli(home, "index", str(corpus), "--quiet", crash=step)
    assert run.returncode == -9
    assert _cli(home, "index", str(corpus), "--quiet").returncode == 0
    assert state(home) == clean_state(tmp_path / "clean", corpus)


def _many(folder: Path, n: int = 60) -> Path:
    folder.mkdir()
    for i in range(n):
        body = " ".join(f"Sentence {j} of report {i} about storm council budget rovers." for j in range(12))
        (folder / f"r{i:03d}.txt").write_text(f"Report {i}\n\n{body}")
    return folder


def _start(home: Path, corpus: Path, control: str = "") -> subprocess.Popen:
    """``rag index CORPUS`` started in the background; ``control`` as in ``tests/crashing.py``."""
    module = ("tests.crashing", control) if control else ("rag.cli",)
    cmd = [sys.executable, "-m", *module, "index", str(corpus), "--quiet"]
    env = rag_env(home, batch_chunks="8")
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(done: Callable[[], bool], proc: subprocess.Popen, what: str, timeout: float = 120) -> None:
    """Poll ``done`` until it holds; fail if ``proc`` ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not done():
        assert proc.poll() is None, (
            f"the run ended ({proc.returncode}) before {what}: {proc.stderr.read() if proc.stderr else ''}"
        )
        assert time.monotonic() < deadline, f"no {what} in {timeout}s"
        time.sleep(0.005)


def _committed(log: Path, nth: int) -> bool:
    return log.exists() and f"catalog {nth}\n" in log.read_text()


def test_sigkill_at_random_moments_mid_write_then_rerun_equals_clean_build(tmp_path):
    """Five kills in a row on one index, every one certain to land mid-run: at each write of a
    random batch N (vectors computed, written to Chroma, committed to the catalog), and twice
    from outside at a random moment after batch N is committed. Then a re-run equals a clean build.
    The corpus holds 25 batches: what the five killed runs commit (up to 4 batches each, more
    while an outside kill waits) never leaves the last run fewer than the batch it is to die at."""
    corpus = _many(tmp_path / "c", n=200)
    seed = int(os.environ.get("RAG_TEST_SEED") or time.time_ns() % 2**32)
    rng = random.Random(seed)
    kills = ["embed", "chroma", "catalog", "outside", "outside"]
    rng.shuffle(kills)
    home = tmp_path / "h"
    for run, how in enumerate(kills):
        log = tmp_path / f"progress-{run}.log"
        nth, after = rng.randint(1, 4), rng.uniform(0.0, 0.2)
        where = f"{how}@{nth}" if how != "outside" else f"batch {nth} + {after:.2f}s"
        proc = _start(home, corpus, f"{how}@{nth}" if how != "outside" else f"report={log}")
        if how == "outside":
            _wait_for(partial(_committed, log, nth), proc, f"batch {nth} committed")
            time.sleep(after)
            proc.kill()
        code = proc.wait(timeout=120)
        assert code == -9, f"seed {seed}: run {run} ended ({code}) before its kill at {where}"
    assert _start(home, corpus).wait(timeout=300) == 0
    assert state(home) == clean_state(tmp_path / "clean", corpus, batch="8"), f"seed {seed}: kills {kills}"


def test_concurrent_index_runs_refuse_at_once_while_one_writes(tmp_path):
    """While one `rag index` is mid-write (held at its first Chroma write), two more on the same
    home fail at once with one line; the first then completes to exactly a clean build."""
    corpus = _many(tmp_path / "c")
    home = tmp_path / "h"
    flag = tmp_path / "held"
    first = _start(home, corpus, f"hold=chroma:{flag}")
    try:
        _wait_for(flag.exists, first, "the first run's Chroma write")
        t = time.perf_counter()
        others = [_start(home, corpus) for _ in range(2)]
        results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in others]
        took = time.perf_counter() - t
        assert first.poll() is None, "the first run did not hold the lock throughout"
    finally:
        flag.unlink(missing_ok=True)
    assert first.wait(timeout=300) == 0
    for code, err in results:
        assert code == 1, (code, err)
        assert err.startswith("error: another `rag index`") and len(err.strip().splitlines()) == 1, err
    assert took < 30, f"the refusals took {took:.1f}s"
    assert state(home) == clean_state(tmp_path / "clean", corpus, batch="8")


def test_chroma_searches_wide_and_older_collections_are_widened(settings, corpus, tmp_path):
    """New collections get EF_SEARCH; one made with Chroma's default breadth (100) is raised to
    it by the next index run (read by Chroma when it next loads the index)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from rag.vectors import EF_SEARCH

    old_home = tmp_path / "old-home"
    client = chromadb.PersistentClient(
        path=str(old_home / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    old = client.create_collection("chunks", configuration={"hnsw": {"space": "cosine"}})
    assert old.configuration_json["hnsw"]["ef_search"] == 100 < EF_SEARCH
    Pipeline(fake_settings(old_home)).index([corpus])
    Pipeline(settings).index([corpus])
    for home in (old_home, settings.home):
        store = VectorStore(home, "", "chunks")
        assert store.collection.configuration_json["hnsw"]["ef_search"] == EF_SEARCH


def test_a_briefly_locked_store_is_tried_again_and_a_lasting_lock_is_reported(settings, monkeypatch):
    """SQLite's "database is locked" from another connection is waited out (LOCK_WAITS); a lock
    that outlasts the waits, and any other failure, is reported at once as StoreUnavailable."""
    import rag.vectors
    from rag.errors import StoreUnavailable

    monkeypatch.setattr(rag.vectors, "LOCK_WAITS", (0.0, 0.0, 0.0))
    store = VectorStore(settings.home, "", "chunks")
    calls: list[int] = []

    class Locked:
        """A collection whose count fails ``n`` times with ``error``, then answers 7."""

        def __init__(self, n: int, error: str = "database is locked") -> None:
            self.n, self.error = n, error

        def count(self) -> int:
            calls.append(1)
            if len(calls) <= self.n:
                raise RuntimeError(f"Database error: error returned from database: (code: 5) {self.error}")
            return 7

    store.collection = Locked(3)
    assert store.count() == 7 and len(calls) == 4
    calls.clear()
    store.collection = Locked(4)
    with pytest.raises(StoreUnavailable, match="database is locked"):
        store.count()
    assert len(calls) == 4
    calls.clear()
    store.collection = Locked(1, "disk I/O error")
    with pytest.raises(StoreUnavailable, match="disk I/O error"):
        store.count()
    assert len(calls) == 1


def test_chunks_keep_their_sentence_spans_and_older_catalogs_get_them_once(settings, corpus):
    from rag.sentences import sentence_spans

    pipe = Pipeline(settings)
    pipe.index([corpus])
    path = settings.home / "catalog.sqlite"
    cat = Catalog(path)
    stored = {c.id: c for c in cat.iter_chunks(sentences=True)}
    assert stored and all(c.sentences == tuple(sentence_spans(c.text)) for c in stored.values())
    # a catalog written before sentences were stored: no such column
    cat.db.execute("ALTER TABLE chunks DROP COLUMN sentences")
    cat.db.commit()
    cat.close()
    old = Catalog(path, readonly=True)
    assert all(c.sentences is None for c in old.iter_chunks(sentences=True))
    old.close()
    cat = Catalog(path)  # a writer adds the column, empty
    assert cat.chunks_without_sentences(1_000_000) and all(c.sentences is None for c in cat.iter_chunks(sentences=True))
    cat.close()
    report = Pipeline(settings).index([corpus])
    assert report.unchanged == 3 and "sentences" in report.timings
    cat = Catalog(path)
    assert {c.id: c for c in cat.iter_chunks(sentences=True)} == stored and not cat.chunks_without_sentences(1)
    cat.close()
    assert "sentences" not in Pipeline(settings).index([corpus]).timings


def test_bm25_build_and_search_log_nothing_below_the_root_level(settings, corpus, caplog):
    # caplog's handler sits on the root logger at level 0, as the handler a library's first
    # logging.warning() installs does; bm25s sets its own logger to DEBUG on import
    assert logging.getLogger().level == logging.WARNING
    pipe = Pipeline(settings)
    pipe.index([corpus])
    assert pipe.search("storm", k=3, mode="bm25")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("bm25s") and r.levelno < logging.WARNING] == []


def test_an_older_catalog_under_another_writers_lock(settings, corpus):
    """A catalog from before sentences were stored, while another process holds its write
    lock: queries read it at once (and find sentences themselves); an index run says the
    catalog is busy, not damaged, and leaves it as it was."""
    import time

    Pipeline(settings).index([corpus])
    path = settings.home / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE chunks DROP COLUMN sentences")
    db.close()
    with another_writer(path):
        t = time.perf_counter()
        pipe = Pipeline(settings)
        answer = pipe.ask("What did the mayor declare?")
        assert "emergency" in answer.text and answer.citations
        assert time.perf_counter() - t < 4  # no wait for the lock (SQLite's busy timeout is 5 s)
        with pytest.raises(IndexBusy) as err:
            Pipeline(settings).index([corpus])
        assert "try again" in str(err.value) and "rebuild" not in str(err.value)
    report = Pipeline(settings).index([corpus])
    assert report.unchanged == 3 and "sentences" in report.timings


def test_reindexing_an_unchanged_folder_loads_no_chunker(tmp_path, corpus):
    """llama-index and nltk (1-2 s to import) load only when there is something to chunk."""
    home = tmp_path / "home"
    assert run_rag(home, "index", str(corpus)).returncode == 0
    probe = (
        "import sys\n"
        "from rag.cli import main\n"
        f"code = main(['index', {str(corpus)!r}, '--quiet'])\n"
        "print(code, 'nltk' in sys.modules, 'llama_index.core' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=rag_env(home), capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "0 False False", out.stderr
    (corpus / "storm.txt").write_text("Storm hits coastal town\n\nThe mayor declared an emergency in Marlow.")
    out = subprocess.run([sys.executable, "-c", probe], env=rag_env(home), capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "0 True True", out.stderr


def test_an_index_run_under_another_writers_lock_is_busy_then_completes(tmp_path, corpus):
    """Another process holding the catalog's write lock past SQLite's 5 s timeout: the run
    stops with IndexBusy (try again), and the next run ends as a clean build would."""
    settings = fake_settings(tmp_path / "home")
    Pipeline(settings).index([corpus])
    (corpus / "storm.txt").write_text("Storm hits coastal town\n\nThe mayor declared an emergency in Marlow.")
    with another_writer(settings.home / "catalog.sqlite"), pytest.raises(IndexBusy) as err:
        Pipeline(settings).index([corpus])
    assert "try again" in str(err.value) and "\n" not in str(err.value)
    report = Pipeline(settings).index([corpus])
    assert report.updated == 1 and report.unchanged == 2
    clean = fake_settings(tmp_path / "clean")
    Pipeline(clean).index([corpus])
    assert state(settings.home) == state(clean.home)
