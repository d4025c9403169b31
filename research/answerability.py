"""Whether more signals than the best sentence's score tell the questions the corpus does
not answer: a logistic regression over signals of an answer, fitted on one fixed half of the
labelled questions (``research.calibrate``'s halves) with its threshold chosen there for
abstention precision 0.8, reported on the other half beside the shipped thresholds
(``RAG_ABSTAIN_THRESHOLD``, ``RAG_ABSTAIN_OUTSIDE``, ``RAG_ABSTAIN_OLD``).

It reads the answers ``research.calibrate --out`` wrote (each question answered once with
abstention off) and the corpus, for the words of each question the five passages' articles
lack. An answer the answerer abstained on by itself (the asked-for kind of thing missing)
abstains under every rule.

    RAG_HOME=<full index> python -m research.calibrate --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --as-of question --out rows.jsonl --thresholds=-3 --outside=1
    python -m research.answerability --rows rows.jsonl --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --corpus ../shared/data/realtimeqa_news/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from rag.questions import load
from rag.settings import Settings
from rag.timesearch import OLD_DAYS
from research.calibrate import age, half, rule

Row = dict[str, Any]
NONE_SCORE = -12.0  # a score for an answer without one (below any the cross-encoder gives here)
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of in on at to for from with by and or is was are were be been this that which what who whom "
        "whose where when how did does do has have had its his her their it as after before over new",
    )
)
SIGNALS = {
    "score": "the best sentence's cross-encoder score",
    "passage": "the first passage's cross-encoder score",
    "age": "log(1 + days) from the article quoted first to the newest up to the day asked",
    "missing": "the rarest question word the five passages' articles lack (its IDF; 0: none lacking)",
    "cover": "the share of the question words' IDF the five passages' articles hold",
    "outside": "the period the question names held nothing on it",
    "articles": "how many articles the five passages come from",
}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def signals(rows: Sequence[Row], questions: dict[str, str], texts: dict[str, str]) -> np.ndarray:
    """One row of ``SIGNALS`` per answer."""
    df: Counter[str] = Counter()
    for text in texts.values():
        df.update(set(words(text)))
    n = len(texts)
    out = []
    for r in rows:
        asked = {w for w in words(questions[r["id"]]) if w not in _STOP and w in df}
        idf = {w: math.log(n / df[w]) for w in asked}
        held = set(words(" ".join(texts.get(p["article"], "") for p in r["passages"][:5])))
        first = r["passages"][0] if r["passages"] else {}
        days = age(r)
        out.append(
            [
                NONE_SCORE if r["score"] is None else r["score"],
                first["score"] if first.get("stage") == "rerank" else NONE_SCORE,
                math.log1p(max(days, 0)) if days is not None else 0.0,
                max((v for w, v in idf.items() if w not in held), default=0.0),
                sum(v for w, v in idf.items() if w in held) / (sum(idf.values()) or 1.0),
                float(bool(r.get("outside"))),
                float(len({p["article"] for p in r["passages"][:5]})),
            ]
        )
    return np.array(out, dtype=np.float64)


def rates(rows: Sequence[Row], abstains: Sequence[bool]) -> tuple[float, float, float]:
    """Abstention precision and recall, and the share of answerable questions answered."""
    neg = [not r["answerable"] for r in rows]
    hits = sum(a and u for a, u in zip(abstains, neg, strict=True))
    answered = sum(not a and not u for a, u in zip(abstains, neg, strict=True))
    return hits / max(sum(abstains), 1), hits / max(sum(neg), 1), answered / max(len(rows) - sum(neg), 1)


def threshold_for(p: np.ndarray, unanswerable: np.ndarray, precision: float) -> float:
    """The probability above which abstaining gives the most recall at ``precision`` or more."""
    best, cut, right = 0.0, math.inf, 0
    for k, i in enumerate(np.argsort(-p), start=1):
        right += int(unanswerable[i])
        if right / k >= precision and right > best:
            best, cut = right, float(p[i])
    return cut


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", required=True, help="research.calibrate --out's answers")
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="realtimeqa")
    ap.add_argument("--corpus", required=True, help="the articles, JSON lines with doc_id, title, text")
    ap.add_argument("--precision", type=float, default=0.8)
    ap.add_argument("--signals", default="score;score,passage,age;" + ",".join(SIGNALS))
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    with open(args.rows) as fh:
        rows = [json.loads(line) for line in fh]
    questions = {q.id: q.question for q in load(args.questions, args.format)}
    texts: dict[str, str] = {}
    with open(args.corpus) as fh:
        for line in fh:
            d = json.loads(line)
            texts[d["doc_id"]] = f"{d.get('title', '')} {d.get('text', '')}"
    x, names = signals(rows, questions, texts), list(SIGNALS)
    y = np.array([not r["answerable"] for r in rows])
    alone = np.array([bool(r["abstained"]) for r in rows])
    halves = [np.array([half(r["id"]) == h for r in rows]) for h in (0, 1)]
    print(f"{len(rows)} answers, {int(y.sum())} to unanswerable questions; ROC AUC of each signal, both halves:\n")
    for j, name in enumerate(names):
        value = roc_auc_score(y[~alone], x[~alone, j])
        print(
            f"- {name} ({SIGNALS[name]}): {max(value, 1 - value):.3f}{'' if value >= 0.5 else ' (lower: unanswerable)'}"
        )
    s = Settings.load()
    shipped: Callable[[Row], bool] = rule(s.abstain_threshold, s.abstain_outside, s.abstain_old, OLD_DAYS)
    print("\n| rule | fitted on half 0: precision | recall | answered | half 1: precision | recall | answered |")
    print("|---|---|---|---|---|---|---|")
    cells = [
        rates([r for r, h in zip(rows, on, strict=True) if h], [shipped(r) for r, h in zip(rows, on, strict=True) if h])
        for on in halves
    ]
    print("| shipped thresholds | " + " | ".join(f"{v:.3f}" for c in cells for v in c) + " |")
    for chosen in args.signals.split(";"):
        cols = [names.index(c) for c in chosen.split(",")]
        fit = halves[0]
        model = LogisticRegression(max_iter=1000).fit(x[fit & ~alone][:, cols], y[fit & ~alone])
        p = model.predict_proba(x[:, cols])[:, 1]
        cut = threshold_for(np.where(alone, 1.0, p)[fit], y[fit], args.precision)
        abstains = alone | (p >= cut)
        cells = [rates([r for r, h in zip(rows, on, strict=True) if h], list(abstains[on])) for on in halves]
        print(f"| logistic: {chosen} | " + " | ".join(f"{v:.3f}" for c in cells for v in c) + " |")


if __name__ == "__main__":
    main()
