"""A "when" question's short answer: the most specific date its sentences give (``rag/whendates.py``)."""

from __future__ import annotations

import pytest

from rag.asks import wanted
from rag.short import Candidate
from rag.whendates import dates_as_asked, named_days, specific_first, specificity
from tests.conftest import indexed_records


@pytest.mark.parametrize(
    ("span", "level"),
    [
        ("Feb. 2", 4),
        ("Sunday, Feb. 2", 4),
        ("Wednesday, March 5, 2025", 4),
        ("the 4th of July", 4),
        ("2025-02-02", 4),
        ("Sunday", 3),
        ("yesterday", 3),
        ("Tuesday night", 3),
        ("May", 2),
        ("early 2026", 2),
        ("March 2025", 2),
        ("2024", 1),
        ("8:50 p.m.", 1),
        ("this week", 0),
        ("day", 0),
        ("the year", 0),
        ("tax season", 0),
    ],
)
def test_how_closely_a_date_names_a_day(span: str, level: int) -> None:
    assert specificity(span) == level


def _found(texts: list[str], spans: list[list[str]]) -> list[list[Candidate]]:
    out = []
    for i, (text, mine) in enumerate(zip(texts, spans, strict=True)):
        row = []
        for s in mine:
            start = text.index(s)
            row.append(Candidate(i, start, start + len(s), "DATE", 0, s.lower()))
        out.append(row)
    return out


def test_a_when_question_keeps_the_dates_that_name_a_day() -> None:
    texts = [
        "The game will take place on Monday, April 7, with an 8:50 p.m. tip.",
        "This year the final is in San Antonio.",
    ]
    found = _found(texts, [["Monday, April 7", "8:50 p.m."], ["This year"]])
    when = wanted("When will the championship game be played?")
    assert when is not None and when.when
    kept = specific_first(when, found, texts)
    assert [[texts[c.sentence][c.start : c.end] for c in mine] for mine in kept] == [["Monday, April 7"], []]
    # any other question keeps every candidate
    other = wanted("Which city hosts the final?")
    assert other is not None and specific_first(other, found, texts) == found
    # with no day given, the closest the sentences come (a year) answers
    only_years = _found(texts[1:], [["This year"]])
    assert specific_first(when, only_years, texts[1:]) == only_years


def test_a_question_that_asks_on_what_date_keeps_the_dates_that_name_a_day() -> None:
    texts = ["Here's when Presidents Day falls in 2024.", "Presidents Day is on Monday, Feb. 19 this year."]
    found = _found(texts, [["2024"], ["Monday, Feb. 19"]])
    for question in ("On what date is Presidents Day this year?", "What date is Presidents Day?"):
        asked = wanted(question)
        assert asked is not None and asked.exact_date and not asked.when
        kept = specific_first(asked, found, texts)
        assert [[texts[c.sentence][c.start : c.end] for c in mine] for mine in kept] == [[], ["Monday, Feb. 19"]]


@pytest.mark.parametrize(
    ("question", "text", "span", "answer"),
    [
        (
            "Around what year will NASA retire the station?",
            "until the end of 2030, after which",
            "the end of 2030",
            "2030",
        ),
        ("In which year did he launch CNN?", "He launched CNN on June 1, 1980.", "June 1, 1980", "1980"),
        ("What year did Musk acquire Twitter?", "Musk bought it in October 2022.", "October 2022", "2022"),
        ("When is the Met Gala?", "The gala is on May 5 this year.", "May 5 this year", "May 5"),
        ("When will the summit be held?", "It opens on June 1 of this year.", "June 1 of this year", "June 1"),
        # another year than the article's is kept: the day is then not in the article's year
        (
            "When will the summit be held?",
            "It opens June 1 of next year.",
            "June 1 of next year",
            "June 1 of next year",
        ),
        ("When did the summit open?", "It opened on May 5 last year.", "May 5 last year", "May 5 last year"),
        # no year alone, or nothing that places a day: as written
        ("What year is the season?", "the 2022-23 season began", "2022-23 season", "2022-23 season"),
        ("In what year was the band formed?", "formed in the late 1990s in Leeds", "the late 1990s", "the late 1990s"),
        ("What year did the war start?", "between 1914 and 1918", "between 1914 and 1918", "between 1914 and 1918"),
        ("When did it happen?", "It happened in 2024 this year.", "2024 this year", "2024 this year"),
        ("When did it happen?", "It happened this year.", "this year", "this year"),
        ("When did it happen?", "The end of 2030 is near.", "The end of 2030", "The end of 2030"),
    ],
)
def test_a_date_is_answered_as_asked(question: str, text: str, span: str, answer: str) -> None:
    want = wanted(question)
    assert want is not None
    (c,) = _found([text], [[span]])[0]
    (cut,) = dates_as_asked(want, [[c]], [text])[0]
    assert text[cut.start : cut.end] == answer
    assert cut.key == " ".join(answer.lower().replace(",", "").split())


def test_a_question_that_asks_no_date_keeps_its_dates_as_written() -> None:
    text = "It ends at the end of 2030."
    (c,) = _found([text], [["the end of 2030"]])[0]
    want = wanted("Which agency runs the station?")
    assert want is not None and "DATE" not in want.labels
    assert dates_as_asked(want, [[c]], [text]) == [[c]]


def test_when_is_answered_with_the_day_not_the_time_or_the_year(tmp_path_factory: pytest.TempPathFactory) -> None:
    text = (
        "The Nordland cup final will take place this year on Monday, April 7, with an 8:50 p.m. kickoff. "
        "Tickets for the final went on sale in the fall of 2024."
    )
    rows = [{"id": "final", "published": "2026-03-30", "title": "Cup final set", "text": text}]
    pipe = indexed_records(tmp_path_factory, rows)
    answer = pipe.ask("When will the Nordland cup final take place?", as_of="2026-04-01")
    assert answer.short is not None and answer.short.text == "Monday, April 7", answer.text
    # "what year" is answered by the year of the date the sentence gives
    answer = pipe.ask("In what year did tickets for the Nordland cup final go on sale?", as_of="2026-04-01")
    assert answer.short is not None and answer.short.text == "2024", answer.text


def test_a_date_right_after_a_name_the_question_gives_is_placed() -> None:
    texts = [
        "Nov. 21 ‒ Thanksgiving travel begins before the holiday",
        "Congress could act by Friday, Nov. 21, when traveling spikes before Thanksgiving on Nov. 27.",
        "Their weeklong Thanksgiving vacations begin Nov. 24.",
        "Halloween is celebrated annually on Oct. 31.",
    ]
    found = _found(texts, [["Nov. 21"], ["Friday, Nov. 21", "Nov. 27"], ["Nov. 24"], ["Oct. 31"]])
    when = wanted("When is Thanksgiving?")
    assert when is not None and when.when
    placed = [
        [texts[c.sentence][c.start : c.end] for c in mine if c.placed]
        for mine in named_days("When is Thanksgiving?", when, found, texts)
    ]
    assert placed == [[], ["Nov. 27"], [], []]
    halloween = named_days("When is Halloween?", when, found, texts)
    assert [c.key for mine in halloween for c in mine if c.placed] == ["oct. 31"]
    # the name as the question writes it: "the harbour" is no "Harbour festival"
    harbour = ["The festival on the harbour will take place on Saturday, June 6."]
    asked = "When is the Harbour festival?"
    (row,) = named_days(asked, when, _found(harbour, [["Saturday, June 6"]]), harbour)
    assert not row[0].placed
    # a word or a comma between: "March, June 14" is the end of the name and a day
    pride = ["Stonewall Columbus Pride March, June 14"]
    asked = "When will the Stonewall Columbus Pride March take place?"
    (row,) = named_days(asked, when, _found(pride, [["March, June 14"]]), pride)
    assert not row[0].placed
    # nor for one edition of it: the first Thanksgiving was in 1621
    first = "When was the first Thanksgiving?"
    asked_first = wanted(first)
    assert asked_first is not None and named_days(first, asked_first, found, texts) == found
    # not for a question that is no "when" question, nor one that gives no name
    other = wanted("Which day comes before Thanksgiving?")
    assert other is not None and named_days("Which day comes before Thanksgiving?", other, found, texts) == found
    assert named_days("When does daylight saving time end?", when, found, texts) == found
