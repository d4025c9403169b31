"""A question that asks when a thing to come is is not answered with a day already past
(``rag.tocome``): the newest articles' day is given instead, or the answer abstains and names
the past day. With the test models."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rag import Pipeline
from rag.records import Answer, Citation, ShortAnswer
from rag.timeref import resolve
from rag.timesearch import Found
from rag.tocome import GRACE_DAYS, asks_past, asks_to_come, foretold, past_day, read_ahead, stated, told_later
from tests.conftest import indexed_records

LAST_YEAR = {
    "id": "fair-2025",
    "title": "Harbour fair date set",
    "published": "2025-05-20",
    "text": "When is the Harbour fair? The Harbour fair will take place on Saturday, June 7, the town said.",
}
THIS_YEAR = {
    "id": "fair-2026",
    "title": "Boats return to the quay",
    "published": "2026-05-25",
    "text": "Boats return to the quay before the Harbour fair, which will take place on Saturday, June 6.",
}
NEWS = {  # news of the days before the question, on another subject
    "id": "ferry",
    "title": "Night ferry timetable",
    "published": "2026-05-28",
    "text": "The night ferry to Eastport now leaves at 23:40 from pier 9, the port said on Sunday.",
}
ASK = "When is the Harbour fair?"


def fair(tmp_path_factory: pytest.TempPathFactory, *articles: dict[str, str]) -> Pipeline:
    """The fair's articles, where the last 90 days never reach the floor: every date is
    searched, and last year's article, the closer match, answers first. The newest articles'
    answer must score 1.8 (``abstain_outside``): this year's fair scores 1.9 with the test
    models, the ferry's "Sunday" 1.7."""
    values = {"time_floor": 100.0, "upcoming_days": 90, "abstain_outside": 1.8}
    return indexed_records(tmp_path_factory, list(articles), **values)


def test_a_past_day_gives_way_to_the_newest_articles_day(tmp_path_factory: pytest.TempPathFactory) -> None:
    pipe = fair(tmp_path_factory, LAST_YEAR, THIS_YEAR, NEWS)
    answer = pipe.ask(ASK, as_of="2026-05-30")
    assert answer.short is not None and answer.short.day == "2026-06-06", answer.text
    assert answer.short.article_id == "fair-2026" and "fair-2025" not in {c.article_id for c in answer.citations}
    # read without a date, last year's article answers as the best match
    undated = pipe.ask(ASK, as_of="none")
    assert undated.short is not None and undated.short.text == "Saturday, June 7", undated.text


def test_the_newest_articles_day_may_be_written_with_its_year(tmp_path_factory: pytest.TempPathFactory) -> None:
    """ "The fair will take place on Saturday, June 6, 2026" gives a day as "Saturday, June 6"
    does: the newest articles' answer replaces last year's day."""
    dated = {**THIS_YEAR, "text": THIS_YEAR["text"].replace("June 6.", "June 6, 2026.")}
    answer = fair(tmp_path_factory, LAST_YEAR, dated, NEWS).ask(ASK, as_of="2026-05-30")
    assert not answer.abstained and answer.short is not None, answer.text
    assert answer.short.article_id == "fair-2026" and "2026" in answer.short.text, answer.short


def test_a_past_day_with_nothing_newer_is_said_not_answered(tmp_path_factory: pytest.TempPathFactory) -> None:
    pipe = fair(tmp_path_factory, LAST_YEAR, NEWS)
    answer = pipe.ask(ASK, as_of="2026-05-30")
    assert answer.abstained and not answer.citations and answer.passages
    assert "nothing to come: the day the articles give, 7 June 2025, is past" in answer.time_notes
    until = pipe.ask("How many days until the Harbour fair?", as_of="2026-05-30")
    assert until.abstained, until.text
    # a question of the past is answered with it
    was = pipe.ask("When was the Harbour fair?", as_of="2026-05-30")
    assert not was.abstained and was.short is not None and was.short.day == "2025-06-07", was.text


def test_the_newest_articles_day_must_be_to_come_however_recent_their_article(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    recap = {**THIS_YEAR, "text": "Boats returned to the quay for the fair, which took place on Saturday, April 4."}
    answer = fair(tmp_path_factory, LAST_YEAR, recap).ask(ASK, as_of="2026-05-30")
    assert answer.abstained, answer.text
    assert "nothing to come: the day the articles give, 7 June 2025, is past" in answer.time_notes


def test_a_day_is_past_only_after_the_grace_and_the_newest_article(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    pipe = fair(tmp_path_factory, LAST_YEAR)
    # a fair under way, or just over: 13 days after it
    assert not pipe.ask(ASK, as_of="2025-06-20").abstained
    # the index stops at 20 May 2025: asked a year later, it answers as of its newest news
    late = pipe.ask(ASK, as_of="2026-05-30")
    assert not late.abstained and late.short is not None and late.short.day == "2025-06-07", late.text


def test_the_day_of_a_report_is_no_earlier_edition(tmp_path_factory: pytest.TempPathFactory) -> None:
    """ "When does the night ferry leave?" asks for a time; a day the answer gives from "the
    port said on Sunday", before its article, is when that was said."""
    old_news = {**NEWS, "published": "2024-05-28"}
    cafe = {
        "id": "cafe",
        "title": "Cafe reopens",
        "published": "2026-05-28",
        "text": "The pier cafe reopens on Friday.",
    }
    pipe = fair(tmp_path_factory, old_news, cafe)
    answer = pipe.ask("When does the night ferry to Eastport leave?", as_of="2026-05-30")
    assert not answer.abstained and "23:40" in answer.text, answer.text
    assert answer.short is not None and answer.short.day == "2024-05-26", answer.short


def _answer(day: str, published: str, abstained: bool = False, text: str = "June 7") -> Answer:
    short = ShortAnswer(text, "a", 0, len(text), 1, day=day)
    cited = (Citation(1, "a", "A title", published, "USA Today", "a-0", "June 7", 0, 6),)
    return Answer("q", "June 7 [1]", cited, abstained=abstained, mode="extractive", short=short)


GRACE_BEFORE = str(date.fromordinal(date(2026, 5, 30).toordinal() - GRACE_DAYS))


@pytest.mark.parametrize(
    ("day", "published", "past"),
    [
        ("2026-06-07", "2025-05-20", False),  # to come
        ("2026-05-30", "2025-05-20", False),  # the day asked
        (GRACE_BEFORE, "2025-05-20", False),
        ("2026-04-29", "2026-04-20", True),  # 31 days before
        ("2025-06-07", "2025-05-20", True),
        ("2025-06-07", "", True),  # an undated article: the day alone
        ("2025-06-07", "2026-05-25", False),  # a recent article's day read as last year's: a misreading
        ("2025-06-07", GRACE_BEFORE, False),
        ("2025-06-07", "2025-06-09", False),  # before its article: then, or 7 June 2026, to come
        ("", "2025-05-20", False),  # no day: a name, a number
    ],
)
def test_past_day(day: str, published: str, past: bool) -> None:
    assert (past_day(_answer(day, published), date(2026, 5, 30)) is not None) is past
    alone = (date(2026, 5, 30) - date.fromisoformat(day)).days > GRACE_DAYS if day else False
    assert (past_day(_answer(day, published), date(2026, 5, 30), told_then=False) is not None) is alone
    assert past_day(_answer(day, published, abstained=True), date(2026, 5, 30)) is None


@pytest.mark.parametrize(
    ("text", "day", "published", "past"),
    [
        ("April 18", "2024-04-18", "2024-11-08", True),  # recalled in November: past read as 2025's too
        ("May 10", "2025-05-10", "2025-11-08", False),  # or 10 May 2026, within the grace
        ("June 7", "2025-06-07", "2026-05-25", False),  # or 7 June 2026, to come
        ("Sunday", "2024-05-26", "2024-05-28", False),  # "the port said on Sunday": the day of a report
        ("Sunday, May 26", "2024-05-26", "2024-05-28", True),
    ],
)
def test_a_day_before_its_article_is_past_when_a_year_on_is(text: str, day: str, published: str, past: bool) -> None:
    """A day written without its year before its article's date is that day (a report, a
    recollection) or, misread, the same day a year on; past only when both are. A weekday
    alone is the day of a report."""
    assert (past_day(_answer(day, published, text=text), date(2026, 5, 30)) is not None) is past


@pytest.mark.parametrize(
    ("text", "published", "past"),
    [
        ("Dec. 16, 1995", "2025-10-01", True),  # history retold in recent news
        ("June 7, 2025", "2026-05-25", True),  # written with its year: no misreading
        ("June 7, 2025", "2025-05-20", True),
        ("June 7, 2026", "2026-05-25", False),
        ("May 29, 2026", "2026-05-28", False),  # within the grace
    ],
)
def test_a_date_with_its_year_is_past_whenever_its_article_was_written(text: str, published: str, past: bool) -> None:
    assert (past_day(_answer("", published, text=text), date(2026, 5, 30)) is not None) is past


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When is the Masters?", True),
        ("When will the 2026 Oscars take place?", True),
        ("When does Wimbledon start?", True),
        ("How many days until the Met Gala?", True),
        ("When did the Palisades fire start?", False),
        ("How many years since the Miracle on Ice?", False),
        ("Who won the Masters?", False),
    ],
)
def test_asks_to_come(question: str, expected: bool) -> None:
    found = Found((), resolve(question, date(2026, 3, 30)))
    assert asks_to_come(question, found) is expected


@pytest.mark.parametrize(("year", "past"), [("2025", True), ("2026", False), ("1999", True), ("25", False)])
def test_a_year_alone_is_past_when_its_last_day_is(year: str, past: bool) -> None:
    """ "The 2025 Masters begins in 23 days" answers "How many days until the Masters?" with
    "2025": asked in 2026, that is past."""
    found = past_day(_answer("", "1998-05-20", text=year), date(2026, 5, 30))
    assert (found is not None) is past
    assert found is None or found == date(int(year), 12, 31)


@pytest.mark.parametrize(
    ("text", "last", "named"),
    [
        ("July 10, 2025", "2025-07-10", "2025-07-10"),  # "When is the next full moon?", asked in 2026
        ("Friday, March 14, 2025", "2025-03-14", "2025-03-14"),
        ("10 July 2025", "2025-07-10", "2025-07-10"),
        ("March 2025", "2025-03-31", "2025-03"),
        ("December 2025", "2025-12-31", "2025-12"),
        ("2025", "2025-12-31", "2025"),
        ("June 7", "", ""),  # no year: the day its article means is ``ShortAnswer.day``
        ("the Harbour fair", "", ""),
    ],
)
def test_a_date_with_its_year_stands_for_its_last_day(text: str, last: str, named: str) -> None:
    told = stated(ShortAnswer(text, "a", 0, len(text), 1))
    assert (told[0].isoformat(), told[1]) == (last, named) if last else told is None
    found = past_day(_answer("", "2025-01-02", text=text), date(2026, 5, 30))
    assert found == (date.fromisoformat(last) if last else None)
    # asked on 1 December 2025, "December 2025" and "2025" are not past (their last day is ahead)
    earlier = past_day(_answer("", "2025-01-02", text=text), date(2025, 12, 1))
    assert (earlier is not None) is (bool(last) and last < "2025-10-31")


@pytest.mark.parametrize(
    ("past", "note"),
    [
        ("2025", "the year the articles give, 2025"),
        ("2025-03", "the month the articles give, March 2025"),
        ("2025-06-07", "the day the articles give, 7 June 2025"),
    ],
)
def test_a_past_time_is_named_as_it_was_given(past: str, note: str) -> None:
    found = Found((), resolve(ASK, date(2026, 5, 30)), past=past)
    assert found.notes() == (f"nothing to come: {note}, is past",)


def test_a_past_date_with_its_year_is_said_not_answered(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A day written with its year ("Saturday, June 7, 2025") is past as one written without
    it is; the note names it."""
    dated = {**LAST_YEAR, "text": LAST_YEAR["text"].replace("June 7,", "June 7, 2025,")}
    pipe = fair(tmp_path_factory, dated, NEWS)
    answer = pipe.ask(ASK, as_of="2026-05-30")
    assert answer.abstained and not answer.citations, answer.text
    assert "nothing to come: the day the articles give, 7 June 2025, is past" in answer.time_notes
    # asked the week before it, the day is to come
    before = pipe.ask(ASK, as_of="2025-05-31")
    assert before.short is not None and "2025" in before.short.text, before.text


def test_history_retold_is_no_day_to_come(tmp_path_factory: pytest.TempPathFactory) -> None:
    """ "When does the government shutdown end?" was answered "Dec. 16, 1995" from this year's
    news recalling an earlier shutdown: a date written with its year, before its article,
    is past as any other."""
    history = {**NEWS, "id": "history", "text": "The first Harbour fair was held on June 7, 1995, the town said."}
    answer = fair(tmp_path_factory, history).ask(ASK, as_of="2026-05-30")
    assert answer.abstained and not answer.citations, answer.text
    assert "nothing to come: the day the articles give, 7 June 1995, is past" in answer.time_notes
    was = fair(tmp_path_factory, history).ask("When was the first Harbour fair?", as_of="2026-05-30")
    assert not was.abstained and was.short is not None and "1995" in was.short.text, was.text


def test_an_answer_of_another_thing_is_said_not_given(tmp_path_factory: pytest.TempPathFactory) -> None:
    """ "When is the 2026 Met Gala?" was answered from "The 2026 Oscars will take place Sunday,
    March 15": a day of a thing to come must be told by sentences (or a title) that name it."""
    lantern = {
        "id": "lantern",
        "title": "Lantern festival date set",
        "published": "2026-05-25",
        "text": "When is the festival? The Lantern festival will take place on Saturday, June 13, the town said.",
    }
    pipe = indexed_records(tmp_path_factory, [lantern, NEWS], upcoming_days=90)
    answer = pipe.ask("When is the Harbour festival?", as_of="2026-05-30")
    assert answer.abstained and not answer.citations, answer.text
    assert "no answer: the sentences found do not name Harbour" in answer.time_notes
    named = pipe.ask("When is the Lantern festival?", as_of="2026-05-30")
    assert named.short is not None and named.short.day == "2026-06-13", named.text
    # a question of the past is not held to the names: asked after the day, it is answered
    # (asked before it, its day is after the day asked, which a thing past cannot be)
    assert not pipe.ask("When was the Harbour festival?", as_of="2026-06-20").abstained
    early = pipe.ask("When was the Harbour festival?", as_of="2026-05-30")
    assert "no answer: the sentences found do not name Harbour" not in early.time_notes


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did the government shutdown end?", True),
        ("When was Super Bowl LIX?", True),
        ("How many days ago was Super Bowl LIX?", True),
        ("How long ago did the fire start?", True),
        ("When is the Masters?", False),
        ("How many days until the Met Gala?", False),
        ("Who won the Super Bowl?", False),
    ],
)
def test_asks_past(question: str, expected: bool) -> None:
    assert asks_past(question) is expected


@pytest.mark.parametrize(
    ("day", "published", "text", "expected"),
    [
        ("2025-06-07", "2025-05-20", "June 7", "2025-06-07"),  # told as to come
        ("2025-06-07", "2025-06-05", "June 7", "2025-06-07"),
        ("2025-06-07", "2025-06-06", "June 7", ""),  # the next day's news is dated the day before
        ("2025-06-07", "2025-06-07", "June 7", ""),  # a report of the day
        ("2025-06-07", "2025-06-09", "June 7", ""),
        ("2025-06-07", "", "June 7", ""),  # an undated article tells nothing of when it was written
        ("", "2025-07-01", "July 10, 2025", "2025-07-10"),  # a date with its year
        ("", "2025-01-01", "March 2025", ""),  # a month alone: not read so
        ("", "2025-01-01", "2025", ""),
    ],
)
def test_foretold(day: str, published: str, text: str, expected: str) -> None:
    found = foretold(_answer(day, published, text=text))
    assert (found.isoformat() if found else "") == expected
    assert foretold(_answer(day, published, abstained=True, text=text)) is None


def test_a_day_told_as_to_come_is_noted_for_a_question_of_the_past(tmp_path_factory: pytest.TempPathFactory) -> None:
    """ "When did the government shutdown end?" was answered "Nov. 5" from "If the shutdown
    lasts until Nov. 5, it will break the record", written on 21 October: the answer stands,
    and a note says the day was still to come when its article was written."""
    strike = {
        "id": "strike",
        "title": "Strike talks stall",
        "published": "2025-10-21",
        "text": "If the dock strike lasts until Nov. 5, it will break the record, the union said.",
    }
    pipe = indexed_records(tmp_path_factory, [strike, NEWS])
    note = "the day given, 5 November 2025, was still to come when its article was written"
    answer = pipe.ask("When did the dock strike break the record?", as_of="2025-12-01")
    assert answer.short is not None and answer.short.day == "2025-11-05", answer.text
    assert note in answer.time_notes
    # asked of a thing to come, or read without a date, there is no such note
    assert note not in pipe.ask("When will the dock strike break the record?", as_of="2025-10-25").time_notes
    assert not pipe.ask("When did the dock strike break the record?", as_of="none").time_notes
    # asked before that day, a thing past is on no later day: no answer, and the note says why
    early = pipe.ask("When did the dock strike break the record?", as_of="2025-10-30")
    assert early.abstained and not early.citations, early.text
    assert "no answer: the day the articles give, 5 November 2025, is after the day asked" in early.time_notes


def test_the_next_one_has_no_grace(tmp_path_factory: pytest.TempPathFactory) -> None:
    """ "When is the next full moon?" asked on 30 March 2026 was answered "March 3" (27 days
    before, within the grace an event under way has): a day before the day asked is not the
    next one."""
    moon = {
        "id": "moon",
        "title": "Worm moon rises",
        "published": "2026-05-01",
        "text": "The next full moon, the flower moon, will rise on Sunday, May 10, the observatory said.",
    }
    pipe = fair(tmp_path_factory, moon, NEWS)
    answer = pipe.ask("When is the next full moon?", as_of="2026-05-30")
    assert answer.abstained, answer.text
    assert "nothing to come: the day the articles give, 10 May 2026, is past" in answer.time_notes
    # without "next", 20 days past is within the grace of an event still under way
    within = pipe.ask("When is the full moon?", as_of="2026-05-30")
    assert within.short is not None and within.short.day == "2026-05-10", within.text
    ahead = pipe.ask("When is the next full moon?", as_of="2026-05-09")
    assert ahead.short is not None and ahead.short.day == "2026-05-10", ahead.text


def test_a_day_of_a_month_to_come_is_read_as_the_next_one_from_its_article() -> None:
    """ "Halloween is celebrated annually on Oct. 31", written in January 2025, gives 31
    October 2025 for a thing to come, not the 31 October 2024 before its article."""
    quote = "Halloween is celebrated annually on Oct. 31."
    start = quote.index("Oct. 31")
    short = ShortAnswer("Oct. 31", "a", start, start + 7, 1, day="2024-10-31", label="DATE")
    cited = (Citation(1, "a", "Holidays of 2025", "2025-01-28", "USA Today", "a-0", quote, 0, len(quote)),)
    answer = Answer("When is Halloween?", "Oct. 31 [1]", cited, abstained=False, mode="extractive", short=short)
    ahead = read_ahead(answer)
    assert ahead.short is not None and ahead.short.day == "2025-10-31"
    # a weekday alone stays the day of a report; a day with its year is as written
    for text in ("Sunday", "Oct. 31, 2024"):
        other = replace(answer, short=replace(short, text=text))
        assert read_ahead(other) == other


def test_a_past_day_is_drawn_from_a_newer_article_that_writes_it_too() -> None:
    """ "Nov. 11" quoted from 2019 ("Veterans Day is on Nov. 11") is past on 2 November 2025;
    the same words in a 2025 list of holidays are not (before its article: then, or a year
    on), so the short answer is drawn from there. None when no newer quote writes them, or
    the newer one's day is past too."""
    old = "Veterans Day is on Nov. 11 and honors the active military."
    new = "Veterans Day is celebrated each year on Nov. 11."
    cited = (
        Citation(1, "old", "Freebies 2019", "2019-11-08", "USA Today", "old-0", old, 100, 100 + len(old)),
        Citation(2, "new", "Holidays of 2025", "2025-01-28", "USA Today", "new-0", new, 40, 40 + len(new)),
    )
    short = ShortAnswer("Nov. 11", "old", 119, 126, 1, day="2019-11-11", label="DATE")
    answer = Answer("When is Veterans Day?", "...", cited, abstained=False, mode="extractive", short=short)
    reference = date(2025, 11, 2)
    assert past_day(answer, reference) == date(2019, 11, 11)
    later = told_later(answer, reference, GRACE_DAYS)
    assert later is not None and later.short is not None
    assert (later.short.citation, later.short.article_id, later.short.day) == (2, "new", "2024-11-11")
    assert new[later.short.start - 40 : later.short.end - 40] == "Nov. 11"
    assert past_day(later, reference) is None
    assert told_later(replace(answer, citations=cited[:1]), reference, GRACE_DAYS) is None
    # a newer article that tells of a past day too ("on Nov. 11", written on 1 November 2023)
    then = Citation(3, "then", "Freebies 2023", "2023-11-01", "USA Today", "then-0", old, 0, len(old))
    assert told_later(replace(answer, citations=(cited[0], then)), reference, GRACE_DAYS) is None
