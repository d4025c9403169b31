"""`rag eval` end to end on the seed questions, with the real models (slow)."""

import json

import pytest

from tests.conftest import run_rag

pytestmark = pytest.mark.slow


def test_rag_eval_on_seed_questions(tmp_path, seed_pipeline):
    home = seed_pipeline.settings.home
    out = tmp_path / "report"
    args = ["eval", "--questions", "eval/questions/seed.jsonl", "--json", "--quiet", "--out", str(out)]
    run = run_rag(home, *args, timeout=1800, test_models=False)
    assert run.returncode == 0, run.stderr
    metrics = json.loads(run.stdout)
    ours = metrics["systems"]["hybrid+rerank"]
    assert ours["with_relevant"] >= 25
    assert ours["hit@1"] >= 0.9
    assert ours["contains@5"] >= 0.9
    assert (out / "report.md").read_text().startswith("# Evaluation report")
    assert (out / "hit_at_k.png").stat().st_size > 1000
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(rows) == 2 * metrics["questions"] and metrics["questions"] >= 30  # retrieval + answer rows
    answers = metrics["systems"]["answers (extractive)"]
    assert answers["citation_valid"] == 1.0
    assert answers["answer_contains"] >= 0.85 and answers["abstain_precision"] >= 0.8
