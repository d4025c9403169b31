"""Days that articles write without their year ("Sept. 18", "on Nov. 5"), and the day
``rag.timeref.day_named`` reads each as, against its article's publication date. A seeded
sample is printed to be read and labelled by hand; with ``--labels`` (JSON lines of
``{"doc_id", "at", "day"}``: the article, the mention's offset in its text, the right day),
each labelled mention is read again and scored, so a change to the reading is measured on
the same mentions. The labels hold no article text.

    python -m research.sentence_days ../shared/data/realtimeqa_news/corpus.jsonl --sample 60 --seed 75
    python -m research.sentence_days ../shared/data/realtimeqa_news/corpus.jsonl --labels eval/days/sentence_days.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from rag.dates import MONTHS
from rag.sentences import sentence_spans
from rag.timeref import day_named

_MONTH = rf"(?:{'|'.join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))})\.?"
# a day of a month written without a year: "Sept. 18", "18 September", "on the 3rd of May"
DAY = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH})\b"
    r"(?!,?\s+(?:1[5-9]|20)\d\d)(?![\d:])",
)


@dataclass(frozen=True)
class Mention:
    doc_id: str
    published: date
    at: int  # offset of the mention in the article's text
    text: str
    sentence: str


def mentions(corpus: str) -> list[Mention]:
    found: list[Mention] = []
    with open(corpus) as fh:
        for line in fh:
            d = json.loads(line)
            if not d.get("publish_date"):
                continue
            text, on = d["text"], date.fromisoformat(d["publish_date"][:10])
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                if re.search(r"\b(?:1[5-9]|20)\d\d\b", sentence):
                    continue  # a year in the sentence may set the day's year: not this reading
                for m in DAY.finditer(sentence):
                    found.append(Mention(d["doc_id"], on, s + m.start(), m.group(0), " ".join(sentence.split())))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=75)
    ap.add_argument("--labels", help="labelled mentions to score the reading on")
    args = ap.parse_args()
    found = mentions(args.corpus)
    if not args.labels:
        print(f"{len(found)} days written without a year, in sentences that name no year\n")
        for m in random.Random(args.seed).sample(found, min(args.sample, len(found))):
            read = day_named(m.text, m.published, m.sentence)
            print(json.dumps({"doc_id": m.doc_id, "at": m.at, "published": m.published.isoformat()}))
            print(f"  {m.text!r} read as {read}: {m.sentence[:400]}\n")
        return
    by_key = {(m.doc_id, m.at): m for m in found}
    counts: Counter[str] = Counter()
    with open(args.labels) as fh:
        for line in fh:
            label = json.loads(line)
            m = by_key[(label["doc_id"], label["at"])]
            read = day_named(m.text, m.published, m.sentence)
            right = read is not None and read.isoformat() == label["day"]
            counts["right" if right else "wrong"] += 1
            if not right:
                print(f"wrong: {m.text!r} ({m.published}) read as {read}, is {label['day']}: {m.sentence[:200]}")
    total = sum(counts.values())
    print(f"\n{counts['right']} of {total} read right ({counts['right'] / max(total, 1):.3f})")


if __name__ == "__main__":
    main()
