"""A question typed in lower case takes the capitals its passages give its words."""

from rag.recase import recased
from rag.records import Chunk, Hit


def _hit(text: str, title: str = "Starmer Hosts Trump On A Week Of Pomp") -> Hit:
    chunk = Chunk("a#0", "a", text, 0, len(text), 0, title, "2025-09-18", "a.txt")
    return Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")


PASSAGE = (
    "President Donald Trump met Prime Minister Keir Starmer at Chequers this week. "
    "The U.S. and the U.K. signed a technology deal, Starmer said, and U.S. officials agreed. "
    "Trump told reporters the visit was a great honor for us, and praised the U.K. again. "
    "Week after week the talks went on; on Thursday the leaders spoke to the press."
)


def test_names_take_the_passages_capitals():
    question = "president donald trump met with keir starmer this week in which country?"
    assert recased(question, [_hit(PASSAGE)]) == (
        "President Donald Trump met with Keir Starmer this week in which country?"
    )


def test_initials_take_their_dots_and_time_words_stay():
    question = "what did the us and the uk sign on thursday this week"
    assert recased(question, [_hit(PASSAGE)]) == "What did the U.S. and the U.K. sign on Thursday this week"


def test_a_word_the_passages_write_in_lower_case_as_often_stays():
    assert recased("who told us?", [_hit("He told us so, and the U.S. envoy told us again.")]) == "Who told us?"


def test_headlines_and_first_words_of_sentences_do_not_count():
    # "Week" opens a sentence and the headline capitalises "Pomp": neither is a name
    assert recased("pomp and the week", [_hit(PASSAGE)]) == "Pomp and the week"


def test_a_question_with_any_capital_is_left_as_typed():
    question = "Did keir starmer meet Trump?"
    assert recased(question, [_hit(PASSAGE)]) == question
    assert recased("2+2?", [_hit(PASSAGE)]) == "2+2?"


def test_a_question_typed_without_its_mark_is_read_with_one():
    from rag.recase import punctuated

    assert punctuated("who won the super bowl") == "who won the super bowl?"
    assert punctuated("Which city hosts the summit  ") == "Which city hosts the summit?"
    assert punctuated("“What happened in Iran") == "“What happened in Iran?"
    assert punctuated("the us signed a deal with which country") == "the us signed a deal with which country?"
    for kept in (
        "Who attends the 2+2?",
        "hurricane damage",
        "Tell me about the 2+2.",
        "whoever wins",
        "what!",
        "somewhat cloudy",
    ):
        assert punctuated(kept) == kept
