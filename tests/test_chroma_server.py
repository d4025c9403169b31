"""A real `chroma run` server on a free loopback port, used through RAG_CHROMA_URL."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag.errors import StoreUnavailable
from rag.pipeline import Pipeline
from tests.conftest import fake_settings

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
    assert remote.status()["chroma"] == f"server {chroma_server}"
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
