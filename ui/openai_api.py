"""An OpenAI-compatible chat endpoint, so chat front ends that speak that protocol can use
the archive as a "model": ``GET /v1/models`` and ``POST /v1/chat/completions`` (streaming
and not).

The reply's ``content`` is the answer as a reader sees it: the short answer first (when the
question asks for a thing), the cited sentences with their [n] markers, then a "Sources:"
list with each citation's title, date and verbatim quote. Two extra fields carry the same
in structured form: ``citations`` (each with ``n``, ``article_id``, ``title``,
``published``, ``source``, ``quote``, its article offsets ``start``/``end``, and
``under``, the heading a quoted list line stands under) and
``rag_answer`` (the whole ``rag ask --json`` object). A streamed reply sends them with its
last chunk. Text is sent only once its citations are verified, so a stream never shows a
claim that is later withdrawn.

The last user message is the question; earlier user messages are the conversation.
Optional request fields beyond OpenAI's: ``as_of`` (the day the question is asked) and
``filters`` (``source``, ``since``, ``until``).
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from rag.pipeline import Pipeline
from rag.records import AnswererName, answer_text
from ui.api import FiltersIn, Runner

MODEL = "rag-news"
MODELS: dict[str, AnswererName | None] = {MODEL: None, f"{MODEL}-extractive": "extractive", f"{MODEL}-llm": "llm"}


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatIn(BaseModel):
    """OpenAI's chat request; fields this archive has no use for (temperature, ...) are ignored."""

    model_config = ConfigDict(extra="ignore")
    model: str = MODEL
    messages: list[MessageIn] = Field(..., min_length=1)
    stream: bool = False
    as_of: str | None = Field(
        default=None, description="the day the question is asked (default today; 'none': read without a date)"
    )
    filters: FiltersIn = Field(default_factory=lambda: FiltersIn())


def message_text(message: MessageIn) -> str:
    """A message's text: a string, or the text parts of a list of parts."""
    if isinstance(message.content, list):
        return " ".join(str(p.get("text", "")) for p in message.content if p.get("type") == "text")
    return message.content or ""


def pieces(text: str) -> Iterator[str]:
    """``text`` in stream-sized pieces (a word with the space after it), which join back to it."""
    yield from re.findall(r"\S+\s*|\s+", text)


def openai_router(pipeline: Pipeline, run: Runner) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])
    created = int(time.time())

    def models() -> list[str]:
        llm = pipeline.settings.llm_configured
        return [name for name, kind in MODELS.items() if kind != "llm" or llm]

    @router.get("/models", summary="The archive, as the models a chat front end can pick")
    async def list_models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": m, "object": "model", "created": created, "owned_by": "rag-news"} for m in models()],
        }

    @router.post("/chat/completions", summary="An answer from the archive, with its citations", response_model=None)
    async def chat(body: ChatIn) -> dict[str, Any] | StreamingResponse:
        if body.model not in models():
            raise HTTPException(404, f"no model {body.model!r}: use one of {', '.join(models())} (GET /v1/models)")
        asked = [message_text(m) for m in body.messages if m.role == "user"]
        if not asked:
            raise HTTPException(400, "no user message: the last user message is the question")
        answer = await run(
            lambda: pipeline.ask(
                asked[-1],
                history=asked[:-1],
                answerer=MODELS[body.model],
                filters=body.filters.filters(),
                as_of=body.as_of or None,
            )
        )
        ident = f"chatcmpl-{uuid.uuid4().hex}"
        full = answer.to_json()
        extra = {"citations": full["citations"], "rag_answer": full}
        head = {"id": ident, "created": int(time.time()), "model": body.model}
        text = answer_text(answer, markdown=True)
        if not body.stream:
            message = {"role": "assistant", "content": text}
            return {
                **head,
                "object": "chat.completion",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
                **extra,
            }

        def chunk(delta: dict[str, Any], finish: str | None = None, **more: Any) -> str:
            choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
            return f"data: {json.dumps({**head, 'object': 'chat.completion.chunk', 'choices': [choice], **more})}\n\n"

        def events() -> Iterator[str]:
            yield chunk({"role": "assistant", "content": ""})
            for piece in pieces(text):
                yield chunk({"content": piece})
            yield chunk({}, "stop", **extra)
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return router
