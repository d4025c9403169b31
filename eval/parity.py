"""Embedded against server mode: the same questions searched on two indexes of the same corpus,
one with vectors in an embedded Chroma folder, the other in a ``chroma run`` server, and
their top-k chunk ids compared question by question.

    python -m eval.parity --home /tmp/full-int8 --server-home /tmp/full-srv \\
        --chroma-url http://127.0.0.1:8765 --questions eval/questions/seed.jsonl

Both indexes must be built with the same settings (model, precision, chunking). Dense
retrieval is the part Chroma serves; ``hybrid+rerank`` is what a user gets. Exit status 1
when any question's top-k ids differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from eval.questions import load
from rag.pipeline import Pipeline
from rag.settings import Settings

MODES = (("dense", "dense"), ("rerank", "hybrid+rerank"))


def compare(embedded: Pipeline, server: Pipeline, questions: list[str], k: int) -> dict[str, dict[str, float]]:
    """Per mode: questions with identical top-k ids (in order), and the mean overlap of the two sets."""
    out: dict[str, dict[str, float]] = {}
    for mode, label in MODES:
        same = 0
        overlap = 0.0
        for q in tqdm(questions, desc=label, file=sys.stderr, leave=False):
            a = [h.chunk.id for h in embedded.search(q, k, mode=mode)]  # type: ignore[arg-type]
            b = [h.chunk.id for h in server.search(q, k, mode=mode)]  # type: ignore[arg-type]
            same += a == b
            overlap += len(set(a) & set(b)) / max(len(a), len(b), 1)
        n = max(len(questions), 1)
        out[label] = {"questions": len(questions), "identical": same, "overlap": overlap / n}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", type=Path, required=True, help="index with embedded Chroma")
    ap.add_argument("--server-home", type=Path, required=True, help="index whose vectors live in the server")
    ap.add_argument("--chroma-url", required=True)
    ap.add_argument("--questions", action="append", required=True, help="a question file (repeatable)")
    ap.add_argument("--format", choices=["native", "realtimeqa"], action="append")
    ap.add_argument("--subset", choices=["all", "clean"], default="all")
    ap.add_argument("--limit", type=int, default=0, help="only the first N questions of each file")
    ap.add_argument("-k", type=int, default=10)
    args = ap.parse_args()
    formats = args.format or ["native"]
    formats += [formats[-1]] * (len(args.questions) - len(formats))  # the last --format holds for the rest
    embedded = Pipeline(Settings.load(home=args.home, chroma_url=""))
    server = Pipeline(Settings.load(home=args.server_home, chroma_url=args.chroma_url))
    for pipe in (embedded, server):
        if not pipe.status()["indexed"]:
            sys.exit(f"no index at {pipe.settings.home}: build it with `rag index` first")
    report: dict[str, object] = {"k": args.k, "files": {}}
    ok = True
    for path, fmt in zip(args.questions, formats, strict=False):
        questions = [q.question for q in load(Path(path), fmt, args.subset if fmt == "realtimeqa" else "all")]
        questions = questions[: args.limit] if args.limit > 0 else questions
        result = compare(embedded, server, questions, args.k)
        report["files"][path] = result  # type: ignore[index]
        ok &= all(r["identical"] == r["questions"] for r in result.values())
    print(json.dumps(report, indent=2))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
