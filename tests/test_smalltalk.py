"""A greeting, thanks or a question about the assistant is answered with what the index
holds and what to ask it: no search, no citation, never a quote that only shares its words."""

from __future__ import annotations

import json

import pytest

from rag import Pipeline
from rag.smalltalk import small_talk, unhailed
from tests.conftest import RTQA, fake_settings, indexed_records

ROWS = [
    {
        "id": "a",
        "published": "2025-03-03",
        "title": "Harbour reopens",
        "source": "Coast News",
        "text": "The harbour in Marlow reopened on Friday. Thank you, said the mayor, to every volunteer who helped.",
    },
    {
        "id": "b",
        "published": "2025-03-07",
        "title": "Bridge opens",
        "source": "Valley Herald",
        "text": "The new bridge over the river Dunmore opened on Wednesday. Mayor Tom Whitlock cut the ribbon. "
        "Help arrived from three towns.",
    },
]


@pytest.mark.parametrize(
    "message",
    [
        "hi",
        "Hello!",
        "hey there",
        "Good morning",
        "thanks!",
        "Thank you so much.",
        "help",
        "What can you do?",
        "who are you?",
        "How does this work?",
        "ok",
    ],
)
def test_small_talk_is_read_as_such(message):
    assert small_talk(message)


@pytest.mark.parametrize(
    "message",
    [
        "Hi, who won the Super Bowl?",
        "help with rent",
        "What can you do about inflation?",
        "Who helped the mayor?",
        "thanks to whom did the harbour reopen?",
    ],
)
def test_a_question_is_not_small_talk(message):
    assert not small_talk(message)


def test_no_shared_question_is_small_talk():
    if not RTQA.exists():
        pytest.fail("../shared/data/realtimeqa_news is missing beside the checkout")
    rows = [json.loads(line) for line in (RTQA / "questions.jsonl").read_text().splitlines() if line.strip()]
    assert [r["question"] for r in rows if small_talk(r["question"])] == []


def test_a_greeting_is_answered_with_what_the_index_holds(tmp_path_factory):
    pipe = indexed_records(tmp_path_factory, ROWS)
    for message, opening in (("hello", "Hello. "), ("thanks!", "You're welcome. "), ("What can you do?", "")):
        answer = pipe.ask(message)
        assert answer.abstained and answer.citations == () and answer.passages == ()  # nothing searched
        assert answer.text.startswith(opening + "I answer questions from the 2 articles indexed here"), answer.text
        assert "published from 3 March 2025 to 7 March 2025 (Coast News, Valley Herald)" in answer.text
        assert "Try: " in answer.text and "search_ms" not in answer.timings


def test_a_greeting_before_anything_is_indexed_says_how_to_begin(tmp_path):
    answer = Pipeline(fake_settings(tmp_path / "home")).ask("hi")
    assert answer.abstained and answer.text.startswith("No articles are indexed yet")


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("Hi, who won the Super Bowl?", "Who won the Super Bowl?"),
        ("Thanks! When does the ferry leave?", "When does the ferry leave?"),
        ("Hey there, can you summarize the article about the 2+2?", "Can you summarize the article about the 2+2?"),
        ("Hi. Thanks! Who is the mayor?", "Who is the mayor?"),
        # no mark after the word: it is part of the question
        (
            "Thanks to a recent change in the law, who is now eligible?",
            "Thanks to a recent change in the law, who is now eligible?",
        ),
        ("Hey Jude topped which chart?", "Hey Jude topped which chart?"),
        ("Good morning America's host?", "Good morning America's host?"),
        ("hi", "hi"),
    ],
)
def test_a_greeting_before_a_question_is_left_out(message, question):
    assert unhailed(message) == question


def test_a_question_after_a_greeting_is_answered_as_the_question(tmp_path_factory):
    pipe = indexed_records(tmp_path_factory, ROWS)
    plain, hailed = pipe.ask("Who cut the ribbon at the bridge?"), pipe.ask("Hi, who cut the ribbon at the bridge?")
    assert plain.short is not None and plain.short.text == "Tom Whitlock"
    assert hailed.citations == plain.citations and hailed.short == plain.short  # "Hi," kept: no "who" read
