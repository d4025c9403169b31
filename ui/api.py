"""The HTTP JSON API ``rag serve`` serves beside the web chat, under ``/api``:

- ``GET /api/search?q=&k=&mode=&source=&since=&until=&as_of=``: ``rag search --json``'s object;
- ``POST /api/ask`` (``question``, ``history``, ``filters``, ``answerer``, ``as_of``):
  ``rag ask --json``'s object, the same answer with the same citations and offsets;
- ``GET /api/articles/{article_id}``: an article's text and metadata, for opening a citation;
- ``GET /api/status``: ``rag status --json``'s object.

Bad input is a 4xx whose body is ``{"error": "one line"}`` (see ``ui/server.py``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from rag.pipeline import Pipeline
from rag.records import AnswererName, Filters, SearchMode, article_json
from rag.timesearch import found_json

T = TypeVar("T")
MAX_K = 50


class FiltersIn(BaseModel):
    """Which articles may answer: a source, and a publication period (dates, inclusive)."""

    model_config = ConfigDict(extra="forbid")
    source: str | None = Field(default=None, description="only articles from this source")
    since: str | None = Field(default=None, description="published on or after (YYYY-MM-DD or 10 Jan 2025)")
    until: str | None = Field(default=None, description="published on or before")

    def filters(self) -> Filters:
        return Filters(source=self.source, since=self.since, until=self.until)


class AskIn(BaseModel):
    """A question, with the conversation so far and where to look."""

    model_config = ConfigDict(extra="forbid")
    question: str = Field(..., description="the question, as a person would type it")
    history: list[str] = Field(default_factory=list, description="earlier questions of the conversation, oldest first")
    filters: FiltersIn = Field(default_factory=lambda: FiltersIn())
    answerer: AnswererName | None = Field(default=None, description="default: the server's setting")
    as_of: str | None = Field(
        default=None, description="the day the question is asked (default today; 'none': read without a date)"
    )


class Runner:
    """Runs pipeline work in worker threads, each holding one of ``slots`` when given: the
    slots the chat and the MCP tools take too, so the limit holds whichever way questions
    come in."""

    def __init__(self, slots: threading.Semaphore | None = None) -> None:
        self.slots = slots

    async def __call__(self, work: Callable[[], T]) -> T:
        def held() -> T:
            with self.slots or contextlib.nullcontext():
                return work()

        return await anyio.to_thread.run_sync(held)


def api_router(pipeline: Pipeline, run: Runner) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["archive"])

    @router.get("/search", summary="Passages that match a query, best first")
    async def search(
        q: str = Query(..., description="the query"),
        k: int = Query(5, ge=1, le=MAX_K, description=f"passages to return (1 to {MAX_K})"),
        mode: Annotated[
            SearchMode, Query(description="rerank (hybrid, then cross-encoder), hybrid, dense, bm25")
        ] = "rerank",
        source: str | None = Query(None, description="only articles from this source"),
        since: str | None = Query(None, description="published on or after (YYYY-MM-DD or 10 Jan 2025)"),
        until: str | None = Query(None, description="published on or before"),
        as_of: str | None = Query(
            None, description="the day the question is asked (default today; 'none': read without a date)"
        ),
    ) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            timings: dict[str, float] = {}
            filters = FiltersIn(source=source, since=since, until=until).filters()
            found = pipeline.find(q, k, mode=mode, filters=filters, as_of=as_of or None, timings=timings)
            return found_json(q, mode, found, timings)

        return await run(work)

    @router.post("/ask", summary="A cited answer, or an abstention with related passages")
    async def ask(body: AskIn) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            answer = pipeline.ask(
                body.question,
                history=body.history,
                answerer=body.answerer,
                filters=body.filters.filters(),
                as_of=body.as_of or None,
            )
            return answer.to_json()

        return await run(work)

    @router.get("/articles/{article_id}", summary="One article's text and metadata")
    async def article(article_id: str) -> dict[str, Any]:
        found = await run(lambda: pipeline.article(article_id))
        if found is None:
            raise HTTPException(404, f"no article {article_id!r} in the index; take ids from /api/search or /api/ask")
        return article_json(found)

    @router.get("/status", summary="What the index holds and how it was built")
    async def status() -> dict[str, Any]:
        return (await run(pipeline.status)).to_json()

    return router
