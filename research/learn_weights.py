"""Learned weights for the short answer's candidates (``rag.ranking.FEATURES``): a
conditional logit over each question's candidates, fitted on questions apart from those
reported, on the index in ``RAG_HOME``.

    RAG_HOME=<full index> python -m research.learn_weights --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --train rest,clean:dev,unlabelled --cache /tmp/features.jsonl

Each question is searched as asked on its date and answered by the extractive answerer up to
its candidates; a candidate is right when its answer (a surname as the full name) matches a
gold answer exactly. Questions with no right candidate teach nothing and are left out. The
features are cached in ``--cache`` (computed once). The fit is a coordinate ascent on the
share of questions whose best candidate is right (a conditional logit fitted its likelihood
but chose worse: 0.59 against the shipped weights' 0.67); relevance keeps weight 1. The
weights are printed as overrides for ``research.short_answers --configs``, with that share
under the shipped weights and the learned ones, on the training questions and in a 5-fold
cross-validation over them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from tqdm import tqdm

from eval import metrics as m
from rag import Pipeline, Settings
from rag.answer import ExtractiveAnswerer
from rag.answer_sentences import answer_type, candidate_sentences, score_sentences, type_match
from rag.asks import wanted
from rag.pipeline import ANSWER_PASSAGES
from rag.questions import Question, load
from rag.ranking import FEATURES
from research.short_answers import half


def cached(path: str, compute: Callable[[], list[dict[str, object]]]) -> list[dict[str, object]]:
    """The records in the JSON lines file ``path``; computed and written there when missing."""
    cache = Path(path)
    if cache.exists():
        return [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
    out = compute()
    cache.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    return out


def features(args: argparse.Namespace) -> list[dict[str, object]]:
    """Each training question's candidates: features and whether each is right."""
    return cached(args.cache, lambda: _features(args))


def training_args(ap: argparse.ArgumentParser, train: str, cached: str) -> None:
    """The arguments of a script that learns from questions: the question file, its training
    parts (``train`` by default) and the cache of what is ``cached`` for each."""
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--train", default=train, help="subsets (subset[:half]), comma-separated")
    ap.add_argument("--cache", required=True, help=f"{cached}, computed once (JSON lines)")


def training(args: argparse.Namespace) -> Iterator[tuple[str, Question]]:
    """The questions with gold answers of each of ``args.train``'s parts (subset[:half]),
    with the part's name, and a progress bar per part."""
    for part in args.train.split(","):
        subset, _, which = part.partition(":")
        questions = [q for q in load(args.questions, args.format, subset) if q.answers]  # type: ignore[arg-type]
        for q in tqdm(half(questions, which or "all"), desc=part, file=sys.stderr):
            yield part, q


def shipped() -> tuple[Pipeline, ExtractiveAnswerer]:
    """The pipeline on ``RAG_HOME`` and its extractive answerer, as shipped."""
    pipe = Pipeline(Settings.load())
    answerer = pipe.answerer("extractive")
    assert isinstance(answerer, ExtractiveAnswerer)
    return pipe, answerer


def _features(args: argparse.Namespace) -> list[dict[str, object]]:
    pipe, answerer = shipped()
    cfg = answerer.config
    out: list[dict[str, object]] = []
    for part, q in training(args):
        hits = pipe.search(q.question, k=ANSWER_PASSAGES, as_of=q.date or None)
        sentences = candidate_sentences(list(hits[: cfg.passages]))
        want = wanted(q.question)
        if want is None or not sentences:
            continue
        relevance = score_sentences(pipe.reranker, q.question, sentences)
        kind = answer_type(q.question)
        calibrated = relevance + np.array([cfg.type_bonus * type_match(kind, s.text) for s in sentences])
        order = [int(i) for i in np.argsort(-calibrated, kind="stable")]
        found, mentions = answerer.read(q.question, want, [s.text for s in sentences], order)
        rows = answerer.evidence(q.question, want, sentences, relevance, found, mentions)
        right = [bool(m.exact_match(r.key, q.answers)) for r in rows]
        if any(right):
            out.append({"id": q.id, "set": part, "x": [r.features for r in rows], "y": right})
    return out


# the values each weight is tried at, the shipped one besides
GRID = (-4.0, -2.0, -1.0, -0.5, -0.25, -0.1, 0.0, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)


def top1(w: np.ndarray, data: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """The share of questions whose best candidate under weights ``w`` is right."""
    return float(np.mean([y[int(np.argmax(x @ w))] for x, y in data]))


def fit(data: list[tuple[np.ndarray, np.ndarray]], start: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Coordinate ascent on ``top1``: each weight but relevance's in turn set to the value of
    ``GRID`` that most raises it (a tie keeps the current one), until a round changes none."""
    w, score = start.copy(), top1(start, data)
    for _ in range(rounds):
        changed = False
        for j in range(1, len(w)):
            for value in GRID:
                trial = w.copy()
                trial[j] = value
                if (s := top1(trial, data)) > score + 1e-9:
                    w, score, changed = trial, s, True
        if not changed:
            break
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    training_args(ap, "rest,clean:dev", "the features")
    args = ap.parse_args()
    records = features(args)
    data = [(np.asarray(r["x"], dtype=np.float64), np.asarray(r["y"], dtype=bool)) for r in records]
    shipped = np.asarray(Pipeline(Settings.load()).answerer("extractive").config.weights())  # type: ignore[attr-defined]
    learned = fit(data, shipped)
    folds: list[float] = [0.0, 0.0]
    order = list(range(len(data)))
    random.Random(20261130).shuffle(order)
    for k in range(5):
        held = set(order[k::5])
        train = [d for i, d in enumerate(data) if i not in held]
        test = [d for i, d in enumerate(data) if i in held]
        w = fit(train, shipped)
        folds[0] += top1(shipped, test) * len(test) / len(data)
        folds[1] += top1(w, test) * len(test) / len(data)
    print(f"{len(data)} questions with a right candidate ({args.train})\n")
    print("| weights | right first, training questions | right first, 5-fold held out |")
    print("|---|---|---|")
    print(f"| shipped | {top1(shipped, data):.3f} | {folds[0]:.3f} |")
    print(f"| learned | {top1(learned, data):.3f} | {folds[1]:.3f} |\n")
    print("| feature | shipped | learned |\n|---|---|---|")
    for name, a, b in zip(FEATURES, shipped, learned, strict=True):
        print(f"| {name} | {a:.2f} | {b:.2f} |")
    print("\n" + ",".join(f"{n}={v:.2f}" for n, v in zip(FEATURES[1:], learned[1:], strict=True)))


if __name__ == "__main__":
    main()
