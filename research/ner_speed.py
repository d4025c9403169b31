"""The entity recognizer alone against spaCy's small pipeline with its tagger: the same
entities, and the time of each per question, on the answer sentences of questions searched
on the index in ``RAG_HOME``.

    RAG_HOME=<full index> python -m research.ner_speed --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset clean --limit 60
"""

from __future__ import annotations

import argparse
import statistics
import time

from rag import Pipeline, Settings
from rag.answer_sentences import candidate_sentences
from rag.entities import load as load_ner
from rag.pipeline import ANSWER_PASSAGES
from rag.questions import load


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="realtimeqa")
    ap.add_argument("--subset", default="clean")
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--sentences", type=int, default=16, help="sentences read per question (the answerer's 16)")
    args = ap.parse_args()
    pipe = Pipeline(Settings.load())
    questions = load(args.questions, args.format, args.subset)[: args.limit]  # type: ignore[arg-type]
    batches = []
    for q in questions:
        hits = pipe.search(q.question, k=ANSWER_PASSAGES, as_of=q.date or None)
        batches.append([s.text for s in candidate_sentences(hits)][: args.sentences])
    nlp = load_ner(pipe.settings.ner_model)
    tagging = [p for p in nlp.pipe_names if p != "ner"]
    results: dict[str, tuple[list[float], list[list[list[tuple[int, int, str]]]]]] = {}
    for name, skip in (("with the tagger", []), ("entity recognizer alone", tagging)):
        times, found = [], []
        for texts in batches:
            start = time.perf_counter()
            docs = list(nlp.pipe(texts, batch_size=32, disable=skip))
            times.append((time.perf_counter() - start) * 1000)
            found.append([[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs])
        results[name] = (times, found)
    base = results["with the tagger"][1]
    print("| pipeline | ms per question, median | questions with other entities |\n|---|---|---|")
    for name, (times, found) in results.items():
        differ = sum(a != b for a, b in zip(found, base, strict=True))
        print(f"| {name} | {statistics.median(times):.0f} | {differ} of {len(found)} |")


if __name__ == "__main__":
    main()
