"""A question that must be answered with a name, a date or a number abstains when the
sentences it is answered from hold none. Those sentences are the best three, and any other
that scores within ``strict_margin`` of the best: when an article's title announces the
answer, every one of its sentences scores alike, and the one that names the champion can
rank fourth."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.answer import ExtractiveAnswerer
from rag.pipeline import Pipeline
from tests.conftest import indexed_records

QUESTION = "Who became Nordland's first skateboarding world champion this week?"
TEXT = (
    "Nordland became a skateboarding power this week after the finals in Sharjah. "
    "The sport became Olympic in Tokyo, and the world championships this week drew forty countries. "
    "Skateboarding became popular in Nordland's cities over the last decade. "
    "Mira Holt is the first world champion from the island, at just 14."
)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    title = "Nordland's first skateboarding world champion crowned this week"
    return [{"id": "skate", "published": "2026-02-13", "title": title, "text": TEXT}]


def test_the_champion_is_named_from_a_sentence_scoring_close_to_the_best(tmp_path_factory, rows) -> None:
    pipe: Pipeline = indexed_records(tmp_path_factory, rows, chunk_size=200, chunk_overlap=20)
    answer = pipe.ask(QUESTION, as_of="none")
    assert not answer.abstained, answer.text
    assert answer.short is not None and answer.short.text == "Mira Holt"


def test_without_the_margin_the_best_three_alone_decide(tmp_path_factory, rows) -> None:
    pipe: Pipeline = indexed_records(tmp_path_factory, rows, chunk_size=200, chunk_overlap=20)
    engine = pipe.answerer("extractive")
    assert isinstance(engine, ExtractiveAnswerer)
    hits = pipe.search(QUESTION, k=5, as_of="none")
    scored = engine.sentences_scored(QUESTION, hits)
    assert "Mira Holt" not in " ".join(scored.sentences[i].text for i in scored.order[:3])
    assert not engine.answer(QUESTION, hits).abstained
    best_three = ExtractiveAnswerer(lambda: pipe.reranker, replace(engine.config, strict_margin=0.0))
    assert best_three.answer(QUESTION, hits).abstained
