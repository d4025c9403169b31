"""`rag calibrate`: the abstention threshold that separates a user's answerable questions
from the others, on the stand-in models."""

import json

from rag import Pipeline
from rag.calibrate import calibrate
from tests.conftest import run_rag

QUESTIONS = [
    ("Who declared an emergency in the coastal town of Marlow?", True),
    ("How much did the council approve for new schools?", True),
    ("Who scored twice for the Rovers in the final?", True),
    ("What is the tallest mountain on Mars?", False),
    ("Which violinist recorded the Goldberg variations?", False),
]


def write_questions(path):
    rows = [{"id": f"q{i}", "question": q, "answerable": a} for i, (q, a) in enumerate(QUESTIONS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_the_recommended_threshold_makes_every_decision_right(settings, corpus):
    pipe = Pipeline(settings)
    pipe.index([corpus])
    best, *rest = calibrate(pipe, [*QUESTIONS, ("Who won the cup?", None)])
    assert best.right == len(QUESTIONS) and best.abstain_precision == 1.0 and best.abstain_recall == 1.0
    assert all(r.right <= best.right for r in rest)
    assert settings.abstain_threshold == -3.0  # the pipeline's own setting is left alone


def test_rag_calibrate_prints_the_setting_and_refuses_unlabelled_files(tmp_path, home, corpus):
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    run = run_rag(home, "calibrate", "--questions", str(write_questions(tmp_path / "q.jsonl")))
    assert run.returncode == 0, run.stderr
    assert "| threshold | right decisions |" in run.stdout
    line = run.stdout.strip().splitlines()[-1]
    assert line.startswith("recommended (now -3): RAG_ABSTAIN_THRESHOLD=")
    value = float(line.rsplit("=", 1)[1])
    as_json = json.loads(run_rag(home, "calibrate", "--questions", str(tmp_path / "q.jsonl"), "--json").stdout)
    assert as_json["recommended"] == value and as_json["thresholds"][0]["right"] == len(QUESTIONS)
    (tmp_path / "all.jsonl").write_text('{"id": "x", "question": "storm?", "answerable": true}\n')
    refused = run_rag(home, "calibrate", "--questions", str(tmp_path / "all.jsonl"))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "answerable" in refused.stderr
