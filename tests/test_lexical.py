"""The segmented BM25 index: a small change goes to a delta segment scored on the main
segment's scale, and searches as a clean build would; a large one builds a new main."""

from __future__ import annotations

import json
import random
import unicodedata
from collections import Counter

import numpy as np
import pytest

from rag.lexical import MERGE_FRACTION, Lexical, Stats, outdated, tokenize
from rag.pipeline import Pipeline
from rag.records import Filters
from tests.conftest import fake_settings

WORDS = [
    "harbour",
    "council",
    "budget",
    "ferry",
    "bridge",
    "school",
    "library",
    "storm",
    "river",
    "market",
    "election",
    "mayor",
    "train",
    "airport",
    "museum",
    "festival",
    "hospital",
    "police",
    "court",
    "tax",
    "road",
    "park",
    "farm",
    "factory",
    "union",
    "strike",
    "vote",
    "minister",
    "treaty",
    "border",
    "summit",
    "league",
    "final",
    "goal",
    "coach",
    "season",
    "player",
    "match",
    "weather",
    "flood",
    "drought",
    "fire",
    "forest",
    "coast",
    "island",
    "village",
    "city",
    "county",
    "state",
    "nation",
]


def write_corpus(folder, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = " ".join(" ".join(rng.choices(WORDS, k=12)) + "." for _ in range(6))
        (folder / f"a{i:03d}.txt").write_text(f"Report {i} {rng.choice(WORDS)}\n\n{body}\n")


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "news"
    write_corpus(folder, 60)
    return folder


def lexical_of(pipe: Pipeline) -> Lexical:
    return Lexical.load(pipe.settings.home, pipe.catalog.get_meta("bm25_dir"))


def test_delta_scores_are_bm25s_scores_given_the_same_statistics(tmp_path, corpus_dir):
    """Stats.score over every main document equals bm25s's score for it, so a delta
    document is ranked on the same scale as the main ones."""
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus_dir])
    lex = lexical_of(pipe)
    folder = pipe.settings.home / pipe.catalog.get_meta("bm25_dir")
    stats = Stats(lex.retriever, np.load(folder / "lengths.npy"))
    docs = [tokenize([c.model_text], lex.stemmer)[0] for c in pipe.catalog.iter_chunks()]
    assert [c.id for c in pipe.catalog.iter_chunks()] == lex.ids
    assert [len(d) for d in docs] == np.load(folder / "lengths.npy").tolist()
    for query in ("harbour ferry", "storm storm flood river", "minister treaty summit border vote"):
        tokens = tokenize([query], lex.stemmer)[0]
        expected = lex.retriever.get_scores(tokens)
        ours = [stats.score(tokens, Counter(d), len(d)) for d in docs]
        np.testing.assert_allclose(ours, expected, rtol=1e-5, atol=1e-6)


def test_small_changes_go_to_a_delta_and_search_as_a_clean_build_would(tmp_path, corpus_dir):
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus_dir])
    (corpus_dir / "a003.txt").write_text("Ferry strike\n\nThe axolotl quorum met at the harbour on Monday.\n")
    (corpus_dir / "new.txt").write_text("Narwhal seen\n\nA narwhal swam past the marina, said Lena Berg.\n")
    old_text = (corpus_dir / "a007.txt").read_text()
    (corpus_dir / "a007.txt").unlink()
    report = pipe.index([corpus_dir])
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert report.bm25 == "delta" and "|" in pipe.catalog.get_meta("bm25_dir")
    lex = lexical_of(pipe)
    assert lex.search("narwhal marina", 1)[0][0].startswith(pipe.search("narwhal", 1, mode="bm25")[0].chunk.article_id)
    assert "axolotl" in pipe.search("axolotl quorum", 1, mode="bm25")[0].chunk.text
    gone_title = old_text.split("\n")[0]
    assert all(h.chunk.title != gone_title for h in pipe.search(gone_title, 10, mode="bm25"))
    listed = pipe.catalog.all_chunk_ids()  # removed and replaced chunks never come back from BM25
    for query in (gone_title, old_text.split("\n")[2], "Ferry strike harbour"):
        assert {cid for cid, _ in lex.search(query, 50)} <= listed
    # what a clean build of the same folder finds: the same passages, nearly the same order
    clean = Pipeline(fake_settings(tmp_path / "clean"))
    clean.index([corpus_dir])
    rng = random.Random(3)
    overlaps, found, found_clean = [], [], []
    chunks = list(clean.catalog.iter_chunks())
    for chunk in rng.sample(chunks, 60):  # a query from a passage: is that passage found?
        query = " ".join(rng.sample(chunk.text.split(), 4))
        ours = [h.chunk.text for h in pipe.search(query, 10, mode="bm25")]
        theirs = [h.chunk.text for h in clean.search(query, 10, mode="bm25")]
        overlaps.append(len(set(ours) & set(theirs)) / max(1, len(theirs)))
        found.append(chunk.text in ours[:5])
        found_clean.append(chunk.text in theirs[:5])
    assert np.mean(overlaps) >= 0.9 and np.mean(found) >= np.mean(found_clean) - 0.05


def test_filters_reach_the_delta_and_never_the_removed_rows(tmp_path, corpus_dir):
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus_dir])
    (corpus_dir / "dated.json").write_text(
        json.dumps(
            {
                "title": "Marina",
                "text": "The narwhal returned to the marina.",
                "source": "Gazette",
                "published": "2025-03-07",
            }
        )
    )
    (corpus_dir / "a010.txt").unlink()
    assert pipe.index([corpus_dir]).bm25 == "delta"
    lex = lexical_of(pipe)
    for filters in (Filters(source="Gazette"), Filters(since="2025-03-01"), Filters(until="2025-03-31")):
        hits = pipe.search("narwhal marina", 3, mode="bm25", filters=filters)
        assert [h.chunk.title for h in hits] == ["Marina"], filters
        keep = lex.mask(filters)
        assert int(keep.sum()) == 1 and lex.ids[int(np.flatnonzero(keep)[0])] == hits[0].chunk.id
    assert pipe.search("narwhal", 3, mode="bm25", filters=Filters(source="Elsewhere")) == []
    removed = lex.mask(Filters(until="2099-01-01", since="1900-01-01"))
    assert removed is not None and removed[: lex.n_main][~lex.alive].sum() == 0


def test_a_large_change_builds_a_new_main_segment(tmp_path, corpus_dir):
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus_dir])
    main_chunks = pipe.status().chunks
    write_corpus(tmp_path / "more", int(60 * MERGE_FRACTION * 3), seed=11)
    for f in (tmp_path / "more").iterdir():
        f.rename(corpus_dir / f"more-{f.name}")
    report = pipe.index([corpus_dir])
    assert report.chunks - main_chunks > MERGE_FRACTION * main_chunks
    assert report.bm25 == "main" and "|" not in pipe.catalog.get_meta("bm25_dir")
    assert sorted(p.name for p in (pipe.settings.home / "bm25").iterdir()) == [
        pipe.catalog.get_meta("bm25_dir").split("/")[1]
    ]
    assert pipe.index([corpus_dir]).bm25 == ""  # nothing changed: nothing rebuilt


def test_rag_bench_edit_home_times_each_edit_on_a_copy(tmp_path, corpus_dir):
    import subprocess

    from tests.conftest import run_rag

    home = tmp_path / "home"
    assert run_rag(home, "index", str(corpus_dir), "--quiet").returncode == 0
    before = subprocess.run(["find", str(home), "-type", "f"], capture_output=True, text=True).stdout
    done = run_rag(home, "bench", "--edit-home", str(home), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [(step, kind) for step, _, _, kind in result["steps"]] == [
        ("add one article", "delta"),
        ("add another", "delta"),
        ("edit one", "delta"),
        ("remove one", "delta"),
    ]
    assert all(seconds > bm25 > 0 for _, seconds, bm25, _ in result["steps"]) and result["full_bm25_build_s"] > 0
    assert subprocess.run(["find", str(home), "-type", "f"], capture_output=True, text=True).stdout == before


def test_a_name_matches_however_its_accent_is_written(tmp_path):
    """An article that decomposes its accents ("Beyonce" + U+0301, as 574 of the RealTime QA
    articles do) is found by the name typed composed, decomposed, or without the accent."""
    folder = tmp_path / "news"
    write_corpus(folder, 20)
    name = unicodedata.normalize("NFD", "Beyoncé")
    (folder / "star.txt").write_text(f"Tour ends\n\n{name} closed the tour at the stadium.\n")
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([folder])
    for typed in ("Beyoncé", name, "Beyonce", "BEYONCÉ"):
        hits = pipe.search(typed, 3, mode="bm25")
        assert hits and hits[0].chunk.article_id == pipe.search("stadium tour", 1, mode="bm25")[0].chunk.article_id


def test_an_index_of_an_older_token_form_is_rebuilt_by_the_next_run(tmp_path, corpus_dir):
    """A main segment from before accents were taken off (no "form" recorded) is searched as
    it was built, and the next `rag index` run builds a new one under another name: the old
    one stays whole until the catalog points at the new."""
    name = unicodedata.normalize("NFD", "Beyoncé")
    (corpus_dir / "star.txt").write_text(f"Tour ends\n\n{name} closed the tour at the stadium.\n")
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus_dir])
    spec = pipe.catalog.get_meta("bm25_dir")
    (pipe.settings.home / spec / "form").unlink()
    old = Lexical.load(pipe.settings.home, spec)
    assert old.form == 0 and old.search("Beyonce", 1)  # the decomposed name's letters, as then
    assert not old.search("Beyoncé", 1)  # the composed name was its own word then
    assert outdated(pipe.settings.home, spec)
    report = pipe.index([corpus_dir])
    assert report.bm25 == "main" and (report.added, report.updated) == (0, 0)
    new = pipe.catalog.get_meta("bm25_dir")
    assert new != spec and not (pipe.settings.home / spec).exists()
    assert not outdated(pipe.settings.home, new) and lexical_of(pipe).search("Beyoncé", 1)
    assert pipe.index([corpus_dir]).bm25 == ""  # up to date: nothing rebuilt


def test_a_word_in_every_chunk_is_left_out_of_the_fused_search(tmp_path, corpus_dir):
    """Every title here holds "Report": a word held by every chunk tells none from another,
    so the fused search leaves it out; BM25 alone still lists its matches. The count takes
    in the delta segment's chunks too."""
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([corpus_dir])
    (corpus_dir / "new.txt").write_text("Report on a narwhal\n\nA narwhal swam past the marina, said Lena Berg.\n")
    assert pipe.index([corpus_dir]).bm25 == "delta"
    lex = lexical_of(pipe)
    tokens = tokenize(["report narwhal marina"], lex.stemmer)[0]
    assert lex.telling(tokens) == ["narwhal", "marina"]
    assert len(lex.search("report", 5)) == 5
    assert lex.search("report", 5, telling=True) == []
    hits = pipe.search("report narwhal", 3, mode="hybrid")
    assert hits[0].chunk.title == "Report on a narwhal"
    # one chunk without the word, and it tells that chunk from the others
    (corpus_dir / "other.txt").write_text("Narwhal seen again\n\nThe narwhal came back to the marina.\n")
    pipe.index([corpus_dir])
    assert lexical_of(pipe).telling(tokens) == tokens


def test_a_word_in_all_chunks_but_one_still_counts(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, words in enumerate(["alpha beta", "alpha beta", "alpha gamma", "delta gamma"]):
        (folder / f"n{i}.txt").write_text(f"Note {i}\n\nThe {words} story.\n")
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    pipe.index([folder])
    lex = lexical_of(pipe)
    assert len(lex.ids) == 4
    assert lex.telling(["alpha", "beta", "gamma", "note"]) == ["alpha", "beta", "gamma"]
