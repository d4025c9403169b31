"""The numbers a question states that tell its event from another of its kind ("a 7.5
magnitude earthquake this week"), and whether the sentences an answer quotes state them: an
answer drawn from another time than the period asked for must (``rag.timesearch.settle``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.dates import MONTH_NAMES

# a number as a question states it: "7.5", "3,000", "84"
# ("COVID-19", "24/7" and "$4" are no such numbers)
_NUMBER = re.compile(r"(?<![\w.,$/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,/]|\.\d)")
_BESIDE_MONTH = re.compile(rf"\b(?:{MONTH_NAMES})\.?\s*$|^\s*(?:{MONTH_NAMES})\b", re.IGNORECASE)


def stated_numbers(question: str) -> list[str]:
    """The numbers ``question`` states that tell its event from another of its kind: "7.5" of
    "a 7.5 magnitude earthquake", "84" of "died at age 84", "3,000" of "3,000 police officers".
    Not a year, a day of a month ("December 31"), an amount ("$4") or a number under 10 ("the
    Group of 7"), which other events share."""
    out: list[str] = []
    for m in _NUMBER.finditer(question):
        n = m.group()
        if ("." not in n and float(n.replace(",", "")) < 10) or re.fullmatch(r"(?:19|20)\d\d", n):
            continue
        if _BESIDE_MONTH.search(question[max(0, m.start() - 12) : m.start()]) or _BESIDE_MONTH.search(
            question[m.end() : m.end() + 12]
        ):
            continue
        out.append(n)
    return out


def unstated(question: str, texts: Sequence[str]) -> list[str]:
    """The numbers ``question`` states (``stated_numbers``) that none of ``texts`` holds
    ("3,000" is held by "3000" too)."""

    def held(n: str) -> bool:
        forms = {n, n.replace(",", "")}
        return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?!\d|[.,]\d)", t) for f in forms for t in texts)

    return [n for n in stated_numbers(question) if not held(n)]
