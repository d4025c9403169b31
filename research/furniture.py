"""The publisher's furniture in a corpus: how many sentences ``rag.sentences.furniture``
takes out of the answers (newsletter pitches, "Read more here.", "Click here ..."), in how
many articles and outlets, the most frequent ones, and a seeded sample of the rest to read
for sentences of news taken by mistake; and how many sentences open with a live blog's
update header (``rag.sentences.after_header``), in how many articles; how many of Punkt's breaks
before a time zone, after "No." before its number and after a title before a name are undone
(``rag.sentences.zones_joined``, ``numbers_joined``, ``titles_joined``), with seeded samples of
the latter two, how many sentences are only a
page's time stamp (``rag.sentences.is_stamp``, with a seeded sample), and how many are a
masthead line above the story (``rag.sentences.masthead``: a date, a byline, an outlet's
name), each listed.

    python -m research.furniture ../shared/data/realtimeqa_news/corpus.jsonl --sample 40
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter

from rag.sentences import (
    after_header,
    furniture,
    is_stamp,
    masthead,
    numbers_joined,
    punkt_spans,
    titles_joined,
    zones_joined,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus", help="JSON lines with 'text' (and 'outlet')")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    found: Counter[str] = Counter()
    articles, outlets, total = 0, Counter[str](), 0
    headers, blogs = 0, 0
    stamps: list[str] = []
    heads: list[str] = []
    joined, numbered, titled = 0, 0, 0
    numbers: list[str] = []
    titles: list[str] = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            text = article.get("text", "")
            raw = punkt_spans(text)
            zoned = zones_joined(text, raw)
            counted = numbers_joined(text, zoned)
            spans = titles_joined(text, counted)  # the sentences as sentence_spans gives them, quotable reads them
            joined += len(raw) - len(zoned)
            numbered += len(zoned) - len(counted)
            titled += len(counted) - len(spans)
            numbers += [" ".join(text[s:e].split()) for s, e in set(counted) - set(zoned)]
            titles += [" ".join(text[s:e].split()) for s, e in set(spans) - set(counted)]
            total += len(spans)
            marked = furniture(text, spans)
            mine = [" ".join(text[s:e].split()) for n, (s, e) in enumerate(spans) if n in marked]
            found.update(mine)
            opened = sum(after_header(text[s:e]) > 0 for s, e in spans)
            headers += opened
            blogs += opened > 0
            stamps += [" ".join(text[s:e].split()) for s, e in spans if is_stamp(text[s:e])]
            tops = masthead(text, spans)
            heads += [
                " ".join(text[s:e].split())
                for n, (s, e) in enumerate(spans)
                if n in tops and not is_stamp(text[s:e]) and n not in marked
            ]
            if mine:
                articles += 1
                outlets[article.get("outlet", "")] += 1
    print(f"{sum(found.values())} of {total} sentences in {articles} articles ({len(found)} distinct)")
    print("by outlet:", ", ".join(f"{o or '?'} {n}" for o, n in outlets.most_common()))
    print(f"{headers} sentences quoted from after a live blog's update header, in {blogs} articles")
    print(f"{joined} breaks between 'p.m.' or 'a.m.' and a time zone undone")
    print(f"{numbered} breaks between 'No.' and its number undone; a sample of the sentences joined:")
    for sentence in random.Random(13).sample(sorted(numbers), min(args.top, len(numbers))):
        print(f"       {sentence[:160]}")
    print(f"{titled} breaks between a title ('Gov.', 'Sen.') and a name undone; a sample of the sentences joined:")
    for sentence in random.Random(13).sample(sorted(titles), min(args.top, len(titles))):
        print(f"       {sentence[:160]}")
    print(f"{len(stamps)} sentences that are only a time stamp, never quoted; a sample:")
    for stamp in random.Random(13).sample(stamps, min(args.top, len(stamps))):
        print(f"       {stamp}")
    print(f"{len(heads)} masthead lines above the story that are neither a time stamp nor furniture, never quoted:")
    for head in heads:
        print(f"       {head}")
    print(f"\nmost frequent {args.top}:")
    for sentence, n in found.most_common(args.top):
        print(f"{n:5d}  {sentence[:140]}")
    rest = sorted(s for s, n in found.items() if n == 1)
    print(f"\na sample of {args.sample} seen once:")
    for sentence in random.Random(13).sample(rest, min(args.sample, len(rest))):
        print(f"       {sentence[:140]}")


if __name__ == "__main__":
    main()
