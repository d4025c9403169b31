"""Short answers: the extractive answerer's settings against answer quality, on the index in
``RAG_HOME``. Each question is searched once, as asked on its date; every setting then
answers from the same passages, so the rows differ only in how sentences and short answers
are chosen.

    RAG_HOME=<full index> python -m research.short_answers --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset rest --configs "base;ner=;select=chosen;unit=0"

A config is ``;``-separated; each is ``,``-separated ``field=value`` overrides of
``ExtractiveConfig`` ("base": the defaults; ``ner=`` turns the entity recognizer off).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

from tqdm import tqdm

from eval import metrics as m
from eval.report import machine, markdown_table
from rag import Pipeline, Settings
from rag.answer import ExtractiveAnswerer, ExtractiveConfig
from rag.pipeline import ANSWER_PASSAGES
from rag.questions import Question, load

SEED = 20261129
KEYS = ("answer_contains", "short_em", "short_f1", "choice_accuracy", "short_rate", "abstain_rate", "answer_p50_ms")


def parse(config: str, base: ExtractiveConfig) -> ExtractiveConfig:
    if config.strip() in ("", "base"):
        return base
    types = {f.name: f.type for f in fields(ExtractiveConfig)}
    values: dict[str, object] = {}
    for part in config.split(","):
        name, _, value = part.partition("=")
        kind = types[name.strip()]
        values[name.strip()] = value if kind == "str" else (int(value) if kind == "int" else float(value))
    return replace(base, **values)  # type: ignore[arg-type]


def half(questions: list[Question], which: str) -> list[Question]:
    """One half of a seeded split ("dev" or "test"): choose settings on one half of a
    subset, report on the other."""
    if which == "all":
        return questions
    ids = sorted(q.id for q in questions)
    dev = set(random.Random(SEED).sample(ids, len(ids) // 2))
    return [q for q in questions if (q.id in dev) == (which == "dev")]


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--half", choices=["all", "dev", "test"], default="all", help="one half of a seeded split")
    ap.add_argument("--matching", default="", help="only the questions this regular expression finds (any case)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--configs", default="base")
    ap.add_argument("--rows", help="write each question's answers under every config here (JSON lines)")
    args = ap.parse_args()
    questions = [q for q in load(args.questions, args.format, args.subset) if q.answers and q.expects_answer]
    questions = half(questions, args.half)
    questions = [q for q in questions if re.search(args.matching, q.question, re.I)]
    questions = questions[: args.limit] if args.limit else questions
    pipe = Pipeline(Settings.load())
    base = pipe.answerer("extractive").config  # type: ignore[attr-defined]
    k = max(ANSWER_PASSAGES, *(parse(c, base).passages for c in args.configs.split(";")))
    hits = {
        q.id: pipe.search(q.question, k=k, as_of=q.date or None)
        for q in tqdm(questions, desc="search", file=sys.stderr)
    }
    summary: dict[str, dict[str, float]] = {}
    records: list[dict[str, object]] = []
    for config in args.configs.split(";"):
        answerer = ExtractiveAnswerer(lambda: pipe.reranker, parse(config, base))
        rows, times = [], []
        for q in tqdm(questions, desc=config, file=sys.stderr):
            t = time.perf_counter()
            a = answerer.answer(q.question, hits[q.id])
            times.append((time.perf_counter() - t) * 1000)
            short = "" if a.abstained or a.short is None else a.short.text
            row = {
                "answer_contains": float(m.contains_answers("" if a.abstained else a.text, q.answers, q.match)),
                "short_em": m.short_exact(short, q.answers, q.match) if short else 0.0,
                "short_f1": m.token_f1(short, q.answers),
                "short_rate": float(bool(short)),
                "abstain_rate": float(a.abstained),
            }
            if q.choices and q.answers[0] in q.choices:
                row["choice_accuracy"] = float(m.closest_choice(short, q.choices) == q.choices.index(q.answers[0]))
            rows.append(row)
            if args.rows:
                record = {"config": config, "id": q.id, "question": q.question, "answers": q.answers}
                label = "" if a.abstained or a.short is None else a.short.label
                wanted = answerer.wanted(q.question)
                kinds = {"wanted": list(wanted.labels), "head": wanted.head} if wanted else {}
                record |= {"short": short, "label": label, **kinds}
                record |= {"answer": a.text, **row}
                records.append(record)
        summary[config] = {k: statistics.mean(r[k] for r in rows if k in r) for k in KEYS if any(k in r for r in rows)}
        summary[config]["answer_p50_ms"] = statistics.median(times)
    if args.rows:
        Path(args.rows).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    print(f"{len(questions)} questions ({args.format} {args.subset}), index {pipe.settings.home}; {machine()}\n")
    print(markdown_table(summary, KEYS))


if __name__ == "__main__":
    main()
