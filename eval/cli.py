"""`rag eval`: the command behind the CLI's eval subcommand."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from eval import need, report
from eval.runner import MISSES, EvalResult, run, run_answers, split_by_time, summarize
from eval.systems import LlamaIndexCitations, LlamaIndexQuickstart, Ours, System
from rag import questions as qs
from rag.pipeline import Pipeline


def build_systems(pipeline: Pipeline, compare: bool, as_of: str, progress: bool) -> list[System]:
    if not compare:
        return [Ours(pipeline, "rerank", as_of)]
    systems: list[System] = [Ours(pipeline, mode, as_of) for mode in ("bm25", "dense", "hybrid", "rerank")]
    systems.append(LlamaIndexQuickstart(pipeline, progress=progress))
    return systems


def run_eval(pipeline: Pipeline, args: argparse.Namespace) -> int:
    if args.out:
        need("matplotlib", what="rag eval --out (its plots)")
    questions = qs.load(args.questions, args.format, args.subset)
    if args.limit:
        questions = questions[: args.limit]
    status = pipeline.status()
    if not status.indexed:
        pipeline.catalog  # raises IndexMissing with the one-line hint  # noqa: B018
    as_of = args.as_of
    if as_of == "none":
        pipeline.settings = replace(pipeline.settings, time_aware=False)
    systems = build_systems(pipeline, args.compare, as_of, not args.quiet)
    result = run(systems, questions, progress=not args.quiet)
    if not args.no_answers:
        progress = not args.quiet
        answer_rows = run_answers(pipeline, questions, progress=progress, as_of=as_of)
        settings = pipeline.settings
        if args.compare and settings.llm_configured:
            if settings.answerer != "llm":
                answer_rows += run_answers(pipeline, questions, "llm", progress=progress, as_of=as_of)
            engine = LlamaIndexCitations(pipeline)
            answer_rows += run_answers(
                pipeline, questions, progress=progress, name=engine.name, asker=lambda q: engine.ask(q.question)
            )
        rows = result.rows + answer_rows
        result = EvalResult(summary=summarize(rows), rows=rows, questions=result.questions)
    if len({r.get("time") for r in result.rows}) > 1:  # questions naming a period, and the others, apart
        result = EvalResult(summarize(result.rows + split_by_time(result.rows)), result.rows, result.questions)
    meta: dict[str, Any] = {
        "command": "rag " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "questions_file": args.questions,
        **status.to_json(),
    }
    if args.out:
        for path in report.write(result, Path(args.out), meta):
            print(f"wrote {path}", file=sys.stderr)
    if args.json:
        print(json.dumps({"questions": result.questions, "systems": result.summary}, ensure_ascii=False))
    else:
        print(report.markdown_table(result.summary))
        answers = {k: v for k, v in result.summary.items() if "answer_f1" in v or "abstain_rate" in v}
        if answers:
            print()
            print(report.markdown_table(answers, report.ANSWER_KEYS))
            misses = {k: v for k, v in answers.items() if "miss: right" in v}
            if misses:
                print()
                print(report.markdown_table(misses, tuple(f"miss: {c}" for c in MISSES)).replace(".000", ""))
    return 0
