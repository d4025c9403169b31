"""The two halves of a subset's seeded split side by side, from one ``rag eval`` run:
retrieval, answers and the answers' misses by cause on the half settings are chosen on
(``dev``) and the half held out (``test``), so a gap between them shows where it lies.

    rag eval --questions Q --format realtimeqa --subset clean --out out/clean
    python -m research.halves --questions Q --subset clean --results out/clean/results.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from eval.runner import MISSES
from rag.questions import load
from research.short_answers import half


def _rows(path: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The answer rows and the search rows of ``rag eval``'s results, by question id."""
    answers: dict[str, dict[str, Any]] = {}
    searches: dict[str, dict[str, Any]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        (answers if str(row["system"]).startswith("answers") else searches)[row["id"]] = row
    return answers, searches


def _mean(rows: dict[str, dict[str, Any]], ids: list[str], key: str) -> float:
    return sum(float(rows[i][key]) for i in ids) / max(len(ids), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="realtimeqa")
    ap.add_argument("--subset", default="clean")
    ap.add_argument("--results", required=True, help="results.jsonl of rag eval on the subset")
    args = ap.parse_args()
    answers, searches = _rows(args.results)
    questions = [q for q in load(args.questions, args.format, args.subset) if q.answers and q.expects_answer]  # type: ignore[arg-type]
    heads = ("half", "questions", "hit@5", "contains@5", "answer_contains", "short_em", "choice_accuracy")
    heads += ("multi-word gold answers", "their short_em", *(f"miss: {c}" for c in MISSES))
    print("| " + " | ".join(heads) + " |")
    print("|" + "---|" * len(heads))
    for which in ("dev", "test"):
        mine = [q for q in half(questions, which) if q.id in answers and q.id in searches]
        ids = [q.id for q in mine]
        # gold answers of several words ("President Joe Biden"): the kind exact match is strictest on
        multi = [q.id for q in mine if len(q.answers[0].split()) > 1]
        causes = Counter(str(answers[i]["miss"]) for i in ids)
        cells = [which, str(len(ids)), *(f"{_mean(searches, ids, k):.3f}" for k in ("hit@5", "contains@5"))]
        cells += [f"{_mean(answers, ids, k):.3f}" for k in ("answer_contains", "short_em", "choice_accuracy")]
        cells += [f"{len(multi) / max(len(ids), 1):.2f}", f"{_mean(answers, multi, 'short_em'):.3f}"]
        cells += [str(causes[c]) for c in MISSES]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
