"""A live blog's bylines in a corpus: how many updates ``rag.liveblog.bylines`` finds a
reporter's name for, in how many live blogs, the reporters found most often, and a seeded
sample of the names with the text around them, to read for a name taken by mistake.

    python -m research.bylines ../shared/data/realtimeqa_news/corpus.jsonl --sample 30
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter

from rag.liveblog import bylines
from rag.sentences import UPDATE_HEADER


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus", help="JSON lines with 'text'")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    blogs, updates = 0, 0
    names: Counter[str] = Counter()
    seen: list[str] = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text", "")
            headers = len(UPDATE_HEADER.findall(text))
            if not headers:
                continue
            blogs += 1
            updates += headers
            for s, e in bylines(text):
                names[text[s:e]] += 1
                seen.append(" ".join(f"{text[max(0, s - 60) : s]} [[{text[s:e]}]] {text[e : e + 40]}".split()))
    found = sum(names.values())
    print(f"live blogs: {blogs}; updates: {updates}; bylines found: {found} ({found / max(updates, 1):.2f})")
    print(f"reporters: {len(names)}; most often: " + ", ".join(f"{n} ({c})" for n, c in names.most_common(args.top)))
    print(f"\na sample of {min(args.sample, len(seen))} (seed {args.seed}):")
    for s in random.Random(args.seed).sample(seen, min(args.sample, len(seen))):
        print(" ", s)


if __name__ == "__main__":
    main()
