"""Write an evaluation's report.md, results.jsonl and PNG plots."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.runner import K_CURVE, MISSES, EvalResult

HEADLINE = (
    "hit@1",
    "hit@5",
    "hit@10",
    "mrr@10",
    "ndcg@10",
    "contains@1",
    "contains@5",
    "latency_p50_ms",
    "latency_p95_ms",
)


ANSWER_KEYS = (
    "answer_contains",
    "short_em",
    "short_f1",
    "choice_accuracy",
    "short_rate",
    "answer_f1",
    "abstain_precision",
    "abstain_recall",
    "answered_rate_on_answerable",
    "citation_valid",
    "citation_support",
    "latency_p50_ms",
    "latency_p95_ms",
)


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def markdown_table(summary: dict[str, dict[str, float]], keys: tuple[str, ...] = HEADLINE) -> str:
    present = [k for k in keys if any(k in s for s in summary.values())]
    lines = ["| system | " + " | ".join(present) + " |", "|---" * (len(present) + 1) + "|"]
    for name, s in summary.items():
        cells = [_fmt(k, s.get(k)) for k in present]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _fmt(key: str, value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if key.endswith("_ms") else f"{value:.3f}"


def write(result: EvalResult, out: Path, meta: dict[str, Any]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "results.jsonl", out / "report.md"]
    with (out / "results.jsonl").open("w") as fh:
        for row in result.rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Evaluation report",
        "",
        f"- command: `{meta.get('command', '')}`",
        f"- questions: {result.questions} ({meta.get('questions_file', '')})",
        f"- index: {meta.get('articles', '?')} articles, {meta.get('chunks', '?')} chunks",
        f"- models: {meta.get('embed_model', '')} + {meta.get('rerank_model', '')}",
        f"- machine: {machine()}; date: {stamp}",
        "",
    ]
    ranked = {k: v for k, v in result.summary.items() if "hit@1" in v or "contains@1" in v}
    answered = {k: v for k, v in result.summary.items() if "answer_f1" in v or "abstain_rate" in v}
    lines += [
        table
        for summary, keys in ((ranked, HEADLINE), (answered, ANSWER_KEYS))
        if summary
        for table in (markdown_table(summary, keys), "")
    ]
    misses = {k: v for k, v in result.summary.items() if "miss: right" in v}
    if misses:
        keys = tuple(f"miss: {cause}" for cause in MISSES)
        lines += ["Where answers were lost (answerable questions with gold answers):", ""]
        lines += [markdown_table(misses, keys).replace(".000", ""), ""]
    lines += [
        "Article-level ranking metrics count questions with `relevant` ids; `contains@k` counts",
        "questions with gold answers (a top-k chunk contains one); latency is per search, warm.",
        "",
    ]
    plots = _plots(result, out)
    lines += [f"![{p.stem}]({p.name})" for p in plots]
    (out / "report.md").write_text("\n".join(lines) + "\n")
    return written + plots


def _plots(result: EvalResult, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths = []
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, s in result.summary.items():
        if all(f"hit@{k}" in s for k in K_CURVE):
            ax.plot(K_CURVE, [s[f"hit@{k}"] for k in K_CURVE], marker="o", label=name)
    ax.set_xlabel("k")
    ax.set_ylabel("hit@k (article level)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    paths.append(out / "hit_at_k.png")
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4))
    names = list(result.summary)
    data = [[r["latency_ms"] for r in result.rows if r["system"] == n] for n in names]
    names = [n.replace(" (", "\n(") for n in names]
    ax.boxplot(data, showfliers=False)
    ax.set_xticks(range(1, len(names) + 1), names, rotation=20, fontsize=8)
    ax.set_ylabel("latency per question (ms)")
    ax.grid(alpha=0.3, axis="y")
    fig.tight_layout()
    paths.append(out / "latency.png")
    fig.savefig(paths[-1], dpi=110)
    plt.close(fig)
    return paths
