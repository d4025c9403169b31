"""Who holds a title, counted over passages (``rag/incumbents.py``)."""

from __future__ import annotations

from rag.answer_sentences import Sentence
from rag.incumbents import Mention, elected, holder_from, mentions
from rag.records import Chunk, Hit

QUESTION = "Who is the prime minister of Nordland?"


def _hit(article: str, published: str, text: str) -> Hit:
    return Hit(Chunk(f"{article}#0", article, text, 0, len(text), 0, title=article, published=published), 1.0, 1)


def _mention(article: str, published: str, text: str, name: str) -> Mention:
    hit = _hit(article, published, text)
    at = text.index(name)
    return Mention(Sentence(hit, 0, len(text), text), at, at + len(name))


def test_each_article_counts_once_and_a_tie_goes_to_the_one_named_latest() -> None:
    said = "Prime Minister {} of Nordland spoke. Prime Minister {} of Nordland left."
    found = [
        *(_mention("a1", "2025-05-01", said.format("Anna Berg", "Anna Berg"), n) for n in ("Anna Berg",) * 2),
        _mention("a2", "2025-05-02", "Prime Minister Anna Berg spoke.", "Anna Berg"),
        _mention("b1", "2025-05-03", "Prime Minister Jonas Lind spoke.", "Jonas Lind"),
        _mention("b2", "2025-05-04", "Prime Minister Lind spoke.", "Lind"),
    ]
    # Berg: 3 mentions in 2 articles; Lind ("Jonas Lind", "Lind" one person): 2 articles, named later
    chosen = elected(found)
    assert [m.sentence.hit.chunk.article_id for m in chosen] == ["b2", "b1"]
    assert elected(found[:3])[0].name == "Anna Berg"
    assert elected([]) == []


def test_people_named_by_the_title_and_not_as_its_former_holders() -> None:
    hits = [
        _hit("a", "2025-05-01", "Prime Minister Jonas Lind of Nordland met former Prime Minister Anna Berg."),
        _hit("b", "2025-05-02", "Eva Holm, the finance minister of Nordland, spoke of the prime minister's plan."),
        _hit("c", "2025-05-03", "Jonas Lind’s deputy met Prime Minister Jonas Lind’s staff in Nordland."),
    ]
    found = mentions(hits, QUESTION, "en_core_web_sm")
    assert [(m.sentence.hit.chunk.article_id, m.name) for m in found] == [("a", "Jonas Lind"), ("c", "Jonas Lind")]


def test_the_answer_cites_the_holder_from_the_newest_articles_with_the_fullest_name() -> None:
    chosen = [
        _mention("c", "2025-05-03", "Prime Minister Lind spoke on Friday.", "Lind"),
        _mention("b", "2025-05-02", "Prime Minister Jonas Lind spoke on Monday.", "Jonas Lind"),
        _mention("b", "2025-05-02", "Prime Minister Jonas Lind spoke on Monday.", "Jonas Lind"),
        _mention("a", "2025-05-01", "Prime Minister Jonas Lind spoke in April.", "Jonas Lind"),
    ]
    answer = holder_from(QUESTION, [], chosen)
    assert [c.article_id for c in answer.citations] == ["c", "b"]  # two articles, newest first
    assert answer.short is not None and (answer.short.text, answer.short.citation) == ("Jonas Lind", 2)
    assert answer.text == "Prime Minister Lind spoke on Friday. [1] Prime Minister Jonas Lind spoke on Monday. [2]"
    assert not answer.abstained and {h.chunk.article_id for h in answer.passages} == {"c", "b"}


def test_a_person_is_counted_by_surname_past_a_suffix() -> None:
    text = "Health Secretary Robert F. Kennedy Jr. spoke. Secretary Kennedy left."
    assert _mention("a", "2025-05-01", text, "Robert F. Kennedy Jr.").key == "kennedy"
    assert _mention("a", "2025-05-01", text, "Kennedy").key == "kennedy"


def test_a_possessive_after_an_s_is_no_part_of_the_name() -> None:
    hits = [_hit("a", "2025-05-01", "New York City Mayor Eric Adams' office said the plan would go ahead.")]
    found = mentions(hits, "Who is the mayor of New York City?", "en_core_web_sm")
    assert [m.name for m in found] == ["Eric Adams"]
