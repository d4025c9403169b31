"""A name the recognizer tags in one sentence is a candidate where another says it untagged."""

import numpy as np
import pytest

from rag.answer import ExtractiveAnswerer, ExtractiveConfig
from rag.entities import Entity, named_again
from rag.records import Chunk, Hit


def _spans(text: str, ents: list[Entity]) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in ents]


def test_a_name_tagged_in_one_text_is_tagged_where_another_says_it():
    texts = [
        "Golden Tempo emerged as the winner, ahead of Renegade.",
        "Golden Tempo won by a neck; Golden Tempo's trainer cheered.",
        "Golden Tempo was read last.",
    ]
    found = [
        [Entity(45, 53, "PERSON")],
        [Entity(0, 12, "PERSON")],
        [],
    ]
    out = named_again(texts, found, ("PERSON", "ORG"), [0, 1])
    assert _spans(texts[0], out[0]) == [("Golden Tempo", "PERSON"), ("Renegade", "PERSON")]
    assert _spans(texts[1], out[1]) == [("Golden Tempo", "PERSON"), ("Golden Tempo", "PERSON")]
    assert out[2] == []  # a text not read stays as it is
    assert found[0] == [Entity(45, 53, "PERSON")]  # the input is not changed


def test_a_name_is_said_again_only_whole_untagged_of_two_words_and_of_a_label_asked_for():
    texts = [
        "The Golden Tempos beat Golden Tempo-like rivals; golden tempo Golden Tempo ran. Coventry won.",
        "Golden Tempo lost. Kirsty Coventry, or Coventry, won. New York cheered.",
    ]
    found = [[], [Entity(0, 12, "PERSON"), Entity(19, 34, "PERSON"), Entity(39, 47, "PERSON"), Entity(54, 62, "GPE")]]
    out = named_again(texts, found, ("PERSON",), [0, 1])
    # not inside a longer word, nor in lower case; not a name of one word ("Coventry"); New York is
    # of a label not asked for
    assert _spans(texts[0], out[0]) == [("Golden Tempo", "PERSON")]
    assert out[0][0].start == texts[0].index("Golden Tempo ran")
    assert out[1] == found[1]


def test_a_name_takes_the_label_it_is_given_most_and_keeps_the_entities_it_overlaps():
    texts = ["Open AI rose.", "Open AI fell.", "Open AI slid.", "Open AI Corp. and Open AI gained."]
    found = [
        [Entity(0, 7, "ORG")],
        [Entity(0, 7, "ORG")],
        [Entity(0, 7, "PERSON")],
        [Entity(0, 13, "ORG")],
    ]
    out = named_again(texts, found, ("PERSON", "ORG"), [0, 1, 2, 3])
    assert _spans(texts[3], out[3]) == [("Open AI Corp.", "ORG"), ("Open AI", "ORG")]
    assert out[2] == found[2]  # a tagged name keeps its own label


class _Same:
    def score(self, query: str, passages: list[str]) -> np.ndarray:
        return np.array([5.0 for _ in passages])


@pytest.mark.parametrize("again", [1, 0])
def test_the_winner_the_recognizer_misses_at_a_sentences_start_is_answered(again):
    """spaCy's small pipeline tags "Renegade" but not "Golden Tempo" in the first sentence, and
    "Golden Tempo" in the second: read again, the winner is a candidate in the first, where the
    question's words are."""
    text = (
        "Golden Tempo emerged as the winner of The 2026 Kentucky Derby, capping off a tightly contested "
        "race with a narrow victory over race favorite Renegade. The two horses battled hard to the "
        "finish, but Golden Tempo was able to eke out a narrow, neck-long lead in the final seconds."
    )
    chunk = Chunk("a#0", "a", text, 0, len(text), 0, title="Results")
    answerer = ExtractiveAnswerer(_Same, ExtractiveConfig(ner="en_core_web_sm", named_again=again))
    answer = answerer.answer("Who won the Kentucky Derby?", [Hit(chunk, 5.0, 1)])
    assert answer.short is not None
    assert (answer.short.text, answer.short.start) == ("Golden Tempo", 0) if again else answer.short.start > 0
