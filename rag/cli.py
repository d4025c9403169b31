"""`rag index | search | ask | status | serve | mcp | eval | bench | calibrate | check-server`: commands over Pipeline.

Exit codes: 0 done; 1 error (one line on stderr); 2 bad usage; 3 indexed, but some files
were skipped (each listed as ``path: reason``); 4 ``check-server``: the two indexes disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.settings import Settings

EXIT_SKIPPED = 3
EXIT_DISAGREE = 4


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(
        home=args.home,
        embed_model=args.embed_model,
        rerank_model=args.rerank_model,
        chunk_size=args.chunk_size,
        chunk_overlap=args.chunk_overlap,
        chroma_url=args.chroma_url,
        rerank_depth=getattr(args, "rerank_depth", None),
    )


def _pipeline(args: argparse.Namespace, indexed: bool = False) -> Any:
    """The pipeline ``args`` set up; with ``indexed``, failing early (one line) without an index."""
    from rag.pipeline import Pipeline

    pipe = Pipeline(_settings(args))
    if indexed:
        pipe.catalog  # noqa: B018
    return pipe


def _emit(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def cmd_index(args: argparse.Namespace) -> int:
    from rag.feeds import split_feeds

    if args.watch and split_feeds(args.paths)[1]:
        raise RagError("--watch follows files and folders; index feeds without it (run it again to fetch new entries)")
    pipe = _pipeline(args)
    if args.watch:  # the whole run, then every change until Ctrl+C
        from rag.watch import follow

        return follow(pipe.index, args.paths, args.json, prune=not args.no_prune, progress=not args.quiet)
    report = pipe.index(args.paths, prune=not args.no_prune, rebuild=args.rebuild, progress=not args.quiet)
    for s in report.skipped:
        print(f"skipped {s}", file=sys.stderr)
    if args.json:
        _emit(report.to_json())
    else:
        print(
            f"indexed {report.articles} articles, {report.chunks} chunks "
            f"(+{report.added} new, {report.updated} changed, {report.removed} removed, "
            f"{report.unchanged} unchanged; {report.chunks_written} chunks written) "
            f"in {report.seconds:.1f}s"
        )
        if report.skipped:
            print(f"{len(report.skipped)} file(s) or record(s) skipped, listed above", file=sys.stderr)
    return EXIT_SKIPPED if report.skipped else 0


def _filters(args: argparse.Namespace) -> Any:
    from rag.records import Filters

    return Filters(source=args.source, since=args.since, until=args.until)


def cmd_search(args: argparse.Namespace) -> int:
    from rag.timesearch import found_json

    pipe = _pipeline(args)
    timings: dict[str, float] = {}
    found = pipe.find(args.question, args.k, mode=args.mode, filters=_filters(args), as_of=args.as_of, timings=timings)
    hits = found.shown
    if args.json:
        _emit(found_json(args.question, args.mode, found, timings))
        return 0
    for note in found.notes():
        print(f"({note})")
    if not hits:
        print("no matching passages")
    for h in hits:
        c = h.chunk
        snippet = " ".join(c.text.split())
        snippet = snippet if len(snippet) <= 240 else snippet[:237] + "..."
        # below the reranked head (a shallow depth, or a rerank that stopped early) the score
        # is the fusion's, on another scale
        score = f"{h.score:.3f}" + (", fused" if args.mode == "rerank" and h.stage == "hybrid" else "")
        print(f"{h.rank:>2}. [{score}] {c.title} ({c.published or 'undated'}{', ' + c.source if c.source else ''})")
        print(f"    {snippet}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.records import answer_text

    pipe = _pipeline(args)
    answer = pipe.ask(args.question, answerer=args.answerer, filters=_filters(args), as_of=args.as_of)
    if args.json:
        _emit(answer.to_json())
        return 0
    for warning in answer.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(answer_text(answer))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.server import serve  # gradio, fastapi and uvicorn only load for the server

    pipe = _pipeline(args, indexed=True)

    def announce(url: str) -> None:
        print(f"serving on {url}: the chat at /, the API at /api (/docs), /v1, /mcp  (Ctrl+C stops)", file=sys.stderr)

    serve(pipe, host=args.host, port=args.port, announce=announce)
    return 0


def cmd_mcp(args: argparse.Namespace) -> int:
    from ui.mcp_tools import build_server  # the mcp SDK only loads for this command

    build_server(_pipeline(args, indexed=True)).run("stdio")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from eval.bench import markdown, run_bench
    from eval.editbench import edit_cost, edit_markdown

    if args.edit_home:  # only the cost of one edit on that index
        edits = edit_cost(Path(args.edit_home))
        _emit(edits) if args.json else print(edit_markdown(edits))
        return 0

    homes = tuple(Path(h) for h in args.latency_home or ())
    out = Path(args.out) if args.out else None
    asked = Path(args.latency_questions) if args.latency_questions else None
    result = run_bench(Path(args.corpus), args.limit, out, args.skip_llama_index, homes, asked)
    if args.json:
        _emit(result)
    else:
        print(markdown(result))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = _pipeline(args).status()
    if args.json:
        _emit(status.to_json())
        return 0
    if not status.indexed:
        print(f"no index at {status.home}; run `rag index seeds`")
    for key, value in status.to_json().items():
        print(f"{key:>14}: {', '.join(value) if isinstance(value, tuple | list) else value}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.cli import run_eval  # the evaluation suite is optional at import time

    return run_eval(_pipeline(args), args)


def cmd_check_server(args: argparse.Namespace) -> int:
    from rag.pipeline import Pipeline
    from rag.questions import load
    from rag.servercheck import compare

    server = _pipeline(args)
    if not server.settings.chroma_url:
        raise RagError("check-server compares an index in a Chroma server: set RAG_CHROMA_URL or --chroma-url")
    embedded = Pipeline(replace(server.settings, home=Path(args.embedded_home), chroma_url=""))
    for pipe in (embedded, server):
        pipe.catalog  # one line when either index is missing  # noqa: B018
    questions = [q.question for q in load(args.questions, args.format, args.subset)][: args.limit or None]
    result = compare(embedded, server, questions, args.k, progress=not args.json)
    if args.json:
        _emit({"k": args.k, "modes": {label: asdict(a) for label, a in result.items()}})
    else:
        for label, a in result.items():
            print(f"{label}: {a.identical}/{a.questions} questions with the same top {args.k}, overlap {a.overlap:.3f}")
    if all(a.same for a in result.values()):
        return 0
    print("the two indexes disagree (near-ties in approximate search, or different settings)", file=sys.stderr)
    return EXIT_DISAGREE


def cmd_calibrate(args: argparse.Namespace) -> int:
    from rag.calibrate import calibrate
    from rag.questions import load

    pipe = _pipeline(args)
    questions = [(q.question, q.answerable) for q in load(args.questions, args.format, args.subset)]
    rows = calibrate(pipe, questions[: args.limit or None], progress=not args.json)
    if args.json:
        _emit({"recommended": rows[0].value, "thresholds": [asdict(r) for r in rows]})
        return 0
    print("| threshold | right decisions | abstain precision | abstain recall | answerable answered |")
    print("|---|---|---|---|---|")
    for r in sorted(rows[: args.top], key=lambda r: r.value):
        print(f"| {r.value:g} | {r.right} | {r.abstain_precision:.3f} | {r.abstain_recall:.3f} | {r.answered:.3f} |")
    print(f"\nrecommended (now {pipe.settings.abstain_threshold:g}): RAG_ABSTAIN_THRESHOLD={rows[0].value:g}")
    return 0


def eval_as_of(value: str) -> str:
    """``rag eval --as-of``: 'question', 'none' or a date (YYYY-MM-DD)."""
    from rag.dates import parse_date
    from rag.errors import BadInput

    if value in ("question", "none"):
        return value
    try:
        return parse_date(value, "--as-of")
    except BadInput as exc:
        raise argparse.ArgumentTypeError(f"{exc}, 'question' or 'none'") from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    g = common.add_argument_group("settings (flag > RAG_* variable > default)")
    g.add_argument("--home", help="index folder (RAG_HOME, default .rag)")
    g.add_argument("--embed-model", help="embedding model (RAG_EMBED_MODEL)")
    g.add_argument("--rerank-model", help="cross-encoder reranker (RAG_RERANK_MODEL)")
    g.add_argument("--chunk-size", type=int, help="chunk size in model word pieces")
    g.add_argument("--chunk-overlap", type=int, help="chunk overlap in model word pieces")
    g.add_argument("--chroma-url", help="http://host:port of a `chroma run` server (RAG_CHROMA_URL)")

    filters = argparse.ArgumentParser(add_help=False)
    f = filters.add_argument_group("filters")
    f.add_argument("--source", help="only articles from this source/outlet")
    f.add_argument("--since", help="only articles published on or after this date (2025-01-10, 10 Jan 2025)")
    f.add_argument("--until", help="only articles published on or before this date")
    f.add_argument(
        "--as-of",
        help="the day asked (default today): 'this week' is read against it, nothing later used; "
        "'none': the question is read without a date",
    )

    parser = argparse.ArgumentParser(prog="rag", description="Semantic search and cited answers over news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", parents=[common], help="index files or folders (idempotent)")
    p.add_argument(
        "paths",
        nargs="+",
        help="files, folders (.txt .md .html .json .jsonl .pdf .docx .rtf .eml .mbox), feeds (URL, .xml .rss .atom)",
    )
    p.add_argument("--no-prune", action="store_true", help="keep articles whose files are gone (default: remove)")
    p.add_argument("--watch", action="store_true", help="then index every change as it happens, until Ctrl+C")
    p.add_argument("--rebuild", action="store_true", help="delete the index and build it anew")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", parents=[common, filters], help="find passages for a question")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument(
        "--mode",
        choices=["dense", "bm25", "hybrid", "rerank"],
        default="rerank",
        help="retrieval stage: dense, bm25, hybrid (fused), rerank (hybrid + cross-encoder, default)",
    )
    p.add_argument("--rerank-depth", type=int, help="fused candidates the cross-encoder reorders")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", parents=[common, filters], help="answer a question with cited sources")
    p.add_argument("question")
    p.add_argument("--answerer", choices=["extractive", "llm"], help="default: RAG_ANSWERER or extractive")
    p.add_argument("--rerank-depth", type=int, help="fused candidates the cross-encoder reorders")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", parents=[common], help="start the web chat")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--rerank-depth", type=int, help="fused candidates the cross-encoder reorders")
    p.set_defaults(func=cmd_serve)

    questions = argparse.ArgumentParser(add_help=False)
    qg = questions.add_argument_group("questions")
    qg.add_argument("--questions", required=True, help="question file (JSONL, as for rag eval)")
    qg.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    qg.add_argument(
        "--subset",
        choices=["all", "clean", "rest", "unlabelled"],
        default="all",
        help="realtimeqa: 'clean' subset, 'rest' (questions with relevant articles outside it), "
        "or 'unlabelled' (questions with none)",
    )
    qg.add_argument("--limit", type=int, help="only the first N questions")
    qg.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("eval", parents=[common, questions], help="score retrieval (and answers) on a question file")
    p.add_argument(
        "--compare",
        action="store_true",
        help="also run bm25, dense, hybrid and the llama-index quickstart side by side",
    )
    p.add_argument("--no-answers", action="store_true", help="retrieval metrics only (skip rag ask)")
    p.add_argument(
        "--as-of",
        default="question",
        type=eval_as_of,
        help="the day questions are asked: 'question' (each its own date, today without one; default), "
        "a date for all, or 'none' (dates in questions read as plain words)",
    )

    p.add_argument("--rerank-depth", type=int, help="fused candidates the cross-encoder reorders")
    p.add_argument("--out", help="write report.md, results.jsonl and plots here")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", parents=[common], help="indexing and query speed against baselines")
    p.add_argument("--corpus", default="seeds", help="file or folder of articles (default seeds)")
    p.add_argument("--limit", type=int, help="only the first N articles")
    p.add_argument("--out", help="write bench.md, bench.json and bench.png here")
    p.add_argument(
        "--latency-home",
        action="append",
        metavar="DIR",
        help="also measure query latency and cold start on this existing index (repeatable)",
    )
    p.add_argument(
        "--latency-questions",
        metavar="FILE",
        help="also time 20 questions spread over this file (RealTime QA or ours) on each --latency-home",
    )
    p.add_argument("--skip-llama-index", action="store_true", help="skip the llama-index quickstart ingestion")
    p.add_argument("--edit-home", metavar="DIR", help="only: what one edit costs on a copy of this index")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser(
        "check-server",
        parents=[common, questions],
        help="compare an index in a Chroma server with an embedded index of the same corpus",
    )
    p.add_argument("--embedded-home", required=True, help="the embedded index built with the same settings")
    p.add_argument("-k", type=int, default=10, help="top-k chunk ids compared (default 10)")
    p.set_defaults(func=cmd_check_server)

    p = sub.add_parser(
        "calibrate", parents=[common, questions], help="choose the abstention threshold on your labelled questions"
    )
    p.add_argument("--top", type=int, default=10, help="table rows: the best N thresholds (default 10)")
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser("mcp", parents=[common], help="serve the archive's MCP tools over stdio (for assistants)")
    p.set_defaults(func=cmd_mcp)

    p = sub.add_parser("status", parents=[common], help="what is indexed, with which models")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("RAG_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        print(f"error: unexpected {type(exc).__name__}: {detail} (set RAG_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
