"""Calibrate the extractive answerer's abstention thresholds on labelled questions.

Answers every question once with abstention off, keeps the best sentence score and where in
time the answer was found, then reports for each threshold what abstaining below it would
give: abstention precision and recall, and answer containment on answerable questions. With
``--outside``, each pair of (threshold, outside threshold): the second applies when the
period the question names held nothing on it (``RAG_ABSTAIN_OUTSIDE``). ``--half 0|1`` keeps
one of two fixed halves of the questions (by a hash of their ids), to choose on one and
report on the other; ``--rows`` reads the answers ``--out`` wrote instead of asking again.

    rag index /tmp/sample.jsonl && python -m research.calibrate --format realtimeqa \\
        --questions ../shared/data/realtimeqa_news/questions.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from eval import metrics as m
from eval.runner import time_kind
from eval.systems import asked_on
from rag.pipeline import Pipeline
from rag.questions import Question, load
from rag.settings import Settings

Row = dict[str, Any]


def half(qid: str) -> int:
    """0 or 1: the question's fixed half."""
    return int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2


def ask_all(questions: list[Question], as_of: str) -> list[Row]:
    settings = Settings.load()
    pipe = Pipeline(replace(settings, abstain_threshold=float("-inf"), abstain_outside=float("-inf")))
    from tqdm import tqdm

    rows = []
    for q in tqdm(questions, desc="calibrate", file=sys.stderr):
        a = pipe.ask(q.question, as_of=asked_on(q, as_of))
        rows.append(
            {
                "id": q.id,
                "answerable": q.answerable,
                # an abstention with no threshold: the asked-for kind of thing is missing, or
                # nothing was published in the period asked about
                "abstained": a.abstained,
                "score": a.score,
                "contains": bool(q.answers) and m.contains_answers(a.text, q.answers, q.match),
                "short": None if a.short is None else a.short.text,
                "time": time_kind(q),
                "time_notes": list(a.time_notes),
                "outside": any(n.startswith("nothing on this from") for n in a.time_notes),
                "passages": [
                    {"article": h.chunk.article_id, "published": h.chunk.published, "score": h.score}
                    for h in a.passages
                ],
                "as_of": a.as_of,
                "found": any(h.chunk.article_id in q.relevant for h in a.passages),
            }
        )
    return rows


def rule(threshold: float, outside: float) -> Callable[[Row], bool]:
    """Whether a row abstains under these thresholds."""

    def abstains(r: Row) -> bool:
        score = r["score"]
        if r["abstained"] or score is None or score < threshold:
            return True
        return bool(r.get("outside")) and score < outside

    return abstains


def table(rows: list[Row], pairs: list[tuple[float, float]], with_outside: bool) -> None:
    pos = [r for r in rows if r["answerable"]]
    neg = [r for r in rows if not r["answerable"]]
    print(f"{len(pos)} answerable, {len(neg)} unanswerable questions\n")
    head = "| threshold | outside |" if with_outside else "| threshold |"
    print(f"{head} abstain precision | abstain recall | answered (answerable) | contains (answerable) |")
    print("|---" * (head.count("|") - 1) + "|---|---|---|---|")
    for t, o in pairs:
        abstains = rule(t, o)
        abst = [r for r in rows if abstains(r)]
        prec = sum(not r["answerable"] for r in abst) / len(abst) if abst else 1.0
        rec = sum(abstains(r) for r in neg) / len(neg) if neg else 0.0
        answered = [r for r in pos if not abstains(r)]
        contains = sum(r["contains"] for r in answered) / len(pos) if pos else 0.0
        cells = f"| {t:g} | {o:g} |" if with_outside else f"| {t:g} |"
        print(f"{cells} {prec:.3f} | {rec:.3f} | {len(answered) / max(len(pos), 1):.3f} | {contains:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--thresholds", default="-9,-8.5,-8,-7.5,-7,-6.5,-6,-5.5,-5,-4,-3,-2")
    ap.add_argument("--outside", help="outside thresholds to pair with each threshold (e.g. -1,0,1,2)")
    ap.add_argument("--out", help="write per-question scores (JSONL) here")
    ap.add_argument("--rows", help="read per-question scores that --out wrote, instead of asking")
    ap.add_argument("--half", type=int, choices=[0, 1], help="only one fixed half of the questions")
    ap.add_argument(
        "--clean-positives",
        action="store_true",
        help="realtimeqa: answerable = the clean subset only (for an index of eval.sample's articles)",
    )
    ap.add_argument("--every", type=int, default=1, help="use every N-th labelled question (a quicker pass)")
    ap.add_argument(
        "--as-of",
        default="none",
        help='the day each question is asked: "question" (its own date, as rag eval asks), "none" (no dates)',
    )
    args = ap.parse_args()
    questions = [q for q in load(args.questions, args.format) if q.answerable is not None]
    if args.clean_positives:
        clean = {q.id for q in load(args.questions, args.format, "clean")}
        questions = [q for q in questions if q.answerable is False or q.id in clean]
    questions = questions[:: max(args.every, 1)]
    if args.rows:
        with open(args.rows) as fh:
            recorded = {r["id"]: r for r in map(json.loads, fh)}
        rows = [recorded[q.id] for q in questions]
    else:
        rows = ask_all(questions, args.as_of)
    if args.out:
        with open(args.out, "w") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    if args.half is not None:
        rows = [r for r in rows if half(r["id"]) == args.half]
    thresholds = [float(x) for x in args.thresholds.split(",")]
    outside = [float(x) for x in args.outside.split(",")] if args.outside else []
    pairs = [(t, o) for t in thresholds for o in outside] if outside else [(t, float("-inf")) for t in thresholds]
    table(rows, pairs, bool(outside))


if __name__ == "__main__":
    main()
