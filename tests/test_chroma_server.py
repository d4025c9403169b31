"""A real `chroma run` server on a free loopback port, used through RAG_CHROMA_URL."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from rag.errors import StoreUnavailable
from rag.pipeline import Pipeline
from rag.vectors import VectorStore
from tests.conftest import fake_settings, free_port, run_rag

pytestmark = pytest.mark.slow


def start_chroma(data: Path, port: int) -> subprocess.Popen:
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("chroma run exited") from None
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("chroma run did not answer within 60 s")


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    proc = start_chroma(tmp_path / "chroma-data", port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


def test_index_and_search_through_a_chroma_server(tmp_path, corpus, chroma_server):
    remote = Pipeline(fake_settings(tmp_path / "remote", chroma_url=chroma_server))
    local = Pipeline(fake_settings(tmp_path / "local"))
    r1 = remote.index([corpus])
    r2 = local.index([corpus])
    assert r1.chunks == r2.chunks and r1.articles == 3
    assert remote.index([corpus]).chunks_written == 0
    assert remote.status().chroma == f"server {chroma_server}"
    assert not (tmp_path / "remote" / "chroma").exists()  # vectors live in the server
    for q in ("storm coastal town", "who scored in the final", "council budget"):
        a = [h.chunk.id for h in remote.search(q, k=3, mode="dense")]
        b = [h.chunk.id for h in local.search(q, k=3, mode="dense")]
        assert a == b


def test_unreachable_server_is_a_one_line_error(tmp_path, corpus):
    pipe = Pipeline(fake_settings(tmp_path / "h", chroma_url=f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(StoreUnavailable) as err:
        pipe.index([corpus])
    assert "chroma run" in str(err.value) and "\n" not in str(err.value)


def test_server_stopped_mid_queries_then_back(tmp_path, corpus):
    """Queries run in a loop while the Chroma server is killed and later restarted on the same
    data: each query either answers or raises a one-line StoreUnavailable, none hangs, and the
    same pipeline answers again once the server is back."""
    import threading

    port = free_port()
    data = tmp_path / "chroma-data"
    proc = start_chroma(data, port)
    pipe = Pipeline(fake_settings(tmp_path / "h", chroma_url=f"http://127.0.0.1:{port}"))
    pipe.index([corpus])
    expected = [h.chunk.id for h in pipe.search("storm coastal town", k=3)]
    outcomes: list[str] = []
    stop = threading.Event()

    def query_loop() -> None:
        # records every outcome; the asserts run in the main thread, where a failure fails the test
        while not stop.is_set():
            t = time.perf_counter()
            try:
                got = [h.chunk.id for h in pipe.search("storm coastal town", k=3)]
                outcome = "ok" if got == expected else f"wrong {got}"
            except StoreUnavailable as exc:
                one_line = "\n" not in str(exc) and "chroma" in str(exc).lower()
                outcome = "unavailable" if one_line else f"unclear message: {exc!r}"
            took = time.perf_counter() - t
            outcomes.append(outcome if took < 30 else f"hung {took:.0f}s")

    worker = threading.Thread(target=query_loop)
    worker.start()
    try:
        time.sleep(1.5)
        proc.kill()  # mid-run: queries are in flight
        proc.wait(timeout=30)
        time.sleep(2)
        down = len(outcomes)
        proc = start_chroma(data, port)
        time.sleep(2)
    finally:
        stop.set()
        worker.join(timeout=60)
    try:
        assert not worker.is_alive()
        assert outcomes[0] == "ok" and "unavailable" in outcomes[:down]
        assert outcomes[-1] == "ok", outcomes[-5:]
        assert set(outcomes) <= {"ok", "unavailable"}, set(outcomes)
        run = run_rag(tmp_path / "h", "search", "storm coastal town", chroma_url=f"http://127.0.0.1:{port}")
        assert run.returncode == 0 and "Marlow" in run.stdout
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    down_run = run_rag(tmp_path / "h", "search", "storm", chroma_url=f"http://127.0.0.1:{port}")
    assert down_run.returncode == 1 and down_run.stderr.startswith("error: ")
    assert len(down_run.stderr.strip().splitlines()) == 1


def hits(search_json: str) -> list[tuple[str, str]]:
    """(chunk id, text) of each hit of `rag search --json`."""
    return [(h["chunk_id"], h["text"]) for h in json.loads(search_json)["hits"]]


def test_a_server_wiped_and_restarted_between_runs_is_refilled_by_the_next(tmp_path, corpus):
    """The Chroma server loses all its data (stopped, its folder deleted, started empty on the
    same port) between two `rag index` runs: the second run re-embeds everything, and search
    answers as before."""
    import shutil

    port = free_port()
    data = tmp_path / "chroma-data"
    url = f"http://127.0.0.1:{port}"
    proc = start_chroma(data, port)
    try:
        first = run_rag(tmp_path / "h", "index", str(corpus), "--quiet", "--json", chroma_url=url)
        assert first.returncode == 0, first.stderr
        before = run_rag(tmp_path / "h", "search", "storm coastal town", "--json", "--mode", "dense", chroma_url=url)
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(data)
        proc = start_chroma(data, port)
        settings = fake_settings(tmp_path / "h", chroma_url=url)
        assert VectorStore.open(settings).count() == 0  # the server holds nothing now
        second = run_rag(tmp_path / "h", "index", str(corpus), "--quiet", "--json", chroma_url=url)
        assert second.returncode == 0, second.stderr
        after = run_rag(tmp_path / "h", "search", "storm coastal town", "--json", "--mode", "dense", chroma_url=url)
        assert after.returncode == 0 and hits(after.stdout) == hits(before.stdout) != []
        assert VectorStore.open(settings).count() == json.loads(first.stdout)["chunks"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_server_mode_matches_embedded_on_the_realtimeqa_sample(tmp_path):
    """Real models on the RealTime QA sample: an index whose vectors live in a `chroma run`
    server returns the same top-10 chunk ids, dense and hybrid + rerank, as an embedded one,
    for the seed questions and the sample's 10 questions (`rag check-server`)."""
    from research.sample import write_sample
    from tests.conftest import REPO, RTQA

    if not RTQA.exists():
        pytest.fail("../shared/data/realtimeqa_news is missing beside the checkout")
    sample = tmp_path / "sample.jsonl"
    write_sample(sample, RTQA, distractors=10, seed=7, questions_limit=10)
    port = free_port()
    proc = start_chroma(tmp_path / "chroma-data", port)
    url = f"http://127.0.0.1:{port}"
    try:
        for home, extra in ((tmp_path / "embedded", {}), (tmp_path / "server", {"chroma_url": url})):
            run = run_rag(home, "index", str(sample), "--quiet", "--json", timeout=900, test_models=False, **extra)
            assert run.returncode == 0, run.stderr[-2000:]
        assert not (tmp_path / "server" / "chroma").exists()
        seed_q = str(REPO / "eval" / "questions" / "seed.jsonl")
        args = ["check-server", "--embedded-home", str(tmp_path / "embedded"), "--limit", "10", "--json"]
        rtqa = ("--questions", str(RTQA / "questions.jsonl"), "--format", "realtimeqa", "--subset", "clean")
        checks = [
            run_rag(tmp_path / "server", *args, *extra, timeout=900, test_models=False, chroma_url=url)
            for extra in (("--questions", seed_q), rtqa)
        ]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for check in checks:
        assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-2000:]
        modes = json.loads(check.stdout)["modes"]
        for mode in ("dense", "hybrid+rerank"):
            assert modes[mode]["questions"] == 10
            assert modes[mode]["identical"] == 10 and modes[mode]["overlap"] == 1.0


def test_two_indexes_cannot_share_one_server_collection(tmp_path, corpus, chroma_server):
    """A second RAG_HOME pointed at the same server and collection is refused before it
    writes or deletes anything (its reconcile would delete the first index's vectors); with a
    collection of its own it works, and the first index is untouched throughout."""
    from rag.errors import ConfigError

    first = Pipeline(fake_settings(tmp_path / "a", chroma_url=chroma_server))
    first.index([corpus])
    before = [h.chunk.id for h in first.search("storm coastal town", k=3)]
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("Harbour reopens\n\nThe harbour reopened after repairs on Friday.")
    second = Pipeline(fake_settings(tmp_path / "b", chroma_url=chroma_server))
    for attempt in (lambda: second.index([other]), lambda: second.index([other], rebuild=True)):
        with pytest.raises(ConfigError) as err:
            attempt()
        assert "RAG_COLLECTION" in str(err.value) and "\n" not in str(err.value)
    run = run_rag(tmp_path / "b", "index", str(other), chroma_url=chroma_server)
    assert run.returncode == 1 and "RAG_COLLECTION" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    fresh = Pipeline(fake_settings(tmp_path / "a", chroma_url=chroma_server))
    assert [h.chunk.id for h in fresh.search("storm coastal town", k=3)] == before
    assert fresh.index([corpus]).unchanged == 3  # the owner itself goes on writing
    assert fresh.index([corpus], rebuild=True).articles == 3  # and may rebuild its collection

    own = Pipeline(fake_settings(tmp_path / "b", chroma_url=chroma_server, collection="harbour"))
    assert own.index([other]).articles == 1
    assert [h.chunk.article_id for h in own.search("harbour repairs", k=1)]
    reader = Pipeline(fake_settings(tmp_path / "b", chroma_url=chroma_server))  # b's catalog, a's collection
    with pytest.raises(ConfigError):
        reader.search("storm coastal town", k=3)


@pytest.mark.parametrize(
    ("header", "sent"), [("Authorization", "Bearer s3cret-T0ken"), ("X-Chroma-Token", "s3cret-T0ken")]
)
def test_a_token_reaches_a_server_that_requires_one(tmp_path, corpus, header, sent):
    """A real `chroma run` behind a gate that turns away requests without the token: with
    RAG_CHROMA_TOKEN every request carries it and indexing and search work; without it, or
    with a wrong one, the CLI says in one line what to set."""
    from tests.chroma_gate import TokenGate

    port = free_port()
    proc = start_chroma(tmp_path / "chroma-data", port)
    gate = TokenGate(port, header, sent)
    try:
        env = {"chroma_url": gate.url, "chroma_token_header": header}
        ok = run_rag(tmp_path / "h", "index", str(corpus), chroma_token="s3cret-T0ken", **env)
        assert ok.returncode == 0, ok.stderr
        found = run_rag(tmp_path / "h", "search", "storm coastal town", chroma_token="s3cret-T0ken", **env)
        assert found.returncode == 0 and "Marlow" in found.stdout
        assert gate.seen and set(gate.seen) == {sent}
        for token in ("", "wrong"):
            refused = run_rag(tmp_path / "h", "search", "storm", chroma_token=token, **env)
            assert refused.returncode == 1
            lines = refused.stderr.strip().splitlines()
            assert len(lines) == 1 and "refused access" in lines[0] and "RAG_CHROMA_TOKEN" in lines[0]
            assert "s3cret" not in refused.stderr
    finally:
        gate.close()
        proc.terminate()
        proc.wait(timeout=30)


def test_tenant_and_database_choose_where_the_collection_lives(tmp_path, corpus, chroma_server):
    """RAG_CHROMA_DATABASE puts the collection in that database of the server, and a database
    the server lacks is a one-line error."""
    import chromadb

    url = urllib.parse.urlparse(chroma_server)
    admin = chromadb.AdminClient(
        chromadb.Settings(
            chroma_api_impl="chromadb.api.fastapi.FastAPI",
            chroma_server_host=url.hostname,
            chroma_server_http_port=url.port,
        )
    )
    admin.create_database("newsroom")
    pipe = Pipeline(fake_settings(tmp_path / "h", chroma_url=chroma_server, chroma_database="newsroom"))
    assert pipe.index([corpus]).articles == 3
    assert pipe.search("storm coastal town", k=1, mode="dense")
    default = chromadb.HttpClient(host=url.hostname, port=url.port)
    newsroom = chromadb.HttpClient(host=url.hostname, port=url.port, database="newsroom")
    assert [c.name for c in default.list_collections()] == []
    assert [c.name for c in newsroom.list_collections()] == ["chunks"]
    missing = run_rag(tmp_path / "h2", "index", str(corpus), chroma_url=chroma_server, chroma_database="nowhere")
    assert missing.returncode == 1
    lines = missing.stderr.strip().splitlines()
    assert len(lines) == 1 and "nowhere" in lines[0] and "RAG_CHROMA_DATABASE" in lines[0], lines


def test_check_server_reports_agreement_and_a_disagreement(tmp_path, corpus, chroma_server):
    """`rag check-server` exits 0 when the server index and the embedded one return the same
    top-k for every question, 4 (with one line) when they do not, and 1 without a server URL."""
    questions = tmp_path / "q.jsonl"
    lines = ['{"id": "a", "question": "storm in Marlow"}', '{"id": "b", "question": "council budget vote"}']
    questions.write_text("\n".join(lines) + "\n")
    embedded, server = tmp_path / "embedded", tmp_path / "server"
    assert run_rag(embedded, "index", str(corpus), "--quiet").returncode == 0
    assert run_rag(server, "index", str(corpus), "--quiet", chroma_url=chroma_server).returncode == 0
    args = ("check-server", "--embedded-home", str(embedded), "--questions", str(questions), "-k", "3")
    same = run_rag(server, *args, chroma_url=chroma_server)
    assert same.returncode == 0, same.stderr
    assert "dense: 2/2 questions with the same top 3" in same.stdout
    (corpus / "extra.txt").write_text("Marlow storm update\n\nThe storm in Marlow left a council budget gap.")
    assert run_rag(server, "index", str(corpus), "--quiet", chroma_url=chroma_server).returncode == 0
    differ = run_rag(server, *args, chroma_url=chroma_server)
    assert differ.returncode == 4, differ.stderr
    assert differ.stderr.strip().splitlines()[-1] == (
        "the two indexes disagree (near-ties in approximate search, or different settings)"
    )
    assert "Traceback" not in differ.stderr and "/2 questions with the same top 3" in differ.stdout
    no_server = run_rag(server, *args)
    assert no_server.returncode == 1 and "RAG_CHROMA_URL" in no_server.stderr
