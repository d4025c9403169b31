"""Accents written composed or decomposed: one word for matching, offsets kept for quoting."""

import unicodedata

import pytest

from rag.letters import composed, fold, original
from rag.sentences import words

NFC = unicodedata.normalize("NFC", "Beyoncé and Zelenskyy met in Bogotá; Marit Bjørgen skied")
NFD = unicodedata.normalize("NFD", NFC)


def test_the_two_forms_differ_as_text():
    assert NFC != NFD and len(NFD) == len(NFC) + 2


@pytest.mark.parametrize("text", [NFC, NFD, "Beyonce and Zelenskyy met in Bogota; Marit Bjørgen skied"])
def test_composed_decomposed_and_plain_fold_to_the_same_words(text):
    assert words(text) == ["beyonce", "and", "zelenskyy", "met", "in", "bogota", "marit", "bjørgen", "skied"]


def test_fold_leaves_ascii_alone_and_makes_compatibility_forms_plain():
    text = "The 2+2 talks, AT&T and G7."
    assert fold(text) is text
    assert fold("ﬁnal café") == "final cafe"


def test_composed_maps_each_offset_back_to_the_original():
    text, where = composed(NFD)
    assert text == NFC and len(where) == len(NFC) + 1
    for name in ("Beyoncé", "Bogotá", "Marit Bjørgen", "met"):
        start = NFC.index(name)
        span = NFD[original(where, start) : original(where, start + len(name))]
        assert unicodedata.normalize("NFC", span) == name  # the whole decomposed name, accents included
    assert original(where, len(NFC)) == len(NFD)


def test_text_without_combining_marks_is_not_mapped():
    assert composed(NFC) == (NFC, [])
    assert original([], 7) == 7


def test_the_entity_recognizer_reads_a_decomposed_name_as_a_name_and_quotes_it_as_written():
    from rag.entities import entities

    text = unicodedata.normalize("NFD", "Beyoncé finally wins album of the year; Taylor Swift leaves empty-handed")
    found = {text[e.start : e.end]: e.label for e in entities("en_core_web_sm", [text], nouns=True)[0]}
    assert found[unicodedata.normalize("NFD", "Beyoncé")] in ("PERSON", "ORG")  # a noun when read decomposed
    assert found["Taylor Swift"] == "PERSON"
