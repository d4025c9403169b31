"""Time-aware retrieval: settings of the period search against retrieval and answers, on the
index in ``RAG_HOME``, each question asked on its own date. Rows per setting and per kind of
question (naming a period or not), so a setting that helps one kind and hurts the other shows.

    RAG_HOME=<full index> python -m research.time_windows --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset rest --configs "time_aware=0;base;time_floor=0;time_steps=0"

A config is ``;``-separated; each is ``,``-separated ``field=value`` overrides of ``Settings``
("base": the defaults), or ``cap=date``: nothing published after the question's date, as a
plain filter (with ``time_aware=0``: the date caps the search and the period is not read, so
the gain of dates splits into not seeing later articles and reading the period).
``--kinds relative`` runs only the questions that name a period,
``present`` those in the present tense without one, ``other`` the rest.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from tqdm import tqdm

from eval import metrics as m
from eval.report import machine, markdown_table
from eval.runner import time_kind
from rag import Pipeline, Settings
from rag.dates import as_of_day
from rag.questions import Question, load
from rag.records import Filters
from rag.timeref import resolve
from research.short_answers import half

RATES = ("hit@5", "answer_contains", "short_em", "choice_accuracy", "abstain_rate", "widened", "outside")
KEYS = (*RATES, "ask_p50_ms", "ask_p95_ms")


def kind_of(question: Question) -> str:
    """'relative' (names a period), 'present' (present tense: "currently", "latest") or 'other'."""
    if time_kind(question) == "relative":
        return "relative"
    return "present" if resolve(question.question, as_of_day(question.date or None)).recent else "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--half", choices=["all", "dev", "test"], default="all", help="one half of a seeded split")
    ap.add_argument("--kinds", default="relative,present,other")
    ap.add_argument("--configs", default="time_aware=0;base")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    questions = [q for q in half(load(args.questions, args.format, args.subset), args.half) if kind_of(q) in kinds]
    base = Settings.load()
    summary: dict[str, dict[str, float]] = {}
    for config in args.configs.split(";"):
        overrides = {k.strip(): v for k, v in (part.split("=", 1) for part in config.split(",") if "=" in part)}
        capped = overrides.pop("cap", "") == "date"
        pipe = Pipeline(Settings.load(home=base.home, **overrides))
        pipe.ask("warm up", as_of="2025-01-10")
        rows: list[dict[str, float | str]] = []
        for q in tqdm(questions, desc=config, file=sys.stderr):
            cap = Filters(as_of=q.date) if capped and q.date else None
            answer = pipe.ask(q.question, as_of=q.date or None, filters=cap)
            articles = {h.chunk.article_id for h in answer.passages[:5]}
            text = "" if answer.abstained else answer.text
            short = answer.short.text if answer.short and not answer.abstained else ""
            row: dict[str, float | str] = {"kind": kind_of(q), "ask_ms": answer.timings["total_ms"]}
            row["hit@5"] = float(bool(articles & set(q.relevant)))
            row["answer_contains"] = float(m.contains_answers(text, q.answers, q.match))
            row["short_em"] = m.short_exact(short, q.answers, q.match) if short else 0.0
            if q.choices and q.answers[0] in q.choices:
                row["choice_accuracy"] = float(m.closest_choice(short, q.choices) == q.choices.index(q.answers[0]))
            row["abstain_rate"] = float(answer.abstained)
            row["widened"] = float(any("widened" in n for n in answer.time_notes))
            row["outside"] = float(any(n.startswith("nothing on this") for n in answer.time_notes))
            rows.append(row)
        for kind in kinds:
            mine = [r for r in rows if r["kind"] == kind]
            if not mine:
                continue
            s: dict[str, float] = {"questions": len(mine)}
            for key in RATES:
                vals = [float(r[key]) for r in mine if key in r]
                if vals:
                    s[key] = statistics.fmean(vals)
            s["ask_p50_ms"] = statistics.median(float(r["ask_ms"]) for r in mine)
            s["ask_p95_ms"] = m.percentile([float(r["ask_ms"]) for r in mine], 95)
            summary[f"{config} · {kind}"] = s
    print(markdown_table(summary, ("questions", *KEYS)))
    print(f"\n{args.subset}, {len(questions)} questions; {machine()}")


if __name__ == "__main__":
    main()
