"""Calibrate the extractive answerer's abstention threshold on labelled questions.

Answers every question once with abstention off, keeps the best sentence score, then
reports for each threshold what abstaining below it would give: abstention precision and
recall, and answer containment on answerable questions.

    rag index /tmp/sample.jsonl && python -m research.calibrate --format realtimeqa \\
        --questions ../shared/data/realtimeqa_news/questions.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from eval import metrics as m
from rag.pipeline import Pipeline
from rag.questions import load
from rag.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--thresholds", default="-9,-8.5,-8,-7.5,-7,-6.5,-6,-5.5,-5,-4,-3,-2")
    ap.add_argument("--out", help="write per-question scores (JSONL) here")
    ap.add_argument(
        "--clean-positives",
        action="store_true",
        help="realtimeqa: answerable = the clean subset only (for an index of eval.sample's articles)",
    )
    ap.add_argument("--every", type=int, default=1, help="use every N-th labelled question (a quicker pass)")
    args = ap.parse_args()
    questions = [q for q in load(args.questions, args.format) if q.answerable is not None]
    if args.clean_positives:
        clean = {q.id for q in load(args.questions, args.format, "clean")}
        questions = [q for q in questions if q.answerable is False or q.id in clean]
    questions = questions[:: max(args.every, 1)]
    settings = Settings.load()
    pipe = Pipeline(replace(settings, abstain_threshold=float("-inf")))
    from tqdm import tqdm

    rows = []
    for q in tqdm(questions, desc="calibrate", file=sys.stderr):
        a = pipe.ask(q.question)
        right = bool(q.answers) and m.contains_answers(a.text, q.answers, q.match)
        rows.append({"id": q.id, "answerable": q.answerable, "score": a.score, "contains": right})
    if args.out:
        with open(args.out, "w") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    pos = [r for r in rows if r["answerable"]]
    neg = [r for r in rows if not r["answerable"]]
    print(f"{len(pos)} answerable, {len(neg)} unanswerable questions; index {settings.home}\n")
    print("| threshold | abstain precision | abstain recall | answered (answerable) | contains (answerable) |")
    print("|---|---|---|---|---|")
    for t in (float(x) for x in args.thresholds.split(",")):
        abst = [r for r in rows if r["score"] is None or r["score"] < t]
        prec = sum(not r["answerable"] for r in abst) / len(abst) if abst else 1.0
        rec = sum(r["score"] is None or r["score"] < t for r in neg) / len(neg) if neg else 0.0
        answered = [r for r in pos if r["score"] is not None and r["score"] >= t]
        contains = sum(r["contains"] for r in answered) / len(pos) if pos else 0.0
        print(f"| {t:g} | {prec:.3f} | {rec:.3f} | {len(answered) / max(len(pos), 1):.3f} | {contains:.3f} |")


if __name__ == "__main__":
    main()
