"""The region a place question names ("which South Korean city") rules out the places known
to lie elsewhere: "Tampa, Florida" is no answer to it."""

from __future__ import annotations

import pytest

from rag.asks import wanted
from rag.regions import in_region, outside, region_asked, region_named
from rag.short import Candidate
from tests.conftest import indexed_one


@pytest.mark.parametrize(
    ("phrase", "inside", "not_inside", "state"),
    [
        ("South Korean", {"KR"}, {"US", "KP"}, ""),
        ("South Korea", {"KR"}, {"US"}, ""),
        ("Dutch", {"NL"}, {"BE"}, ""),
        ("English", {"GB"}, {"IE"}, ""),
        ("US", {"US"}, {"CA"}, ""),
        ("the U.S.", {"US"}, {"CA"}, ""),
        ("Canadian", {"CA"}, {"US"}, ""),
        ("European", {"FR", "PL", "UA", "TR"}, {"US", "CN"}, ""),
        ("West African", {"NG", "GH"}, {"FR"}, ""),
        ("South American", {"VE", "BR"}, {"US", "ES"}, ""),
        ("EU", {"NL", "DE"}, {"GB", "NO", "UA"}, ""),
        ("Texas", {"US"}, {"MX"}, "TX"),
    ],
)
def test_a_region_by_continent_union_country_people_or_state(phrase, inside, not_inside, state):
    region = region_named(phrase)
    assert region is not None
    assert inside <= region.countries and not (not_inside & region.countries)
    assert region.state == state


@pytest.mark.parametrize("phrase", ["Commonwealth", "spa", "Hollywood", ""])
def test_words_that_name_no_region(phrase):
    assert region_named(phrase) is None


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("K-pop band BTS began their tour this week in which South Korean city?", "South Korean"),
        ("Which European country elected a new prime minister?", "European"),
        ("G7 leaders met this week for a summit in which French spa town?", "French"),
        ("The FAA shut the airspace over which Texas city?", "Texas"),
        ("Which city in South Korea hosted the summit?", "South Korea"),
        ("Which city hosted the summit?", None),
        ("Prince Harry embarked on a tour of which Commonwealth nation?", None),
    ],
)
def test_the_region_a_question_names(question, region):
    want = wanted(question)
    assert want is not None
    found = region_asked(question, want.head)
    assert (found.name.strip() if found else None) == region


@pytest.mark.parametrize(
    ("phrase", "place", "out"),
    [
        ("South Korean", "Tampa", True),
        ("South Korean", "Florida", True),
        ("South Korean", "Goyang", False),
        ("South Korean", "Seoul", False),
        ("European", "New York", True),  # GeoNames' "New York City", in the news "New York"
        ("European", "Barcelona", False),
        ("European", "Istanbul", False),  # Turkey reaches into Europe
        ("European", "Paris", False),  # in France (and in Texas: one inside is enough)
        ("Texas", "El Paso", False),
        ("Texas", "U.S.", True),
        ("Texas", "Chicago", True),
        ("US", "California", False),
        ("US", "Greenland", True),
        ("European", "Zzyzxville", False),  # a place it does not know is never ruled out
    ],
)
def test_a_place_outside_the_region(phrase, place, out):
    region = region_named(phrase)
    assert region is not None and outside(region, place) is out


def test_candidates_outside_the_region_are_dropped():
    question = "K-pop band BTS began their tour this week in which South Korean city?"
    want = wanted(question)
    assert want is not None
    tampa, goyang = Candidate(0, 0, 5, "GPE", 0, "tampa"), Candidate(1, 0, 6, "GPE", 0, "goyang")
    bts = Candidate(0, 6, 9, "ORG", 3, "bts")
    assert in_region(question, want, [[tampa, bts], [goyang]]) == [[bts], [goyang]]
    other = "In which city did BTS begin their tour?"
    other_want = wanted(other)
    assert other_want is not None
    assert in_region(other, other_want, [[tampa, bts], [goyang]]) == [[tampa, bts], [goyang]]


BTS = (
    "BTS opens Arirang world tour\n\n"
    "BTS began the Arirang world tour in Tampa, Florida with two sold-out stadium nights. "
    "The band opened the tour in Goyang, South Korea, on Thursday."
)


def test_a_city_of_another_country_is_no_answer_to_which_south_korean_city(tmp_path, settings):
    pipe = indexed_one(tmp_path, settings, BTS)
    asked = pipe.ask("In which city did BTS begin the Arirang world tour?", as_of="none")
    assert asked.short is not None and asked.short.text.startswith("Tampa")
    answer = pipe.ask("In which South Korean city did BTS begin the Arirang world tour?", as_of="none")
    assert not answer.abstained and answer.short is not None and answer.short.text == "Goyang"
