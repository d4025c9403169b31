"""The names a question gives (``rag.named``)."""

from __future__ import annotations

import pytest

from rag.named import names_any, question_names


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("When is the 2026 Met Gala?", ["Met Gala"]),
        ("When is Olivia Rodrigo's Daisy Chain festival?", ["Olivia Rodrigo", "Daisy Chain"]),
        ("When will Pope Leo XIV's inauguration Mass take place?", ["Pope Leo XIV", "Mass"]),
        ("When is Super Bowl 60?", ["Super Bowl"]),
        ("When is NASA's next Artemis 2 wet dress rehearsal?", ["NASA", "Artemis"]),
        ("When is the Knicks' victory parade?", ["Knicks"]),
        ("Which YouTube-famous bald eagles have welcomed hatchlings?", ["YouTube"]),
        ("Which American chain announced it will cut its menu?", []),
        ("Which Italian volcano erupted on Monday in May?", []),
        ("When is it?", []),
    ],
)
def test_question_names(question: str, names: list[str]) -> None:
    assert question_names(question) == names


def test_one_word_of_one_name_is_enough() -> None:
    assert names_any(["Pope Leo XIV"], ["Leo's inauguration Mass will be held on May 18."])
    assert names_any(["Met Gala"], ["", "Met Gala 2026: what to know"])
    assert not names_any(["Met Gala"], ["The 2026 Oscars will take place Sunday, March 15."])
    assert not names_any(["Gala"], ["The galas of the season"])  # a word, not part of one
