"""The period each question names, read against the day it is asked: one tab-separated line
per question (id, subset, as_of, phrase, from, to, the words left to search with), for
seeing what a change to ``rag.timeref`` reads differently. Run it on two commits and diff:

    python -m research.periods --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa > after.tsv
    git stash && python -m research.periods ... > before.tsv && git stash pop
    diff before.tsv after.tsv | grep -c '^>'

The subset column names where a RealTime QA question belongs ("clean", "rest",
"unlabelled"; "-" for a native file), so a change's questions can be told apart by the set
they are chosen or reported on.
"""

from __future__ import annotations

import argparse

from rag.dates import as_of_day
from rag.questions import Question, load
from rag.timeref import resolve


def subsets(path: str, fmt: str) -> dict[str, str]:
    """Each question's subset ("-" when the file has none)."""
    if fmt != "realtimeqa":
        return {}
    out: dict[str, str] = {}
    for subset in ("clean", "rest", "unlabelled"):
        for q in load(path, "realtimeqa", subset):
            out.setdefault(q.id, subset)
    return out


def line(q: Question, subset: str) -> str:
    ref = resolve(q.question, as_of_day(q.date or None))
    w = ref.window
    cells = [q.id, subset, ref.as_of.isoformat()]
    cells += [w.phrase, w.start.isoformat(), w.end.isoformat()] if w else ["", "", ""]
    return "\t".join([*cells, ref.query])


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    args = ap.parse_args()
    where = subsets(args.questions, args.format)
    for q in load(args.questions, args.format):  # type: ignore[arg-type]
        print(line(q, where.get(q.id, "-")))


if __name__ == "__main__":
    main()
