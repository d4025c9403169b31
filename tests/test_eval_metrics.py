import json

import pytest

from eval import metrics as m
from eval.runner import summarize
from rag.questions import load


def test_hand_computed_cases():
    ranked = ["a", "b", "c", "d"]
    assert m.hit_at(ranked, {"c"}, 2) == 0.0 and m.hit_at(ranked, {"c"}, 3) == 1.0
    assert m.mrr_at(ranked, {"c", "d"}, 10) == pytest.approx(1 / 3)
    # DCG = 1/log2(4) + 1/log2(5); IDCG = 1 + 1/log2(3)
    assert m.ndcg_at(ranked, {"c", "d"}, 10) == pytest.approx((0.5 + 0.43067656) / (1 + 0.63092975))
    assert m.ndcg_at(ranked, {"z"}, 10) == 0.0


def test_ranking_metrics_agree_with_ranx():
    ranx = pytest.importorskip("ranx")
    runs = {
        "q1": ["a", "b", "c", "d", "e"],
        "q2": ["x", "y", "z"],
        "q3": ["p", "q", "r", "s"],
        "q4": ["m", "n"],
    }
    qrels = {"q1": {"c", "e"}, "q2": {"x"}, "q3": {"s", "t"}, "q4": {"zz"}}
    qrels_r = ranx.Qrels({q: {d: 1 for d in rel} for q, rel in qrels.items()})
    run_r = ranx.Run({q: {d: float(len(ds) - i) for i, d in enumerate(ds)} for q, ds in runs.items()})
    expected = ranx.evaluate(qrels_r, run_r, ["hit_rate@1", "hit_rate@3", "mrr@10", "ndcg@10"])
    ours = {
        "hit_rate@1": m.mean([m.hit_at(runs[q], qrels[q], 1) for q in runs]),
        "hit_rate@3": m.mean([m.hit_at(runs[q], qrels[q], 3) for q in runs]),
        "mrr@10": m.mean([m.mrr_at(runs[q], qrels[q], 10) for q in runs]),
        "ndcg@10": m.mean([m.ndcg_at(runs[q], qrels[q], 10) for q in runs]),
    }
    for key, value in ours.items():
        assert value == pytest.approx(expected[key], abs=1e-6), key


def test_answer_matching():
    assert m.contains("The talks are in Washington, D.C.", "washington")
    assert not m.contains("Washingtonian food", "Washington")
    assert m.contains("It’s Biden’s plan", "Biden's plan")
    assert m.contains_answers("Hayashi and Hamada", ["Hayashi", "Hamada"], "all")
    assert not m.contains_answers("Hayashi only", ["Hayashi", "Hamada"], "all")
    assert m.token_f1("Lloyd Austin", ["Austin"]) == pytest.approx(2 / 3)
    assert m.exact_match("The Nikkei", ["Nikkei"]) == 1.0


def test_a_short_answer_in_number_words_is_the_number():
    """ "four" answers a quiz whose gold answer and choices say "4"; containment keeps the words."""
    assert m.short_exact("Four", ["4"]) == 1.0 and m.short_exact("four years", ["4 years"]) == 1.0
    assert m.short_exact("fourteen", ["4"]) == 0.0 and m.short_exact("40", ["four"]) == 0.0
    assert m.token_f1("two terms", ["2"]) == pytest.approx(2 / 3)
    assert m.closest_choice("five", ["3", "4", "5", "6"]) == 2
    assert m.short_exact("two, three", ["2", "3"], "all") == 1.0
    assert not m.contains("one of the teams", "1")


def test_percentiles_and_summary():
    rows = [
        {"system": "s", "latency_ms": v, "hit@1": h, **{f"hit@{k}": h for k in range(2, 11)}, "mrr@10": h, "ndcg@10": h}
        for v, h in [(10, 1.0), (20, 0.0), (30, 1.0), (40, 1.0)]
    ]
    s = summarize(rows)["s"]
    assert s["hit@1"] == 0.75 and s["latency_p50_ms"] == 25.0 and s["with_relevant"] == 4


def test_realtimeqa_adapter(tmp_path):
    rows = [
        {
            "qid": "1",
            "question": "Q1?",
            "answer": "A1",
            "question_date": "2025-01-10",
            "silver_doc_ids": ["d1"],
            "n_corpus_docs_with_answer": 3,
        },
        {
            "qid": "2",
            "question": "Q2?",
            "answer": "A2",
            "question_date": "2025-01-10",
            "silver_doc_ids": [],
            "n_corpus_docs_with_answer": 0,
        },
        {
            "qid": "3",
            "question": "Q3?",
            "answer": "New York",
            "question_date": "2025-01-17",
            "silver_doc_ids": ["d2"],
            "n_corpus_docs_with_answer": 400,
        },
    ]
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    allq = load(path, "realtimeqa")
    assert [q.id for q in allq] == ["1", "2", "3"]
    assert allq[0].relevant == ("d1",) and allq[0].date == "2025-01-10" and allq[0].answers == ("A1",)
    assert allq[1].answerable is False and allq[0].answerable is True
    assert [q.id for q in load(path, "realtimeqa", "clean")] == ["1"]
    assert [q.id for q in load(path, "realtimeqa", "rest")] == ["3"]  # labelled, outside clean
    assert [q.id for q in load(path, "realtimeqa", "unlabelled")] == ["2"]


def test_native_file_errors_are_one_line(tmp_path):
    from rag.errors import BadInput

    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1", "question": "ok?"}\n{"id": 2}\n')
    with pytest.raises(BadInput, match=r"q.jsonl:2: no 'question'"):
        load(path)


def test_report_without_answers_has_no_empty_answer_table(tmp_path):
    from eval.report import write
    from eval.runner import EvalResult

    summary = {"hybrid+rerank": {"hit@1": 1.0, "hit@5": 1.0, "latency_p50_ms": 3.0}}
    write(EvalResult(summary=summary, rows=[], questions=1), tmp_path, {"command": "rag eval"})
    report = (tmp_path / "report.md").read_text()
    assert "| hybrid+rerank | 1.000 | 1.000 |" in report
    assert "| system |  |" not in report and report.count("| system |") == 1


def test_a_missing_eval_package_is_one_line_naming_the_extra():
    from eval import need
    from rag.errors import ConfigError

    need("json", what="rag bench")  # present: nothing happens
    with pytest.raises(ConfigError) as err:
        need("json", "no_such_package_here", "llama_index.no_such.module", what="rag bench")
    assert str(err.value) == (
        "rag bench needs no_such_package_here, llama_index.no_such.module: pip install -e '.[eval]'"
    )
