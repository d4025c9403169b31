"""``rag serve``: every way in on one port, behind one login.

- ``/``: the web chat (Gradio, ``ui/app.py``), and Gradio's own ``/chat`` endpoint;
- ``/api``: the HTTP JSON API (``ui/api.py``); its OpenAPI schema at ``/openapi.json``, docs at ``/docs``;
- ``/v1``: an OpenAI-compatible chat endpoint (``ui/openai_api.py``);
- ``/mcp``: the MCP tools over streamable HTTP (``ui/mcp_tools.py``).

With ``RAG_UI_AUTH=user:password`` the page asks for that login, and every other route
takes it as HTTP Basic or as a Bearer token ``user:password`` (what an OpenAI client sends
as its API key). Bad input on the API is a 4xx whose body is one line of JSON.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import secrets
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from rag.errors import BadInput, RagError
from rag.pipeline import Pipeline
from ui.api import Runner, api_router
from ui.apidocs import docs_html
from ui.app import MAX_UPLOAD_BYTES, build_app, theme
from ui.mcp_tools import build_server
from ui.openai_api import openai_router
from ui.render import CSS

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

GUARDED = ("/api", "/v1", "/mcp", "/docs", "/openapi.json")
MAX_BODY_BYTES = 1024 * 1024  # a question with its history and filters fits many times over
CONCURRENCY = 4  # answers computed at once: the chat, /api, /v1 and /mcp together


def login(settings_auth: str) -> tuple[str, str] | None:
    """``RAG_UI_AUTH``'s ``user:password``, or None when no login is set."""
    if not settings_auth:
        return None
    user, _, password = settings_auth.partition(":")
    if not user or not password:
        raise RagError("RAG_UI_AUTH must be user:password")
    return user, password


def error_body(path: str, status: int, message: str) -> dict[str, Any]:
    """One line of JSON; under ``/v1`` in the shape OpenAI clients read."""
    message = " ".join(message.split())
    if path.startswith("/v1"):
        kind = "invalid_request_error" if status < 500 else "server_error"
        return {"error": {"message": message, "type": kind, "code": status}}
    return {"error": message}


class Gate:
    """ASGI middleware in front of the guarded routes: the login, and the body size limit."""

    def __init__(self, app: ASGIApp, credentials: tuple[str, str] | None) -> None:
        self.app = app
        self.credentials = credentials

    def allows(self, authorization: str) -> bool:
        if self.credentials is None:
            return True
        scheme, _, value = authorization.partition(" ")
        given = value.strip()
        if scheme.lower() == "basic":
            with contextlib.suppress(binascii.Error, UnicodeDecodeError):
                given = base64.b64decode(given, validate=True).decode()
        elif scheme.lower() != "bearer":
            return False
        return secrets.compare_digest(given.encode(), ":".join(self.credentials).encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(GUARDED):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self.allows(headers.get("authorization", "")):
            text = "login required: send RAG_UI_AUTH's user:password as HTTP Basic or as a Bearer token"
            reply = JSONResponse(error_body(path, 401, text), 401, {"WWW-Authenticate": 'Basic realm="rag-news"'})
            await reply(scope, receive, send)
            return
        too_large = JSONResponse(error_body(path, 413, f"request body over {MAX_BODY_BYTES // 1024} KB"), 413)
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            await too_large(scope, receive, send)
            return
        # read the whole body first (a chunked one has no length to check up front), then hand
        # it on; later receives (the client disconnecting) pass through
        body, more = b"", "transfer-encoding" in headers or int(length) > 0
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY_BYTES:
                await too_large(scope, receive, send)
                return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


STATUS = {BadInput: 400}  # the rest: the index or a store is missing or busy, which the request cannot fix


def status_of(exc: RagError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 503)


def build_server_app(pipeline: Pipeline, host: str = "127.0.0.1", port: int = 7860) -> FastAPI:
    """The FastAPI app ``serve`` runs: the API routes, the MCP endpoint and the web chat."""
    credentials = login(pipeline.settings.ui_auth)
    slots = threading.BoundedSemaphore(CONCURRENCY)  # answers computed at once, whichever way asked
    run = Runner(slots)
    mcp = build_server(pipeline, run)
    mcp_app = mcp.streamable_http_app(streamable_http_path="/mcp", host=host)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with mcp.session_manager.run():
            yield

    app = FastAPI(
        title="rag-news",
        summary="Cited answers from a news archive",
        description="Search the indexed articles, ask questions answered with verified citations, open articles.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load their scripts from a CDN: ui/apidocs.py instead
        redoc_url=None,
    )

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html(app.openapi()))

    app.include_router(api_router(pipeline, run))
    app.include_router(openai_router(pipeline, run))
    app.router.routes.extend(mcp_app.routes)  # POST/GET/DELETE /mcp, sessions run by the lifespan above

    @app.exception_handler(RagError)
    async def rag_error(request: Request, exc: RagError) -> JSONResponse:
        code = status_of(exc)
        return JSONResponse(error_body(request.url.path, code, str(exc)), code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path")) or "body"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return JSONResponse(error_body(request.url.path, 422, f"{where}: {first.get('msg', 'invalid')}{more}"), 422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(error_body(request.url.path, exc.status_code, str(exc.detail)), exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        text = f"internal error ({type(exc).__name__}); the server log has the details"
        return JSONResponse(error_body(request.url.path, 500, text), 500)

    app.add_middleware(Gate, credentials=credentials)
    blocks = build_app(pipeline, slots=slots)
    blocks.queue(default_concurrency_limit=CONCURRENCY)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        server_name=host,
        server_port=port,
        auth=credentials,
        show_error=False,
        footer_links=["api"],
        max_file_size=MAX_UPLOAD_BYTES,
        ssr_mode=False,
        theme=theme(),
        css=CSS,
    )


@dataclass
class Served:
    """A running server: ``url``; ``close()`` stops it. ``warming`` loads the models in the
    background (one question asked to nobody), so the first answer is quick."""

    url: str
    server: uvicorn.Server
    warming: threading.Thread
    thread: threading.Thread | None = None

    def close(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=15)


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound now, so a port in use is a one-line error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        detail = " ".join(str(exc.strerror or exc).split())
        raise RagError(f"cannot listen on {host}:{port} ({detail}); choose another with --port or --host") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    pipeline: Pipeline,
    host: str = "127.0.0.1",
    port: int = 7860,
    block: bool = True,
    announce: Callable[[str], None] = lambda url: None,
) -> Served:
    """Serve everything on ``host:port``; ``announce(url)`` once the port is taken. With
    ``block`` False, returns once the server accepts connections."""
    app = build_server_app(pipeline, host, port)
    sock = listen(host, port)

    def warm() -> None:
        with contextlib.suppress(RagError):
            pipeline.warm()

    warming = threading.Thread(target=warm, daemon=True)
    warming.start()
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=3, ws="none")
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    served = Served(f"http://{shown}:{port}", server, warming)
    announce(served.url)
    if block:
        server.run(sockets=[sock])
        return served
    served.thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    served.thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not served.thread.is_alive() or time.monotonic() > deadline:
            raise RagError(f"the server on {host}:{port} did not start; run `rag serve` to see why")
        time.sleep(0.05)
    return served
