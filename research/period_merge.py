"""A period's passages merged with every date's, for the questions that name a period and
whose period the search kept (its best passage cleared ``RAG_TIME_FLOOR``): the two
rankings merged by cross-encoder score, the period's passages given ``bonus``, against the
search as it is (the period alone). hit@5 and MRR@10 over the questions' labelled articles,
the way ``rag eval`` ranks articles (by their best of 30 passages).

    RAG_HOME=<full index> python -m research.period_merge --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset rest --bonus 0,1,2,4,8

Each question is searched twice (on its date, and capped at its date without reading the
period), once per question; the merges are computed from those two searches.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tqdm import tqdm

from eval import metrics as m
from eval.report import markdown_table
from eval.runner import time_kind
from rag import Pipeline, Settings
from rag.records import Filters, Hit
from research.short_answers import half

K = 30


def merged(period: Sequence[Hit], every: Sequence[Hit], bonus: float) -> list[str]:
    """Article ids ranked by their best passage: the reranked passages of both searches by
    score (the period's plus ``bonus``), then those not reranked, in their order."""
    scored = [(h.score + bonus, h.chunk.article_id) for h in period if h.stage == "rerank"]
    scored += [(h.score, h.chunk.article_id) for h in every if h.stage == "rerank"]
    rest = [h.chunk.article_id for h in (*period, *every) if h.stage != "rerank"]
    ranked = [a for _, a in sorted(scored, key=lambda x: -x[0])]
    return m.dedupe([*ranked, *rest])


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="realtimeqa")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="rest")
    ap.add_argument("--half", choices=["all", "dev", "test"], default="all")
    ap.add_argument("--bonus", default="0,1,2,4,8")
    args = ap.parse_args()
    from rag.questions import load

    asked = half(load(args.questions, args.format, args.subset), args.half)
    questions = [q for q in asked if time_kind(q) == "relative" and q.relevant]
    base = Settings.load()
    dated, plain = Pipeline(base), Pipeline(Settings.load(home=base.home, time_aware=False))
    bonuses = [float(b) for b in args.bonus.split(",")]
    names = ["as is", "every date, capped", *(f"merged, bonus {b:g}" for b in bonuses)]
    sums: dict[str, dict[str, float]] = {n: {"hit@5": 0.0, "mrr@10": 0.0} for n in names}
    kept = 0
    for q in tqdm(questions, file=sys.stderr):
        found = dated.find(q.question, K, as_of=q.date or None)
        every = plain.find(q.question, K, filters=Filters(as_of=q.date) if q.date else None).hits
        rel = set(q.relevant)
        shown = m.dedupe(h.chunk.article_id for h in found.shown)
        rankings = {"as is": shown, "every date, capped": m.dedupe(h.chunk.article_id for h in every)}
        period_kept = found.window is not None and not found.outside
        kept += period_kept
        for b, name in zip(bonuses, names[2:], strict=True):
            rankings[name] = merged(found.hits, every, b) if period_kept else shown
        for name, ranking in rankings.items():
            sums[name]["hit@5"] += m.hit_at(ranking, rel, 5)
            sums[name]["mrr@10"] += m.mrr_at(ranking, rel, 10)
    n = max(len(questions), 1)
    table = {name: {k: v / n for k, v in s.items()} for name, s in sums.items()}
    print(f"{len(questions)} questions that name a period, {kept} kept to their period\n")
    print(markdown_table(table, ("hit@5", "mrr@10")))


if __name__ == "__main__":
    main()
