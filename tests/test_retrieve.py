"""Fusion, filters and question cleaning on a small synthetic corpus with known answers."""

import json

import pytest

from rag.pipeline import Pipeline
from rag.records import Filters
from rag.retrieve import clean_question, rrf
from tests.conftest import fake_settings

ROWS = [
    {
        "id": "a1",
        "title": "Flood in Riverton",
        "text": "Heavy rain flooded Riverton streets. The river rose two metres.",
        "source": "CNN",
        "published": "2025-01-05",
    },
    {
        "id": "a2",
        "title": "Flood warning lifted",
        "text": "Officials lifted the flood warning for Riverton after the river fell.",
        "source": "USA Today",
        "published": "2025-03-10",
    },
    {
        "id": "a3",
        "title": "Election results",
        "text": "Maria Lopez won the mayoral election in Riverton by 400 votes.",
        "source": "CNN",
        "published": "2024-11-06",
    },
    {
        "id": "a4",
        "title": "Undated flood note",
        "text": "Flood insurance claims in Riverton doubled, an insurer said.",
        "source": "CNN",
    },
]


@pytest.fixture
def pipe(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS))
    p = Pipeline(fake_settings(tmp_path / "home", chunk_size=64, chunk_overlap=8))
    p.index([path])
    return p


def test_rrf_rewards_agreement():
    fused = rrf([["a", "b", "c"], ["b", "c", "a"]])
    assert [d for d, _ in fused][:1] == ["b"]
    assert rrf([["x"], []])[0] == ("x", pytest.approx(1 / 61))


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid", "rerank"])
def test_each_mode_finds_the_known_answer(pipe, mode):
    hits = pipe.search("Who won the mayoral election in Riverton?", k=2, mode=mode)
    assert hits[0].chunk.article_id == "a3"
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


@pytest.mark.parametrize("mode", ["dense", "bm25", "hybrid", "rerank"])
def test_filters_apply_to_every_mode(pipe, mode):
    q = "Riverton flood"
    by_source = pipe.search(q, k=10, mode=mode, filters=Filters(source="USA Today"))
    assert {h.chunk.article_id for h in by_source} == {"a2"}
    since = pipe.search(q, k=10, mode=mode, filters=Filters(since="2025-01-01"))
    assert {h.chunk.article_id for h in since} <= {"a1", "a2"} and since
    window = pipe.search(q, k=10, mode=mode, filters=Filters(since="2024-11-01", until="2025-01-31"))
    assert {h.chunk.article_id for h in window} <= {"a1", "a3"} and window
    assert all(h.chunk.published for h in window)  # undated articles never match a date range


@pytest.mark.parametrize("exact_among", [5000, 0])  # ids searched exactly; or an unfiltered query, filtered
@pytest.mark.parametrize(
    "filters",
    [
        Filters(source="CNN"),
        Filters(since="2025-01-01"),
        Filters(as_of="2025-01-31"),
        Filters(source="CNN", since="2024-01-01", until="2025-01-31", as_of="2025-01-10"),
        Filters(until="2000-01-01"),
    ],
)
def test_dense_filters_match_chromas_own_where(pipe, monkeypatch, filters, exact_among):
    """The dense search's filters, applied through the BM25 index's metadata, return what
    Chroma's ``where`` returns: the same chunks in the same order."""
    from rag import retrieve
    from rag.vectors import chroma_where

    monkeypatch.setattr(retrieve, "EXACT_AMONG", exact_among)
    vector = pipe.query_embedder.encode_query("Riverton flood election")
    ours = pipe.retriever().nearest(vector, 3, filters)
    chroma = pipe.vector_store().query(vector, 3, chroma_where(filters))
    assert [d for d, _ in ours] == [d for d, _ in chroma]
    assert [s for _, s in ours] == pytest.approx([s for _, s in chroma], abs=1e-5)


def test_as_of_keeps_undated_articles(pipe):
    hits = pipe.search("Riverton flood", k=10, mode="dense", filters=Filters(as_of="2025-01-31"))
    assert {h.chunk.article_id for h in hits} == {"a1", "a3", "a4"}


def test_title_takes_part_in_matching(pipe):
    hits = pipe.search("warning lifted", k=1, mode="bm25")
    assert hits[0].chunk.article_id == "a2"


def test_instructions_are_stripped_before_retrieval():
    assert clean_question("Who attends the 2+2? Cite passages and answer briefly.") == "Who attends the 2+2?"
    assert clean_question("Please answer in one sentence: where is the summit?") == "where is the summit?"
    assert clean_question("cite sources") == "cite sources"  # nothing left: keep the original


def test_shallow_rerank_reorders_only_the_head(pipe):
    from dataclasses import replace

    q = "Riverton flood river"
    fused = [h.chunk.id for h in pipe.search(q, k=4, mode="hybrid")]
    shallow = Pipeline(replace(pipe.settings, rerank_depth=2))
    hits = shallow.search(q, k=4, mode="rerank")
    assert [h.chunk.id for h in hits][2:] == fused[2:]  # below the depth: fused order, kept
    assert sorted(h.chunk.id for h in hits[:2]) == sorted(fused[:2])
    assert [h.stage for h in hits] == ["rerank", "rerank", "hybrid", "hybrid"]
    assert hits[0].score >= hits[1].score


def test_a_search_may_rerank_fewer_candidates_than_the_retriever(pipe):
    from dataclasses import replace

    q = "Riverton flood river"
    deep = Pipeline(replace(pipe.settings, rerank_depth=4, rerank_probe=0))
    assert [h.stage for h in deep.retriever().search(q, k=4)] == ["rerank"] * 4
    hits = deep.retriever().search(q, k=4, rerank_depth=2)
    assert [h.stage for h in hits] == ["rerank", "rerank", "hybrid", "hybrid"]


def _scored_lengths(pipeline, monkeypatch):
    """Record how many passages each cross-encoder call scores."""
    reranker = pipeline.reranker
    score = reranker.score
    calls: list[int] = []

    def counting(query, passages):
        calls.append(len(passages))
        return score(query, passages)

    monkeypatch.setattr(reranker, "score", counting)
    return calls


def test_a_confident_probe_stops_the_rerank(pipe, monkeypatch):
    """The first fused candidates are scored first; one at or above the confidence score
    ends reranking there and the rest keeps the fused order."""
    from dataclasses import replace

    q = "Riverton flood river"
    fused = [h.chunk.id for h in pipe.search(q, k=4, mode="hybrid")]
    sure = Pipeline(replace(pipe.settings, rerank_depth=4, rerank_probe=2, rerank_confident=0.5))
    calls = _scored_lengths(sure, monkeypatch)
    hits = sure.search(q, k=4)
    assert calls == [2]  # the overlap reranker gives the best fused passage 1.0 here
    assert [h.stage for h in hits] == ["rerank", "rerank", "hybrid", "hybrid"]
    assert sorted(h.chunk.id for h in hits[:2]) == sorted(fused[:2])
    assert [h.chunk.id for h in hits][2:] == fused[2:]


def test_an_unsure_probe_reranks_to_the_full_depth(pipe, monkeypatch):
    from dataclasses import replace

    q = "Riverton flood river"
    deep = Pipeline(replace(pipe.settings, rerank_depth=4, rerank_probe=2, rerank_confident=1.5))
    calls = _scored_lengths(deep, monkeypatch)
    hits = deep.search(q, k=4)
    assert calls == [2, 2]  # the probe, then the rest of the depth
    assert [h.stage for h in hits] == ["rerank"] * 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    whole = Pipeline(replace(pipe.settings, rerank_depth=4, rerank_probe=0))
    calls = _scored_lengths(whole, monkeypatch)
    assert [h.chunk.id for h in whole.search(q, k=4)] == [h.chunk.id for h in hits]
    assert calls == [4]  # probe 0: the whole depth at once, as before


def test_a_search_may_rerank_its_whole_depth_where_the_probe_would_stop(pipe, monkeypatch):
    """``rerank_probe=0`` on one search scores every candidate of the depth at once, even
    where the retriever's own probe finds a clear match; ``None`` keeps the retriever's probe."""
    from dataclasses import replace

    q = "Riverton flood river"
    sure = Pipeline(replace(pipe.settings, rerank_depth=4, rerank_probe=2, rerank_confident=0.5))
    calls = _scored_lengths(sure, monkeypatch)
    whole = sure.retriever().search(q, k=4, rerank_probe=0)
    assert calls == [4] and [h.stage for h in whole] == ["rerank"] * 4
    assert [h.score for h in whole] == sorted((h.score for h in whole), reverse=True)
    calls.clear()
    probed = sure.retriever().search(q, k=4, rerank_probe=None)
    assert calls == [2] and [h.stage for h in probed] == ["rerank", "rerank", "hybrid", "hybrid"]


def test_a_probe_below_the_floor_stops_the_rerank(pipe, monkeypatch):
    """Every probed candidate scoring under the floor (nothing near the top matches) ends the
    rerank as well; a floor under the probe's scores changes nothing."""
    from dataclasses import replace

    q = "Riverton flood river"
    fused = [h.chunk.id for h in pipe.search(q, k=4, mode="hybrid")]
    base = replace(pipe.settings, rerank_depth=4, rerank_probe=2, rerank_confident=1.5)
    low = Pipeline(replace(base, rerank_floor=1.2))  # the overlap reranker's scores are at most 1.0
    calls = _scored_lengths(low, monkeypatch)
    hits = low.search(q, k=4)
    assert calls == [2]
    assert [h.stage for h in hits] == ["rerank", "rerank", "hybrid", "hybrid"]
    assert [h.chunk.id for h in hits][2:] == fused[2:]
    under = Pipeline(replace(base, rerank_floor=-1.0))
    calls = _scored_lengths(under, monkeypatch)
    under.search(q, k=4)
    assert calls == [2, 2]


def test_rerank_probe_settings_come_from_the_environment():
    from rag.errors import ConfigError
    from rag.settings import Settings

    s = Settings.load(env={"RAG_RERANK_PROBE": "3", "RAG_RERANK_CONFIDENT": "inf"})
    assert (s.rerank_probe, s.rerank_confident) == (3, float("inf"))
    with pytest.raises(ConfigError):
        Settings.load(env={"RAG_RERANK_PROBE": "-1"})
    assert Settings.load(env={}).rerank_floor == -3.0
    assert Settings.load(env={"RAG_RERANK_FLOOR": "-inf"}).rerank_floor == float("-inf")
    with pytest.raises(ConfigError):
        Settings.load(env={"RAG_RERANK_FLOOR": "6", "RAG_RERANK_CONFIDENT": "5"})
