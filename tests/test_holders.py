"""Who holds a title now: what names a holder (``rag/holders.py``), read from the newest articles (``rag/incumbents.py``)."""

from __future__ import annotations

import pytest

from rag.holders import asks_for_holder, named_as_holder, title_words
from rag.pipeline import Pipeline
from rag.records import Answer, Chunk, Citation, ShortAnswer
from tests.conftest import indexed_records


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who is the UK prime minister?", True),
        ("Who is the current president of South Korea?", True),
        ("Who's the mayor of New York City now?", True),
        ("Who is the Speaker of the House?", True),
        ("Who is the FBI director?", True),
        ("Who is the NATO secretary general?", True),
        ("Who was the president in 2020?", False),  # the past
        ("Who is the man who shot the senator?", False),  # no title
        ("Who is hosting the Oscars?", False),
        ("Who is Keir Starmer?", False),
        ("Who is the most popular living president, according to recent polling data?", False),
        ("Who won the election?", False),
    ],
)
def test_a_question_that_asks_who_holds_a_title_now(question: str, asks: bool) -> None:
    assert asks_for_holder(question) is asks


@pytest.mark.parametrize(
    ("question", "own", "other", "places"),
    [
        ("Who is the UK prime minister?", {"prime", "minister"}, set(), {"united kingdom"}),
        ("Who is the president of South Korea?", {"president"}, set(), {"south korea"}),
        ("Who is the Secretary of Homeland Security?", {"secretary"}, {"homeland", "security"}, set()),
        ("Who is the FBI director?", {"director"}, {"fbi"}, set()),
        ("Who is the US president?", {"president"}, set(), set()),  # the news's own country
        ("Who is the German chancellor?", {"chancellor"}, set(), {"germany"}),
    ],
)
def test_the_words_that_name_a_holder(question: str, own: set[str], other: set[str], places: set[str]) -> None:
    assert title_words(question) == (own, other, places)


def _answer(question: str, quote: str, name: str) -> Answer:
    chunk = Chunk("a#0", "a", quote, 0, len(quote), 0, title="News", published="2025-05-01")
    at = quote.index(name)
    short = ShortAnswer(name, "a", at, at + len(name), 1, label="PERSON")
    return Answer(question, f"{quote} [1]", (Citation.of(1, chunk, 0, len(quote)),), False, "extractive", short=short)


@pytest.mark.parametrize(
    ("question", "quote", "name", "holds"),
    [
        ("Who is the vice president?", "Vice President JD Vance met President Donald Trump.", "JD Vance", True),
        ("Who is the vice president?", "Vice President JD Vance met President Donald Trump.", "Donald Trump", False),
        ("Who is the UK prime minister?", "British Prime Minister Keir Starmer spoke on Monday.", "Keir Starmer", True),
        ("Who is the UK prime minister?", "Keir Starmer, the British prime minister, spoke.", "Keir Starmer", True),
        ("Who is the UK prime minister?", "Japan's prime minister, Sanae Takaichi, spoke.", "Sanae Takaichi", False),
        ("Who is the Secretary of Homeland Security?", "Defense Secretary Pete Hegseth spoke.", "Pete Hegseth", False),
        (
            "Who is the Secretary of Homeland Security?",
            "Homeland Security Secretary Kristi Noem spoke.",
            "Kristi Noem",
            True,
        ),
        ("Who is the president of Brazil?", "President Donald Trump spoke of tariffs.", "Donald Trump", False),
        ("Who is the president of Brazil?", "Brazilian President Lula spoke of tariffs.", "Lula", True),
        # another country's title beside the name, or a country before a comma, not the title's
        (
            "Who is the president of Brazil?",
            "The Brazilian chief met French president Emmanuel Macron.",
            "Emmanuel Macron",
            False,
        ),
        (
            "Who is the US president?",
            "Salvadoran leader met French President Emmanuel Macron.",
            "Emmanuel Macron",
            False,
        ),
        ("Who is the US president?", "After strikes in Iran, President Donald Trump spoke.", "Donald Trump", True),
        ("Who is the US president?", "U.S. President Donald Trump spoke.", "Donald Trump", True),
        ("Who is the president of Mexico?", "Mexico's President Claudia Sheinbaum spoke.", "Claudia Sheinbaum", True),
        (
            "Who is the prime minister of Japan?",
            "Japan's new prime minister, Sanae Takaichi, spoke.",
            "Sanae Takaichi",
            True,
        ),
        # short forms and initials
        ("Who is the governor of New York?", "New York Gov. Kathy Hochul spoke.", "Kathy Hochul", True),
        (
            "Who is the UN secretary-general?",
            "U.N. Secretary-General Antonio Guterres spoke.",
            "Antonio Guterres",
            True,
        ),
        # history's holders: the first one, a title cut off by a comma before the name
        (
            "Who is the US president?",
            "America's first President George Washington stepped down.",
            "George Washington",
            False,
        ),
        ("Who is the first lady?", "First lady Melania Trump spoke.", "Melania Trump", True),
        (
            "Who is the governor of Florida?",
            "He voted for the first Florida State Governor, William Moseley.",
            "William Moseley",
            False,
        ),
        # a title of somebody else's ("Illinois Gov."), another title, a lesser one
        ("Who is the governor of New York?", "Illinois Gov. JB Pritzker spoke of New York.", "JB Pritzker", False),
        ("Who is the CEO of OpenAI?", "OpenAI's CEO Sam Altman spoke.", "Sam Altman", True),
        ("Who is the CEO of OpenAI?", "Google's CEO Sundar Pichai spoke of OpenAI.", "Sundar Pichai", False),
        (
            "Who is the Secretary of Homeland Security?",
            "Secretary of State Marco Rubio met Homeland Security Secretary Kristi Noem.",
            "Marco Rubio",
            False,
        ),
        (
            "Who is the Secretary of Homeland Security?",
            "Secretary of State Marco Rubio met Homeland Security Secretary Kristi Noem.",
            "Kristi Noem",
            True,
        ),
        (
            "Who is the health secretary?",
            "White House press secretary Karoline Leavitt spoke of health care.",
            "Karoline Leavitt",
            False,
        ),
        ("Who is the US president?", "Vice President Kamala Harris spoke.", "Kamala Harris", False),
        ("Who is the US president?", "When President Joe Biden spoke, he smiled.", "Joe Biden", True),
        # a title the US holds, said without a country, is the US's; a country of two words
        ("Who is the president of Israel?", "President Donald Trump spoke in Israel.", "Donald Trump", False),
        ("Who is the president of Israel?", "Israeli President Isaac Herzog spoke.", "Isaac Herzog", True),
        (
            "Who is the president of South Korea?",
            "South Korean President Yoon Suk Yeol spoke.",
            "Yoon Suk Yeol",
            True,
        ),
        (
            "Who is the president of Venezuela?",
            "Salvadoran President Nayib Bukele jailed Venezuelan migrants.",
            "Nayib Bukele",
            False,
        ),
        # after the name, only a title's words: not "a 45-year-old co-president of a party"
        (
            "Who is the president of France?",
            "Raphael Glucksmann, a 45-year-old co-president of a party in France, spoke.",
            "Raphael Glucksmann",
            False,
        ),
    ],
)
def test_a_person_named_by_the_title_asked_for(question: str, quote: str, name: str, holds: bool) -> None:
    assert named_as_holder(_answer(question, quote, name), question) is holds


# a country's prime minister over two years: the old one in more articles than the new one
NORDLAND = [
    ("berg-1", "2023-02-01", "Budget day", "Prime Minister Anna Berg of Nordland set out the budget on Monday."),
    ("berg-2", "2023-05-10", "Harbour visit", "Prime Minister Anna Berg of Nordland visited the harbour on Friday."),
    ("berg-3", "2024-01-15", "Summit", "Prime Minister Anna Berg of Nordland met leaders at the summit."),
    ("berg-4", "2024-03-15", "Spring", "Prime Minister Anna Berg of Nordland opened the spring fair."),
    ("lind-1", "2025-05-20", "New government", "Prime Minister Jonas Lind of Nordland took office on Tuesday."),
    ("book", "2025-05-28", "A memoir", "Former Prime Minister Anna Berg of Nordland is writing a book."),
    ("lind-2", "2025-05-22", "The king", "Nordland's king met Prime Minister Jonas Lind of Nordland at the palace."),
    ("lind-3", "2025-05-25", "Fisheries", "Prime Minister Jonas Lind of Nordland signed the fisheries law."),
    # the newest article names the old holder by the title, once
    ("bridge", "2025-05-30", "A bridge", "Prime Minister Anna Berg of Nordland opened this bridge, the guide said."),
]


@pytest.fixture(scope="module")
def nordland(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    rows = [{"id": i, "published": d, "title": t, "text": x} for i, d, t, x in NORDLAND]
    return indexed_records(tmp_path_factory, rows)


def test_the_holder_now_is_the_one_the_newest_articles_name(nordland: Pipeline) -> None:
    question = "Who is the prime minister of Nordland?"
    now = nordland.ask(question, as_of="2025-06-01")
    assert now.short is not None and now.short.text == "Jonas Lind", now.text
    assert now.time_notes == ("the newest articles first: from 3 May to 1 June 2025",)
    then = nordland.ask(question, as_of="2024-06-01")
    assert then.short is not None and then.short.text == "Anna Berg", then.text
    assert all(c.published <= "2024-06-01" for c in then.citations)
    # read without a date, the question is answered as any other
    assert nordland.ask(question, as_of="none").time_notes == ()


def test_the_holder_is_the_one_the_most_articles_name_cited_from_the_newest(nordland: Pipeline) -> None:
    answer = nordland.ask("Who is the prime minister of Nordland?", as_of="2025-06-01")
    assert answer.short is not None and answer.short.text == "Jonas Lind", answer.text
    # three articles of the last 30 days name Lind by the title, one names Berg: the two newest of Lind's are cited
    assert [c.article_id for c in answer.citations] == ["lind-3", "lind-2"]
    assert answer.short.article_id == "lind-3" and answer.short.citation == 1
    assert {h.chunk.article_id for h in answer.passages} >= {"lind-3", "lind-2"}


def test_nothing_in_two_years_the_holder_of_the_days_before_the_newest_article_naming_one(nordland: Pipeline) -> None:
    # no article of the 730 days before names a holder: Berg is named in more articles over
    # every date, Lind in the most of the 30 days up to the newest naming one
    answer = nordland.ask("Who is the prime minister of Nordland?", as_of="2027-06-01")
    assert answer.short is not None and answer.short.text == "Jonas Lind", answer.text
    assert answer.time_notes == (
        "no article of the 730 days up to 1 June 2027 names a holder: read from every date",
        "reported on 25 May 2025",
    )
