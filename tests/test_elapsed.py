"""How long ago, or until: a date in the short answer counted to the day asked (``rag/elapsed.py``)."""

from __future__ import annotations

from datetime import date

import pytest

from rag.elapsed import When, count, when
from rag.howlong import Asked, asked
from rag.pipeline import Pipeline
from tests.conftest import indexed_records


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many years ago was Apple founded?", Asked("year", False)),
        ("How many years has it been since the January 6 attack on the Capitol?", Asked("year", False)),
        ("How many weeks have passed since the storm hit?", Asked("week", False)),
        ("How many decades ago did astronauts first land on the moon?", Asked("decade", False)),
        ("How many days until the election?", Asked("day", True)),
        ("How many days are left before the government runs out of money?", Asked("day", True)),
        ("How many months away is the World Cup?", Asked("month", True)),
        ("How long ago did the Berlin Wall fall?", Asked("", False)),
        ("How long has it been since the last eclipse?", Asked("", False)),
        ("How long until the launch?", Asked("", True)),
        ("How many years was Viktor Orban in power?", None),  # a stretch its article gives
        ("The Fed cut rates to their lowest level in how many years?", None),
        ("How many days did the shutdown last?", None),
        ("How old is the youngest player in the league?", None),  # an age its article gives
        ("How many people attended the parade?", None),
        ("How long is a score?", None),
    ],
)
def test_a_question_that_asks_for_a_time_to_the_day_asked(question: str, expected: Asked | None) -> None:
    assert asked(question) == expected


@pytest.mark.parametrize(
    ("text", "published", "sentence", "ahead", "expected"),
    [
        ("1976", "2025-03-01", "", False, When(date(1976, 1, 1), "year")),
        ("in 1976", "2025-03-01", "", False, When(date(1976, 1, 1), "year")),
        ("April 1976", "2025-03-01", "", False, When(date(1976, 4, 1), "month")),
        ("Jan. 6, 2021", "2025-03-01", "", False, When(date(2021, 1, 6), "day")),
        ("6 January 2021", "2025-03-01", "", False, When(date(2021, 1, 6), "day")),
        ("Tuesday", "2026-01-08", "He resigned Tuesday.", False, When(date(2026, 1, 6), "day")),
        # a day without its year: the next when it is near or to come, else the latest up to the article
        ("Nov. 3", "2026-10-20", "Election Day is Nov. 3.", False, When(date(2026, 11, 3), "day")),
        ("Nov. 3", "2026-06-01", "The vote was on Nov. 3.", False, When(date(2025, 11, 3), "day")),
        ("Nov. 3", "2026-06-01", "Election Day is Nov. 3.", True, When(date(2026, 11, 3), "day")),
        ("five years", "2026-01-08", "", False, None),  # a count, not a date
        ("the 1970s", "2020-01-01", "", False, None),
        ("28", "2020-01-01", "", False, None),
        ("in the coming weeks", "2020-01-01", "", False, None),
    ],
)
def test_the_date_a_short_answer_names(
    text: str, published: str, sentence: str, ahead: bool, expected: When | None
) -> None:
    assert when(text, published, sentence, ahead) == expected


YEAR, DAY = "year", "day"


@pytest.mark.parametrize(
    ("start", "as_of", "wanted", "expected"),
    [
        (When(date(1976, 1, 1), YEAR), date(2026, 4, 2), Asked("year", False), "50 years"),
        (When(date(1976, 1, 1), YEAR), date(2026, 4, 2), Asked("", False), "50 years"),
        (When(date(1976, 1, 1), YEAR), date(2026, 4, 2), Asked("decade", False), "5 decades"),
        (When(date(1976, 1, 1), YEAR), date(2026, 4, 2), Asked("day", False), ""),  # finer than the date
        (When(date(1976, 4, 1), "month"), date(2026, 3, 2), Asked("year", False), "49 years"),
        (When(date(1976, 4, 1), "month"), date(2026, 4, 2), Asked("year", False), "50 years"),
        (When(date(1976, 4, 1), "month"), date(2026, 4, 2), Asked("week", False), ""),
        # a full date: whole years, so the day before the anniversary is a year short
        (When(date(2021, 1, 6), DAY), date(2026, 1, 5), Asked("year", False), "4 years"),
        (When(date(2021, 1, 6), DAY), date(2026, 1, 6), Asked("year", False), "5 years"),
        (When(date(2024, 2, 29), DAY), date(2025, 2, 28), Asked("year", False), ""),  # under one year
        (When(date(2024, 2, 29), DAY), date(2025, 3, 1), Asked("year", False), "1 year"),
        (When(date(2025, 12, 25), DAY), date(2026, 1, 8), Asked("week", False), "2 weeks"),
        (When(date(2025, 12, 25), DAY), date(2026, 1, 8), Asked("day", False), "14 days"),
        (When(date(2025, 7, 20), DAY), date(2026, 4, 2), Asked("", False), "8 months"),
        (When(date(2026, 3, 20), DAY), date(2026, 4, 2), Asked("", False), "13 days"),
        # the time until a day to come
        (When(date(2026, 11, 3), DAY), date(2026, 10, 30), Asked("day", True), "4 days"),
        (When(date(2026, 11, 3), DAY), date(2026, 10, 30), Asked("", True), "4 days"),
        (When(date(2026, 11, 3), DAY), date(2026, 11, 4), Asked("day", True), ""),  # already past
        (When(date(2030, 1, 1), YEAR), date(2026, 4, 2), Asked("year", True), "4 years"),
        (When(date(2030, 1, 1), YEAR), date(2026, 4, 2), Asked("year", False), ""),  # "since" a year to come
        (When(date(2026, 4, 2), DAY), date(2026, 4, 2), Asked("day", False), ""),  # today: no time
    ],
)
def test_the_time_counted_to_the_day_asked(start: When, as_of: date, wanted: Asked, expected: str) -> None:
    assert count(start, as_of, wanted) == expected


@pytest.fixture(scope="module")
def founded(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    apple = "Apple was founded in 1976 by Steve Jobs and Steve Wozniak in a garage in California."
    vote = "Nordland's general election will be held on Nov. 3, when voters choose a new parliament."
    rows = [
        {"id": "apple", "published": "2026-03-30", "title": "Apple turns 50", "text": apple},
        {"id": "vote", "published": "2026-10-20", "title": "Nordland votes soon", "text": vote},
    ]
    return indexed_records(tmp_path_factory, rows)


def test_how_many_years_ago_is_counted_to_the_day_asked(founded: Pipeline) -> None:
    question = "How many years ago was Apple founded?"
    answer = founded.ask(question, as_of="2026-04-02")
    assert answer.short is not None and answer.short.text == "1976", answer.text
    assert answer.short.value == "50 years"
    assert answer.short.shown == "50 years (1976 to 2 April 2026)"
    assert answer.to_json()["short_answer"]["reckoned"] == "50 years"
    # the same question a year on counts a year more; read without a date, the year is the answer
    assert founded.ask(question, as_of="2027-04-02").short.value == "51 years"  # type: ignore[union-attr]
    undated = founded.ask(question, as_of="none").short
    assert undated is not None and undated.value == "1976" and undated.shown == "1976"


def test_how_many_days_until_a_day_its_article_names(founded: Pipeline) -> None:
    answer = founded.ask("How many days until Nordland's general election?", as_of="2026-10-30")
    assert answer.short is not None and answer.short.text == "Nov. 3", answer.text
    assert answer.short.value == "4 days"
    assert answer.short.shown == "4 days (30 October 2026 to 3 November 2026)"
    # a question that asks for the date is answered with the date
    on = founded.ask("When is Nordland's general election?", as_of="2026-10-30").short
    assert on is not None and on.value == "Nov. 3"


def test_how_many_days_ago_is_a_count_not_a_period(founded: Pipeline) -> None:
    """ "How many days ago ...?" asks for a count: its "days ago" sets no period of news (which
    would hold no article on the election here)."""
    answer = founded.ask("How many days ago was Nordland's general election?", as_of="2026-11-20")
    assert answer.time_window is None, answer.time_window
    assert answer.short is not None and answer.short.shown == "17 days (3 November 2026 to 20 November 2026)", (
        answer.text
    )
    weeks = founded.ask("How many weeks ago was Nordland's general election?", as_of="2026-11-20").short
    assert weeks is not None and weeks.value == "2 weeks"


def test_a_count_in_days_is_counted_from_a_day(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Asked in days or weeks, a date that names a day is counted before a year the same
    sentences give: "since 1988" cannot be counted in days (and, for a thing to come, is past)."""
    text = "The Nordland fair, held every spring since 1988, returns to the harbour on May 9 with a parade."
    rows = [{"id": "fair", "published": "2026-04-20", "title": "Nordland fair returns", "text": text}]
    pipe = indexed_records(tmp_path_factory, rows)
    days = pipe.ask("How many days until the Nordland fair?", as_of="2026-05-01")
    assert days.short is not None and days.short.value == "8 days", days.text
    weeks = pipe.ask("How many weeks until the Nordland fair?", as_of="2026-05-01").short
    assert weeks is not None and weeks.value == "1 week"
    # asked in years, the year counts
    years = pipe.ask("How many years ago was the Nordland fair first held?", as_of="2026-05-01")
    assert years.short is not None and years.short.value == "38 years", years.text
