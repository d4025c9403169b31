"""How well a story's timeline ("Timeline of the Palisades fire") lists the story, on the
RealTime QA corpus. Each story below was written down, with the day it is asked and a
pattern for the headlines of its articles, from the corpus's headlines before any timeline
was run. Per story: of the articles listed, the share whose headline names the story
(precision: a floor, since an article can be on a story its headline does not name); of
the articles whose headline names it (published in the story's span, up to the day asked),
the share listed, out of at most ``ENTRIES`` (recall); whether the oldest and the newest of
them are listed (the story's start and its latest turn). Selections compared: the best of
30 or 60 passages searched; the oldest and newest on the topic with the best between; the
shipped one (``topicnews.on_topic`` with ``story``: the best of 30, and the newest on the
topic published after all of them).
Then the whole answer (``Pipeline.ask``, warm), for its latency.

    RAG_HOME=<full index> python -m research.timeline_check --half dev
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass
from datetime import date

from eval.metrics import percentile
from rag.pipeline import Pipeline
from rag.records import Filters, Hit
from rag.timeline import timeline_topic
from rag.timeref import resolve
from rag.topicnews import ENTRIES, ON_TOPIC, best_per_article, on_topic, scored


@dataclass(frozen=True)
class Story:
    question: str
    as_of: str
    headline: str  # a pattern for the headlines of the story's articles
    since: str = "1900-01-01"  # the story's span starts here (earlier headlines that match are another story)


STORIES = (  # the first half chooses (dev), the second reports (test)
    Story("Timeline of the Charlie Kirk shooting", "2025-12-01", r"Kirk", "2025-09-10"),
    Story("Timeline of Hurricane Melissa", "2025-12-01", r"Melissa"),
    Story("Timeline of the Bryan Kohberger case", "2025-12-01", r"Kohberger"),
    Story("How did the Air India crash unfold?", "2025-07-31", r"Air India"),
    Story("Catch me up on Jimmy Kimmel's suspension", "2025-12-31", r"Kimmel", "2025-09-01"),
    Story("Timeline of the Sean Combs trial", "2025-12-01", r"Combs|Diddy", "2025-01-01"),
    Story("How did the government shutdown unfold?", "2025-11-20", r"shutdown", "2025-09-15"),
    Story("Timeline of DeepSeek", "2025-03-01", r"DeepSeek"),
    Story(
        "Timeline of the Palisades fire",
        "2025-12-01",
        r"Palisades|\bLA fire|Los Angeles (?:fire|wildfire)|California wildfire|LA wildfire",
        "2025-01-01",
    ),
    Story("Catch me up on Pope Leo", "2026-07-08", r"Pope Leo", "2025-05-01"),
    Story("Timeline of the search for Savannah Guthrie's mother", "2026-07-08", r"Guthrie"),
    Story("Timeline of Alligator Alcatraz", "2026-07-08", r"Alligator Alcatraz"),
    Story("Timeline of the White House East Wing demolition", "2026-07-08", r"East Wing|ballroom", "2025-07-01"),
    Story("Timeline of Zohran Mamdani's campaign", "2025-12-01", r"Mamdani"),
    Story("How did the Epstein files story unfold?", "2026-07-08", r"Epstein", "2025-07-01"),
    Story("Catch me up on Dick Cheney", "2025-12-01", r"Cheney", "2025-11-01"),
)


def chosen(on: list[Hit], how: str) -> list[Hit]:
    """``ENTRIES`` of the on-topic articles ``on`` (best first): the best, or the oldest and
    the newest with the best between (``ends``)."""
    if how == "best" or len(on) <= ENTRIES:
        return on[:ENTRIES]
    by_date = sorted(on, key=lambda h: h.chunk.published or "9999")
    ends = {by_date[0].chunk.id, by_date[-1].chunk.id}
    between = [h for h in on if h.chunk.id not in ends][: ENTRIES - 2]
    return [by_date[0], *between, by_date[-1]]


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--half", choices=["dev", "test", "all"], default="dev")
    args = ap.parse_args()
    half = len(STORIES) // 2
    stories = {"dev": STORIES[:half], "test": STORIES[half:], "all": STORIES}[args.half]
    pipeline = Pipeline()
    catalog, retriever = pipeline.catalog, pipeline.retriever()
    hows = ("best-30", "ends-30", "best-60", "shipped")
    sums = {h: [0.0, 0.0, 0, 0] for h in hows}
    for s in stories:
        day = date.fromisoformat(s.as_of)
        ref = resolve(s.question, day)
        topic = timeline_topic(ref.query)
        assert topic is not None, s.question
        leads, _ = catalog.leads_between(s.since, s.as_of, None, 1_000_000)
        titled = {c.article_id: c.published for c in leads if re.search(s.headline, c.title, re.I)}
        first, last = min(titled.values()), max(titled.values())
        memo: dict[str, float] = {}
        on_of = {}
        for k in (30, 60):
            hits = scored(retriever, topic, Filters().up_to(day), memo, k)
            on_of[k] = best_per_article([h for h in hits if h.score > ON_TOPIC])
        shipped = on_topic(retriever, ref, topic, Filters(), story=True).hits
        for how in hows:
            if how == "shipped":
                listed = list(shipped)
            else:
                pick, k = how.split("-")
                listed = chosen(on_of[int(k)], pick)
            ids = {h.chunk.article_id for h in listed}
            named = len(ids & set(titled))
            precision = named / len(ids) if ids else 0.0
            recall = named / min(ENTRIES, len(titled))
            starts = any(h.chunk.published == first and h.chunk.article_id in titled for h in listed)
            reaches = any(h.chunk.published == last and h.chunk.article_id in titled for h in listed)
            sums[how][0] += precision
            sums[how][1] += recall
            sums[how][2] += starts
            sums[how][3] += reaches
            print(
                f"{how:7} {s.question[:55]:55} listed {len(ids)} titled {len(titled):2} "
                f"precision {precision:.2f} recall {recall:.2f} start {int(starts)} newest {int(reaches)}"
            )
    n = len(stories)
    print("\n| selection | stories | precision | recall | starts | reaches the newest |\n|---|---|---|---|---|---|")
    for how in hows:
        p, r, a, b = sums[how]
        print(f"| {how} | {n} | {p / n:.3f} | {r / n:.3f} | {a}/{n} | {b}/{n} |")
    pipeline.ask(stories[0].question, as_of=stories[0].as_of)  # warm
    times = []
    for s in stories:
        t = time.perf_counter()
        pipeline.ask(s.question, as_of=s.as_of)
        times.append((time.perf_counter() - t) * 1000)
    print(f"\nanswer latency: p50 {percentile(times, 50):.0f} ms, p95 {percentile(times, 95):.0f} ms")


if __name__ == "__main__":
    main()
