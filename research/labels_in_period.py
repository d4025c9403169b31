"""Where the labelled articles of the questions that name a period were published: inside the
period the question names (read against its date), inside that period widened once, or
outside both; and hit@5 with and without dates for each group, from two ``rag eval`` runs,
and hit@5 if every labelled article of the period were found and the others as without dates.

    rag eval --questions Q --format realtimeqa --subset clean --out out/asof
    rag eval --questions Q --format realtimeqa --subset clean --as-of none --out out/none
    python -m research.labels_in_period --questions Q --corpus ../shared/data/realtimeqa_news/corpus.jsonl \\
        --with out/asof/results.jsonl --without out/none/results.jsonl

A search that keeps to the period can only find an article outside it when the period holds
nothing on the question; hit@5 there counts the labels as they are (the question's own search
results that contain the answer, often older articles).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from rag.questions import load
from rag.timeref import resolve

SYSTEM = "hybrid+rerank"


def _rows(path: str) -> dict[str, dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines) if r.get("system") == SYSTEM}


def _published(corpus: str) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            out[str(obj.get("doc_id", obj.get("id", "")))] = str(obj.get("publish_date", obj.get("published", "")))
    return out


def group(relevant: tuple[str, ...], published: dict[str, str], start: date, end: date) -> str:
    """'inside', 'widened' (inside the period doubled back in time once) or 'outside'."""
    days = [published.get(r, "") for r in relevant]
    if any(start.isoformat() <= d <= end.isoformat() for d in days if d):
        return "inside"
    wider = date.fromordinal(start.toordinal() - (end - start).days - 1)
    if any(wider.isoformat() <= d <= end.isoformat() for d in days if d):
        return "widened"
    return "outside"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="realtimeqa")
    ap.add_argument("--subset", default="clean")
    ap.add_argument("--corpus", required=True, help="the corpus file, for its articles' publication dates")
    ap.add_argument("--with", dest="with_dates", required=True, help="results.jsonl of rag eval (dates on)")
    ap.add_argument("--without", required=True, help="results.jsonl of rag eval --as-of none")
    args = ap.parse_args()
    published = _published(args.corpus)
    on, off = _rows(args.with_dates), _rows(args.without)
    groups: dict[str, list[tuple[float, float]]] = {"inside": [], "widened": [], "outside": []}
    for q in load(args.questions, args.format, args.subset):  # type: ignore[arg-type]
        if not q.relevant or not q.date or q.id not in on or q.id not in off:
            continue
        window = resolve(q.question, date.fromisoformat(q.date)).window
        if window is None:
            continue
        groups[group(q.relevant, published, window.start, window.end)].append(
            (float(on[q.id]["hit@5"]), float(off[q.id]["hit@5"]))
        )
    heads = ("labelled article published", "questions", "hit@5 with dates", "hit@5 without")
    print("| " + " | ".join((*heads, "found with dates only", "found without only")) + " |")
    print("|---|---|---|---|---|---|")
    for name, pairs in [*groups.items(), ("all", [p for ps in groups.values() for p in ps])]:
        n = max(len(pairs), 1)
        with_dates, without = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
        only_with, only_without = sum(a > b for a, b in pairs), sum(b > a for a, b in pairs)
        print(f"| {name} | {len(pairs)} | {with_dates:.3f} | {without:.3f} | {only_with} | {only_without} |")
    # every labelled article of the period (or of the period widened once) found, and the
    # others found as without dates: what a search that prefers the period aims at
    inside = len(groups["inside"]) + len(groups["widened"])
    rest = sum(b for _, b in groups["outside"])
    total = max(inside + len(groups["outside"]), 1)
    print(
        f"\nhit@5 if every labelled article of the period were found and the others as without dates: "
        f"{(inside + rest) / total:.3f} ({inside + rest:.0f} of {total})"
    )


if __name__ == "__main__":
    main()
