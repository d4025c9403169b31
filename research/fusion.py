"""The fused search with and without the words held by every chunk, on the index in
``RAG_HOME``: retrieval quality of each stage, each question asked on its own date.

    RAG_HOME=<full index> python -m research.fusion --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset rest --modes hybrid,rerank

Each mode runs twice: as shipped (``rag.lexical.Lexical.telling`` leaves such words out of
the BM25 list that is fused; ``--half-rule``: the words held by more than half of the
chunks instead, measured and not kept) and with every word of the question ("<mode>, every word").
``--half dev`` takes one half of a seeded split of the clean subset.
"""

from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from eval.report import machine, markdown_table
from eval.runner import score_retrieval, summarize
from eval.systems import Ours
from rag import Pipeline, Settings
from rag.lexical import Lexical
from rag.questions import load
from research.short_answers import half


def held_by_half(self: Lexical, tokens: list[str]) -> list[str]:
    """``tokens`` without those held by more than half of the chunks (their Robertson-Sparck
    Jones weight is 0 or less): the rule measured before ``Lexical.telling``'s, not kept."""
    held = self.held(tokens)
    return [t for t in tokens if held[t] * 2 <= len(self.ids)]


KEYS = ("with_relevant", "hit@1", "hit@5", "mrr@10", "contains@1", "contains@5")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--half", choices=["all", "dev", "test"], default="all", help="one half of a seeded split")
    ap.add_argument("--modes", default="hybrid,rerank")
    ap.add_argument("--half-rule", action="store_true", help="leave out the words held by more than half of the chunks")
    args = ap.parse_args()
    questions = half(load(args.questions, args.format, args.subset), args.half)
    pipe = Pipeline(Settings.load())
    shipped = held_by_half if args.half_rule else Lexical.telling
    original = Lexical.telling
    rows = []
    for mode in args.modes.split(","):
        for every in (False, True):
            Lexical.telling = (lambda self, tokens: tokens) if every else shipped  # type: ignore[method-assign]
            system = Ours(pipe, mode)
            name = f"{mode}, every word" if every else f"{mode}, half rule" if args.half_rule else mode
            for q in tqdm(questions, desc=name, file=sys.stderr):
                rows.append({"system": name, **score_retrieval(q, system.search(q, 10))})
    Lexical.telling = original  # type: ignore[method-assign]
    print(markdown_table(summarize(rows), KEYS))
    print(f"\n{args.subset} ({args.half}), {len(questions)} questions; {machine()}")


if __name__ == "__main__":
    main()
