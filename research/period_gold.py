"""Where the answers to questions that name a period can come from: for each RealTime QA
question that names one (read by the resolver against its date), whether some article
published in that period holds a gold answer (as words, after lowercasing), and whether the
answer of a ``rag eval`` run held it. The questions whose period holds the gold answer and
whose answer does not are the answerer's to win; the others' periods hold nothing to win
it from (a gold word in an article is a hint, not proof that the article answers).

    python -m research.period_gold --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --corpus ../shared/data/realtimeqa_news/corpus.jsonl --results out/clean-asof/results.jsonl --subset clean
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date

from rag.questions import load
from rag.timeref import resolve


def words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--results", required=True, help="results.jsonl of a rag eval run on the same questions")
    ap.add_argument("--subset", default="clean")
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    dated = [(a.get("publish_date") or "", words(f"{a.get('title', '')} {a.get('text', '')}")) for a in articles]
    with open(args.results, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    answered = {r["id"]: bool(r.get("answer_contains")) for r in rows if r["system"].startswith("answers")}
    counts = {"in period": [0, 0], "not in period": [0, 0]}
    for q in load(args.questions, "realtimeqa", args.subset):
        if not q.answers or not q.date or q.id not in answered:
            continue
        window = resolve(q.question, date.fromisoformat(q.date)).window
        if window is None:
            continue
        first, last = window.start.isoformat(), window.end.isoformat()
        golds = [words(g) for g in q.answers if words(g).strip()]
        held = any(first <= day <= last and any(g in text for g in golds) for day, text in dated)
        row = counts["in period" if held else "not in period"]
        row[0] += 1
        row[1] += answered[q.id]
    print("| gold answer in an article of the period | questions | answer holds it |\n|---|---|---|")
    for name, (n, right) in counts.items():
        print(f"| {name} | {n} | {right} |")


if __name__ == "__main__":
    main()
