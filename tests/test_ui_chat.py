"""The chat function behind the page's Ask button and the /chat endpoint, called directly
with the test models: what each update holds, and when it comes."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pytest

from rag.pipeline import Pipeline
from tests.conftest import fake_settings
from ui.app import ANY_SOURCE, build_app

QUESTION = "When will the harbour festival take place?"


@pytest.fixture
def pipe(tmp_path: Path) -> Pipeline:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "festival.txt").write_text(
        "Harbour festival notice\n\nThe harbour festival will take place in Marlow on Saturday. Tickets are free."
    )
    p = Pipeline(fake_settings(tmp_path / "home"))
    p.index([corpus])
    return p


def chat_functions(pipe: Pipeline, slots: threading.Semaphore) -> tuple[object, object]:
    """(the /chat endpoint's function, the page's own) from the built app."""
    app = build_app(pipe, slots=slots)
    api = next(f.fn for f in app.fns.values() if f.api_name == "chat")
    page = next(f.fn for f in app.fns.values() if isinstance(f.fn, functools.partial))
    return api, page


def test_the_page_shows_the_question_before_an_answer_slot_frees(pipe: Pipeline) -> None:
    slots = threading.Semaphore(0)  # every answer slot taken
    _, page = chat_functions(pipe, slots)
    turn = page(QUESTION, [], ANY_SOURCE, "", "", "extractive", "")
    first: list[tuple] = []
    taker = threading.Thread(target=lambda: first.append(next(turn)), daemon=True)
    taker.start()
    taker.join(10)
    if not first:
        slots.release()  # let the blocked turn end
        pytest.fail("the question waited for an answer slot before it showed")
    history, box, answer = first[0]
    assert history[-2] == {"role": "user", "content": QUESTION} and box == "" and answer == {}
    done: list[tuple] = []
    worker = threading.Thread(target=lambda: done.extend(turn))
    worker.start()
    worker.join(0.5)
    assert worker.is_alive() and not done  # the answer itself waits for a slot
    slots.release()
    worker.join(30)
    history, box, answer = done[-1]
    assert "Saturday" in answer["answer"] and "rag-answer" in history[-1]["content"]
    assert box == {"__type__": "update"}  # the box is left to the user once the question is taken


def test_the_chat_endpoint_holds_a_slot_for_the_whole_turn(pipe: Pipeline) -> None:
    slots = threading.Semaphore(1)
    api, _ = chat_functions(pipe, slots)
    updates = list(api(QUESTION, [], ANY_SOURCE, "", "", "extractive", ""))
    history, box, answer = updates[-1]
    assert box == "" and "Saturday" in answer["answer"]  # the endpoint's outputs as documented
    assert history[-1]["role"] == "assistant" and "rag-answer" in history[-1]["content"]
    assert all(u[1] == "" for u in updates)
    assert slots.acquire(blocking=False)  # given back
    slots.release()
    bad = list(api("x", [], ANY_SOURCE, "yesterday", "", "extractive", ""))[-1]
    assert bad[1] == "x" and "YYYY-MM-DD" in bad[2]["error"]  # the question goes back into the box
