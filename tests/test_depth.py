"""What the cross-encoder reads under research.depth's --passage forms, with its real tokenizer."""

import pytest

from rag.models import load_tokenizer, resolve
from rag.records import Chunk
from rag.settings import DEFAULT_RERANK_MODEL
from research.depth import depth_runs, passage_form

TEXT = (
    "The talks opened on Monday with a long session on trade tariffs and supply chains. "
    "Officials then discussed shipping routes across the region for several hours. "
    "India and Japan agreed to hold the next 2+2 dialogue in Tokyo in the spring. "
    "The meeting closed with a joint statement on maritime security."
)
CHUNK = Chunk(id="a#0", article_id="a", text=TEXT, start=0, end=len(TEXT), position=0, title="Talks")


def pieces(text: str) -> int:
    _, folder = resolve(DEFAULT_RERANK_MODEL, "reranker")
    assert folder is not None
    return len(load_tokenizer(folder, 100_000).encode(text, add_special_tokens=False).ids)


def test_whole_passes_the_chunk_unchanged():
    assert passage_form("whole", DEFAULT_RERANK_MODEL)("q", CHUNK) is CHUNK


def test_first_keeps_the_first_word_pieces():
    got = passage_form("first:12", DEFAULT_RERANK_MODEL)("where is the 2+2?", CHUNK)
    assert TEXT.startswith(got.text) and pieces(got.text) == 12 and got.title == CHUNK.title


def test_focus_keeps_the_sentences_holding_the_question_words():
    got = passage_form("focus:24", DEFAULT_RERANK_MODEL)("Where will India and Japan hold the 2+2 dialogue?", CHUNK)
    assert got.text == "India and Japan agreed to hold the next 2+2 dialogue in Tokyo in the spring."


def test_unknown_form_is_refused():
    with pytest.raises(SystemExit):
        passage_form("middle:10", DEFAULT_RERANK_MODEL)


def test_depth_runs_rerank_shallow_after_a_confident_probe_and_deepest_otherwise():
    sure = dict(depth_runs(6.0, [0, 2, 5, 30], 2, [5.0], after=[5]))
    unsure = dict(depth_runs(4.0, [0, 2, 5, 30], 2, [5.0], after=[5]))
    assert sure["probe 2, stop at 5, else 30"] == 2 and unsure["probe 2, stop at 5, else 30"] == 30
    assert sure["probe 2, at 5 to 5, else 30"] == 5 and unsure["probe 2, at 5 to 5, else 30"] == 30
    assert sure["rerank depth 5"] == unsure["rerank depth 5"] == 5
