"""``rag calibrate``: choose the extractive answerer's abstention threshold for your own questions.

Every labelled question (``answerable`` true or false) is answered once with abstention off,
keeping the best sentence score. A threshold abstains below it; the one recommended makes
the most right decisions (answerable questions answered, the others abstained), ties going
to the lower threshold. The table shows what each candidate gives, and the command prints
the ``RAG_ABSTAIN_THRESHOLD`` line to use it.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.errors import BadInput
from rag.pipeline import Pipeline
from rag.settings import Settings


@dataclass(frozen=True)
class Threshold:
    value: float
    right: int  # answerable answered + unanswerable abstained
    abstain_precision: float
    abstain_recall: float
    answered: float  # share of answerable questions answered


def unthresholded(settings: Settings) -> Settings:
    """``settings`` with every abstention threshold off: each answer keeps its score."""
    unset = float("-inf")
    return replace(settings, abstain_threshold=unset, abstain_outside=unset, abstain_old=unset)


def calibrate(
    pipeline: Pipeline, questions: Sequence[tuple[str, bool | None]], progress: bool = False
) -> list[Threshold]:
    """Candidate thresholds (midpoints between observed scores), best first, for questions
    labelled answerable (True) or not (False); unlabelled ones (None) are left out."""
    from tqdm import tqdm

    labelled = [(q, a) for q, a in questions if a is not None]
    if not any(a for _, a in labelled) or all(a for _, a in labelled):
        raise BadInput("calibration needs questions labelled answerable true and others false")
    open_pipe = Pipeline(unthresholded(pipeline.settings))
    rows: list[tuple[bool, float]] = []
    for question, answerable in tqdm(labelled, desc="calibrate", file=sys.stderr, disable=not progress):
        score = open_pipe.ask(question).score
        rows.append((answerable, float("-inf") if score is None else score))
    scores = sorted({s for _, s in rows if s != float("-inf")})
    candidates = [scores[0] - 0.5, *((a + b) / 2 for a, b in itertools.pairwise(scores)), scores[-1] + 0.5]
    pos = sum(a for a, _ in rows)
    out = []
    for t in candidates:
        abstained = [a for a, s in rows if s < t]
        right = sum(a for a, s in rows if s >= t) + sum(not a for a in abstained)
        out.append(
            Threshold(
                value=round(t, 3),
                right=right,
                abstain_precision=sum(not a for a in abstained) / len(abstained) if abstained else 1.0,
                abstain_recall=sum(not a for a in abstained) / (len(rows) - pos),
                answered=sum(a for a, s in rows if s >= t) / pos,
            )
        )
    return sorted(out, key=lambda r: (-r.right, r.value))
