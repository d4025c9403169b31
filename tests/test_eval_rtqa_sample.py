"""`rag eval --compare` on a deterministic RealTime QA sample (slow: real models).

The sample is the clean subset's first 20 questions' articles plus 30 seeded distractors,
written from ../shared at run time; CI never indexes the whole corpus."""

import json
from pathlib import Path

import pytest

from research.sample import write_sample
from tests.conftest import RTQA, run_rag

pytestmark = pytest.mark.slow


def test_compare_on_a_realtimeqa_sample(tmp_path):
    if not RTQA.exists():
        pytest.fail("../shared/data/realtimeqa_news is missing beside the checkout")
    sample = tmp_path / "sample.jsonl"
    info = write_sample(sample, RTQA, distractors=30, seed=7, questions_limit=20)
    assert info["questions"] == 20 and info["articles"] == info["relevant_articles"] + 30
    assert write_sample(tmp_path / "again.jsonl", RTQA, distractors=30, seed=7, questions_limit=20) == info
    assert sample.read_bytes() == (tmp_path / "again.jsonl").read_bytes()
    home = tmp_path / "home"
    assert run_rag(home, "index", str(sample), "--quiet", test_models=False).returncode == 0
    questions = str(RTQA / "questions.jsonl")
    args = ["eval", "--questions", questions, "--format", "realtimeqa", "--subset", "clean", "--limit", "20"]
    run = run_rag(
        home, *args, "--compare", "--json", "--quiet", "--out", str(tmp_path / "out"), timeout=1800, test_models=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    systems = json.loads(run.stdout)["systems"]
    assert set(systems) >= {"bm25", "dense", "hybrid", "hybrid+rerank", "llama-index quickstart"}
    for name, s in systems.items():
        if "hit@10" in s and " · " not in name:  # " · relative time": a part of the questions
            assert s["with_relevant"] == 20
    # each question is asked on its own date, and nothing published later is cited
    lines = [json.loads(line) for line in Path(questions).read_text().splitlines()]
    asked = {q["qid"]: q["question_date"] for q in lines}
    rows = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    answers = [r for r in rows if r["system"] == "answers (extractive)"]
    assert len(answers) == 20 and all(r["as_of"] == asked[r["id"]] for r in answers)
    cited = [r for r in answers if r["newest_cited"]]
    assert cited and all(r["newest_cited"] <= r["as_of"] for r in cited)
    assert (
        systems["hybrid+rerank · relative time"]["questions"] + systems["hybrid+rerank · no time named"]["questions"]
        == 20
    )
    assert systems["hybrid+rerank"]["hit@10"] >= 0.8
    assert systems["answers (extractive)"]["citation_valid"] == 1.0
    assert (tmp_path / "out" / "latency.png").exists()
