"""Uploads (server-side checks, then indexing) and the optional login, with the test models."""

from __future__ import annotations

import contextlib
import html
import json
import re
import socket
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from rag.pipeline import Pipeline
from tests.conftest import fake_settings, free_port
from ui.app import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, add_uploads


@pytest.fixture
def pipe(tmp_path, corpus):
    p = Pipeline(fake_settings(tmp_path / "home"))
    p.index([corpus])
    return p


def test_upload_indexes_good_files_and_reports_the_rest(pipe, tmp_path):
    inbox = tmp_path / "browser-temp"
    inbox.mkdir()
    good = inbox / "harbour.txt"
    good.write_text("Harbour festival\n\nThe harbour festival opens on Saturday in Marlow.")
    exe = inbox / "tool.exe"
    exe.write_bytes(b"MZ")
    bad = inbox / "broken.json"
    bad.write_text("{nope")
    uploads = tmp_path / "uploads"
    shown, stats = add_uploads(pipe, uploads, [str(good), str(exe), str(bad)])
    report = html.unescape(shown)  # file names and reasons are escaped for the page
    assert "Indexed 2 file(s): +1 new" in report
    assert "tool.exe: not a supported type" in report and "skipped broken.json" in report
    assert "**4** articles" in stats
    assert sorted(p.name.split("-", 1)[1] for p in uploads.iterdir()) == ["broken.json", "harbour.txt"]
    hits = pipe.search("harbour festival Saturday", k=1, mode="bm25")
    assert hits and "Saturday" in hits[0].chunk.text


def test_upload_limits_are_enforced_server_side(pipe, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_UPLOAD_BYTES + 1)
    report, _ = add_uploads(pipe, tmp_path / "up", [str(big)])
    assert "larger than" in report and not (tmp_path / "up" / "big.txt").exists()
    many = [str(big)] * (MAX_UPLOAD_FILES + 1)
    report, _ = add_uploads(pipe, tmp_path / "up", many)
    assert f"At most {MAX_UPLOAD_FILES} files" in report


def test_upload_names_stay_inside_the_upload_folder(pipe, tmp_path):
    src = tmp_path / "x"
    src.mkdir()
    f = src / "notes.md"
    f.write_text("# Notes\n\nA note about the harbour.")

    class Named:  # the shape some Gradio versions pass: an object with a temp path in .name
        name = str(f)

    uploads = tmp_path / "uploads"
    add_uploads(pipe, uploads, [Named()])
    (stored,) = uploads.iterdir()
    assert re.fullmatch(r"[0-9a-f]{12}-notes\.md", stored.name), stored.name
    assert not (tmp_path / "notes.md").exists()


def test_two_different_files_with_one_name_are_both_answerable(pipe, tmp_path):
    """Uploads never replace another article: same name, other bytes, two articles; the same
    bytes again, no change; replacing is asked for explicitly."""
    first, second = tmp_path / "a" / "article.txt", tmp_path / "b" / "article.txt"
    for path, text in (
        (first, "Lighthouse restored\n\nThe Marlow lighthouse was restored by volunteers in May."),
        (second, "Bridge reopens\n\nThe Kestrel bridge reopened to traffic on Monday after repairs."),
    ):
        path.parent.mkdir()
        path.write_text(text)
    uploads = tmp_path / "uploads"
    articles = pipe.status().articles
    assert "+1 new" in add_uploads(pipe, uploads, [str(first)])[0]
    assert "+1 new" in add_uploads(pipe, uploads, [str(second)])[0]
    assert "+0 new, 0 changed, 1 unchanged" in add_uploads(pipe, uploads, [str(second)])[0]
    assert pipe.status().articles == articles + 2
    for question, words in (("Who restored the lighthouse?", "volunteers"), ("When did the bridge reopen?", "Monday")):
        hits = pipe.search(question, k=3, mode="bm25")
        assert hits and words in hits[0].chunk.text, question
    # explicit replacement: the earlier uploads named article.txt leave the folder and the index
    third = tmp_path / "c" / "article.txt"
    third.parent.mkdir()
    third.write_text("Ferry timetable\n\nThe winter ferry timetable starts on 3 November.")
    report, _ = add_uploads(pipe, uploads, [str(third)], replace=True)
    assert "+1 new" in report and "2 earlier upload(s) replaced" in report, report
    assert pipe.status().articles == articles + 1
    assert not pipe.search("lighthouse volunteers", k=3, mode="bm25") or all(
        "lighthouse" not in h.chunk.text for h in pipe.search("lighthouse volunteers", k=3, mode="bm25")
    )
    assert len(list(uploads.iterdir())) == 1


def http(base: str, path: str, data: bytes | None = None, ctype: str = "application/json") -> tuple[int, bytes]:
    headers = {"Content-Type": ctype} if data is not None else {}
    req = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read(4096)
    except urllib.error.HTTPError as err:
        return err.code, err.read(4096)
    except urllib.error.URLError:  # the server may drop a refused oversized body mid-send
        return 0, b""


def multipart(name: str, payload: bytes) -> tuple[bytes, str]:
    boundary = "----rag" + uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    )
    return head.encode() + payload + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post_raw(base: str, path: str, body: bytes, ctype: str) -> str:
    """POST over a plain socket, the whole body sent (a server that stops reading early is
    tolerated), then the response's status line: what a browser would be told."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head.encode() + body)
        reply = sock.recv(4096).decode("latin-1")
    return reply.split("\r\n", 1)[0]


CHAT = json.dumps({"data": ["Who won?", [], "(any source)", "", "", "extractive"]}).encode()


@pytest.fixture
def served(pipe):
    from ui.server import serve

    app = serve(pipe, port=(port := free_port()), block=False)
    yield f"http://127.0.0.1:{port}"
    app.close()


@pytest.mark.slow
def test_no_file_outside_the_app_is_served(served, pipe, corpus):
    home = pipe.settings.home
    paths = [
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=%2Fetc%2Fpasswd",
        "/gradio_api/file=../../../../../etc/passwd",
        "/gradio_api/file=..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        f"/gradio_api/file={home}/catalog.sqlite",
        f"/gradio_api/file={corpus}/storm.txt",
        f"/gradio_api/file={Path(__file__).resolve()}",
        "/file=/etc/passwd",
        "/assets/../../../../etc/passwd",
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/gradio_api/file=/proc/self/environ",
    ]
    for path in paths:
        status, body = http(served, path)
        assert status in (403, 404), (path, status)
        assert b"root:" not in body and b"SQLite" not in body
    # one byte over the limit: refused by the server with HTTP 413 before our code sees it
    status_line = post_raw(served, "/gradio_api/upload", *multipart("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1)))
    assert status_line.startswith("HTTP/1.1 413"), status_line
    ok_line = post_raw(served, "/gradio_api/upload", *multipart("fits.txt", b"a" * MAX_UPLOAD_BYTES))
    assert ok_line.startswith("HTTP/1.1 200"), ok_line
    status, body = http(served, "/gradio_api/upload", *multipart("../../../evil.txt", b"x"))
    assert status == 200 and all(Path(p).name == "evil.txt" for p in json.loads(body))


@pytest.mark.slow
def test_login_is_required_when_rag_ui_auth_is_set(pipe):
    from dataclasses import replace

    from ui.server import serve

    port = free_port()
    app = serve(Pipeline(replace(pipe.settings, ui_auth="ana:s3cret")), port=port, block=False)
    try:
        base = f"http://127.0.0.1:{port}"
        refused = {
            "/config": None,
            "/gradio_api/info": None,
            "/gradio_api/openapi.json": None,
            "/gradio_api/file=/etc/passwd": None,
            "/gradio_api/call/chat": CHAT,
            "/gradio_api/run/chat": CHAT,
            "/gradio_api/queue/join": json.dumps({"data": [], "fn_index": 0, "session_hash": "x"}).encode(),
        }
        for path, data in refused.items():
            status, _ = http(base, path, data)
            assert status in (401, 403), (path, status)
        status, _ = http(base, "/gradio_api/upload", *multipart("notes.txt", b"hello"))
        assert status in (401, 403)
        status, page = http(base, "/")
        assert b'"auth_required":true' in page.replace(b" ", b"") and b"Ask the news" not in page
        from gradio_client import Client

        with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the point is no answer
            Client(base, verbose=False).predict("Who won?", [], "(any source)", "", "", "extractive", api_name="/chat")
        client = Client(base, auth=("ana", "s3cret"), verbose=False)
        # six inputs, as clients wrote before the "Asked on" field: it defaults to today
        _, _, answer = client.predict(
            "Who scored in the final?", [], "(any source)", "", "", "extractive", api_name="/chat"
        )
        assert "Lena Berg" in answer["answer"]
    finally:
        app.close()


@pytest.mark.slow
def test_a_port_in_use_is_a_one_line_error(pipe):
    import socket

    from rag.errors import RagError
    from ui.server import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RagError, match=f"cannot listen on 127.0.0.1:{port}") as err:
            serve(pipe, port=port, block=False)
    assert "\n" not in str(err.value)


def listening_on(pid: int) -> list[str]:
    """The addresses a process listens on (TCP)."""
    import psutil

    return [c.laddr.ip for c in psutil.Process(pid).net_connections("tcp") if c.status == psutil.CONN_LISTEN]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "address"), [((), "127.0.0.1"), (("--host", "0.0.0.0"), "0.0.0.0")])
def test_rag_serve_listens_on_loopback_unless_told(pipe, args, address):
    """The listening socket itself: 127.0.0.1 by default, another address only with --host."""
    import subprocess
    import sys
    import time

    from tests.conftest import REPO, rag_env

    port = free_port()
    cmd = [sys.executable, "-m", "rag.cli", "serve", "--port", str(port), *args]
    proc = subprocess.Popen(
        cmd, env=rag_env(pipe.settings.home), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.time() + 120
        while not listening_on(proc.pid):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.time() < deadline, "rag serve did not listen within 120 s"
            time.sleep(0.3)
        assert listening_on(proc.pid) == [address]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
