"""A deterministic sample of the RealTime QA corpus: the articles a question subset needs,
plus seeded random distractors. Written at run time from ../shared (the data has no
license and is never stored in the repository).

    python -m research.sample --out /tmp/sample.jsonl --distractors 300 --seed 13
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from rag.questions import load

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "realtimeqa_news"


def write_sample(
    out: Path,
    data: Path = DEFAULT_DATA,
    distractors: int = 300,
    seed: int = 13,
    subset: str = "clean",
    questions_limit: int | None = None,
) -> dict[str, int]:
    questions = load(data / "questions.jsonl", "realtimeqa", subset)  # type: ignore[arg-type]
    if questions_limit:
        questions = questions[:questions_limit]
    needed = {doc for q in questions for doc in q.relevant}
    others: list[str] = []
    with (data / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc_id = json.loads(line)["doc_id"]
            if doc_id not in needed:
                others.append(doc_id)
    chosen = needed | set(random.Random(seed).sample(sorted(others), min(distractors, len(others))))
    out.parent.mkdir(parents=True, exist_ok=True)
    kept = 0
    with (data / "corpus.jsonl").open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as dst:
        for line in fh:
            if json.loads(line)["doc_id"] in chosen:
                dst.write(line)
                kept += 1
    return {"questions": len(questions), "relevant_articles": len(needed), "articles": kept}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--distractors", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--subset", choices=["all", "clean"], default="clean")
    ap.add_argument("--questions-limit", type=int)
    args = ap.parse_args()
    print(json.dumps(write_sample(args.out, args.data, args.distractors, args.seed, args.subset, args.questions_limit)))


if __name__ == "__main__":
    main()
