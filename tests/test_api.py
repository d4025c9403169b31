"""The ways in beside the chat, on a real server on loopback: the JSON API (httpx), the
OpenAI-compatible endpoint (the `openai` client) and MCP over streamable HTTP (the SDK's
client), each with the real models on the seed article; then the login, with test models."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from dataclasses import replace

import httpx
import pytest

from rag.pipeline import Pipeline
from tests.conftest import REPO, fake_settings, free_port, rag_env
from ui.server import MAX_BODY_BYTES, serve

pytestmark = pytest.mark.slow
NAMES = ("Yoshimasa Hayashi", "Yasukazu Hamada", "Antony Blinken", "Lloyd Austin")
QUESTION = "Who attends the 2+2?"


@pytest.fixture(scope="module")
def seed_server(seed_pipeline):
    served = serve(seed_pipeline, port=free_port(), block=False)
    yield served.url
    served.close()


@pytest.fixture(scope="module")
def http(seed_server):
    with httpx.Client(base_url=seed_server, timeout=120) as client:
        yield client


def without_timings(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "timings_ms"}


def assert_citations_open(http: httpx.Client, citations: list[dict]) -> None:
    """Every citation's quote is its article's text at its offsets, as /api/articles gives it."""
    assert citations
    for c in citations:
        article = http.get(f"/api/articles/{c['article_id']}").json()
        assert article["text"][c["start"] : c["end"]] == c["quote"]


def test_api_ask_is_rag_ask_json(http, seed_pipeline):
    home = seed_pipeline.settings.home
    cli = subprocess.run(
        [sys.executable, "-m", "rag.cli", "ask", QUESTION, "--json"],
        env=rag_env(home, test_models=False),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0, cli.stderr
    reply = http.post("/api/ask", json={"question": QUESTION})
    assert reply.status_code == 200
    api = reply.json()
    assert without_timings(api) == without_timings(json.loads(cli.stdout))
    assert all(name in api["short_answer"]["text"] for name in NAMES)
    assert_citations_open(http, api["citations"])


def test_api_search_status_and_filters(http):
    found = http.get("/api/search", params={"q": "2+2 meeting Washington", "k": 2}).json()
    assert len(found["hits"]) == 2 and found["hits"][0]["rank"] == 1
    hit = found["hits"][0]
    article = http.get(f"/api/articles/{hit['article_id']}").json()
    assert article["text"][hit["start"] : hit["end"]] == hit["text"] and "2+2" in article["title"]
    status = http.get("/api/status").json()
    assert status["indexed"] and status["articles"] == 1
    # the seed article is undated: a period excludes it, a follow-up is read with its history
    assert http.get("/api/search", params={"q": "2+2", "since": "2024-01-01"}).json()["hits"] == []
    follow = http.post("/api/ask", json={"question": "Where will they meet?", "history": [QUESTION]}).json()
    assert "Washington" in follow["answer"] and not follow["abstained"]


BAD = [
    ("GET", "/api/search", {}, None, 422, "q: Field required"),
    ("GET", "/api/search?q=x&k=0", {}, None, 422, "k: "),
    ("GET", "/api/search?q=x&k=5000", {}, None, 422, "k: "),
    ("GET", "/api/search?q=x&mode=magic", {}, None, 422, "mode: "),
    ("GET", "/api/search?q=x&since=next%20Tuesday", {}, None, 400, "next Tuesday"),
    ("GET", "/api/search?q=%20%20", {}, None, 400, "the question is empty"),
    ("GET", "/api/search?q=x&as_of=someday", {}, None, 400, "someday"),
    ("POST", "/api/ask", {}, b"{not json", 422, "JSON"),
    ("POST", "/api/ask", {}, b"[]", 422, ""),
    ("POST", "/api/ask", {}, json.dumps({"question": 5}).encode(), 422, "question: "),
    ("POST", "/api/ask", {}, json.dumps({"question": ""}).encode(), 400, "the question is empty"),
    ("POST", "/api/ask", {}, json.dumps({"question": "x" * 5000}).encode(), 400, "characters long"),
    ("POST", "/api/ask", {}, json.dumps({"question": "x", "answerer": "oracle"}).encode(), 422, "answerer: "),
    ("POST", "/api/ask", {}, json.dumps({"question": "x", "colour": 1}).encode(), 422, "colour: "),
    ("POST", "/api/ask", {}, json.dumps({"question": "x", "filters": {"until": "32/13"}}).encode(), 400, "32/13"),
    ("POST", "/api/ask", {}, json.dumps({"question": "x", "history": "no"}).encode(), 422, "history: "),
    ("GET", "/api/articles/no-such-id", {}, None, 404, "no article 'no-such-id'"),
    ("POST", "/v1/chat/completions", {}, json.dumps({"messages": []}).encode(), 422, "messages: "),
    (
        "POST",
        "/v1/chat/completions",
        {},
        json.dumps({"messages": [{"role": "system", "content": "hi"}]}).encode(),
        400,
        "no user message",
    ),
    (
        "POST",
        "/v1/chat/completions",
        {},
        json.dumps({"model": "gpt-9", "messages": [{"role": "user", "content": "x"}]}).encode(),
        404,
        "no model 'gpt-9'",
    ),
    (
        "POST",
        "/api/ask",
        {"content-length": str(MAX_BODY_BYTES + 1)},
        b"x" * (MAX_BODY_BYTES + 1),
        413,
        "request body over",
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "status", "says"), BAD, ids=[f"{b[0]} {b[1][:40]} {b[4]}" for b in BAD]
)
def test_bad_input_is_a_4xx_with_one_line_of_json(http, method, path, headers, body, status, says):
    reply = http.request(method, path, content=body, headers={"content-type": "application/json", **headers})
    assert reply.status_code == status, reply.text
    error = reply.json()["error"]
    message = error["message"] if path.startswith("/v1") else error
    assert says in message and "\n" not in message and "Traceback" not in reply.text


def test_a_chunked_body_over_the_limit_is_refused(http):
    def body():
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    reply = http.post("/api/ask", content=body(), headers={"content-type": "application/json"})
    assert reply.status_code == 413 and "request body over" in reply.json()["error"]


def test_openapi_schema_and_docs_page(http):
    schema = http.get("/openapi.json").json()
    assert {"/api/search", "/api/ask", "/api/articles/{article_id}", "/api/status", "/v1/chat/completions"} <= set(
        schema["paths"]
    )
    page = http.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for shown in ("POST /api/ask", "GET /api/search", "GET /api/articles/{article_id}", "POST /v1/chat/completions"):
        assert shown in page.text
    assert "<code>question</code>" in page.text and "<code>as_of</code>" in page.text  # the body's fields
    assert "<script" not in page.text and "http://" not in page.text and "https://" not in page.text  # all local


@pytest.mark.parametrize("stream", [False, True])
def test_openai_client_gets_the_four_names_with_verifiable_citations(seed_server, http, stream):
    from openai import OpenAI

    client = OpenAI(base_url=f"{seed_server}/v1", api_key="unused", max_retries=0)
    assert "rag-news" in [m.id for m in client.models.list()]
    messages = [{"role": "user", "content": QUESTION}]
    if stream:
        chunks = list(client.chat.completions.create(model="rag-news", messages=messages, stream=True))
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        last = chunks[-1]
        assert last.choices[0].finish_reason == "stop"
        extra = last.model_extra
    else:
        reply = client.chat.completions.create(model="rag-news", messages=messages)
        text = reply.choices[0].message.content
        extra = reply.model_extra
    assert text.startswith("**") and all(name in text.split("\n")[0] for name in NAMES)
    assert "\n\nSources:\n- [1] US-Japan 2+2 Talks" in text
    citations = extra["citations"]
    assert_citations_open(http, citations)
    assert " ".join(c["quote"] for c in citations).count("Lloyd Austin") >= 1
    assert extra["rag_answer"]["citations"] == citations and extra["rag_answer"]["question"] == QUESTION


def test_mcp_client_over_http_gets_the_four_names(seed_server, http):
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def session():
        async with streamable_http_client(f"{seed_server}/mcp") as (read, write, *_), ClientSession(read, write) as s:
            await s.initialize()
            names = sorted(t.name for t in (await s.list_tools()).tools)
            answer = await s.call_tool("ask_articles", {"question": QUESTION})
            missing = await s.call_tool("get_article", {"article_id": "nope"})
            return names, answer, missing

    names, answer, missing = asyncio.run(asyncio.wait_for(session(), timeout=120))
    assert names == ["ask_articles", "get_article", "search_articles"]
    short = answer.structured_content["short_answer"]["text"]
    assert all(name in short for name in NAMES)
    assert_citations_open(http, answer.structured_content["citations"])
    assert missing.is_error and "no article 'nope'" in missing.content[0].text


def test_the_login_guards_every_route_beside_the_page(tmp_path, corpus):
    pipe = Pipeline(replace(fake_settings(tmp_path / "home"), ui_auth="ana:s3cret"))
    pipe.index([corpus])
    served = serve(pipe, port=free_port(), block=False)
    try:
        ask = json.dumps({"question": "Who scored in the final?"}).encode()
        chat = json.dumps({"messages": [{"role": "user", "content": "Who scored in the final?"}]}).encode()
        routes = [
            ("GET", "/api/status", None),
            ("GET", "/api/search?q=final", None),
            ("POST", "/api/ask", ask),
            ("GET", "/api/articles/x", None),
            ("GET", "/v1/models", None),
            ("POST", "/v1/chat/completions", chat),
            ("POST", "/mcp", b"{}"),
            ("GET", "/docs", None),
            ("GET", "/openapi.json", None),
        ]
        wrong = [
            None,
            httpx.BasicAuth("ana", "nope"),
            {"authorization": "Bearer ana:nope"},
            {"authorization": "Token ana:s3cret"},
        ]
        with httpx.Client(base_url=served.url, timeout=60) as client:
            for method, path, body in routes:
                for bad in wrong:
                    kw = {"headers": bad} if isinstance(bad, dict) else {"auth": bad}
                    reply = client.request(method, path, content=body, **kw)
                    assert reply.status_code == 401, (path, bad, reply.status_code)
                    assert "login required" in reply.text and reply.headers["www-authenticate"].startswith("Basic")
            good = client.post(
                "/api/ask",
                content=ask,
                auth=httpx.BasicAuth("ana", "s3cret"),
                headers={"content-type": "application/json"},
            )
            assert good.status_code == 200 and "Lena Berg" in good.json()["answer"]
            bearer = client.get("/api/status", headers={"authorization": "Bearer ana:s3cret"})
            assert bearer.status_code == 200 and bearer.json()["articles"] == 3
        from openai import OpenAI

        reply = OpenAI(base_url=f"{served.url}/v1", api_key="ana:s3cret", max_retries=0).chat.completions.create(
            model="rag-news", messages=[{"role": "user", "content": "Who scored in the final?"}]
        )
        assert "Lena Berg" in reply.choices[0].message.content
    finally:
        served.close()


def test_at_most_four_answers_are_computed_at_once_and_all_complete(tmp_path, corpus):
    """Twelve questions at once through the chat (gradio_client), /api and /v1: every one
    answered, never more than CONCURRENCY in the pipeline together, whichever way they came."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    from ui.server import CONCURRENCY

    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus])
    inside, peak, lock = 0, 0, threading.Lock()
    real_stream = pipe.stream

    def counted_stream(*args, **kwargs):
        nonlocal inside, peak
        with lock:
            inside += 1
            peak = max(peak, inside)
        try:
            time.sleep(0.3)
            yield from real_stream(*args, **kwargs)
        finally:
            with lock:
                inside -= 1

    pipe.stream = counted_stream  # what /api, /v1, MCP (through ask) and the chat all call
    served = serve(pipe, port=free_port(), block=False)
    served.warming.join(60)  # its question is nobody's: counted from here
    peak = 0
    try:
        question = "Who scored in the final?"
        chat = {"messages": [{"role": "user", "content": question}]}
        gradio = Client(served.url, verbose=False)
        with httpx.Client(base_url=served.url, timeout=120) as client, ThreadPoolExecutor(8) as pool:
            jobs = [
                gradio.submit(question, [], "(any source)", "", "", "extractive", "", api_name="/chat")
                for _ in range(4)
            ]
            calls = [("/api/ask", {"question": question}), ("/v1/chat/completions", chat)] * 4
            replies = list(pool.map(lambda call: client.post(call[0], json=call[1]), calls))
            answers = [job.result(timeout=120)[2]["answer"] for job in jobs]
        assert [r.status_code for r in replies] == [200] * 8
        assert all("Lena Berg" in r.text for r in replies) and all("Lena Berg" in a for a in answers)
        assert peak == CONCURRENCY, peak
    finally:
        served.close()
