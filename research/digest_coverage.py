"""How much of a week's news the answer to "What happened this week?" covers, on RealTime QA:
each quiz is asked on its date, and its questions are about that week's news. For each quiz
date, the five (or ten) stories given for the week up to it are compared with the quiz's
questions whose labelled articles include one published that week: a question is covered
when one of the stories given is one of its labelled articles. Orders compared: the shipped
one (most covered, each story less its likeness to those before it), most covered alone,
newest first. Then the whole answer is asked once per quiz date (``Pipeline.ask``, warm),
for its latency; and "What is the latest on <the headline of the day's newest article>?",
for its latency and whether that article is among those given.

    RAG_HOME=<full index> python -m research.digest_coverage \\
        --questions ../shared/data/realtimeqa_news/questions.jsonl --subset rest
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from datetime import date

from eval.metrics import percentile
from rag.digest import POOL, most_covered
from rag.pipeline import Pipeline
from rag.questions import load
from rag.records import Hit
from rag.timeref import resolve

QUESTION = "What happened this week?"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="realtimeqa")
    ap.add_argument("--subset", default="rest")
    ap.add_argument("--ks", default="5,10")
    args = ap.parse_args()
    ks = [int(k) for k in args.ks.split(",")]
    pipeline = Pipeline()
    catalog, store = pipeline.catalog, pipeline.vector_store()
    quizzes: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for q in load(args.questions, args.format, args.subset):  # type: ignore[arg-type]
        if q.date and q.relevant:
            quizzes[q.date].append(q.relevant)
    orders = ("covered, diverse (shipped)", "covered alone", "newest first")
    got = {(o, k): 0 for o in orders for k in ks}
    asked = weeks = 0
    for day, relevants in sorted(quizzes.items()):
        ref = resolve(QUESTION, date.fromisoformat(day))
        assert ref.window is not None
        leads, _ = catalog.leads_between(ref.window.start.isoformat(), day, None, POOL)
        in_week = {c.article_id for c in leads}
        asked_here = [set(r) & in_week for r in relevants]
        asked_here = [r for r in asked_here if r]
        if not asked_here:
            continue
        weeks += 1
        asked += len(asked_here)
        ids, vecs = store.unit_vectors([c.id for c in leads])
        by_id = {c.id: c for c in leads}
        ordered = [by_id[i] for i in ids]
        for k in ks:
            picks: dict[str, list[Hit]] = {
                orders[0]: most_covered(ordered, vecs, k),
                orders[1]: most_covered(ordered, vecs, k, diverse=False),
                orders[2]: [Hit(c, 0.0, n) for n, c in enumerate(leads[:k], start=1)],
            }
            for order, hits in picks.items():
                chosen = {h.chunk.article_id for h in hits}
                got[(order, k)] += sum(1 for r in asked_here if r & chosen)
    print(f"{weeks} quiz dates, {asked} questions with a labelled article of their week\n")
    print("| order | " + " | ".join(f"covered by {k} stories" for k in ks) + " |")
    print("|---|" + "---|" * len(ks))
    for order in orders:
        print(f"| {order} | " + " | ".join(f"{got[(order, k)] / max(asked, 1):.3f}" for k in ks) + " |")
    pipeline.ask(QUESTION, as_of=min(quizzes))  # warm: the models loaded
    took: list[float] = []
    for day in sorted(quizzes):
        t = time.perf_counter()
        answer = pipeline.ask(QUESTION, as_of=day)
        took.append((time.perf_counter() - t) * 1000)
        assert all(c.published <= day for c in answer.citations)
    print(f"\nanswers: p50 {percentile(took, 50):.0f} ms, p95 {percentile(took, 95):.0f} ms over {len(took)} dates")
    # the news on a topic: the headline of each quiz date's newest article, asked as "What is
    # the latest on <headline>?" that day; is its own article among the answer's?
    took, found = [], 0
    for day in sorted(quizzes):
        leads, _ = catalog.leads_between("0000-01-01", day, None, 1)
        if not leads:
            continue
        t = time.perf_counter()
        answer = pipeline.ask(f"What is the latest on {' '.join(leads[0].title.split()).rstrip('?.!')}?", as_of=day)
        took.append((time.perf_counter() - t) * 1000)
        found += leads[0].article_id in {c.article_id for c in answer.citations}
    print(
        f"the latest on a headline: its own article cited {found} of {len(took)}; "
        f"p50 {percentile(took, 50):.0f} ms, p95 {percentile(took, 95):.0f} ms"
    )


if __name__ == "__main__":
    main()
