"""Articles drawn at random from the RealTime QA corpus, to write questions from: a seeded
shuffle of the articles published from 2022 on with over 1,500 characters of text, each
printed with its id, date, outlet, title and lead. ``eval/questions/sampled_dev.jsonl`` and
``sampled_test.jsonl`` hold one question each from 39 of the first 46 of seed 61, split in
two halves by a second shuffle of the same seed (docs/EVAL.md, "Questions from articles drawn
at random"). Seven were not used: two were never read (cut off the printed list), and five
had no single thing to ask about in their lead (a column, a chat transcript, an opinion
memoir, a feature on a neighbourhood, a report on plans for space stations). Read from ../shared at run time:
the data has no license and is never stored in the repository.

    python -m research.draw_articles --seed 61 --count 46
"""

from __future__ import annotations

import argparse
import json
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=61)
    parser.add_argument("--count", type=int, default=46)
    parser.add_argument("--lead", type=int, default=900, help="characters of each article's text to print")
    args = parser.parse_args()
    for row in drawn(args.data / "corpus.jsonl", args.seed, args.count):
        print("=====", row["doc_id"], row["publish_date"], row.get("outlet", ""), "|", row.get("title", ""))
        print(row["text"][: args.lead].replace("\n\n", "\n"))


if __name__ == "__main__":
    main()
