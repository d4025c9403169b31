"""One date parser for the CLI, the web chat and the filters: what a person types, or one line."""

import json

import pytest

from rag import BadInput, Filters, parse_date
from rag.dates import normalize_date
from tests.conftest import run_rag
from ui.app import make_filters


@pytest.mark.parametrize(
    "typed",
    [
        "2025-01-10",
        "2025/01/10",
        "2025.01.10",
        "2025-1-10",
        "20250110",
        "2025-01-10T12:30:00Z",
        "10 Jan 2025",
        "10 January 2025",
        "10th January, 2025",
        "10-Jan-2025",
        "Jan 10 2025",
        "January 10, 2025",
        " 10 jan 2025 ",
    ],
)
def test_each_form_a_person_types_is_the_same_day(typed):
    assert parse_date(typed) == "2025-01-10"
    assert Filters(until=typed).until == "2025-01-10"
    assert make_filters(None, typed, typed).since == "2025-01-10"


@pytest.mark.parametrize("typed", ["01/02/2025", "2025-02-30", "yesterday", "10 Foo 2025", "2025", "1e9"])
def test_what_is_not_a_date_is_refused_in_one_line(typed):
    with pytest.raises(BadInput) as err:
        Filters(since=typed)
    message = str(err.value)
    assert message.startswith(f"since {typed!r} is not a date: use ") and "\n" not in message
    assert normalize_date(typed) == ""


def test_empty_dates_and_sources_mean_no_filter():
    assert not Filters(source="", since="", until=None)


def index_coffin_reports(tmp_path, home) -> None:
    """Three reports on the same subject, dated 8, 10 and 12 January 2025, indexed in ``home``."""
    articles = [
        {"id": f"a{i}", "title": f"Coffin report {i}", "text": f"The coffin of Jimmy Carter, day {i}.", "published": d}
        for i, d in enumerate(["2025-01-08", "2025-01-10", "2025-01-12"])
    ]
    corpus = tmp_path / "dated.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles))
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0


def test_rag_search_until_in_any_form_returns_the_same_results(tmp_path, home):
    index_coffin_reports(tmp_path, home)
    found = {}
    for typed in ("2025-01-10", "2025/01/10", "10 Jan 2025"):
        run = run_rag(home, "search", "Jimmy Carter coffin", "--until", typed, "--json")
        assert run.returncode == 0, run.stderr
        found[typed] = [h["published"] for h in json.loads(run.stdout)["hits"]]
    assert found["2025/01/10"] == found["10 Jan 2025"] == found["2025-01-10"]
    assert sorted(found["2025-01-10"]) == ["2025-01-08", "2025-01-10"]
    bad = run_rag(home, "search", "Jimmy Carter coffin", "--until", "13/01/2025")
    assert bad.returncode == 1 and bad.stderr.startswith("error: until '13/01/2025' is not a date")


def test_rag_ask_and_search_as_of(tmp_path, home):
    """--as-of on the CLI: later articles are left out, the period is in the JSON, a bad
    date is one line."""
    index_coffin_reports(tmp_path, home)
    run = run_rag(home, "search", "Jimmy Carter coffin", "--as-of", "10 Jan 2025", "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["as_of"] == "2025-01-10" and out["time_window"] is None
    assert sorted(h["published"] for h in out["hits"]) == ["2025-01-08", "2025-01-10"]
    run = run_rag(home, "ask", "Where was the coffin of Jimmy Carter this week?", "--as-of", "2025-01-12", "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["time_window"] == {"from": "2025-01-06", "to": "2025-01-12", "phrase": "this week"}
    assert out["time_notes"][0] == "'this week' read as articles from 6 to 12 January 2025"
    text = run_rag(home, "ask", "Where was the coffin of Jimmy Carter this week?", "--as-of", "2025-03-01")
    assert "the index holds no articles from 23 February to 1 March 2025" in text.stdout
    bad = run_rag(home, "ask", "Jimmy Carter coffin", "--as-of", "next Tuesday")
    assert bad.returncode == 1 and bad.stderr.startswith("error: as of 'next Tuesday' is not a date")
