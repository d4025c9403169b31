"""Calibrate the extractive answerer's abstention thresholds on labelled questions.

Answers every question once with abstention off, keeps the best sentence score and where in
time the answer was found, then reports for each threshold what abstaining below it would
give: abstention precision and recall, and answer containment on answerable questions. With
``--outside``, each pair of (threshold, outside threshold): the second applies when the
period the question names held nothing on it (``RAG_ABSTAIN_OUTSIDE``). ``--half 0|1`` keeps
one of two fixed halves of the questions (by a hash of their ids), to choose on one and
report on the other; ``--rows`` reads the answers ``--out`` wrote instead of asking again.
With ``--old`` and ``--old-days``, a third threshold for an answer that quotes first an article
published more than that many days before the newest article up to the day asked, outside
the period the question names (``RAG_ABSTAIN_OLD``). ``--auc`` prints how
well the score, and that age, each tell answerable questions from unanswerable ones.

    rag index /tmp/sample.jsonl && python -m research.calibrate --format realtimeqa \\
        --questions ../shared/data/realtimeqa_news/questions.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from eval import metrics as m
from eval.runner import time_kind
from eval.systems import asked_on
from rag.calibrate import unthresholded
from rag.pipeline import Pipeline
from rag.questions import Question, load
from rag.settings import Settings

Row = dict[str, Any]


def half(qid: str) -> int:
    """0 or 1: the question's fixed half."""
    return int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2


def ask_all(questions: list[Question], as_of: str) -> list[Row]:
    settings = Settings.load()
    pipe = Pipeline(unthresholded(settings))
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
                    {"article": h.chunk.article_id, "published": h.chunk.published, "score": h.score, "stage": h.stage}
                    for h in a.passages
                ],
                "as_of": a.as_of,
                "cited": len(a.citations),
                "found": any(h.chunk.article_id in q.relevant for h in a.passages),
                "first_cited": a.citations[0].published[:10] if a.citations else "",
                # the newest article date up to the day asked, and where the period asked about starts
                "newest": pipe.catalog.newest_published(a.as_of)[:10] if a.as_of else "",
                "window_from": "" if a.time_window is None else a.time_window.start.isoformat(),
            }
        )
    return rows


def age(r: Row) -> int | None:
    """Days from the article the answer quotes first to the newest article up to the day it
    was asked, when both are known."""
    if not r.get("first_cited") or not r.get("newest"):
        return None
    return (date.fromisoformat(r["newest"]) - date.fromisoformat(r["first_cited"])).days


def rule(threshold: float, outside: float, old: float = float("-inf"), days: int = 0) -> Callable[[Row], bool]:
    """Whether a row abstains under these thresholds: ``threshold`` always, ``outside`` when the
    period asked about held nothing, ``old`` when the article quoted first is ``days`` old."""

    def abstains(r: Row) -> bool:
        score = r["score"]
        if r["abstained"] or score is None or score < threshold:
            return True
        if bool(r.get("outside")) and score < outside:
            return True
        # as the pipeline applies abstain_old (rag.timesearch.outdated): older than ``days``, and
        # not from the period the question names
        days_old = age(r)
        in_period = bool(r.get("window_from")) and r["first_cited"] >= r["window_from"]
        return days > 0 and days_old is not None and days_old > days and not in_period and score < old

    return abstains


Setting = tuple[float, float, float, int]  # threshold, outside, old, days


def table(rows: list[Row], settings: list[Setting], with_outside: bool, with_old: bool) -> None:
    pos = [r for r in rows if r["answerable"]]
    neg = [r for r in rows if not r["answerable"]]
    print(f"{len(pos)} answerable, {len(neg)} unanswerable questions\n")
    head = "| threshold |" + (" outside |" if with_outside else "") + (" old | days |" if with_old else "")
    print(f"{head} abstain precision | abstain recall | answered (answerable) | contains (answerable) |")
    print("|---" * (head.count("|") - 1) + "|---|---|---|---|")
    for t, o, old, days in settings:
        abstains = rule(t, o, old, days)
        abst = [r for r in rows if abstains(r)]
        prec = sum(not r["answerable"] for r in abst) / len(abst) if abst else 1.0
        rec = sum(abstains(r) for r in neg) / len(neg) if neg else 0.0
        answered = [r for r in pos if not abstains(r)]
        contains = sum(r["contains"] for r in answered) / len(pos) if pos else 0.0
        cells = f"| {t:g} |" + (f" {o:g} |" if with_outside else "") + (f" {old:g} | {days} |" if with_old else "")
        print(f"{cells} {prec:.3f} | {rec:.3f} | {len(answered) / max(len(pos), 1):.3f} | {contains:.3f} |")


def auc(rows: list[Row]) -> None:
    """ROC AUC of each signal for telling unanswerable questions (the positives) from
    answerable ones, over the rows the answerer did not abstain on by itself."""
    from sklearn.metrics import roc_auc_score

    kept = [r for r in rows if not r["abstained"] and r["score"] is not None]
    truth = [not r["answerable"] for r in kept]
    print(f"ROC AUC over {len(kept)} answered rows ({sum(truth)} unanswerable):")
    print(f"- lower best sentence score: {roc_auc_score(truth, [-r['score'] for r in kept]):.3f}")
    aged = [(t, days) for t, r in zip(truth, kept, strict=True) if (days := age(r)) is not None]
    if len({t for t, _ in aged}) < 2:
        print("- older article quoted first: no dates on both kinds of question")
        return
    print(f"- older article quoted first ({len(aged)} rows): {roc_auc_score(*zip(*aged, strict=True)):.3f}")
    for kind in sorted({r["time"] for r in kept}):
        sub = [(t, r) for t, r in zip(truth, kept, strict=True) if r["time"] == kind]
        if len({t for t, _ in sub}) == 2:
            value = roc_auc_score([t for t, _ in sub], [-r["score"] for _, r in sub])
            print(f"- lower score, {kind} ({len(sub)}): {value:.3f}")
    for q in (10, 25, 50, 75, 90):
        cut = [sorted(a for t, a in aged if t is want) for want in (False, True)]
        print(
            f"- age, {q}th percentile: answerable {cut[0][len(cut[0]) * q // 100]} days, "
            f"unanswerable {cut[1][len(cut[1]) * q // 100]} days"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--thresholds", default="-9,-8.5,-8,-7.5,-7,-6.5,-6,-5.5,-5,-4,-3,-2")
    ap.add_argument("--outside", help="outside thresholds to pair with each threshold (e.g. -1,0,1,2)")
    ap.add_argument("--old", help="thresholds for an answer that quotes an old article first (e.g. -1,0,1)")
    ap.add_argument("--old-days", default="30,90,365", help="how many days before the question counts as old")
    ap.add_argument("--auc", action="store_true", help="print each signal's ROC AUC")
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
    olds = [float(x) for x in args.old.split(",")] if args.old else []
    days = [int(x) for x in args.old_days.split(",")] if olds else [0]
    settings = [
        (t, o, old, d)
        for t in thresholds
        for o in outside or [float("-inf")]
        for old in olds or [float("-inf")]
        for d in days
    ]
    if args.auc:
        auc(rows)
        print()
    table(rows, settings, bool(outside), bool(olds))


if __name__ == "__main__":
    main()
