"""How often the date a plain-text article states (``rag.stated``) is its publication date:
each article of a JSON-lines corpus written as a user saves a page's text (its title, a
blank line, its text), read back, and the date found set against the corpus's own
``publish_date``. Prints how many got a date, how many of those are the same day, within a
week, or further off, and a sample of each kind to read.

    python -m research.stated_dates ../shared/data/realtimeqa_news/corpus.jsonl --sample 8
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from datetime import date

from rag.stated import read_head


def kind(found: str, published: str) -> str:
    if not found:
        return "no date stated"
    days = abs((date.fromisoformat(found) - date.fromisoformat(published)).days)
    return "same day" if days == 0 else "1 to 7 days off" if days <= 7 else "more than 7 days off"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--sample", type=int, default=5, help="examples of each kind to print")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = {}
    with open(args.corpus) as fh:
        for line in fh:
            d = json.loads(line)
            if not d.get("publish_date"):
                continue
            lines = [d["title"], "", *d["text"].split("\n")]
            stated, _ = read_head(lines, "")
            k = kind(stated.published, d["publish_date"])
            counts[k] += 1
            head = " / ".join(x.strip() for x in d["text"].split("\n")[:4] if x.strip())[:160]
            seen.setdefault(k, []).append(f"{d['publish_date']} -> {stated.published or '-'}: {head}")
    total = sum(counts.values())
    print(f"{total} dated articles read as text files\n")
    print("| date found | articles | share |\n|---|---|---|")
    for k in ("same day", "1 to 7 days off", "more than 7 days off", "no date stated"):
        print(f"| {k} | {counts[k]} | {counts[k] / max(total, 1):.3f} |")
    rng = random.Random(args.seed)
    for k, rows in seen.items():
        print(f"\n{k}:")
        for row in rng.sample(rows, min(args.sample, len(rows))):
            print(f"- {row}")


if __name__ == "__main__":
    main()
