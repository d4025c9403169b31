"""`rag bench` end to end on the seed corpus (slow: real model, subprocesses)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS

pytestmark = pytest.mark.slow


def test_rag_bench_on_seeds(tmp_path):
    out = tmp_path / "bench"
    env = {"RAG_HOME": str(tmp_path / "unused"), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "rag.cli", "bench", "--corpus", str(SEEDS), "--json", "--out", str(out)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    r = json.loads(run.stdout)
    assert r["articles"] == 1 and r["ours"]["chunks"] == r["bare_model"]["chunks"] > 0
    assert r["llama_index"]["nodes"] >= 1 and r["llama_index_same_chunks"]["nodes"] >= r["llama_index"]["nodes"]
    assert r["ratio_ours_over_bare"] > 0 and r["ratio_ours_over_llama_index"] > 0
    # every character of the seed article reaches one of our vectors; the quickstart's one
    # node of about 1,000 word pieces is read to its 256th
    assert r["ours"]["coverage"] > 0.99 and r["llama_index"]["coverage"] < 0.5
    assert r["ratio_ours_over_llama_index_searchable"] > r["ratio_ours_over_llama_index"]
    # the quickstart's model reads one node cut at 256 word pieces; ours reads every chunk whole
    assert 0 < r["llama_index"]["tokens_per_s"] * r["llama_index"]["seconds"] <= 256 * r["llama_index"]["nodes"]
    assert r["ratio_ours_over_llama_index_tokens"] > 0
    assert r["search_ms"]["p50"] > 0 and r["ask_ms"]["p50"] > 0 and r["cold_ask_seconds"] > 0
    assert r["cold_serve_seconds"] > 0 and r["queries"][0]["articles"] == 1
    md = (out / "bench.md").read_text()
    assert md.startswith("Corpus:")
    # the per-article ratio against the quickstart says how much text each side embedded
    assert f"its model reads {r['llama_index']['coverage']:.1%} of the article text" in md
    assert json.loads((out / "bench.json").read_text())["articles"] == 1
    assert (out / "bench.png").stat().st_size > 1000


def test_latency_questions_spread_over_either_question_format(tmp_path):
    from eval.bench import latency_questions

    native = tmp_path / "native.jsonl"
    native.write_text("\n".join(json.dumps({"id": str(i), "question": f"Q{i}?"}) for i in range(50)))
    assert latency_questions(native, n=5) == ["Q0?", "Q10?", "Q20?", "Q30?", "Q40?"]
    rtqa = tmp_path / "rtqa.jsonl"
    rows = [{"qid": str(i), "question": f"R{i}?", "answer": "x", "silver_doc_ids": []} for i in range(3)]
    rtqa.write_text("\n".join(json.dumps(r) for r in rows))
    assert latency_questions(rtqa, n=20) == ["R0?", "R1?", "R2?"]
