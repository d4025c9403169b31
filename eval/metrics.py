"""Ranking, answer and latency metrics.

The ranking formulas are the standard binary-relevance ones; ``tests/test_eval_metrics.py``
checks them against ranx on the same runs. They are computed here rather than through ranx
because ranx compiles with numba on first use (tens of seconds), too slow for an
interactive ``rag eval`` on 25 questions.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from rag.records import unlisted
from rag.sentences import NUMBER_WORDS


def dedupe(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def hit_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    return float(any(r in relevant for r in ranked[:k]))


def mrr_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    for i, r in enumerate(ranked[:k], start=1):
        if r in relevant:
            return 1.0 / i
    return 0.0


def ndcg_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    dcg = sum(1.0 / math.log2(i + 1) for i, r in enumerate(ranked[:k], start=1) if r in relevant)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(relevant), k) + 1))
    return dcg / ideal if ideal else 0.0


def normalize(text: str) -> str:
    """SQuAD-style: lower case, curly quotes folded, punctuation and articles dropped."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = "".join(" " if ch in string.punctuation else ch for ch in text)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


# number words read as the digits a quiz's gold answers and choices use ("four" is "4");
# only where a short answer is compared, not in containment, where "one of them" is no "1"
_DIGITS = {w: str(n) for w, n in NUMBER_WORDS.items()}


def answer_tokens(text: str) -> list[str]:
    """``normalize``'s words, number words zero to twenty as digits."""
    return [_DIGITS.get(w, w) for w in normalize(text).split()]


def contains(text: str, answer: str) -> bool:
    """Whole-word, case- and punctuation-insensitive containment."""
    a = normalize(answer)
    if not a:
        return False
    return re.search(rf"(?<!\w){re.escape(a)}(?!\w)", normalize(text)) is not None


def contains_answers(text: str, answers: Sequence[str], match: str = "any") -> bool:
    if not answers:
        return False
    found = [contains(text, a) for a in answers]
    return all(found) if match == "all" else any(found)


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    pred = Counter(answer_tokens(prediction))
    best = 0.0
    for answer in answers:
        gold = Counter(answer_tokens(answer))
        if overlap := sum((pred & gold).values()):
            p, r = overlap / pred.total(), overlap / gold.total()
            best = max(best, 2 * p * r / (p + r))
    return best


def exact_match(prediction: str, answers: Sequence[str]) -> float:
    return float(any(answer_tokens(prediction) == answer_tokens(a) for a in answers))


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else 0.0


def mean(values: Sequence[float]) -> float:
    return float(np.mean(values)) if values else 0.0


def short_exact(short: str, answers: Sequence[str], match: str = "any") -> float:
    """Exact match of a short answer; a list question ("all") needs the same items, any order."""
    if match == "all":
        items = unlisted(short)
        return float({tuple(answer_tokens(x)) for x in items} == {tuple(answer_tokens(a)) for a in answers})
    return exact_match(short, answers)


def closest_choice(short: str, choices: Sequence[str]) -> int | None:
    """The index of the choice closest to the short answer by token F1; None for no answer
    or a tie at the top (an answer that tells no choice apart picks none)."""
    scores = [token_f1(short, [c]) for c in choices] if short else []
    if not scores or max(scores) == 0 or scores.count(max(scores)) > 1:
        return None
    return scores.index(max(scores))
