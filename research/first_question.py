"""The first questions of a fresh process, after ``Pipeline.warm`` against after a bare
``ask("warm up")`` (what the server did before): each in a new process, since what is
loaded on first use is loaded once per process. Prints each question's ask time, the time
the warm-up took, and the same questions asked again in the same process (all loaded).

    RAG_HOME=<full index> python -m research.first_question \\
        --questions ../shared/data/realtimeqa_news/questions.jsonl --format realtimeqa --subset clean --limit 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from rag import Pipeline, Settings
from rag.questions import load


def child(how: str, questions: list[tuple[str, str]]) -> dict[str, list[float]]:
    pipe = Pipeline(Settings.load())
    t = time.perf_counter()
    pipe.warm() if how == "warm" else pipe.ask("warm up")
    warm_ms = (time.perf_counter() - t) * 1000
    asks = []
    for question, day in [*questions, *questions]:
        t = time.perf_counter()
        pipe.ask(question, as_of=day or None)
        asks.append((time.perf_counter() - t) * 1000)
    return {"warm_ms": [warm_ms], "ask_ms": asks[: len(questions)], "again_ms": asks[len(questions) :]}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", default="all")
    ap.add_argument("--limit", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    asked = [(q.question, q.date) for q in load(args.questions, args.format, args.subset)][: args.limit]  # type: ignore[arg-type]
    if args.child:
        print(json.dumps(child(args.child, asked)))
        return
    heads = " | ".join(f"question {n} ms" for n in range(1, len(asked) + 1))
    print(f"| warm-up | warm-up ms | {heads} | sum ms |")
    print("|---" * (len(asked) + 3) + "|")
    for how in ("ask", "warm"):
        runs = []
        for _ in range(args.rounds):
            cmd = [sys.executable, "-m", "research.first_question", *sys.argv[1:], "--child", how]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        warm = statistics.median(r["warm_ms"][0] for r in runs)
        name = "`Pipeline.warm()`" if how == "warm" else '`ask("warm up")`'
        for key, label in (("ask_ms", name), ("again_ms", f"{name}, asked again")):
            each = [statistics.median(r[key][i] for r in runs) for i in range(len(asked))]
            cells = " | ".join(f"{v:.0f}" for v in each)
            print(f"| {label} | {warm if key == 'ask_ms' else 0:.0f} | {cells} | {sum(each):.0f} |")
    print(f"\nmedians of {args.rounds} fresh processes each")


if __name__ == "__main__":
    main()
