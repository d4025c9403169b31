"""An article summarized ("Summarize the article about the Marlow harbour"): the article the
subject's answer cites first, by its first sentence, the sentence that says what its headline
says and those after it, each quoted, cited and verified."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from rag.bylines import AboutArticle, about_article
from rag.records import Answer, Chunk, Citation, Hit
from rag.summaries import in_order, summarized
from rag.verify import verify
from tests.conftest import HARBOUR, asked_over_one_file, indexed_records, three_articles_asked


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Summarize the article about the Dannemora prison", "the Dannemora prison"),
        ("summarise the story on the strike", "the strike"),
        ("Can you summarize the piece about the bridge for me?", "the bridge"),
        ("Please sum up the news story about the storm", "the storm"),
        ("Give me a short summary of the article about the Marlow harbour", "the Marlow harbour"),
        ("A quick rundown of the story on the ferry", "the ferry"),
        ("What does the article about the tariffs say?", "the tariffs"),
        ("What did the article about the bridge say?", "the bridge"),
        ("What did this week's story on the dog show say?", "the dog show this week"),
        ("What is the gist of the column about the budget?", "the budget"),
        (
            "TL;DR the article titled “History of violence plagues Dannemora prison”",
            "History of violence plagues Dannemora prison",
        ),
        ("Summarize the story headlined 'Marlow harbour reopens'", "Marlow harbour reopens"),
    ],
)
def test_a_request_for_a_summary_is_read_with_its_subject(question, subject):
    assert about_article(question) == AboutArticle("summary", subject)


@pytest.mark.parametrize(
    "question",
    [
        "Summarize the news this week",  # the period's news (rag.digest)
        "Summarize this week's top stories",
        "What did the report say about inflation?",  # a report the news tells of
        "What does the study say about coffee?",
        "Summarize the latest on the tariffs",
    ],
)
def test_a_request_for_the_news_is_not_a_summary_of_one_article(question):
    assert about_article(question) is None


def test_summarize_that_article_is_the_question_before_s_article():
    earlier = "Who is the harbour master of Marlow?"
    assert about_article("Summarize that article", earlier) == AboutArticle("summary", earlier, earlier=True)
    assert about_article("What does this story say?", earlier) == AboutArticle("summary", earlier, earlier=True)
    assert about_article("Summarize that article") is None
    for question in ("Summarize it", "Can you sum that up for me?", "summarise", "TL;DR"):
        assert about_article(question, earlier) == AboutArticle("summary", earlier, earlier=True)
        assert about_article(question) is None  # with nothing asked before: the news (rag.digest)


TEXT = (
    "Photo: Coast News\n\n"
    "Crowds gathered on the quay at dawn as the first boats came back. "
    "The harbour in Marlow reopened on Friday after a storm. "
    "Harbour master Jane Ortiz said the new sea wall would hold. "
    "The repairs cost two million pounds. "
    "Fishing boats will return next week."
)


def _chunks(text: str, cuts: Sequence[tuple[int, int]]) -> list[Chunk]:
    return [
        Chunk(f"a#{n}", "a", text[s:e], s, e, n, "Marlow harbour reopens after storm", "2025-03-07", "Coast News")
        for n, (s, e) in enumerate(cuts)
    ]


def test_overlapping_passages_give_each_sentence_once_in_the_article_s_order():
    cut = TEXT.index("Harbour master")
    chunks = _chunks(TEXT, [(0, cut + 20), (TEXT.index("The harbour in"), len(TEXT))])  # overlap, a cut sentence
    got = [s.text for s in in_order([Hit(c, 0.0, n, "summary") for n, c in enumerate(chunks, 1)])]
    assert got == [
        "Crowds gathered on the quay at dawn as the first boats came back.",
        "The harbour in Marlow reopened on Friday after a storm.",
        "Harbour master Jane Ortiz said the new sea wall would hold.",
        "The repairs cost two million pounds.",
        "Fishing boats will return next week.",
    ]  # "Photo: Coast News" is too short to be a sentence of the story


class TitleWords:
    """Scores a sentence by the words it shares with the query (the article's title)."""

    def score(self, query: str, passages: Sequence[str]) -> np.ndarray:
        asked = set(query.lower().split())
        return np.array([len(asked & set(p.lower().rstrip(".").split())) for p in passages], dtype=np.float32)


def _answer(chunks: Sequence[Chunk]) -> Answer:
    told = Citation.of(1, chunks[0], chunks[0].start + 80, chunks[0].start + 120)
    return Answer(
        "the Marlow harbour", "...", (told,), False, "extractive", passages=(Hit(chunks[0], 1.0, 1, "rerank"),)
    )


def test_the_summary_is_the_first_sentence_then_the_lead_and_what_follows_it():
    chunks = _chunks(TEXT, [(0, len(TEXT))])
    answer = summarized(_answer(chunks), lambda article, n: chunks[:n], TitleWords())
    assert [c.quote for c in answer.citations] == [
        "Crowds gathered on the quay at dawn as the first boats came back.",
        "The harbour in Marlow reopened on Friday after a storm.",  # the title's words: the lead
        "Harbour master Jane Ortiz said the new sea wall would hold.",
    ]
    assert answer.text.startswith('"Marlow harbour reopens after storm" (Coast News, 7 March 2025), in brief: Crowds')
    assert answer.text.endswith("would hold. [3]") and answer.short is None
    assert verify(answer, lambda article: TEXT) == answer  # every quote is the article's text, in a given passage


def test_an_abstention_is_not_summarized():
    chunks = _chunks(TEXT, [(0, len(TEXT))])
    abstained = Answer("the Marlow harbour", "not in the corpus", (), True, "extractive")
    assert summarized(abstained, lambda article, n: chunks, TitleWords()) == abstained


def test_the_article_is_summarized_from_its_story_not_its_masthead(tmp_path):
    pipe, answer = asked_over_one_file(
        tmp_path, lambda f: (f / "harbour.txt").write_text(HARBOUR), "Summarize the article about the Marlow harbour"
    )
    assert not answer.abstained and answer.short is None
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].startswith("The harbour in Marlow reopened on Friday")  # not the byline or the date line
    assert quotes == sorted(quotes, key=HARBOUR.index) and len(quotes) == 3
    assert answer.text.startswith('"Marlow harbour reopens after storm"')
    assert verify(answer, pipe.article_text) == answer
    for follow_up in ("Summarize that article", "Summarize it"):
        after = pipe.ask(follow_up, history=["Who is the harbour master of Marlow?"])
        assert [c.quote for c in after.citations] == quotes, follow_up


@pytest.mark.slow
def test_an_article_summarized_with_the_real_models(tmp_path):
    answer = three_articles_asked(tmp_path)("What does the story on the Dunmore bridge say?")
    assert [c["quote"] for c in answer["citations"]] == [
        "The new bridge over the river Dunmore opened on Wednesday, ending a detour of twelve miles for commuters.",
        "Mayor Tom Whitlock cut the ribbon in front of about two hundred residents.",
    ], answer["answer"]
    assert answer["answer"].startswith('"New bridge opens in Dunmore" (12 March 2025), in brief: The new bridge')


@pytest.mark.slow
def test_the_seed_article_summarized_by_its_first_sentences(seed_pipeline):
    answer = seed_pipeline.ask("Summarize the article about the 2+2")
    assert [c.quote for c in answer.citations] == [
        "The United States and Japan are exploring a framework for the shared use of bases, ports, and other "
        "defense facilities in peacetime through a structured 2+2 dialogue.",
        "A major Japanese newspaper, the Nikkei, reports this development, citing unnamed sources familiar with "
        "the discussions.",
        "According to the newspaper, senior officials from both governments are anticipated to gather in the "
        "coming weeks.",
    ]
    assert answer.short is None and verify(answer, seed_pipeline.article_text) == answer
    assert answer.text.startswith('"US-Japan 2+2 Talks Focus on Peacetime Use of Bases and Enhanced Warning Systems"')


def test_that_article_is_the_one_the_answer_before_cited_first(tmp_path_factory):
    rows = [
        {
            "id": "harbour",
            "published": "2025-03-07",
            "title": "Marlow harbour reopens after storm",
            "text": HARBOUR.split("\n\n", 1)[1],
        },
        {
            "id": "bridge",
            "published": "2025-03-12",
            "title": "New bridge opens in Dunmore",
            "text": "By Priya Nair, Valley Herald\n\nThe new bridge over the river Dunmore opened on Wednesday. "
            "Mayor Tom Whitlock cut the ribbon in front of about two hundred residents.",
        },
    ]
    pipe = indexed_records(tmp_path_factory, rows)
    first = pipe.ask("Who cut the ribbon at the Dunmore bridge?", as_of="2025-03-14")
    told = first.citations[0].article_id
    history = ["Who cut the ribbon at the Dunmore bridge?"]
    summary = pipe.ask("Summarize that article", history=history, as_of="2025-03-14")
    assert summary.citations and {c.article_id for c in summary.citations} == {told}
    writer = pipe.ask("Who wrote that article?", history=history, as_of="2025-03-14")
    outlet = pipe.ask(
        "Which newspaper ran that story?", history=[*history, "Who wrote that article?"], as_of="2025-03-14"
    )
    assert writer.short is not None and writer.short.text == "Priya Nair"
    assert outlet.short is not None and outlet.short.text == "Valley Herald"  # the chain leads back to the bridge
    assert [c.quote for c in outlet.citations] == ["By Priya Nair, Valley Herald"]  # the line cited once
