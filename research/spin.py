"""Search latency with the question's embedding session spinning or not, alternating.

ONNX Runtime's worker threads spin for a while after a call, waiting for the next one. After
a question's embedding that held a core the cross-encoder's probe needed; ``encode_query``
therefore runs in a session that does not spin. This replays both on the index in
``RAG_HOME``:

    RAG_HOME=<full index> python -m research.spin --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset clean --limit 80 --rounds 2
"""

from __future__ import annotations

import argparse
import statistics
import time

from rag.pipeline import Pipeline
from rag.questions import load
from rag.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    questions = load(args.questions, args.format, args.subset)[: args.limit]
    pipe = Pipeline(Settings.load())
    pipe.search(questions[0].question)
    embedder = pipe.query_embedder
    print("| embedding session | search p50 ms | probe p50 ms (questions stopped after it) | full rerank p50 ms |")
    print("|---|---|---|---|")
    for _ in range(args.rounds):
        for name, spins in (("spinning", True), ("not spinning", False)):
            embedder.query_session_spins = spins  # type: ignore[attr-defined]
            total, probe, deep = [], [], []
            for q in questions:
                timings: dict[str, float] = {}
                t = time.perf_counter()
                hits = pipe.search(q.question, k=30, timings=timings)
                total.append((time.perf_counter() - t) * 1000)
                reranked = sum(h.stage == "rerank" for h in hits)
                (probe if reranked == pipe.settings.rerank_probe else deep).append(timings["rerank_ms"])
            print(
                f"| {name} | {statistics.median(total):.0f} | {statistics.median(probe) if probe else 0:.0f} "
                f"({len(probe)} of {len(questions)}) | {statistics.median(deep) if deep else 0:.0f} |"
            )
    embedder.query_session_spins = False  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
