"""A live blog's bylines: found from the whole article, cut out of the sentence they sit in,
at indexing and in an index that stored its sentences by older rules."""

from __future__ import annotations

import json

from rag import Pipeline
from rag.catalog import Catalog
from rag.chunking import Chunker
from rag.liveblog import bylines
from rag.records import Article
from rag.sentences import sentence_spans


def _update(time: str, body: str) -> str:
    return f"{time} am ET June 12, 2026 Share this update {body}"


BLOG = "\n\n".join(
    [
        _update("9:30", "Who won the last World Cup? Jesse Yomtov Argentina won the 2022 World Cup in Qatar."),
        _update(
            "9:10",
            "Trump warns Iran Rebecca Morin President Donald Trump warned Iran. Donald Trump spoke at noon.",
        ),
        _update("9:05", "Ships head for the Persian Gulf Rebecca Morin Three tankers sailed at dawn."),
        _update("8:50", "Storm nears the Persian Gulf Officials closed two ports on Friday."),
        _update("8:40", "Fans gather in Kansas City Jesse Yomtov and Pat Lee Supporters filled the square."),
        _update("8:30", "Paraguay's coach is confident Alex Morgan Paraguay coach Gustavo Alfaro spoke. –Alex Morgan"),
        _update("8:20", "Which teams play today? Mexico faces South Africa at noon, says Donald Trump Jr."),
    ]
)


def _names(text: str) -> list[str]:
    return [text[s:e] for s, e in bylines(text)]


def test_a_reporters_name_after_an_updates_headline_is_its_byline():
    assert _names(BLOG) == [
        "Jesse Yomtov",  # opens two updates
        "Rebecca Morin",  # before "President Donald Trump", a name the story uses
        "Rebecca Morin",  # not "Persian Gulf": a headline does not end in "the"
        "Jesse Yomtov and Pat Lee",  # a second reporter, named in this update only
        "Alex Morgan",  # one update, but signed "–Alex Morgan"
    ]
    # the update with no byline has none, though "Persian Gulf" is in two updates
    assert "Persian Gulf" not in _names(BLOG)


def test_a_name_is_no_reporters_from_one_update_or_outside_a_live_blog():
    one = _update("9:30", "Who won the last World Cup? Jesse Yomtov Argentina won the 2022 World Cup.")
    assert bylines(one) == []  # one update, no signature: the headline's end is unknown
    assert bylines(BLOG.replace("Share this update", "Share")) == []
    # a name the story uses as often as the updates it opens is no reporter's
    mentioned = BLOG + "\n\nJesse Yomtov said so. Jesse Yomtov said it again."
    assert "Jesse Yomtov" not in _names(mentioned)


def test_a_byline_ends_the_sentence_it_sits_in():
    spans = sentence_spans(BLOG, bylines(BLOG))
    sentences = [BLOG[s:e] for s, e in spans]
    assert "Argentina won the 2022 World Cup in Qatar." in sentences
    assert "Trump warns Iran" in sentences[2]  # the headline, still after its update's header
    assert "President Donald Trump warned Iran." in sentences
    assert "Supporters filled the square." in sentences
    assert not any("Yomtov" in s or "Rebecca Morin" in s for s in sentences)
    # without bylines the spans are sentence_spans' own
    assert sentence_spans(BLOG) == sentence_spans(BLOG, ())
    assert "Jesse Yomtov Argentina won the 2022 World Cup in Qatar." in [BLOG[s:e] for s, e in sentence_spans(BLOG)]


def _chunker() -> Chunker:
    return Chunker(60, 10, lambda text: len(text.split()))


def test_each_chunk_stores_its_sentences_without_the_bylines_found_in_the_whole_article():
    article = Article(id="blog", title="World Cup live", text=BLOG, source="test", published="2026-06-12")
    chunks = _chunker().split(article)
    assert len(chunks) > 1  # the bylines are found in the article, not in each chunk
    quoted = [c.text[s:e] for c in chunks for s, e in c.sentences or ()]
    assert "Argentina won the 2022 World Cup in Qatar." in quoted
    assert not any("Jesse Yomtov" in q or "Rebecca Morin" in q for q in quoted)


def test_an_index_that_stored_sentences_by_older_rules_has_them_computed_again_once(settings, tmp_path):
    corpus = tmp_path / "blog.jsonl"
    corpus.write_text(
        json.dumps({"id": "blog", "title": "World Cup live", "text": BLOG, "published": "2026-06-12"}) + "\n"
    )
    Pipeline(settings).index([corpus])
    path = settings.home / "catalog.sqlite"
    cat = Catalog(path)
    stored = {c.id: c.sentences for c in cat.iter_chunks(sentences=True)}
    assert all(s is not None for s in stored.values())
    quoted = [c.text[s:e] for c in cat.iter_chunks(sentences=True) for s, e in c.sentences or ()]
    assert not any("Jesse Yomtov" in q for q in quoted)
    # as an index of the first rules stored them: spans without the bylines cut
    cat.set_sentences({c.id: sentence_spans(c.text) for c in cat.iter_chunks(sentences=True)})
    cat.set_meta(sentence_rules="1")
    cat.close()
    report = Pipeline(settings).index([corpus])
    assert report.unchanged == 1 and "sentences" in report.timings
    cat = Catalog(path)
    assert {c.id: c.sentences for c in cat.iter_chunks(sentences=True)} == stored
    cat.close()
    assert "sentences" not in Pipeline(settings).index([corpus]).timings


def test_an_updates_first_sentence_is_also_scored_with_its_headline():
    """Cut from its headline, "Argentina won the 2022 World Cup ..." answers "Who won the
    last World Cup?" only read after "Who won the last World Cup?": it is also scored so,
    keeping the higher score; no other sentence is."""
    import numpy as np

    from rag.answer_sentences import after_headline, candidate_sentences, with_antecedents
    from rag.records import Hit

    article = Article(id="blog", title="World Cup live", text=BLOG, source="test", published="2026-06-12")
    chunk = next(c for c in _chunker().split(article) if "Argentina won" in c.text)
    sentences = candidate_sentences([Hit(chunk, 1.0, 0)])
    texts = [s.text for s in sentences]
    story = texts.index("Argentina won the 2022 World Cup in Qatar.")
    assert texts[story - 1] == "Who won the last World Cup?"
    opened = [texts[i] for i in range(1, len(sentences)) if after_headline(sentences[i - 1], sentences[i])]
    # each update's story, after its headline and byline; not "Donald Trump spoke at noon."
    assert opened == ["Argentina won the 2022 World Cup in Qatar.", "President Donald Trump warned Iran."]

    class LastCup:
        """Scores a passage by whether it names the last World Cup."""

        def score(self, query, passages):
            return np.array([5.0 if "last World Cup" in p else -5.0 for p in passages])

    relevance = np.full(len(sentences), -5.0)
    out = with_antecedents(LastCup(), "Who won the last World Cup?", sentences, relevance)
    assert out[story] == 5.0 and out[story - 1] == -5.0
    assert all(out[i] == -5.0 for i in range(len(sentences)) if i != story)
