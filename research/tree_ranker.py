"""Boosted trees instead of the weighted sum for the short answer's candidates: whether a
model of the same evidence (``rag.ranking.FEATURES``, plus the shipped sum and the labels),
able to weigh one feature by another, picks the right candidate more often.

    RAG_HOME=<full index> python -m research.tree_ranker --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --train rest,clean:dev,unlabelled --cache /tmp/rows.jsonl

Each question is answered by the shipped answerer up to its candidates
(``research.span_signals.evidence_rows``); a candidate is right when it matches a gold answer
exactly. Over the questions with a right candidate, a 5-fold cross-validation reports the
share whose best candidate is right: by the shipped weights, and by scikit-learn's
``HistGradientBoostingClassifier`` fitted on the other folds (alone, and its log-odds plus the
shipped sum).
"""

from __future__ import annotations

import argparse
import random

import numpy as np

from eval import metrics as m
from research.learn_weights import cached, shipped, training, training_args
from research.span_signals import evidence_rows

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NOUN")
LABELS += ("DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "PERCENT", "ORDINAL", "LANGUAGE")


def rows(args: argparse.Namespace) -> list[dict[str, object]]:
    """Each training question's candidates: features, label, weighted sum, right or not."""
    return cached(args.cache, lambda: _rows(args))


def _rows(args: argparse.Namespace) -> list[dict[str, object]]:
    pipe, answerer = shipped()
    weights = np.asarray(answerer.config.weights())
    out: list[dict[str, object]] = []
    for _, q in training(args):
        if not q.expects_answer:
            continue
        _, found = evidence_rows(pipe, answerer, q)
        if found:
            x = np.asarray([r.features for r in found])
            out.append(
                {
                    "id": q.id,
                    "x": x.tolist(),
                    "sum": (x @ weights).tolist(),
                    "label": [LABELS.index(c) if (c := r.candidate.label) in LABELS else -1 for r in found],
                    "y": [bool(m.exact_match(r.key, q.answers)) for r in found],
                }
            )
    return out


def table(record: dict[str, object]) -> np.ndarray:
    """A question's candidates as rows: features, the shipped sum, its margin to the best, label."""
    total = np.asarray(record["sum"])
    return np.column_stack([np.asarray(record["x"]), total, total - total.max(), np.asarray(record["label"])])


def main() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    training_args(ap, "rest,clean:dev,unlabelled", "the candidates' rows")
    ap.add_argument("--trees", default="50,100,300", help="boosting rounds to try")
    args = ap.parse_args()
    data = [(table(r), np.asarray(r["y"], dtype=bool)) for r in rows(args) if any(r["y"])]  # type: ignore[arg-type]
    order = list(range(len(data)))
    random.Random(20261130).shuffle(order)
    total = len(data)
    shipped = 0.0
    results: dict[str, float] = {}
    for k in range(5):
        held = set(order[k::5])
        train = [d for i, d in enumerate(data) if i not in held]
        test = [d for i, d in enumerate(data) if i in held]
        shipped += sum(float(y[int(np.argmax(x[:, -3]))]) for x, y in test)
        for rounds in (int(n) for n in args.trees.split(",")):
            model = HistGradientBoostingClassifier(
                max_iter=rounds, learning_rate=0.05, max_depth=3, min_samples_leaf=20, random_state=0
            )
            model.fit(np.vstack([x for x, _ in train]), np.concatenate([y for _, y in train]))
            for name, mix in ((f"trees, {rounds} rounds", 0.0), (f"trees, {rounds} rounds, + 0.3 x shipped sum", 0.3)):
                right = 0.0
                for x, y in test:
                    p = np.log(model.predict_proba(x)[:, 1] + 1e-6) + mix * x[:, -3]
                    right += float(y[int(np.argmax(p))])
                results[name] = results.get(name, 0.0) + right
    print(f"{total} questions with a right candidate ({args.train}), 5-fold held out\n")
    print("| ranker | right candidate first |\n|---|---|")
    print(f"| shipped weights | {shipped / total:.3f} |")
    for name, right in results.items():
        print(f"| {name} | {right / total:.3f} |")


if __name__ == "__main__":
    main()
