"""Rerank depth: retrieval quality and latency against the number of fused candidates the
cross-encoder reorders, on the index in ``RAG_HOME``.

Each question is fused once (dense + BM25), then the cross-encoder scores the fused list
in slices (the first 5, the next 5, ...), timing each slice; depth d reorders the first d
candidates by their scores and keeps the fused order below them, exactly as
``Retriever.search`` does, and its latency is the fused search plus the slices up to d.

    RAG_HOME=/tmp/rh-full python -m research.depth --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset clean --depths 0,5,10,20,30,50

``--passage`` shortens what the cross-encoder reads of each candidate, to weigh its cost
(which grows with the word pieces it reads) against quality: ``first:N`` keeps a passage's
first N word pieces, ``focus:N`` the run of whole sentences within N word pieces that
holds the most of the question's words.

``--confident 4,5,6`` adds, for each score, the early stop ``Retriever.search`` makes: the
first ``--probe`` candidates (default 2) are scored; when one scores at least that much the
rerank stops there, else it goes on to the deepest depth. ``--floor -4,-3`` adds, for each
confident score and floor, the stop below the floor as well (every probed candidate under
it; write ``--floor=-4,-3``, as a list starting with "-" reads as an option).
``--confident-depths 5,10`` adds, for each confident score and depth, a row that reranks to
that depth after a confident probe instead of stopping there. Choose them
on ``--subset rest`` (labelled questions outside the clean subset), report them on
``clean``; ``--subset unlabelled`` times the questions with no relevant article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from eval.report import machine, markdown_table
from eval.runner import score_retrieval, summarize
from eval.systems import CANDIDATES, Retrieved
from rag.models import load_tokenizer, resolve
from rag.pipeline import Pipeline
from rag.questions import load
from rag.records import Chunk
from rag.retrieve import clean_question, rerank_head
from rag.sentences import words
from rag.settings import Settings

KEYS = ("hit@1", "hit@5", "hit@10", "mrr@10", "contains@1", "contains@5", "latency_p50_ms", "latency_p95_ms")


def passage_form(form: str, rerank_model: str) -> Callable[[str, Chunk], Chunk]:
    """(query, chunk) -> the chunk as the cross-encoder reads it under ``form``."""
    if form == "whole":
        return lambda query, chunk: chunk
    kind, _, n_text = form.partition(":")
    if kind not in ("first", "focus") or not n_text.isdigit():
        raise SystemExit(f"--passage {form!r}: use whole, first:N or focus:N")
    n = int(n_text)
    _, folder = resolve(rerank_model, "reranker")
    assert folder is not None
    tok = load_tokenizer(folder, 100_000)

    def first(text: str) -> str:
        offsets = tok.encode(text, add_special_tokens=False).offsets
        return text if len(offsets) <= n else text[: offsets[n - 1][1]]

    if kind == "first":
        return lambda query, chunk: replace(chunk, text=first(chunk.text))
    from bm25s.stopwords import STOPWORDS_EN

    from rag.sentences import sentence_spans

    def focus(query: str, chunk: Chunk) -> Chunk:
        wanted = set(words(query)) - set(STOPWORDS_EN)
        spans = sentence_spans(chunk.text) or [(0, len(chunk.text))]
        sizes = [len(tok.encode(chunk.text[a:b], add_special_tokens=False).ids) for a, b in spans]
        gains = [len(wanted & set(words(chunk.text[a:b]))) for a, b in spans]
        best = (-1, 0, 1)  # (gain, first sentence, end)
        for i in range(len(spans)):
            j, size = i, 0
            while j < len(spans) and (j == i or size + sizes[j] <= n):
                size += sizes[j]
                j += 1
            if sum(gains[i:j]) > best[0]:
                best = (sum(gains[i:j]), i, j)
        _, i, j = best
        return replace(chunk, text=first(chunk.text[spans[i][0] : spans[j - 1][1]]))

    return focus


def depth_runs(
    best: float,
    depths: Sequence[int],
    probe: int,
    confident: Sequence[float],
    after: Sequence[int] = (),
    floors: Sequence[float] = (),
) -> list[tuple[str, int]]:
    """Each row's name and the depth it reranks to, for a question whose ``probe`` first
    candidates score ``best`` at most: a fixed depth, the stop after a confident probe (else
    the deepest), a shallow rerank after a confident probe (``after``), the stop below a
    floor too."""
    deepest = max(depths)
    runs = [(f"rerank depth {d}", d) for d in depths]
    for c in confident:
        runs.append((f"probe {probe}, stop at {c:g}, else {deepest}", probe if best >= c else deepest))
        for a in after:
            runs.append((f"probe {probe}, at {c:g} to {a}, else {deepest}", a if best >= c else deepest))
        for f in floors:
            name = f"probe {probe}, stop at {c:g} or below {f:g}, else {deepest}"
            runs.append((name, probe if best >= c or best < f else deepest))
    return runs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--depths", default="0,5,10,20,30,50")
    ap.add_argument(
        "--batch-size",
        type=int,
        default=0,
        help="cross-encoder pairs per call (default: the model's own, 1); to compare batched scoring",
    )
    ap.add_argument("--passage", default="whole", help="what the cross-encoder reads: whole, first:N or focus:N")
    ap.add_argument(
        "--confident",
        default="",
        help="comma-separated scores: for each, a row that stops after the probe when a probed "
        "candidate scores at least that, else reranks to the deepest depth (as Retriever.search)",
    )
    ap.add_argument(
        "--floor",
        default="",
        help="comma-separated scores: with --confident, rows that also stop when every probed candidate "
        "scores below that (as Retriever.search with RAG_RERANK_FLOOR)",
    )
    ap.add_argument("--probe", type=int, default=2, help="candidates scored before the stop test (with --confident)")
    ap.add_argument(
        "--confident-depths",
        default="",
        help="comma-separated depths: with --confident, rows that rerank to that depth after a confident probe "
        "instead of stopping (a shallow rerank for the clear questions, the deepest for the others)",
    )
    args = ap.parse_args()
    depths = sorted({int(d) for d in args.depths.split(",")})
    confident = [float(c) for c in args.confident.split(",") if c.strip()]
    floors = [float(f) for f in args.floor.split(",") if f.strip()]
    after = [int(d) for d in args.confident_depths.split(",") if d.strip()]
    if confident:
        depths = sorted({*depths, args.probe, *after})
    questions = load(args.questions, args.format, args.subset)
    pipe = Pipeline(Settings.load())
    retriever = pipe.retriever()
    shorten = passage_form(args.passage, pipe.settings.rerank_model)
    if args.batch_size:
        pipe.reranker.batch_size = args.batch_size  # type: ignore[attr-defined]
    deepest = max(depths)
    pipe.search(questions[0].question, k=deepest, mode="rerank")  # warm-up: models loaded
    from tqdm import tqdm

    rows: list[dict[str, Any]] = []
    for q in tqdm(questions, desc="depth", file=sys.stderr):
        t = time.perf_counter()
        fused = pipe.search(q.question, k=max(deepest, CANDIDATES), mode="hybrid")
        fused_ms = (time.perf_counter() - t) * 1000
        query = clean_question(q.question)
        scores: list[float] = []
        spent = {0: 0.0}
        for lo, hi in zip([0, *depths], depths, strict=False):
            if hi <= lo:
                continue
            t = time.perf_counter()
            scores += retriever.rerank(query, [shorten(query, h.chunk) for h in fused[lo:hi]])
            spent[hi] = spent[lo] + (time.perf_counter() - t) * 1000
        best = max(scores[: args.probe], default=float("-inf"))
        runs = depth_runs(best, depths, args.probe, confident, after, floors)
        for name, d in runs:
            scored = list(zip(fused[:d], scores[:d], strict=True))
            order = [h for h, _ in rerank_head(scored, [(h, 0.0) for h in fused])]
            retrieved = [Retrieved(h.chunk.article_id, h.chunk.id, h.chunk.text) for h in order[:CANDIDATES]]
            row = {"system": name, "id": q.id, "latency_ms": round(fused_ms + spent[d], 2), "reranked": d}
            row.update(score_retrieval(q, retrieved))
            rows.append(row)
    summary = summarize(rows)
    s = pipe.settings
    print(
        f"Rerank depth on {len(questions)} questions ({args.questions}, {args.subset}); "
        f"cross-encoder batch {getattr(pipe.reranker, 'batch_size', '?')}, passages {args.passage}; index {s.home}: "
        "{} articles, {} chunks; ".format(*pipe.catalog.counts())
        + f"{s.embed_model}, chunk {s.chunk_size}/{s.chunk_overlap}; {machine()}\n"
    )
    stopped = {
        name: sum(r["reranked"] == args.probe for r in rows if r["system"] == name) / len(questions)
        for name in summary
        if name.startswith("probe ") and ", at " not in name
    }
    for name, share in stopped.items():
        summary[name]["stopped_after_probe"] = round(share, 3)
    print(markdown_table(summary, KEYS + (("stopped_after_probe",) if stopped else ())))
    grow = summary[f"rerank depth {deepest}"]["latency_p50_ms"] - summary[f"rerank depth {depths[0]}"]["latency_p50_ms"]
    print(
        f"\nDepth 0 is the fused (hybrid) order. Search p50 grows by {grow:.0f} ms from depth {depths[0]} to {deepest}."
    )


if __name__ == "__main__":
    main()
