"""The news of a period ("What happened this week?"), with the test models: the period's
articles read, its main stories given once each, most covered first, each by a cited lead;
the news on a topic: its articles, newest first; and a story's timeline: its articles, oldest
first, each by its date."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from rag import Filters, Pipeline, topicnews
from rag.answer_sentences import Sentence
from rag.digest import asks_for_news, lead_sentence, most_covered
from rag.news import news_follow_up
from rag.records import Chunk, Hit
from rag.timeline import timeline_topic
from rag.timeref import resolve
from rag.topicnews import news_topic
from tests.conftest import RTQA, indexed_records
from tests.fakes import OverlapReranker

STORM = [
    ("storm-1", "2025-03-03", "Storm floods the harbour district", "A storm flooded the harbour district on Monday, and the harbour wall gave way in two places."),
    ("storm-2", "2025-03-04", "Harbour district storm damage counted", "The storm that flooded the harbour district left damage to the harbour wall and forty homes."),
    ("storm-3", "2025-03-05", "Harbour wall repairs after the storm", "Repairs to the harbour wall the storm broke began on Wednesday in the flooded harbour district."),
]  # fmt: skip
WEEK = [
    *STORM,
    ("choir", "2025-03-06", "Choir wins the regional contest", "The town choir won the regional singing contest on Thursday with a hymn."),
    ("market", "2025-03-02", "Farmers market moves indoors", "The Sunday farmers market moved into the old grain hall for the cold months."),
    ("school", "2025-03-07", "New school year plan", "Parents backed the council plan for a later start to the school day."),
    ("old", "2025-01-10", "Library reopens", "The public library reopened its reading room after a year of building work."),
    ("later", "2025-03-20", "Bridge closes for a month", "The old bridge over the river will close for a month of repairs."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "news"),
    [
        ("What happened?", True),
        ("What was in the news?", True),
        ("Top stories", True),
        ("What's new?", True),
        ("What’s the news?", True),
        ("Give me a summary of the news", True),
        ("Headlines", True),
        ("What happened in the world?", True),
        ("What is the latest news?", True),
        ("What happened to Target?", False),
        ("Who won?", False),
        ("What is new about the bridge?", False),
        ("", False),
        ("What?", False),
        ("What happened in 1924?", False),  # a year left in the question is no news word
    ],
)
def test_a_question_that_asks_for_the_news_alone(query: str, news: bool) -> None:
    assert asks_for_news(query) is news


def chunk(cid: str, text: str = "", title: str = "") -> Chunk:
    return Chunk(cid, cid, text, 0, len(text), 0, title, "2025-03-03")


def test_a_story_told_by_several_articles_comes_first_and_once() -> None:
    # three articles on one story, two on another, one alone
    a, b, c = np.eye(3, dtype=np.float32)
    vecs = np.stack([a, a * 0.99 + b * 0.01, a * 0.98 + c * 0.02, b, b * 0.97 + c * 0.03, c])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    leads = [chunk(f"art-{i}") for i in range(len(vecs))]
    picked = [h.chunk.id for h in most_covered(leads, vecs, 3)]
    assert picked[0] in {"art-0", "art-1", "art-2"} and picked[1] in {"art-3", "art-4"} and picked[2] == "art-5"
    # by coverage alone the first story fills the list
    alone = [h.chunk.id for h in most_covered(leads, vecs, 3, diverse=False)]
    assert set(alone) == {"art-0", "art-1", "art-2"}
    assert most_covered([], np.zeros((0, 3), dtype=np.float32), 5) == []
    assert [h.chunk.id for h in most_covered(leads[:1], vecs[:1], 5)] == ["art-0"]


def test_the_lead_leaves_out_a_dateline_above_it() -> None:
    text = "March 2, 2025, 3:01 a.m. ET\n\nThe harbour wall gave way in the storm on Sunday night, the port said."
    hit = Hit(chunk("a", text, "Harbour wall gives way in storm"), 1.0, 1)
    lead = lead_sentence(OverlapReranker(), hit)
    assert isinstance(lead, Sentence)
    assert lead.text == "The harbour wall gave way in the storm on Sunday night, the port said."
    assert text[lead.start : lead.end] == lead.text


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    rows = [
        {"id": i, "published": d, "title": t, "text": x, "source": "Harbour Gazette" if i.startswith("storm") else ""}
        for i, d, t, x in WEEK
    ]
    return indexed_records(tmp_path_factory, rows, ner_model="none")


def test_what_happened_this_week_gives_the_weeks_stories(town: Pipeline) -> None:
    answer = town.ask("What happened this week?", as_of="2025-03-07")
    assert not answer.abstained and answer.short is None
    ids = [c.article_id for c in answer.citations]
    # five of the week's six articles: the storm first (three articles tell it), then each
    # other story once, before the storm's second article
    assert len(ids) == 5 and ids[0].startswith("storm-") and ids[4].startswith("storm-"), ids
    assert set(ids[1:4]) == {"choir", "market", "school"}, ids
    assert all("2025-03-01" <= c.published <= "2025-03-07" for c in answer.citations)
    assert answer.text.count("\n") == 4 and answer.text.endswith("[5]")
    assert all(line.startswith("- ") for line in answer.text.splitlines())
    for line, c in zip(answer.text.splitlines(), answer.citations, strict=True):  # each says when
        day = date.fromisoformat(c.published)
        assert line.startswith(f"- {day.day} {day:%B %Y}: ") and line.endswith(f"[{c.n}]")
    for c in answer.citations:  # verified: each quote is the article's text where it says
        article = town.article(c.article_id)
        assert article is not None and article.text[c.start : c.end] == c.quote
    assert answer.time_window is not None and answer.time_window.phrase == "this week"
    assert answer.time_notes[-1] == "the main stories of the 6 articles from 1 to 7 March 2025, the most covered first"
    assert answer.to_json()["as_of"] == "2025-03-07"


def test_a_period_without_articles_says_so_with_the_newest_date(town: Pipeline) -> None:
    answer = town.ask("What was in the news yesterday?", as_of="2025-02-20")
    assert answer.abstained and not answer.citations
    assert "no articles from 19 to 20 February 2025" in answer.text
    assert "newest article up to 20 February 2025 is from 10 January 2025" in answer.text


def test_the_latest_news_without_a_period_is_the_newest_week(town: Pipeline) -> None:
    answer = town.ask("What is the latest news?", as_of="2025-03-25")
    assert [c.article_id for c in answer.citations] == ["later"]  # 14 to 20 March holds only the bridge
    assert answer.time_window is None and answer.short is None
    assert answer.time_notes == (
        "no period named: the newest week up to 25 March 2025, 14 to 20 March 2025",
        "the one article from 14 to 20 March 2025",
    )
    week = town.ask("What's new?", as_of="2025-03-10")  # the bridge's notice came later
    assert week.citations and all("2025-03-01" <= c.published <= "2025-03-07" for c in week.citations)
    # of one source: its own newest week (27 February to 5 March), not the index's
    gazette = town.ask("What's new?", as_of="2025-03-25", filters=Filters(source="Harbour Gazette"))
    assert sorted(c.article_id for c in gazette.citations) == ["storm-1", "storm-2", "storm-3"]
    assert gazette.time_notes[0] == "no period named: the newest week up to 25 March 2025, 27 February to 5 March 2025"


def test_a_question_about_something_is_answered_not_summed_up(town: Pipeline) -> None:
    answer = town.ask("What did the choir win this week?", as_of="2025-03-07")
    assert answer.citations[0].article_id == "choir" and "won the regional singing contest" in answer.text
    assert not any("main stories" in n for n in answer.time_notes)
    # read without a date, "this week" names no period: no summary either
    undated = town.ask("What happened this week?", as_of="none")
    assert not any("main stories" in n for n in undated.time_notes)


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("What is the latest on tariffs?", "tariffs"),
        ("What's the latest news on Gaza?", "Gaza"),
        ("Any news about Ukraine?", "Ukraine"),
        ("What happened at the Oscars?", "the Oscars"),
        ("What happened to Target?", "Target"),
        ("What's new with Apple?", "Apple"),
        ("Latest on the election", "the election"),
        ("Tell me the news about the storm.", "the storm"),
        ("Updates on the strike", "the strike"),
        ("Which articles mention Taylor Swift?", "Taylor Swift"),
        ("Find stories about the Dannemora prison", "the Dannemora prison"),
        ("Show me articles on tariffs", "tariffs"),
        ("What stories covered the Oscars?", "the Oscars"),
        ("Which newspaper reported the story?", None),
        ("Which articles did the Nikkei publish?", None),
        ("What happened?", None),
        ("Who won the Oscars?", None),
        ("What is the latest iPhone?", None),
        ("Which company topped $5 trillion in market value?", None),
    ],
)
def test_a_question_that_asks_for_the_news_on_a_topic(query: str, topic: str | None) -> None:
    assert news_topic(query) == topic


def test_of_the_shared_questions_only_one_asks_for_the_news_on_a_topic() -> None:
    """The news-quiz questions ask for one thing each; "What happened in space this week?"
    alone asks for the news (a request for articles, "Which articles mention ...?", is none)."""
    if not RTQA.exists():
        pytest.fail("../shared/data/realtimeqa_news is missing beside the checkout")
    rows = [json.loads(line) for line in (RTQA / "questions.jsonl").read_text().splitlines() if line.strip()]
    assert [r["question"] for r in rows if news_topic(r["question"])] == ["What happened in space this week?"]


def test_news_on_a_topic_gives_its_articles_of_the_period_newest_first(town: Pipeline) -> None:
    answer = town.ask("Any news on harbour repairs this week?", as_of="2025-03-07")
    assert not answer.abstained and answer.short is None
    assert [c.article_id for c in answer.citations] == ["storm-3", "storm-2", "storm-1"]
    assert answer.text.count("\n") == 2
    # each line says when: its article's date first
    assert [line.split(": ")[0] for line in answer.text.splitlines()] == [
        "- 5 March 2025",
        "- 4 March 2025",
        "- 3 March 2025",
    ]
    for c in answer.citations:
        article = town.article(c.article_id)
        assert article is not None and article.text[c.start : c.end] == c.quote
    assert answer.time_notes[-1] == "the articles on harbour repairs from 1 to 7 March 2025, the newest first"


def test_news_on_a_topic_the_period_lacks_is_the_newest_before(town: Pipeline) -> None:
    answer = town.ask("Any news on library reopening this week?", as_of="2025-03-07")
    assert [c.article_id for c in answer.citations] == ["old"]
    assert answer.time_notes[-1] == (
        "nothing on library reopening from 1 to 7 March 2025: the newest on it before, up to 7 March 2025"
    )


def test_the_latest_on_a_topic_is_the_newest_up_to_the_day_asked(town: Pipeline) -> None:
    # newest first, not most on the topic first: the bridge's notice names only "repairs"
    later = town.ask("What's the latest on harbour wall repairs?", as_of="2025-03-25")
    assert [c.article_id for c in later.citations] == ["later", "storm-3", "storm-2", "storm-1"]
    assert later.time_notes == ("the articles on harbour wall repairs up to 25 March 2025, the newest first",)
    before = town.ask("What's the latest on harbour wall repairs?", as_of="2025-03-10")
    assert [c.article_id for c in before.citations] == ["storm-3", "storm-2", "storm-1"]  # the bridge's came later
    nothing = town.ask("What's the latest on zeppelins?", as_of="2025-03-10")
    assert nothing.abstained and not nothing.citations


@pytest.mark.parametrize(
    ("question", "before", "standalone"),
    [
        ("What about last week?", "What happened this week?", "What happened last week?"),
        ("And on Sunday?", "What happened this week?", "What happened on Sunday?"),
        ("And Ukraine?", "What happened this week?", "Any news about Ukraine this week?"),
        ("How about in sports?", "Any news about Ukraine this week?", "Any news about sports this week?"),
        ("What about yesterday?", "Any news about Ukraine this week?", "Any news about Ukraine yesterday?"),
        ("And last month?", "What is the latest on tariffs?", "Any news about tariffs last month?"),
        ("What about them?", "Who attends the 2+2?", None),
        ("What about last week?", "Who won the Oscars this week?", None),
        ("Where will they meet?", "What happened this week?", None),
    ],
)
def test_a_follow_up_to_a_news_question_is_asked_in_full(question: str, before: str, standalone: str | None) -> None:
    assert news_follow_up(question, [before], "2025-03-07") == standalone
    assert news_follow_up(question, [before], "none") is None  # read without a date: as any follow-up


@pytest.mark.parametrize(
    ("history", "question", "standalone"),
    [
        (["What happened this week?", "What about last week?"], "And Ukraine?", "Any news about Ukraine last week?"),
        (
            ["What is the latest on tariffs?", "And Ukraine?"],
            "What about yesterday?",
            "Any news about Ukraine yesterday?",
        ),
        (
            ["What happened this week?", "And Ukraine?", "What about last week?"],
            "And Gaza?",
            "Any news about Gaza last week?",
        ),
        (["Who attends the 2+2?", "What about last week?"], "And Ukraine?", None),  # the chain starts with no news
    ],
)
def test_follow_ups_in_a_row_each_read_the_one_before_in_full(
    history: list[str], question: str, standalone: str | None
) -> None:
    assert news_follow_up(question, history, "2025-03-07") == standalone


def test_what_about_last_week_after_this_weeks_news(town: Pipeline) -> None:
    answer = town.ask("What about last week?", history=["What happened this week?"], as_of="2025-03-14")
    assert answer.standalone_question == "What happened last week?" and answer.question == "What about last week?"
    assert answer.time_window is not None and answer.time_window.phrase == "last week"
    assert answer.citations and all("2025-03-01" <= c.published <= "2025-03-07" for c in answer.citations)


def test_the_chats_first_example_asks_for_the_latest_news(town: Pipeline) -> None:
    examples = town.example_questions()
    assert examples[0] == "What is the latest news?" and len(examples) == 4
    assert examples[1] == "What happened: Bridge closes for a month?"  # the newest article's title
    assert not town.ask(examples[0], as_of="2025-03-25").abstained


def test_the_lead_is_no_editors_note_and_has_no_label() -> None:
    text = (
        "Editor's note: This story was first published in 2015 and updated since then.\n\n"
        "AI-assisted summary The harbour wall gave way in the storm on Sunday night, the port said."
    )
    hit = Hit(chunk("a", text, "Harbour wall gives way in storm"), 1.0, 1)
    lead = lead_sentence(OverlapReranker(), hit)
    assert lead is not None and lead.text == "The harbour wall gave way in the storm on Sunday night, the port said."
    assert text[lead.start : lead.end] == lead.text
    note = Hit(chunk("b", text.split("\n\n")[0], "Story first published in 2015"), 1.0, 1)
    assert lead_sentence(OverlapReranker(), note) is None


def test_the_news_of_a_time_long_past_is_that_times(town: Pipeline) -> None:
    # "in January 2025" asked in 2026 is history for any other question, not for its news
    answer = town.ask("What happened in January 2025?", as_of="2026-06-01")
    assert [c.article_id for c in answer.citations] == ["old"]
    assert answer.time_window is not None and answer.time_window.phrase == "in January 2025"
    nothing = town.ask("What happened in 1924?", as_of="2026-06-01")
    assert nothing.abstained and "no articles from 1 January to 31 December 1924" in nothing.text


@pytest.mark.parametrize(
    ("query", "story"),
    [
        ("Timeline of the Palisades fire", "the Palisades fire"),
        ("Give me a timeline of the shutdown", "the shutdown"),
        ("What's the chronology of the strike?", "the strike"),
        ("Palisades fire timeline", "Palisades fire"),
        ("How did the government shutdown unfold?", "the government shutdown"),
        ("How has the trade war evolved?", "the trade war"),
        ("How did the standoff play out?", "the standoff"),
        ("How has the price of eggs changed since January?", "the price of eggs"),  # the period's words out first
        ("Catch me up on the Blue Ghost lander", "the Blue Ghost lander"),
        ("Can you bring me up to speed on tariffs?", "tariffs"),
        ("What is the story of the harbour wall so far?", "the harbour wall"),
        ("How did the election turn out?", None),  # a result, not a story's course
        ("How did he die?", None),
        ("What is the latest on tariffs?", None),
        ("Who won the Oscars?", None),
        ("Timeline", None),
    ],
)
def test_a_question_that_asks_for_a_timeline(query: str, story: str | None) -> None:
    assert timeline_topic(resolve(query, date(2025, 3, 7)).query) == story


def test_a_timeline_gives_the_storys_articles_oldest_first_each_dated(town: Pipeline) -> None:
    answer = town.ask("Timeline of harbour storm", as_of="2025-03-25")
    assert not answer.abstained and answer.short is None
    assert [c.article_id for c in answer.citations] == ["storm-1", "storm-2", "storm-3"]
    lines = answer.text.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["- 3 March 2025", "- 4 March 2025", "- 5 March 2025"]
    assert all(line.endswith(f"[{n}]") for n, line in enumerate(lines, start=1))
    for c in answer.citations:  # each quote is its article's text where it says
        article = town.article(c.article_id)
        assert article is not None and article.text[c.start : c.end] == c.quote and c.quote in answer.text
    assert answer.time_notes == ("the articles on harbour storm up to 25 March 2025, oldest first",)
    # asked on 4 March, the repairs had not begun
    early = town.ask("How did harbour storm unfold?", as_of="2025-03-04")
    assert [c.article_id for c in early.citations] == ["storm-1", "storm-2"]


def test_a_timeline_of_a_period_without_the_story_says_so(town: Pipeline) -> None:
    answer = town.ask("Catch me up on harbour storm this week", as_of="2025-03-14")
    assert [c.article_id for c in answer.citations] == ["storm-1", "storm-2", "storm-3"]
    assert answer.time_notes[-1] == (
        "nothing on harbour storm from 8 to 14 March 2025: its articles up to 14 March 2025, oldest first"
    )
    nothing = town.ask("Timeline of zeppelin race", as_of="2025-03-25")
    assert nothing.abstained and not nothing.citations


def test_a_timeline_ends_with_the_storys_latest_turn(town: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    # one entry only: the best on the topic is the damage count (4 March); the repairs (5
    # March) name less of it, yet are the story's newest, searched after the best
    best = town.ask("Any news on harbour storm damage forty homes?", as_of="2025-03-25")
    assert best.citations[0].article_id == "storm-3"  # newest first
    monkeypatch.setattr(topicnews, "ENTRIES", 1)
    story = town.ask("Timeline of harbour storm damage forty homes", as_of="2025-03-25")
    assert [c.article_id for c in story.citations] == ["storm-3"]
    # asked on 4 March, nothing came after the damage count
    early = town.ask("Timeline of harbour storm damage forty homes", as_of="2025-03-04")
    assert [c.article_id for c in early.citations] == ["storm-2"]


def test_the_news_on_this_day_last_year(town: Pipeline) -> None:
    answer = town.ask("What happened on this day last year?", as_of="2026-03-04")
    assert sorted(c.article_id for c in answer.citations) == ["storm-2", "storm-3"]  # 4 March and the day after
    assert answer.time_window is not None and answer.time_window.phrase == "on this day last year"
    assert answer.time_notes[0] == "'on this day last year' read as articles from 4 to 5 March 2025"
