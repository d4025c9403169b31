"""What ``rag.asks.wanted`` reads each question of the given files as asking for (one line
per question: the file, the question, the kinds or "None" for an explanation), to compare
two builds: run it in each and ``diff`` the outputs.

    python -m research.asked_kinds ../shared/data/realtimeqa_news/questions.jsonl eval/questions/*.jsonl > kinds.txt
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rag.asks import wanted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    for path in parser.parse_args().files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                question = json.loads(line)["question"]
                want = wanted(question)
                print(f"{path.name}\t{question}\t{want.labels if want else None}")


if __name__ == "__main__":
    main()
