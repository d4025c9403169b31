"""Questions asked on a date, with the test models: the period a question names is searched
first and widened when it holds too little, nothing published after ``as_of`` is used, and
the answer says where in time it looked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rag import Pipeline
from rag.asked_numbers import stated_numbers, unstated
from rag.records import Answer, Citation, Filters, ShortAnswer
from rag.timeref import TimeRef
from rag.timesearch import Found, age_note
from tests.conftest import fake_settings, indexed_records, run_rag

SHOWS = [
    (2023, "2023-02-15", "Pepper", "47th"),
    (2024, "2024-02-14", "Sable", "48th"),
    (2025, "2025-02-12", "Moss", "49th"),
]
FERRY = {
    "id": "ferry",
    "title": "Night ferry timetable",
    "published": "2024-02-25",
    "text": "The night ferry to Eastport now leaves at 23:40 from pier 9, the port said on Sunday.",
}
ASK = "Which dog won best in show at the Harbour dog show this week?"


def shows() -> list[dict[str, str]]:
    return [
        {
            "id": f"show-{year}",
            "title": f"Harbour dog show crowns {winner}",
            "published": published,
            "text": f"{winner} won best in show at the {n} annual Harbour dog show on Tuesday, the judges said.",
        }
        for year, published, winner, n in SHOWS
    ]


def build(tmp_path_factory: pytest.TempPathFactory, articles: list[dict[str, str]], **settings: object) -> Pipeline:
    return indexed_records(tmp_path_factory, articles, ner_model="none", time_floor=0.5, **settings)


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return build(tmp_path_factory, [*shows(), FERRY])


def cited_years(answer) -> set[str]:
    return {c.published[:4] for c in answer.citations}


@pytest.mark.parametrize(("as_of", "year"), [("2024-02-16", "2024"), ("2025-02-14", "2025"), ("2023-02-17", "2023")])
def test_this_week_is_the_week_asked(dated: Pipeline, as_of: str, year: str) -> None:
    answer = dated.ask(ASK, as_of=as_of)
    assert not answer.abstained and cited_years(answer) == {year}
    assert answer.as_of == as_of and answer.time_window is not None
    assert answer.time_window.end.isoformat() == as_of and answer.time_window.phrase == "this week"
    out = answer.to_json()
    assert out["as_of"] == as_of and out["time_window"]["to"] == as_of
    assert out["time_notes"][0].startswith("'this week' read as articles from")


def test_nothing_published_after_as_of_is_found(dated: Pipeline) -> None:
    hits = dated.search("Which dog won best in show at the Harbour dog show?", k=10, as_of="2024-02-16")
    assert hits and max(h.chunk.published for h in hits) <= "2024-02-16"
    assert "2025-02-12" in {h.chunk.published for h in dated.search("Harbour dog show", k=10, as_of="2025-03-01")}


def test_a_period_with_too_little_is_widened_and_says_so(dated: Pipeline) -> None:
    # 21-27 February 2024 holds only the ferry notice; doubled, it reaches the show of the 14th
    answer = dated.ask(ASK, as_of="2024-02-27")
    assert cited_years(answer) == {"2024"}
    assert any("widened to" in n and "February 2024" in n for n in answer.time_notes), answer.time_notes


def test_a_period_is_reranked_to_its_own_depth_and_every_date_to_the_retrievers(dated: Pipeline) -> None:
    """Inside a period the cross-encoder reorders ``time_depth`` candidates after the
    retriever's probe; the search over every date, when the period held too little, keeps the
    retriever's own depth (0). The latest edition's days ("Who won ...?", no period), and the
    period a question that asks who won names, are reranked to ``latest_depth`` whole, with
    no probe: a past edition's winner is as clear a match as the latest's."""
    from datetime import date

    from rag.records import Filters
    from rag.timeref import resolve
    from rag.timesearch import Steps, search_in_time

    real = dated.retriever()
    depths: list[tuple[int, int | None]] = []  # each search's rerank depth and probe

    class Recording:
        def search(self, query, k, mode, filters, timings, memo, rerank_depth=0, rerank_probe=None):
            depths.append((rerank_depth, rerank_probe))
            return real.search(query, k, mode, filters, timings, memo, rerank_depth, rerank_probe)

    # 21-27 February 2024 holds only the ferry notice: too little, and no widening allowed
    ref = resolve(ASK, date(2024, 2, 27))
    found = search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, Steps(0.5, 0, depth=7))
    assert depths == [(7, None), (0, None)] and found.outside
    depths.clear()
    ref = resolve(ASK, date(2025, 2, 14))  # the week of the 2025 show: found inside it
    found = search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, Steps(0.5, 0, depth=7))
    assert depths == [(7, None)] and not found.outside
    # the last days searched first for a thing to come are not widened: a named period is
    depths.clear()
    ref = resolve("When is the Harbour ferry timetable change?", date(2024, 3, 10))
    assert ref.upcoming and ref.window is None
    found = search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, Steps(99, 1, 0, 30, 7))
    assert depths == [(7, None), (0, None)] and found.window is None
    depths.clear()
    # ("When is ... this week?" asks for the one to come, as "When is ...?" does: rag.timeref)
    ref = resolve("When was the Harbour ferry timetable change this week?", date(2024, 2, 27))
    assert ref.window is not None and not ref.upcoming
    search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, Steps(99, 1, 0, 30, 7))
    assert depths == [(7, None), (7, None), (0, None)]
    # the latest edition: its days reranked whole; 0 keeps a period's depth and probe
    depths.clear()
    ref = resolve("Which dog won best in show at the Harbour dog show?", date(2025, 2, 14))
    assert ref.latest and ref.window is None
    latest = Steps(0.5, 0, depth=7, latest_days=30, latest_steps=4, latest_floor=0.5, latest_depth=30)
    found = search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, latest)
    assert depths == [(30, 0)] and found.window is not None
    depths.clear()
    search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, replace(latest, latest_depth=0))
    assert depths == [(7, None)]
    # who won, in a period named: the period's candidates reranked whole too (a preview that
    # matches clearly does not stop the cross-encoder before the results)
    depths.clear()
    ref = resolve(ASK, date(2025, 2, 14))
    assert ref.latest and ref.window is not None
    found = search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, latest)
    assert depths == [(30, 0)] and not found.outside
    depths.clear()
    search_in_time(Recording(), dated.catalog, ref, 3, "rerank", Filters(), {}, replace(latest, latest_depth=0))
    assert depths == [(7, None)]


def test_a_period_the_index_does_not_hold_is_said_not_answered(dated: Pipeline) -> None:
    answer = dated.ask(ASK, as_of="2026-01-01")
    assert answer.abstained and not answer.citations
    assert "no articles from 26 December 2025 to 1 January 2026" in answer.text
    assert "newest article up to 1 January 2026 is from 12 February 2025" in answer.text
    assert answer.passages  # the related passages stay


def test_an_answer_from_outside_the_period_asked_needs_the_stricter_score(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The week asked (and its widening) holds only the ferry notice: an answer would come from
    another time, so it must reach ``abstain_outside``; the same score inside the week answers."""
    strict = build(tmp_path_factory, [*shows(), FERRY], abstain_outside=1.0)
    outside = strict.ask(ASK, as_of="2024-03-01")
    assert outside.abstained and not outside.citations and outside.passages
    assert outside.score is not None and strict.settings.abstain_threshold < outside.score < 1.0
    assert any(n.startswith("nothing on this from 17 February to 1 March 2024") for n in outside.time_notes)
    inside = strict.ask(ASK, as_of="2024-02-16")
    assert not inside.abstained and inside.score == outside.score
    lenient = build(tmp_path_factory, [*shows(), FERRY], abstain_outside=0.0)
    assert not lenient.ask(ASK, as_of="2024-03-01").abstained


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("Which country was rocked by a 7.5 magnitude earthquake?", ["7.5"]),
        ("Which author, whose books sold 75 million copies, died?", ["75"]),
        ("In which city did more than 3,000 police officers conduct a raid?", ["3,000"]),
        ("Officials evacuated a 37-storey skyscraper in which city?", ["37"]),
        ("Children born between January 1, 2025, and December 31, 2028, get how much?", []),
        ("Gas fell below which $4 benchmark?", []),
        ("Which country hosted the Group of 7 summit?", []),
        ("Who won the 149th annual show?", []),
        ("What did the COVID-19 panel say about F-35 jets and 24/7 news?", []),
    ],
)
def test_the_numbers_a_question_states(question: str, numbers: list[str]) -> None:
    assert stated_numbers(question) == numbers


def test_unstated_numbers_are_looked_for_in_any_form() -> None:
    assert unstated("Which city did 3,000 officers raid?", ["About 3000 officers raided Seoul."]) == []
    assert unstated("Which country had a 7.5 magnitude quake?", ["A magnitude 7.55 quake hit Chile."]) == ["7.5"]
    assert unstated("Which country had a 7.5 magnitude quake?", ["A 7.5-magnitude quake hit Japan."]) == []


def test_an_answer_from_another_time_must_state_the_numbers_the_question_states(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Asked about "this week" and "120 other dogs", an answer from another year whose quotes
    never say 120 is about another show: it abstains (the score alone would let it answer,
    ``abstain_outside`` is 0); inside the week, or quoting the number, it answers. (The week's
    ferry notice, scoring lower than the show, stands in for no answer: no margin.)"""
    ask = "Which dog won best in show at the Harbour dog show this week, ahead of 120 other dogs?"
    lenient = build(tmp_path_factory, [*shows(), FERRY], abstain_outside=0.0, period_margin=0.0)
    assert not lenient.ask(ASK, as_of="2024-03-01").abstained
    elsewhere = lenient.ask(ask, as_of="2024-03-01")
    assert elsewhere.abstained and any(n.startswith("nothing on this") for n in elsewhere.time_notes)
    assert elsewhere.time_notes[-1] == "no answer from other dates: the sentences found there do not state 120"
    assert not lenient.ask(ask, as_of="2024-02-16").abstained  # the week's own show
    counted = [{**a, "text": a["text"].replace("on Tuesday", "ahead of 120 other dogs")} for a in shows()]
    quoting = build(tmp_path_factory, [*counted, FERRY], abstain_outside=0.0, period_margin=0.0)
    quoting = quoting.ask(ask, as_of="2024-03-01")
    assert not quoting.abstained and "120 other dogs" in quoting.citations[0].quote


def test_an_old_answer_says_when_it_was_reported(dated: Pipeline) -> None:
    answer = dated.ask("Which dog won best in show at the 48th annual Harbour dog show?", as_of="2025-06-01")
    assert answer.citations[0].published == "2024-02-14"
    assert "reported on 14 February 2024" in answer.time_notes
    recent = dated.ask("Which dog won best in show at the 49th annual Harbour dog show?", as_of="2025-02-20")
    assert recent.citations[0].published == "2025-02-12" and not any(
        n.startswith("reported on") for n in recent.time_notes
    )


def test_the_age_said_is_the_short_answers_article_s() -> None:
    """The short answer quotes citation [2], from 2014: the note gives that date, not the date
    of citation [1] (2018), nor any date when [2] is recent."""
    old, older = _citation(1, "2018-11-08"), _citation(2, "2014-02-10")
    found = Found(hits=(), ref=TimeRef(as_of=date(2025, 9, 25)))
    short = ShortAnswer("Obama", "a2", 0, 5, 2)
    answer = Answer("Who?", "...", (old, older), abstained=False, mode="extractive", short=short)
    assert age_note(answer, found) == ("reported on 10 February 2014",)
    assert age_note(replace(answer, short=None), found) == ("reported on 8 November 2018",)
    recent = replace(answer, citations=(old, replace(older, published="2025-09-20")))
    assert age_note(recent, found) == ()
    assert age_note(replace(answer, abstained=True), found) == ()


def _citation(n: int, published: str) -> Citation:
    return Citation(n, f"a{n}", "A title", published, "USA Today", f"a{n}-0", "Obama", 0, 5)


def test_an_answer_from_old_articles_only_needs_the_old_score(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The article an answer quotes first more than a month older than the newest article up to
    the day asked, and not from the period named: the answer must reach ``abstain_old`` (here
    out of reach)."""
    later = {**FERRY, "id": "later", "published": "2025-05-20", "text": "The pier 9 cafe reopens on Friday."}
    articles = [*shows()[:2], later]  # the shows of 2023 and 2024, and news of May 2025
    strict = build(tmp_path_factory, articles, abstain_old=100.0)
    ask = "Which dog won best in show at the 48th annual Harbour dog show?"
    old = strict.ask(ask, as_of="2025-06-01")  # the newest article by then: 20 May 2025
    assert old.abstained and not old.citations and old.passages and old.score is not None
    assert "no answer from an older article that matches weakly: the best, from 14 February 2024" in old.time_notes
    # the newest article up to 1 March 2024 is the show of 14 February
    assert not strict.ask(ask, as_of="2024-03-01").abstained
    # nor up to the last day a filter keeps
    assert not strict.ask(ask, as_of="2025-06-01", filters=Filters(until="2024-03-01")).abstained
    # from the period the question names, however old
    named = strict.ask("Which dog won best in show at the Harbour dog show last year?", as_of="2025-06-01")
    assert not named.abstained and cited_years(named) == {"2024"}
    # read without a date, age says nothing
    assert not strict.ask(ask, as_of="none").abstained
    assert not build(tmp_path_factory, articles).ask(ask, as_of="2025-06-01").abstained  # it scores above -1


def test_without_time_awareness_the_words_are_only_words(tmp_path_factory: pytest.TempPathFactory) -> None:
    blind = build(tmp_path_factory, [*shows(), FERRY], time_aware=False)
    answer = blind.ask(ASK, as_of="2024-02-16")
    assert answer.as_of == "" and answer.time_window is None and not answer.time_notes
    assert len({h.chunk.published[:4] for h in answer.passages}) > 1  # every year is a candidate


def test_undated_articles_are_kept_and_searched(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    undated = {
        "id": "notice",
        "title": "Harbour dog show rules",
        "text": "Every dog at the Harbour dog show is judged on Tuesday.",
    }
    pipe = build(tmp_path_factory, [*shows(), undated])
    hits = pipe.search("Harbour dog show rules judged", k=10, as_of="2024-02-16")
    assert "notice" in {h.chunk.article_id for h in hits}
    # a period with no dated article: the undated ones may be from then, so they are searched
    answer = pipe.ask("Which rules judge every dog at the Harbour dog show this week?", as_of="2026-01-01")
    assert "notice" in {h.chunk.article_id for h in answer.passages}
    assert any("no articles from 26 December 2025 to 1 January 2026" in n for n in answer.time_notes)


def test_as_of_none_reads_one_question_without_a_date(dated: Pipeline) -> None:
    """'none' as the day asked: "this week" is words, any year may answer, as with
    RAG_TIME_AWARE=false, for this question only."""
    answer = dated.ask(ASK, as_of="none")
    assert answer.as_of == "" and answer.time_window is None and not answer.time_notes
    assert len({h.chunk.published[:4] for h in answer.passages}) > 1  # every year is a candidate
    found = dated.find(ASK, k=10, as_of=" None ")
    assert found.ref.window is None and {h.chunk.published for h in found.hits} >= {"2025-02-12", "2023-02-15"}
    assert dated.ask(ASK, as_of="2024-02-16").time_window is not None  # the setting itself is unchanged


def test_cli_as_of_none_and_a_range(dated: Pipeline) -> None:
    """`rag ask --as-of none` reads the question without a date; a range of days is read as one period."""
    home = dated.settings.home
    plain = run_rag(home, "ask", ASK, "--as-of", "none", "--json", ner_model="none", time_floor="0.5")
    assert plain.returncode == 0, plain.stderr
    out = json.loads(plain.stdout)
    assert out["as_of"] == "" and out["time_window"] is None
    searched = run_rag(home, "search", ASK, "--as-of", "none", "--json", ner_model="none", time_floor="0.5")
    assert searched.returncode == 0, searched.stderr
    assert json.loads(searched.stdout)["as_of"] == ""  # as in the answer's JSON
    searched = run_rag(home, "search", ASK, "--as-of", "2024-02-16", "--json", ner_model="none", time_floor="0.5")
    assert json.loads(searched.stdout)["as_of"] == "2024-02-16"
    ranged = run_rag(
        home,
        "ask",
        "Which dog won best in show at the Harbour dog show between 10 and 14 February?",
        "--as-of",
        "2024-02-20",
        "--json",
        ner_model="none",
        time_floor="0.5",
    )
    assert ranged.returncode == 0, ranged.stderr
    out = json.loads(ranged.stdout)
    assert out["time_window"] == {"from": "2024-02-10", "to": "2024-02-15", "phrase": "between 10 and 14 February"}
    assert {c["published"][:4] for c in out["citations"]} == {"2024"}


def test_an_answer_refused_from_another_time_gives_way_to_the_periods_own(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The week asked holds a notice that answers, but as a passage it scores under the floor
    and below five older shows: the answer from every date comes from another year and is
    refused, and the week's own answer, scoring no lower, is given instead (one that scores
    lower, the ferry notice's, leaves the abstention: the test before)."""
    older = [
        {
            "id": f"show-{year}",
            "title": f"Harbour dog show crowns {name}",
            "published": f"{year}-02-1{year % 10}",
            "text": f"{name} won best in show at the annual Harbour dog show on Tuesday, the judges said.",
        }
        for year, name in ((2020, "Rook"), (2021, "Fern"), (2022, "Quill"))
    ]
    notice = {
        "id": "notice",
        "title": "Harbour notice",
        "published": "2024-02-29",
        "text": "This week Juniper won best in show, the Harbour dog show said.",
    }
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "articles.json").write_text(json.dumps([*shows(), *older, FERRY, notice]))
    pipe = Pipeline(
        fake_settings(tmp_path_factory.mktemp("home"), ner_model="none", time_floor=0.8, abstain_outside=1.0)
    )
    pipe.index([folder])
    found = pipe.find(ASK, k=5, as_of="2024-03-01")
    assert found.elsewhere and "notice" not in {h.chunk.article_id for h in found.hits}
    assert "notice" in {h.chunk.article_id for h in found.period}
    answer = pipe.ask(ASK, as_of="2024-03-01")
    assert not answer.abstained and answer.citations[0].article_id == "notice", answer.text
    assert answer.text.startswith("This week Juniper won best in show")
    assert {h.chunk.article_id for h in answer.passages} <= {"notice", "ferry"}
    assert not any(n.startswith("nothing on this") for n in answer.time_notes), answer.time_notes
    assert any("widened to 17 February to 1 March 2024" in n for n in answer.time_notes), answer.time_notes


def test_the_periods_answer_stands_within_a_margin_of_one_from_another_time(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The week's notice says the winner in fewer of the question's words than the older shows
    do: as a passage it is under the floor, so every date is searched and an older show's
    sentence answers (and would be allowed). Its own sentence scores lower, but within
    ``period_margin``, so the week's answer is given; with no margin the older show's stands."""
    notice = {
        "id": "notice",
        "title": "Harbour notice",
        "published": "2024-02-29",
        "text": "This week Juniper took the top prize, the Harbour show said.",
    }
    articles = [*shows(), FERRY, notice]
    settings = {"abstain_outside": 0.0}
    pipe = build(tmp_path_factory, articles, **settings)
    week = pipe.ask(ASK, as_of="2024-03-01")
    assert not week.abstained and week.citations[0].article_id == "notice", week.text
    assert week.text.startswith("This week Juniper took the top prize")
    assert not any(n.startswith("nothing on this") for n in week.time_notes), week.time_notes
    # a search shows the week's passage first by the same rule, and says so
    found = pipe.find(ASK, k=3, as_of="2024-03-01")
    assert found.elsewhere and found.hits[0].chunk.article_id != "notice"
    assert found.first and found.first[0].chunk.article_id == "notice"
    assert pipe.search(ASK, k=3, as_of="2024-03-01")[0].chunk.article_id == "notice"
    assert any(n.startswith("little on this from") for n in found.notes()), found.notes()
    older_pipe = build(tmp_path_factory, articles, period_margin=0.0, **settings)
    assert older_pipe.search(ASK, k=3, as_of="2024-03-01")[0].chunk.article_id.startswith("show-")
    older = older_pipe.ask(ASK, as_of="2024-03-01")
    assert not older.abstained and older.citations[0].article_id.startswith("show-"), older.text
    assert older.score is not None and week.score is not None and week.score < older.score
    assert any(n.startswith("nothing on this") for n in older.time_notes), older.time_notes


FESTIVAL = [
    {
        "id": "festival-2025",
        "title": "Harbour festival date set",
        "published": "2025-05-20",
        "text": "When is the Harbour festival? The Harbour festival will take place on Saturday, June 7, the town said.",
    },
    {
        "id": "festival-2026",
        "title": "Harbour festival returns",
        "published": "2026-05-25",
        "text": "The festival on the harbour will take place on Saturday, June 6.",
    },
]


@pytest.mark.parametrize("days", [90, 0])
def test_when_a_thing_to_come_is_is_read_from_the_last_months_news(
    tmp_path_factory: pytest.TempPathFactory, days: int
) -> None:
    pipe = indexed_records(tmp_path_factory, FESTIVAL, time_floor=0.5, upcoming_days=days)
    answer = pipe.ask("When is the Harbour festival?", as_of="2026-05-30")
    if days:
        assert answer.short is not None and answer.short.text == "Saturday, June 6", answer.text
        assert answer.time_notes == ("the newest articles first: from 2 March to 30 May 2026",)
    else:  # last year's article answers first, and its day is past (``rag.tocome``)
        assert answer.abstained, answer.text
        assert answer.time_notes == ("nothing to come: the day the articles give, 7 June 2025, is past",)


@pytest.mark.parametrize("days", [30, 0])
def test_a_question_in_the_present_tense_reads_the_last_month_first(
    tmp_path_factory: pytest.TempPathFactory, days: int
) -> None:
    pipe = build(tmp_path_factory, [*shows(), FERRY], recent_days=days)
    answer = pipe.ask("Which dog is the latest best in show at the Harbour dog show?", as_of="2025-03-01")
    if days:
        assert {c.published for c in answer.citations} == {"2025-02-12"}
        assert answer.time_notes[0] == "the newest articles first: from 31 January to 1 March 2025"
    else:  # any year alike: here the 2023 show, which says when it was reported
        assert not any(n.startswith("the newest articles first") for n in answer.time_notes)
    old = pipe.ask("Which dog is the latest best in show at the Harbour dog show?", as_of="2025-06-01")
    assert not old.abstained  # nothing in the last month: every date, as before


@pytest.mark.parametrize(("days", "floor", "year"), [(30, 0.5, "2025"), (0, 0.5, None), (30, 100.0, None)])
def test_who_won_without_a_period_reads_the_latest_edition(
    tmp_path_factory: pytest.TempPathFactory, days: int, floor: float, year: str | None
) -> None:
    """The last 30 days first, doubled while they hold no passage that scores the floor:
    asked in June 2025, the February 2025 show is found in the third step (120 days), and
    the older shows are not cited. Without it (0 days), or when no step holds a passage
    that scores the floor, every year is alike."""
    pipe = build(tmp_path_factory, [*shows(), FERRY], latest_days=days, latest_steps=4, latest_floor=floor)
    answer = pipe.ask("Which dog won best in show at the Harbour dog show?", as_of="2025-06-01")
    if year:
        assert cited_years(answer) == {year}
        assert answer.time_notes[0] == "the newest articles first: from 2 February to 1 June 2025"
    else:
        assert not any(n.startswith("the newest articles first") for n in answer.time_notes)
    # asked before any edition of the last 480 days: every date, as before
    assert not pipe.ask("Which dog won best in show at the Harbour dog show?", as_of="2027-12-01").abstained


def _hit(name: str, score: float, stage: str = "rerank", rank: int = 1):
    from rag.records import Chunk, Hit

    return Hit(Chunk(name, name.split("#")[0], "text", 0, 4, 0), score, rank, stage)


def test_a_search_shows_the_periods_passages_near_every_dates_best_first() -> None:
    """``lifted``: the period's reranked passages at least ``outside`` and within ``margin`` of
    every date's best; ``Found.shown`` puts them first, as many hits as before, ranked anew."""
    from datetime import date

    from rag.records import TimeWindow
    from rag.timeref import TimeRef
    from rag.timesearch import Found, Steps, lifted

    every = [_hit("old#0", 4.0, rank=1), _hit("old#1", 3.0, rank=2), _hit("other#0", 0.03, "hybrid", rank=3)]
    period = [_hit("week#0", 2.5), _hit("week#1", 0.4), _hit("week#2", 0.03, "hybrid")]
    how = Steps(4.0, 1, margin=4.0, outside=1.0)
    assert [h.chunk.id for h in lifted(period, every, how)] == ["week#0"]  # 0.4 is under `outside`
    assert lifted(period, every, Steps(4.0, 1, margin=1.0, outside=1.0)) == ()  # 2.5 < 4.0 - 1
    assert lifted(period, every, Steps(4.0, 1)) == ()  # no margin: never
    assert lifted(period, [_hit("old#0", 0.03, "hybrid")], how) == ()  # every date's best not reranked
    window = TimeWindow(date(2026, 3, 13), date(2026, 3, 26), "this week")
    ref = TimeRef(date(2026, 3, 26), window, query="q")
    found = Found(tuple(every), ref, window, 1, outside=True, period=tuple(period), first=lifted(period, every, how))
    assert [(h.chunk.id, h.rank) for h in found.shown] == [("week#0", 1), ("old#0", 2), ("old#1", 3)]
    assert found.hits[0].chunk.id == "old#0"  # what an answer reads is unchanged
    assert found.notes()[1] == (
        "little on this from 13 to 26 March 2026: its best passages first, then every article up to 26 March 2026"
    )
    plain = Found(tuple(every), ref, window, 1, outside=True, period=tuple(period))
    assert plain.shown == plain.hits and plain.notes()[1].startswith("nothing on this from 13 to 26 March 2026")
