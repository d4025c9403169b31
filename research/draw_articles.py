"""Articles drawn at random from the RealTime QA corpus, to write questions from: a seeded
shuffle of the articles published from 2022 on with over 1,500 characters of text, each
printed with its id, date, outlet, title and lead. ``eval/questions/sampled_dev.jsonl`` and
``sampled_test.jsonl`` hold one question each from 39 of the first 46 of seed 61, split in
two halves by a second shuffle of the same seed (docs/EVAL.md, "Questions from articles drawn
at random"). Seven were not used: two were never read (cut off the printed list), and five
had no single thing to ask about in their lead (a column, a chat transcript, an opinion
memoir, a feature on a neighbourhood, a report on plans for space stations).

``eval/questions/thisweek_dev.jsonl`` and ``thisweek_test.jsonl`` hold one question each
from 38 of the first 50 of seed 79, asked as a weekly news quiz asks: on the Friday on or
after the article's date (``quiz_day``; two that say "on Sunday" and "on Saturday" on the
Tuesday and the Monday after), naming the time as "this week", "last weekend", "on
Tuesday", "this year". Twelve were not used: two were already in other question files, ten
had no news event in their lead (opinions, a crossword, features, a timeline, a look back
at the 2002 Masters). A seeded shuffle
(79) split the 38 in two halves. Read from ../shared at run time: the data has no license
and is never stored in the repository.

    python -m research.draw_articles --seed 61 --count 46
    python -m research.draw_articles --seed 79 --count 50
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from research.sample import DEFAULT_DATA


def drawn(
    corpus: Path, seed: int, count: int, since: str = "2022-01-01", min_chars: int = 1500
) -> list[dict[str, str]]:
    """The first ``count`` articles of a ``seed``-ed shuffle of those published on or after
    ``since`` with more than ``min_chars`` characters of text, in the corpus's order first."""
    rows = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if (row.get("publish_date") or "") >= since and len(row.get("text") or "") > min_chars:
                rows.append(row)
    random.Random(seed).shuffle(rows)
    return rows[:count]


def quiz_day(published: str) -> str:
    """The Friday on or after ``published`` (YYYY-MM-DD): the day a weekly quiz asks."""
    day = date.fromisoformat(published)
    return (day + timedelta(days=(4 - day.weekday()) % 7)).isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=61)
    parser.add_argument("--count", type=int, default=46)
    parser.add_argument("--lead", type=int, default=900, help="characters of each article's text to print")
    args = parser.parse_args()
    for row in drawn(args.data / "corpus.jsonl", args.seed, args.count):
        asked = quiz_day(row["publish_date"][:10])
        head = [row["doc_id"], row["publish_date"], f"(quiz {asked})", row.get("outlet", ""), "|", row.get("title", "")]
        print("=====", *head)
        print(row["text"][: args.lead].replace("\n\n", "\n"))


if __name__ == "__main__":
    main()
