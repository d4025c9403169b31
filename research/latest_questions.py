"""Questions about the latest edition of a recurring event, asked without a period: each
question of a project file that names one ("Who won the Super Bowl on Sunday?") asked on the
same date without the words that set it ("Who won the Super Bowl?"), which a reader of the
news means of the latest Super Bowl. Questions whose period names an earlier edition ("last
year's Super Bowl"), asks for a record ("won the most Oscars") or leaves broken words are
left out.

    python -m research.latest_questions eval/questions/recurring.jsonl --prefix latest-dev \
        > eval/questions/latest_dev.jsonl
    python -m research.latest_questions eval/questions/winners.jsonl --prefix latest-test \
        > eval/questions/latest_test.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date

from rag.timeref import resolve

_EARLIER = re.compile(r"\blast\s+(?:year|weekend\s+of\s+the\s+year)\b", re.I)  # another edition than the latest
_RECORD = re.compile(r"\bthe\s+most\b", re.I)  # "Which movie won the most Oscars?": of all time, without a period
_BROKEN = re.compile(r"\b(?:on|the)\s+(?:of|the)\b|\btheme\s+[A-Z]")  # words left broken by the cut


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("questions")
    ap.add_argument("--prefix", required=True)
    args = ap.parse_args()
    n = 0
    with open(args.questions, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            ref = resolve(q["question"], date.fromisoformat(q["date"]))
            if ref.window is None or _EARLIER.search(ref.window.phrase) or _RECORD.search(q["question"]):
                continue
            if _BROKEN.search(ref.query):
                continue
            n += 1
            print(json.dumps({**q, "id": f"{args.prefix}-{n:02d}", "question": ref.query, "from": q["id"]}))


if __name__ == "__main__":
    main()
