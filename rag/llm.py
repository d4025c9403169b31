"""Optional LLM answerer through llama-index's LLM classes.

Any OpenAI-compatible server (vLLM, llama.cpp server, Ollama's /v1) via ``RAG_LLM_URL``,
``RAG_LLM_MODEL``, ``RAG_LLM_API_KEY``; or a local GGUF file (``RAG_LLM_GGUF``) through
llama-cpp-python, installed with ``pip install '.[llamacpp]'``.

What the model writes is never trusted as is: every [n] is checked against passage n, the
verbatim supporting sentence of that passage becomes the citation's quote, and sentences
without a supported citation are dropped. If nothing supported is left, or the server
fails, the extractive answer is returned instead (``mode`` says so).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rag.answer import NOT_IN_CORPUS, ExtractiveAnswerer, asked_for, day_of
from rag.elapsed import dates_first
from rag.entities import NOUN_PHRASE, entities
from rag.errors import ConfigError
from rag.evidence import nearness
from rag.followup import content_words, make_standalone
from rag.kinds import fitting, titles_only
from rag.models import Reranker
from rag.records import Answer, AnswerMode, Citation, Hit, ShortAnswer
from rag.regions import in_region
from rag.sentences import quotable, sentence_spans, words
from rag.settings import Settings
from rag.short import candidates
from rag.whendates import specific_first

# A cited sentence supports a claim when it holds this share of the content words the claim
# adds to the question (all of the claim's words when it adds none). Measured on RealTime QA
# quiz answers stated as claims, right choice against wrong ones (docs/EVAL.md, "Claim support").
SUPPORT_THRESHOLD = 0.6
_MARKER = re.compile(r"\s*\[(\d{1,3})\]")


@lru_cache(maxsize=4)
def prompt(name: str) -> str:
    return resources.files("rag").joinpath("prompts", f"{name}.txt").read_text(encoding="utf-8")


def format_passages(hits: Sequence[Hit]) -> str:
    blocks = []
    for i, h in enumerate(hits, start=1):
        c = h.chunk
        meta = ", ".join(x for x in (c.source, c.published) if x)
        blocks.append(f"[{i}] {c.title}{f' ({meta})' if meta else ''}\n{' '.join(c.text.split())}")
    return "\n\n".join(blocks)


def build_llm(settings: Settings) -> Any:
    if settings.llm_url:
        try:
            from llama_index.llms.openai_like import OpenAILike
        except ImportError:
            raise ConfigError("the LLM answerer needs llama-index-llms-openai-like: pip install '.[llm]'") from None
        return OpenAILike(
            model=settings.llm_model or "default",
            api_base=settings.llm_url,
            api_key=settings.llm_api_key or "none",
            is_chat_model=True,
            timeout=settings.llm_timeout,
            max_retries=0,
            temperature=0.0,
            max_tokens=300,
        )
    if settings.llm_gguf:
        if not Path(settings.llm_gguf).is_file():
            raise ConfigError(f"RAG_LLM_GGUF: no file at {settings.llm_gguf}; point it at a .gguf model file")
        try:
            from llama_index.llms.llama_cpp import LlamaCPP
        except ImportError:
            raise ConfigError("RAG_LLM_GGUF needs llama-cpp-python: pip install -e '.[llamacpp]'") from None
        llm: Any = LlamaCPP(
            model_path=settings.llm_gguf,
            temperature=0.0,
            max_new_tokens=300,
            context_window=4096,
            model_kwargs={"n_threads": os.cpu_count() or 1},
            verbose=False,
        )
        to_prompt = gguf_chat_prompt(llm._model)  # third-party private: the Llama inside LlamaCPP
        if to_prompt is not None:
            llm.messages_to_prompt = to_prompt
        return llm
    raise ConfigError("no LLM configured: set RAG_LLM_URL (OpenAI-compatible server) or RAG_LLM_GGUF")


def gguf_chat_prompt(model: Any) -> Callable[[Sequence[Any]], str] | None:
    """The chat template stored in a GGUF file, as llama-index's ``messages_to_prompt``.

    llama-index's ``LlamaCPP`` formats chats with a generic Llama-2 style prompt unless told
    otherwise; an instruction-tuned GGUF carries its own template, which llama-cpp-python
    renders the same way for its chat API."""
    template = model.metadata.get("tokenizer.chat_template")
    if not template:
        return None
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    def text(token: int) -> str:
        return model._model.token_get_text(token) if token >= 0 else ""  # third-party private: llama-cpp

    formatter: Any = Jinja2ChatFormatter(
        template=template,
        eos_token=text(model.token_eos()),
        bos_token=text(model.token_bos()),
        add_generation_prompt=True,
    )

    def to_prompt(messages: Sequence[Any]) -> str:
        rows = [{"role": str(getattr(m.role, "value", m.role)), "content": m.content or ""} for m in messages]
        return str(formatter(messages=rows).prompt)

    return to_prompt


def check_claims(text: str, hits: Sequence[Hit], question: str = "") -> tuple[str, tuple[Citation, ...]]:
    """Keep only sentences whose [n] markers are supported by passage n; rewrite the markers
    to point at verified quotes. Returns the cleaned text and its citations."""
    citations: list[Citation] = []
    by_key: dict[tuple[str, int, int], int] = {}
    kept: list[str] = []
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        claim = _MARKER.sub("", sentence).strip()
        if not claim or not numbers:
            continue
        marks: list[int] = []
        for n in dict.fromkeys(numbers):
            if not 1 <= n <= len(hits):
                continue  # a passage that was never given
            quote = supporting_sentence(claim, hits[n - 1], question)
            if quote is None:
                continue
            start, end = quote
            key = (hits[n - 1].chunk.id, start, end)
            if key not in by_key:
                chunk = hits[n - 1].chunk
                by_key[key] = len(citations) + 1
                citations.append(Citation.of(by_key[key], chunk, start, end))
            marks.append(by_key[key])
        if marks:
            body = claim.rstrip()
            tail = body[-1] if body and body[-1] in ".!?" else ""
            body = body[:-1] if tail else body
            kept.append(f"{body}{''.join(f' [{m}]' for m in marks)}{tail}")
    return " ".join(kept), tuple(citations)


def _words(text: str) -> set[str]:
    return {w.lower() for w in content_words(text)}


def best_support(claim: str, text: str, question: str = "", opening: bool = False) -> tuple[float, int, int] | None:
    """The sentence of ``text`` that best supports ``claim``: (score, start, end), offsets in
    ``text``. The score is the share of the content words the claim adds to the question
    that the sentence holds (an answer restating the question's words proves nothing), or of
    all its content words when it adds none; ties go to the sentence holding more of them.
    ``opening``: ``text`` opens its article (its masthead lines support nothing)."""
    want = _words(claim)
    target = (want - _words(question)) or want
    if not target:
        return None
    best: tuple[tuple[float, float], int, int] | None = None
    spans = sentence_spans(text)
    # text aimed at an answerer, or the publisher's, supports no claim
    for s, e in quotable(text, spans, opening):
        have = _words(text[s:e])
        key = (len(target & have) / len(target), len(want & have) / len(want))
        if best is None or key > best[0]:
            best = (key, s, e)
    return None if best is None else (best[0][0], best[1], best[2])


def supporting_sentence(claim: str, hit: Hit, question: str = "") -> tuple[int, int] | None:
    """Article offsets of the passage sentence that best supports ``claim``, if any does."""
    chunk = hit.chunk
    best = best_support(claim, chunk.text, question, opening=chunk.position == 0)
    if best is None or best[0] < SUPPORT_THRESHOLD:
        return None
    return chunk.start + best[1], chunk.start + best[2]


class LLMAnswerer:
    mode: AnswerMode = "llm"

    def __init__(self, settings: Settings, reranker: Callable[[], Reranker], fallback: ExtractiveAnswerer) -> None:
        self.settings = settings
        self._reranker = reranker
        self.fallback = fallback
        self.llm = build_llm(settings)

    def _messages(self, question: str, hits: Sequence[Hit]) -> list[Any]:
        from llama_index.core.llms import ChatMessage

        text = prompt("answer").format(passages=format_passages(hits), question=question)
        return [ChatMessage(role="user", content=text)]

    def standalone(self, question: str, history: Sequence[str]) -> str:
        previous = [h for h in history if h.strip()]
        if not previous:
            return question
        from llama_index.core.llms import ChatMessage

        text = prompt("condense").format(history="\n".join(f"- {h}" for h in previous[-4:]), question=question)
        try:
            reply = self.llm.chat([ChatMessage(role="user", content=text)]).message.content or ""
        except Exception:
            return make_standalone(question, previous)
        reply = " ".join(reply.split())
        return reply if 0 < len(reply) <= 500 else make_standalone(question, previous)

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        final: Answer | None = None
        for event in self.stream(question, hits):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Tokens as the model writes them, then the checked ``Answer``."""
        passages = list(hits)
        if not passages:
            yield self.fallback.answer(question, passages)
            return
        parts: list[str] = []
        try:
            for chunk in self.llm.stream_chat(self._messages(question, passages)):
                delta = chunk.delta or ""
                parts.append(delta)
                yield delta
        except Exception as exc:
            detail = " ".join(str(exc).split())[:120]
            warning = f"the LLM server failed ({type(exc).__name__}: {detail}); showing the extractive answer"
            yield self._fallback(question, passages, warning)
            return
        raw = "".join(parts).strip()
        text, citations = check_claims(raw, passages, question)
        if not citations:
            note = "" if NOT_IN_CORPUS.lower() in raw.lower() else "the LLM answer had no supported citation"
            yield self._fallback(question, passages, note)
            return
        answer = Answer(
            question=question, text=text, citations=citations, abstained=False, mode=self.mode, passages=tuple(passages)
        )
        yield replace(answer, short=short_in_answer(question, answer, self.fallback.config.ner))

    def _fallback(self, question: str, hits: Sequence[Hit], warning: str) -> Answer:
        answer = self.fallback.answer(question, hits)
        return replace(
            answer,
            mode="extractive (llm fallback)",
            warnings=(*answer.warnings, warning) if warning else answer.warnings,
        )


def short_in_answer(question: str, answer: Answer, ner: str) -> ShortAnswer | None:
    """For an answer written by someone else (the LLM): the thing asked for, when the answer
    names it and a cited quote holds it verbatim."""
    want = asked_for(question, ner) if ner and answer.citations else None
    if want is None:
        return None
    quotes = [c.quote for c in answer.citations]
    found = in_region(
        question, want, candidates(question, want, quotes, entities(ner, quotes, NOUN_PHRASE in want.labels))
    )
    found = titles_only(
        specific_first(want, dates_first(question, fitting(found, quotes, want), quotes), quotes), quotes, want
    )
    said = " ".join(words(answer.text))
    named = [(c, cite) for cite, mine in zip(answer.citations, found, strict=True) for c in mine]
    named = [(c, cite) for c, cite in named if f" {c.key} " in f" {said} "]
    if not named:
        return None
    c, cite = max(named, key=lambda p: (nearness(question, p[1].quote, p[0], found[p[0].sentence]), -p[0].rank))
    text = cite.quote[c.start : c.end]
    day = day_of(text, c.label, cite.published, cite.quote)
    return ShortAnswer(text, cite.article_id, cite.start + c.start, cite.start + c.end, cite.n, day=day, label=c.label)
