from hypothesis import given, settings
from hypothesis import strategies as st

from rag.chunking import Chunker, locate
from rag.corpus import Skipped, iter_corpus
from rag.records import Article
from rag.sentences import sentence_spans
from tests.conftest import SEEDS
from tests.fakes import HashingEmbedder

COUNT = HashingEmbedder().count_tokens


def test_seed_chunks_point_into_the_article():
    (art,) = [a for a in iter_corpus([SEEDS]) if not isinstance(a, Skipped)]
    chunks = Chunker(60, 10, COUNT).split(art)
    assert len(chunks) > 3
    for i, c in enumerate(chunks):
        assert art.text[c.start : c.end] == c.text
        assert c.position == i and c.article_id == art.id and c.title == art.title
    assert len({c.id for c in chunks}) == len(chunks)
    joined = " ".join(c.text for c in chunks)
    assert "Lloyd Austin" in joined and "Indo-Pacific region." in joined


def test_chunk_ids_are_deterministic():
    (art,) = [a for a in iter_corpus([SEEDS]) if not isinstance(a, Skipped)]
    a = [c.id for c in Chunker(60, 10, COUNT).split(art)]
    b = [c.id for c in Chunker(60, 10, COUNT).split(art)]
    assert a == b


def test_locate_tolerates_whitespace_changes():
    text = "One  sentence here.\n\nAnother\tsentence there."
    start, end = locate(text, "sentence here. Another sentence")
    assert text[start:end] == "sentence here.\n\nAnother\tsentence"
    assert locate(text, "not in there") is None


words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=40), min_size=1, max_size=12))
def test_offsets_hold_for_any_text_and_the_word_bound_changes_no_chunk(paragraphs):
    text = "\n\n".join(" ".join(p) + "." for p in paragraphs).strip()
    if not text.strip("."):
        return
    art = Article(id="x", title="t", text=text)
    chunks = Chunker(24, 6, COUNT).split(art)
    for c in chunks:
        assert text[c.start : c.end] == c.text and c.text.strip()
        assert c.sentences == tuple(sentence_spans(c.text))
    exact = Chunker(24, 6, COUNT)
    exact.count = COUNT  # type: ignore[method-assign]  # every text tokenized
    assert [(c.start, c.end) for c in chunks] == [(c.start, c.end) for c in exact.split(art)]


def test_count_does_not_tokenize_texts_over_twice_the_chunk_size_in_words():
    calls: list[str] = []

    def counter(text: str) -> int:
        calls.append(text)
        return COUNT(text)

    chunker = Chunker(50, 10, counter)
    assert chunker.count(" ".join(["word"] * 101)) == 101 and calls == []
    assert chunker.count(" ".join(["word"] * 100)) == 100 and len(calls) == 1


def test_no_chunk_ends_between_a_time_and_its_zone():
    """Punkt ends a sentence at "p.m." before "ET"; the splitter's sentences are joined there,
    so a chunk never ends at "5 p.m." and leaves "ET on Main Street." to the next."""
    text = " ".join(f"Parade {n} began at {n % 12 + 1} p.m. ET on Main Street near the old mill." for n in range(40))
    chunks = Chunker(30, 6, COUNT).split(Article(id="p", title="Parades", text=text))
    assert len(chunks) > 5
    for c in chunks:
        assert c.text.startswith("Parade") and c.text.endswith("old mill."), c.text
