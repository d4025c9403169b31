"""Claim support: how well the LLM answerer's citation check tells a right claim from a wrong one.

RealTime QA questions are multiple choice. For each clean-subset question, the passage
among the top 5 that holds the gold answer is taken as the cited passage, and each choice
is stated as a claim in the question's words ("<question>: <choice>."). A good check
accepts the right choice and rejects the three wrong ones. Two ways of scoring a claim
against the passage's best sentence are compared at several thresholds: the share of the
content words the claim adds to the question (what ``rag.llm`` checks), and the share of
all its content words.

    RAG_HOME=<index> python -m research.support --questions ../shared/data/realtimeqa_news/questions.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval import metrics as m
from eval.report import machine
from rag.llm import SUPPORT_THRESHOLD, best_support
from rag.pipeline import Pipeline
from rag.questions import load
from rag.settings import Settings


def best_scores(claim: str, text: str, question: str) -> tuple[float, float]:
    """(best share of added words, best share of all words) over the sentences of ``text``."""
    added, all_words = best_support(claim, text, question), best_support(claim, text)
    return (added[0] if added else 0.0), (all_words[0] if all_words else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, required=True, help="RealTime QA questions.jsonl (with choices)")
    ap.add_argument("--subset", choices=["all", "clean"], default="clean")
    ap.add_argument("--mode", default="rerank", help="retrieval stage that picks the 5 passages")
    ap.add_argument("--thresholds", default="0.4,0.5,0.6,0.8,1.0")
    args = ap.parse_args()
    choices = {}
    for line in args.questions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            choices[str(row.get("qid", row.get("id")))] = (row.get("choices") or [], row.get("answer"))
    pipe = Pipeline(Settings.load())
    right: list[tuple[float, float]] = []
    wrong: list[tuple[float, float]] = []
    from tqdm import tqdm

    for q in tqdm(load(args.questions, "realtimeqa", args.subset), desc="support", file=sys.stderr):
        options, gold = choices.get(q.id, ([], None))
        if len(options) < 2 or gold is None:
            continue
        hits = pipe.search(q.question, 5, mode=args.mode)
        hit = next((h for h in hits if m.contains_answers(h.chunk.text, q.answers, "any")), None)
        if hit is None:
            continue
        for option in options:
            claim = f"{q.question.rstrip(' ?')}: {option}."
            (right if option == gold else wrong).append(best_scores(claim, hit.chunk.text, q.question))
    print(
        f"Claim support on {len(right)} questions whose top 5 ({args.mode}) hold the answer: "
        f"{len(right)} right and {len(wrong)} wrong claims; {machine()}\n"
    )
    print(
        "| threshold | added words: right accepted | added words: wrong accepted "
        "| all words: right accepted | all words: wrong accepted |"
    )
    print("|---|---|---|---|---|")
    for t in (float(x) for x in args.thresholds.split(",")):
        cells = [sum(r[i] >= t for r in rows) / max(len(rows), 1) for i in (0, 1) for rows in (right, wrong)]
        mark = " (default)" if abs(t - SUPPORT_THRESHOLD) < 1e-9 else ""
        print(f"| {t:g}{mark} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
