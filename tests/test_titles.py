"""A person's titles, read alike in a question and in a sentence (``rag/titles.py``)."""

from __future__ import annotations

import pytest

from rag.asks import wanted
from rag.entities import Entity
from rag.sentences import words
from rag.short import Candidate, candidates, title_fit
from rag.titles import as_titles, asked_titles, title_forms


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("New York Gov. Kathy", ["new", "york", "governor", "kathy"]),
        ("Sen. Bernie Sanders", ["senator", "bernie", "sanders"]),
        ("Rep. Jane Doe", ["representative", "jane", "doe"]),
        ("U.N. Secretary-General", ["un", "secretary", "general"]),
        ("Secretary-General of the United Nations", ["secretary", "general", "of", "the", "un"]),
        ("U.S. President", ["us", "president"]),
        ("U.K. Prime Minister", ["uk", "prime", "minister"]),
        ("the United States and the United Kingdom", ["the", "us", "and", "the", "uk"]),
        ("Governor Ron", ["governor", "ron"]),  # unchanged
        ("gov", ["governor"]),
        ("u", ["u"]),  # an initial alone stays
        ("", []),
    ],
)
def test_short_forms_and_initials_read_as_title_words(text: str, forms: list[str]) -> None:
    assert title_forms(words(text)) == forms


def test_a_country_adjective_stands_for_its_initials() -> None:
    assert as_titles(words("British Prime Minister")) == {"uk", "prime", "minister"}
    assert as_titles(words("New York Gov.")) == {"new", "york", "governor"}


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("Who is the Gov. of Texas?", {"governor"}),
        ("Who is the UN secretary-general?", {"secretary", "general"}),  # "U.N." is a name of its own
        ("Who is the UK prime minister?", {"uk", "prime", "minister"}),
        ("Who is the U.S. Secretary of Defense?", {"secretary", "defense"}),  # the news's own country
    ],
)
def test_the_titles_asked_for_in_their_full_forms(question: str, titles: set[str]) -> None:
    assert asked_titles(question) == titles


def _person(text: str, name: str) -> Entity:
    return Entity(text.index(name), text.index(name) + len(name), "PERSON")


@pytest.mark.parametrize(
    ("question", "text", "name", "found"),
    [
        ("Who is the governor of New York?", "New York Gov. Kathy Hochul declared an emergency.", "Kathy Hochul", True),
        (
            "Who is the senator from Vermont?",
            "Sen. Bernie Sanders of Vermont spoke on Tuesday.",
            "Bernie Sanders",
            True,
        ),
        (
            "Who is the UN secretary-general?",
            "U.N. Secretary-General Antonio Guterres condemned the strike.",
            "Antonio Guterres",
            True,
        ),
        ("Who is the governor of New York?", "New York Mayor Eric Adams declared an emergency.", "Eric Adams", False),
    ],
)
def test_a_person_named_by_a_short_form_of_the_title_asked(question: str, text: str, name: str, found: bool) -> None:
    (mine,) = candidates(question, wanted(question), [text], [[_person(text, name)]])
    assert ([text[c.start : c.end] for c in mine] == [name]) is found


def test_a_short_form_counts_as_the_title_asked_not_against_it() -> None:
    text = "New York Gov. Kathy Hochul met Mayor Eric Adams."
    people = [
        Candidate(0, text.index(n), text.index(n) + len(n), "PERSON", 0, n.lower())
        for n in ("Kathy Hochul", "Eric Adams")
    ]
    asked = asked_titles("Who is the governor of New York?")
    assert [title_fit(asked, text, c, people) for c in people] == [1, -1]
