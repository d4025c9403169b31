"""`rag eval --compare` on a deterministic RealTime QA sample (slow: real models).

The sample is the clean subset's first 20 questions' articles plus 30 seeded distractors,
written from ../shared at run time; CI never indexes the whole corpus."""

import json
from datetime import date, timedelta
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
    # "What happened this week?" asked on the day whose week holds the most of the sample's
    # articles (ten): five stories, one article each, all from that week, each cited verbatim
    published = [json.loads(line)["publish_date"] for line in sample.read_text().splitlines()]

    def of_week(day: date) -> list[str]:
        return [p for p in published if (day - timedelta(days=6)).isoformat() <= p <= day.isoformat()]

    day = max(sorted({date.fromisoformat(p) for p in published if p}), key=lambda d: len(of_week(d)))
    week = of_week(day)
    assert len(week) > 5
    ask = run_rag(home, "ask", "What happened this week?", "--as-of", day.isoformat(), "--json", test_models=False)
    assert ask.returncode == 0, ask.stderr[-2000:]
    news = json.loads(ask.stdout)
    assert not news["abstained"] and news["short_answer"] is None
    cited = news["citations"]
    assert len(cited) == min(5, len(week)) == len({c["article_id"] for c in cited})
    assert all((day - timedelta(days=6)).isoformat() <= c["published"] <= day.isoformat() for c in cited)
    texts = {json.loads(line)["doc_id"]: json.loads(line)["text"] for line in sample.read_text().splitlines()}
    assert all(texts[c["article_id"]][c["start"] : c["end"]] == c["quote"] for c in cited)
    assert news["time_notes"][-1].endswith("the most covered first")
    # the news on a topic (the headline of that week's newest article): articles on it, up to
    # that day, newest first, the headline's own among them, each cited verbatim
    rows = [json.loads(line) for line in sample.read_text().splitlines()]
    newest = max((r for r in rows if r["publish_date"] in week), key=lambda r: (r["publish_date"], r["doc_id"]))
    topic = " ".join(newest["title"].split()).rstrip("?.!")
    ask = run_rag(
        home, "ask", f"What is the latest on {topic}?", "--as-of", day.isoformat(), "--json", test_models=False
    )
    assert ask.returncode == 0, ask.stderr[-2000:]
    on_topic = json.loads(ask.stdout)
    cited = on_topic["citations"]
    assert not on_topic["abstained"] and newest["doc_id"] in {c["article_id"] for c in cited}
    dates = [c["published"] for c in cited]
    assert dates == sorted(dates, reverse=True) and dates[0] <= day.isoformat()
    assert all(texts[c["article_id"]][c["start"] : c["end"]] == c["quote"] for c in cited)
    assert on_topic["time_notes"][-1].endswith("the newest first")
    # the same topic's timeline, asked on the last day of the sample: its articles oldest
    # first, the headline's own among them, each line starting with its article's date
    last = max(p for p in published if p)
    ask = run_rag(home, "ask", f"Timeline of {topic}", "--as-of", last, "--json", test_models=False)
    assert ask.returncode == 0, ask.stderr[-2000:]
    story = json.loads(ask.stdout)
    cited = story["citations"]
    assert not story["abstained"] and story["short_answer"] is None
    assert newest["doc_id"] in {c["article_id"] for c in cited} and len(cited) <= 8
    dates = [c["published"] for c in cited]
    assert dates == sorted(dates) and dates[-1] <= last
    for line, c in zip(story["answer"].splitlines(), cited, strict=True):
        day_of = date.fromisoformat(c["published"])
        assert line.startswith(f"- {day_of.day} {day_of:%B %Y}: ") and line.endswith(f"[{c['n']}]")
        assert texts[c["article_id"]][c["start"] : c["end"]] == c["quote"]
    assert story["time_notes"][-1].endswith("oldest first")
