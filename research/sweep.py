"""Parameter sweep behind the defaults: chunk size, embedding model and rerank depth, on the
RealTime QA clean subset over a deterministic corpus sample.

    python -m research.sweep --sample /tmp/sample.jsonl --work /tmp/sweep > sweep.md
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from eval.report import machine, markdown_table
from eval.runner import run
from eval.systems import Ours
from rag.pipeline import Pipeline
from rag.questions import load
from rag.settings import Settings
from research.sample import DEFAULT_DATA

KEYS = ("hit@1", "hit@5", "hit@10", "mrr@10", "contains@1", "contains@5", "latency_p50_ms", "latency_p95_ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--questions", type=Path, default=DEFAULT_DATA / "questions.jsonl")
    ap.add_argument("--configs", default="minilm-int8:200:40,minilm:200:40,minilm:128:24,minilm:256:48,bge:200:40")
    ap.add_argument("--depths", default="10,20,30,50")
    args = ap.parse_args()
    questions = load(args.questions, "realtimeqa", "clean")
    minilm = "sentence-transformers/all-MiniLM-L6-v2"
    # config name -> (model, precision); the packaged bge-small ships INT8 only
    models = {"minilm": (minilm, "fp32"), "minilm-int8": (minilm, "int8"), "bge": ("BAAI/bge-small-en", "int8")}
    print(f"Sweep on {len(questions)} clean-subset questions; corpus sample {args.sample.name}; {machine()}\n")
    best: tuple[float, Pipeline] | None = None
    for config in args.configs.split(","):
        model, size, overlap = config.split(":")
        s = Settings.load(
            home=args.work / config.replace(":", "-"),
            embed_model=models[model][0],
            embed_precision=models[model][1],
            chunk_size=int(size),
            chunk_overlap=int(overlap),
        )
        pipe = Pipeline(s)
        t = time.perf_counter()
        report = pipe.index([args.sample], progress=False)
        took = time.perf_counter() - t
        result = run([Ours(pipe, m) for m in ("dense", "hybrid", "rerank")], questions, progress=False)
        print(
            f"### {models[model][0]} ({pipe.embedder.precision}), chunk {size}/{overlap}: "
            f"{report.chunks} chunks, indexed in {took:.0f}s "
            f"({report.chunks_written / max(took, 1e-9):.1f} chunks/s)\n"
        )
        print(markdown_table(result.summary, KEYS) + "\n")
        sys.stdout.flush()
        score = result.summary["hybrid+rerank"]["hit@5"] + result.summary["hybrid+rerank"]["mrr@10"]
        if best is None or score > best[0]:
            best = (score, pipe)
    assert best is not None
    pipe = best[1]
    s = pipe.settings
    print(f"### rerank depth, on the best configuration above ({s.embed_model}, chunk {s.chunk_size})\n")
    rows = {}
    for depth in (int(d) for d in args.depths.split(",")):
        deep = Pipeline(replace(pipe.settings, rerank_depth=depth, rerank_probe=0))  # each depth whole
        result = run([Ours(deep, "rerank")], questions, progress=False)
        rows[f"rerank depth {depth}"] = result.summary["hybrid+rerank"]
    print(markdown_table(rows, KEYS) + "\n")


if __name__ == "__main__":
    main()
