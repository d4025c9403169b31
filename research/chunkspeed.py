"""Chunking time with and without the word bound in ``Chunker.count``, and whether the two
give the same chunks.

llama-index's SentenceSplitter counts each article whole, then its paragraphs, then the
sentences of long paragraphs. ``Chunker.count`` answers "too long" without tokenizing a
text of more than twice the chunk size in words; this runs the same articles through a
chunker that tokenizes every text and compares timings and chunk offsets.

    python -m research.chunkspeed ../shared/data/realtimeqa_news/corpus.jsonl --limit 500
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from pathlib import Path

from rag.chunking import Chunker
from rag.corpus import Skipped, iter_corpus
from rag.models import load_embedder
from rag.records import Article
from rag.settings import Settings


def timed_split(chunker: Chunker, articles: list[Article]) -> tuple[float, list[list[tuple[int, int]]]]:
    t = time.perf_counter()
    spans = [[(c.start, c.end) for c in chunker.split(a)] for a in articles]
    return time.perf_counter() - t, spans


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="first N articles (default: all)")
    ap.add_argument("--rounds", type=int, default=3, help="alternating timed rounds of each chunker")
    args = ap.parse_args()
    s = Settings.load()
    items = (a for a in iter_corpus([args.corpus]) if not isinstance(a, Skipped))
    articles = list(itertools.islice(items, args.limit or None))
    count = load_embedder(s.embed_model, s.embed_precision, s.model_cache).count_tokens
    bounded = Chunker(s.chunk_size, s.chunk_overlap, count)
    exact = Chunker(s.chunk_size, s.chunk_overlap, count)
    exact.count = count  # type: ignore[method-assign]  # every text tokenized
    bounded.warm()  # nltk's sentence model, shared by both
    times: dict[str, list[float]] = {"word bound": [], "every text tokenized": []}
    spans: dict[str, list[list[tuple[int, int]]]] = {}
    for _ in range(args.rounds):
        for name, chunker in (("word bound", bounded), ("every text tokenized", exact)):
            took, spans[name] = timed_split(chunker, articles)
            times[name].append(took)
    result = {
        "articles": len(articles),
        "chunks": sum(map(len, spans["word bound"])),
        "identical_chunks": spans["word bound"] == spans["every text tokenized"],
        "median_seconds": {k: round(statistics.median(v), 2) for k, v in times.items()},
        "seconds": {k: [round(x, 2) for x in v] for k, v in times.items()},
        "chunk_size": s.chunk_size,
        "chunk_overlap": s.chunk_overlap,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
