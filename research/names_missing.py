"""Whether an answer whose five passages' articles name none of the question's names is a
sign of a question the corpus does not answer ("When is the 2026 Met Gala?" asked before any
article on it, answered from the 2026 Oscars). The names are ``rag.named.question_names``:
the question's capitalised words but question words, months, weekdays and peoples' names.

It reads the answers ``research.calibrate --out`` wrote (each labelled shared question
answered once on its date with abstention off) and the corpus, and reports, on each fixed
half, what abstaining on such answers would add to the shipped thresholds: unanswerable
questions caught, answerable ones lost (and of those, the ones answered right).

    RAG_HOME=<full index> python -m research.calibrate --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --as-of question --out rows.jsonl --thresholds=-3 --outside=1
    python -m research.names_missing --rows rows.jsonl --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --corpus ../shared/data/realtimeqa_news/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from rag.named import names_any, question_names
from rag.questions import load
from rag.settings import Settings
from research.calibrate import half, rule

Row = dict[str, Any]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--show", action="store_true", help="print each answer the rule abstains on")
    args = ap.parse_args()
    questions = {q.id: q.question for q in load(args.questions, "realtimeqa")}
    with open(args.rows) as fh:
        rows = [json.loads(line) for line in fh]
    needed = {p["article"] for r in rows for p in r["passages"][:5]}
    texts: dict[str, str] = {}
    with open(args.corpus) as fh:
        for line in fh:
            d = json.loads(line)
            if d["doc_id"] in needed:
                texts[d["doc_id"]] = f"{d.get('title') or ''}\n{d.get('text') or ''}"
    s = Settings.load()
    shipped = rule(s.abstain_threshold, s.abstain_outside, s.abstain_old, 30)
    print("| half | questions | unanswerable | shipped: abstains on | rule adds: unanswerable | answerable | right |")
    print("|---|---|---|---|---|---|---|")
    for h in (0, 1):
        part = [r for r in rows if half(r["id"]) == h]
        neg = [r for r in part if not r["answerable"]]
        fired = [
            r
            for r in part
            if not shipped(r)
            and (found := question_names(questions[r["id"]]))
            and not names_any(found, [texts.get(p["article"], "") for p in r["passages"][:5]])
        ]
        caught = sum(not r["answerable"] for r in fired)
        lost = [r for r in fired if r["answerable"]]
        print(
            f"| {h} | {len(part)} | {len(neg)} | {sum(shipped(r) for r in neg)} | {caught} | {len(lost)} | "
            f"{sum(r['contains'] for r in lost)} |"
        )
        if args.show:
            for r in fired:
                asked = questions[r["id"]]
                print(f"  {'A' if r['answerable'] else 'U'} {r['contains']!s:5} {asked[:90]} {question_names(asked)}")


if __name__ == "__main__":
    main()
