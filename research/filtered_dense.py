"""Filtered dense search: Chroma's ``where`` filter against the ids the filters allow taken
from the BM25 index's metadata (``Retriever.nearest``), on the index in ``RAG_HOME``: median
milliseconds per query and whether both return the same chunks in the same order.

    RAG_HOME=<full index> python -m research.filtered_dense \\
        --questions ../shared/data/realtimeqa_news/questions.jsonl --format realtimeqa --subset rest --limit 40
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta

from eval.report import machine
from rag import Filters, Pipeline
from rag.questions import load
from rag.vectors import chroma_where

N = 50  # what a hybrid search asks of the dense side


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    questions = [q for q in load(args.questions, args.format, args.subset) if q.date][: args.limit]
    pipe = Pipeline()
    store, retriever = pipe.vector_store(), pipe.retriever()
    vectors = [(q, pipe.query_embedder.encode_query(q.question)) for q in questions]

    def kinds(day: date) -> dict[str, Filters]:
        return {
            "as_of (the question's date)": Filters(as_of=day.isoformat()),
            "a week to as_of": Filters(since=(day - timedelta(days=6)).isoformat(), until=day.isoformat()),
            "four weeks to as_of": Filters(since=(day - timedelta(days=27)).isoformat(), until=day.isoformat()),
            "none": Filters(),
        }

    print("| filter | Chroma where p50 ms | ours p50 ms | same chunks, same order |")
    print("|---|---|---|---|")
    for name in kinds(date.today()):
        theirs, ours, same = [], [], 0
        for q, vector in vectors:
            flt = kinds(date.fromisoformat(q.date))[name]
            t = time.perf_counter()
            a = store.query(vector, N, chroma_where(flt))
            theirs.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            b = retriever.nearest(vector, N, flt)
            ours.append((time.perf_counter() - t) * 1000)
            same += [d for d, _ in a] == [d for d, _ in b]
        print(f"| {name} | {statistics.median(theirs):.1f} | {statistics.median(ours):.1f} | {same}/{len(vectors)} |")
    print(f"\n{len(vectors)} questions of {args.subset}; {machine()}")


if __name__ == "__main__":
    main()
