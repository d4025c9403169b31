"""A game's score: "What was the final score?" asks for "40-22", which the small spaCy
pipeline tags as a date or a number, or not at all."""

import json

import numpy as np
import pytest

from rag.answer import ExtractiveAnswerer, ExtractiveConfig
from rag.asks import wanted
from rag.entities import SCORE, with_scores
from rag.followup import make_standalone
from rag.records import Chunk, Hit
from tests.conftest import RTQA


@pytest.mark.parametrize(
    "question",
    [
        "What was the score of the Super Bowl?",
        "What was the final score?",
        "In 1980 the US men's hockey team beat the Soviet Union. But what was the final score?",
        "By what score did the Eagles win?",
        "What's the score?",
        "What was the result of the match?",
    ],
)
def test_a_question_that_asks_for_a_score(question: str) -> None:
    want = wanted(question)
    assert want is not None and want.labels == (SCORE,)


@pytest.mark.parametrize(
    "question",
    [
        "What is the average credit score?",
        "Which team had the highest score?",
        "How many points did LeBron James score?",
        "How long is a score?",
        "Who scored the winning goal?",
    ],
)
def test_questions_that_do_not_ask_for_a_score(question: str) -> None:
    want = wanted(question)
    assert want is None or SCORE not in want.labels


@pytest.mark.parametrize(
    ("text", "scores"),
    [
        ("The Philadelphia Eagles beat the Kansas City Chiefs 40-22 in Super Bowl LIX.", ["40-22"]),
        ("USA 4-3 Soviet Union", ["4-3"]),
        ("She won 6-4, 6-3 and then a 3–0 lead.", ["6-4", "6-3", "3–0"]),
        ("Dec. 20-22, and from Sept. 14 - Oct. 24.", []),  # days
        ("The court's 6-3 ruling, by a 52-48 vote, after a 10-7 record.", []),
        ("The 2022-23 season, for ages 5-11, open from 9-5; call 555-1234.", []),
        ("Hernandez is 5-11.", []),  # a height: the sentence says nothing of a result
    ],
)
def test_the_scores_a_text_gives(text: str, scores: list[str]) -> None:
    assert [text[e.start : e.end] for e in with_scores(text, []) if e.label == SCORE] == scores


class Same:
    def score(self, query: str, passages: list[str]) -> np.ndarray:
        return np.array([5.0 for _ in passages])


def test_the_score_is_the_short_answer() -> None:
    """Without the score kind, "What was the score of the Super Bowl?" asked for any name and
    was answered "Eagles"; spaCy tags "40-22" a date."""
    text = (
        "The Philadelphia Eagles beat the Kansas City Chiefs 40-22 in Super Bowl LIX on Sunday "
        "in New Orleans, denying them a third straight title."
    )
    chunk = Chunk("a#0", "a", text, 0, len(text), 0, title="Eagles win Super Bowl")
    answerer = ExtractiveAnswerer(Same, ExtractiveConfig(ner="en_core_web_sm"))
    answer = answerer.answer("What was the score of the Super Bowl?", [Hit(chunk, 5.0, 1)])
    assert answer.short is not None and answer.short.text == "40-22"


def test_a_score_is_answered_by_a_score_not_by_who_scored() -> None:
    """ "score" names no kind of noun phrase: "Georgia Stanway", who scored, is no answer."""
    texts = ("Georgia Stanway scored England's winner against Spain.", "Spain went on to win 7-0.")
    hits = [Hit(Chunk(f"a#{i}", "a", t, 0, len(t), i, title="Euros"), 5.0, i + 1) for i, t in enumerate(texts)]
    answerer = ExtractiveAnswerer(Same, ExtractiveConfig(ner="en_core_web_sm"))
    answer = answerer.answer("By what score did Spain beat England?", hits)
    assert answer.short is not None and answer.short.text == "7-0"


def test_of_the_shared_questions_only_the_final_score_asks_for_a_score() -> None:
    if not RTQA.exists():
        pytest.fail("../shared/data/realtimeqa_news is missing beside the checkout")
    rows = [json.loads(line) for line in (RTQA / "questions.jsonl").read_text().splitlines() if line.strip()]
    asked = {r["question"] for r in rows if (w := wanted(r["question"])) and SCORE in w.labels}
    assert len(asked) == 1 and all("what was the final score" in q for q in asked)


@pytest.mark.parametrize(
    ("question", "standalone"),
    [
        ("What was the final score?", "What was the final score? (won Super Bowl)"),
        ("What's the score?", "What's the score? (won Super Bowl)"),
        ("What was the score of the Super Bowl?", "What was the score of the Super Bowl?"),
        ("What was the final score in 1980?", "What was the final score in 1980?"),
    ],
)
def test_a_score_that_names_no_game_is_the_one_before(question: str, standalone: str) -> None:
    assert make_standalone(question, ["Who won the Super Bowl?"]) == standalone
