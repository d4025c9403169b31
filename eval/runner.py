"""Run a question file through one or more retrieval systems and score them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eval import metrics as m
from eval.systems import System, article_ranking, asked_on, timed
from rag.questions import Question
from rag.timeref import resolve

K_CURVE = tuple(range(1, 11))


@dataclass(frozen=True)
class EvalResult:
    summary: dict[str, dict[str, float]]  # system -> metric -> value
    rows: list[dict[str, Any]] = field(default_factory=list)
    questions: int = 0


def score_retrieval(question: Question, retrieved: Sequence[Any]) -> dict[str, Any]:
    articles = article_ranking(retrieved)[:10]
    row: dict[str, Any] = {"articles": articles, "chunks": [r.chunk_id for r in retrieved[:10]]}
    if question.relevant:
        rel = set(question.relevant)
        for k in K_CURVE:
            row[f"hit@{k}"] = m.hit_at(articles, rel, k)
        row["mrr@10"] = m.mrr_at(articles, rel, 10)
        row["ndcg@10"] = m.ndcg_at(articles, rel, 10)
    if question.answers and question.expects_answer:
        texts = [r.text for r in retrieved]
        for k in (1, 5, 10):
            row[f"contains@{k}"] = float(
                any(m.contains_answers(t, question.answers, question.match) for t in texts[:k])
            )
    return row


def run(systems: Sequence[System], questions: Sequence[Question], progress: bool = True) -> EvalResult:
    from tqdm import tqdm

    rows: list[dict[str, Any]] = []
    for system in systems:  # warm-up: load models before anything is timed
        timed(system, questions[0], 10)
    bar = tqdm(total=len(systems) * len(questions), desc="eval", disable=not progress, file=sys.stderr)
    for system in systems:
        for q in questions:
            retrieved, ms = timed(system, q, 10)
            row = {"system": system.name, "id": q.id, "question": q.question, "latency_ms": round(ms, 2)}
            row["time"] = time_kind(q)
            row.update(score_retrieval(q, retrieved))
            rows.append(row)
            bar.update(1)
    bar.close()
    return EvalResult(summary=summarize(rows), rows=rows, questions=len(questions))


def time_kind(question: Question) -> str:
    """ "relative" for a question that names a period ("this week", "on Sunday"), else "other"."""
    day = date.fromisoformat(question.date) if question.date else date.today()
    return "relative" if resolve(question.question, day).window is not None else "other"


def split_by_time(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows again, each system also as "system · relative time" and "system · other"."""
    labels = {"relative": "relative time", "other": "no time named"}
    return [{**r, "system": f"{r['system']} · {labels[r['time']]}"} for r in rows if r.get("time") in labels]


def score_answer(question: Question, answer: Any, article_text: Any) -> dict[str, Any]:
    """Answer, abstention and citation metrics for one answered question."""
    row: dict[str, Any] = {
        "answer": answer.text,
        "abstained": answer.abstained,
        "mode": answer.mode,
        "citations": len(answer.citations),
        "as_of": answer.as_of,
        "newest_cited": max((c.published for c in answer.citations), default=""),
    }
    if question.answerable is not None:
        row["answerable"] = question.answerable
    short = "" if answer.abstained or answer.short is None else answer.short.value
    row["short_answer"] = short
    if question.answers and question.expects_answer:
        text = "" if answer.abstained else answer.text
        row["answer_contains"] = float(m.contains_answers(text, question.answers, question.match))
        row["answer_f1"] = m.token_f1(text, question.answers)
        row["answer_em"] = m.exact_match(text, question.answers)
        row["short_em"] = m.short_exact(short, question.answers, question.match) if short else 0.0
        row["short_f1"] = m.token_f1(short, question.answers)
        if question.choices and question.answers[0] in question.choices:
            right = question.choices.index(question.answers[0])
            row["choice_accuracy"] = float(m.closest_choice(short, question.choices) == right)
        row["miss"] = miss(answer, question, row)
    valid = supported = 0
    for c in answer.citations:
        body = article_text(c.article_id) or ""
        valid += int(body[c.start : c.end] == c.quote)
        passage = next((h.chunk.text for h in answer.passages if h.chunk.id == c.chunk_id), "")
        supported += int(
            c.article_id in question.relevant
            or (bool(question.answers) and m.contains_answers(passage, question.answers, "any"))
        )
    if answer.citations:
        row["citation_valid"] = valid / len(answer.citations)
        if question.answers or question.relevant:
            row["citation_support"] = supported / len(answer.citations)
    return row


MISSES = ("right", "abstained", "retrieval missed", "right passage, wrong sentence", "right sentence, wrong span")


def miss(answer: Any, question: Question, row: dict[str, Any]) -> str:
    """Where an answer to an answerable question was lost, first cause first."""
    if row["short_em"]:
        return "right"
    if answer.abstained:
        return "abstained"
    given = " ".join(h.chunk.text for h in answer.passages)
    if not m.contains_answers(given, question.answers, "any"):
        return "retrieval missed"
    return "right sentence, wrong span" if row["answer_contains"] else "right passage, wrong sentence"


def run_answers(
    pipeline: Any,
    questions: Sequence[Question],
    answerer: str | None = None,
    progress: bool = True,
    name: str = "",
    as_of: str = "question",
    asker: Callable[[Question], Any] | None = None,
) -> list[dict[str, Any]]:
    from tqdm import tqdm

    def default_ask(q: Question) -> Any:
        return pipeline.ask(q.question, answerer=answerer, as_of=asked_on(q, as_of))

    ask = asker or default_ask
    ask(questions[0])  # warm-up
    rows = []
    label = name or f"answers ({answerer or pipeline.settings.answerer})"
    for q in tqdm(questions, desc="answers", disable=not progress, file=sys.stderr):
        answer = ask(q)
        row = {"system": label, "id": q.id, "question": q.question, "latency_ms": round(answer.timings["total_ms"], 2)}
        row["time"] = time_kind(q)
        row.update(score_answer(q, answer, pipeline.article_text))
        rows.append(row)
    return rows


ANSWER_MEANS = ("answer_contains", "answer_f1", "answer_em", "short_em", "short_f1", "choice_accuracy")


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(r["system"] for r in rows):
        mine = [r for r in rows if r["system"] == name]
        s: dict[str, float] = {}
        ranked = [r for r in mine if "hit@1" in r]
        s["questions"] = len(mine)
        s["with_relevant"] = len(ranked)
        for key in (*(f"hit@{k}" for k in K_CURVE), "mrr@10", "ndcg@10"):
            if ranked:
                s[key] = m.mean([r[key] for r in ranked])
        answered = [r for r in mine if "contains@1" in r]
        s["with_answers"] = len(answered)
        for k in (1, 5, 10):
            if answered:
                s[f"contains@{k}"] = m.mean([r[f"contains@{k}"] for r in answered])
        lat = [r["latency_ms"] for r in mine if "latency_ms" in r]
        s["latency_p50_ms"] = m.percentile(lat, 50)
        s["latency_p95_ms"] = m.percentile(lat, 95)
        # answer metrics, present when the system produced answers
        for key in (*ANSWER_MEANS, "citation_valid", "citation_support"):
            vals = [r[key] for r in mine if key in r]
            if vals:
                s[key] = m.mean(vals)
        if any("short_answer" in r for r in mine):
            s["short_rate"] = m.mean([float(bool(r.get("short_answer"))) for r in mine if "abstained" in r])
        for cause in MISSES:
            if any("miss" in r for r in mine):
                s[f"miss: {cause}"] = sum(r.get("miss") == cause for r in mine)
        labelled = [r for r in mine if "answerable" in r and "abstained" in r]
        if labelled:
            abstained = [r for r in labelled if r["abstained"]]
            unanswerable = [r for r in labelled if not r["answerable"]]
            s["abstain_rate"] = len(abstained) / len(labelled)
            if abstained:
                s["abstain_precision"] = sum(not r["answerable"] for r in abstained) / len(abstained)
            if unanswerable:
                s["abstain_recall"] = sum(r["abstained"] for r in unanswerable) / len(unanswerable)
            answerable = [r for r in labelled if r["answerable"]]
            if answerable:
                s["answered_rate_on_answerable"] = sum(not r["abstained"] for r in answerable) / len(answerable)
        out[name] = s
    return out
