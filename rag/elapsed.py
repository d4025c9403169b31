"""How long ago, or how long until, counted to the day a question is asked.

"How many years ago was Apple founded?" asked on 2 April 2026 wants "50 years", not the
"1976" its article gives; "How many days until the election?" wants the days from ``as_of``
to the date the article names. When a question asks for such a time (``asked``) and its
short answer is a date (a year, a month with its year, a full date, or a day its article
names without the year: "Nov. 3"), the time from that date to ``as_of`` is the answer
(``reckoned``): "50 years (1976 to 2 April 2026)". The date stays the cited span; the count is
arithmetic on it, shown with both ends so a reader can check it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from rag.dates import MONTHS, human_date, to_date
from rag.howlong import Asked, asked
from rag.records import Answer
from rag.short import Candidate
from rag.timeref import day_named
from rag.timespans import WEEKDAYS
from rag.whendates import DAY_OF_MONTH, specificity

_YEAR = re.compile(r"^(?:(?:in|since|by|of|the year)\s+)?(\d{4})$", re.I)
_WEEKDAY = re.compile(rf"^(?:{'|'.join(WEEKDAYS)}),?\s+(?=\S*\s*\d)", re.I)
_COUNTED = re.compile(r"\b(?:decade|year|month|week|day|hour|minute)s?\b", re.I)
_MONTH_YEAR = re.compile(r"^(?:(?:in|since|by|of)\s+)?([A-Za-z]+)\.?,?\s+(?:of\s+)?(\d{4})$", re.I)


@dataclass(frozen=True)
class When:
    """The date a short answer names, to the precision it names it."""

    day: date  # the first day of the year or month when only those are named
    precision: str  # "year", "month" or "day"


def when(text: str, published: str, sentence: str, ahead: bool = False) -> When | None:
    """The date a short answer ``text`` names ("1976", "April 1976", "Jan. 6, 2021", "Nov. 3"
    in ``sentence`` of an article published on ``published``: the next such day when the
    question asks for the time until it, ``ahead``), or None when it names no date (a count
    such as "five years", a vague time)."""
    text = _WEEKDAY.sub("", " ".join(text.split()).strip(" ,."))  # "Wednesday, March 5, 2025"
    if m := _YEAR.match(text):
        return When(date(int(m[1]), 1, 1), "year") if 1000 <= int(m[1]) <= 2999 else None
    if (m := _MONTH_YEAR.match(text)) and m[1].lower() in MONTHS:
        return When(date(int(m[2]), MONTHS[m[1].lower()], 1), "month")
    if (full := to_date(text)) is not None:
        return When(full, "day")
    on = to_date(published) if published else None
    named = day_named(text, on, sentence, ahead) if on is not None and re.search(r"\d|day\b", text) else None
    return When(named, "day") if named is not None else None


def names_date(span: str, years: bool = False) -> bool:
    """``span`` is a date a time can be counted from ("1976", "April 1976", "Jan. 6, 2021",
    "Sunday, Feb. 9"), not a count ("five years", "the past 25 years") or a name ("Election
    Day"). With ``years`` (the time is asked in years), only a date that gives its year: a
    day without one ("Tuesday, Jan. 6") is within a year of its article."""
    if _COUNTED.search(span):
        return False
    if when(span, "", "") is not None:
        return True
    return not years and specificity(span) == DAY_OF_MONTH  # "Sunday, Feb. 9": its year from its article


def dates_first(question: str, found: list[list[Candidate]], texts: Sequence[str]) -> list[list[Candidate]]:
    """The short answer's candidates for a question that asks how long ago (or until): only
    the dates (``names_date``) when the sentences hold one, since a count in an article is
    counted to the day it was written ("more than 20 years after her death", written in
    2017), a date to any day; all of them otherwise ("five years ago" in the day's news).
    Asked in days or weeks, the dates that name a day when there are any: the "2025" of "The
    2025 Grammy Awards are scheduled for Sunday, Feb. 2" cannot be counted in days."""
    wanted = asked(question)
    if wanted is None:
        return found
    years = wanted.unit in ("year", "decade")
    dated = [
        [c for c in mine if c.label == "DATE" and names_date(text[c.start : c.end], years)]
        for mine, text in zip(found, texts, strict=True)
    ]
    if wanted.unit in ("day", "week"):
        days = [
            [c for c in mine if specificity(text[c.start : c.end]) == DAY_OF_MONTH]
            for mine, text in zip(dated, texts, strict=True)
        ]
        dated = days if any(days) else dated
    return dated if any(dated) else found


def count(start: When, as_of: date, wanted: Asked) -> str:
    """The time from ``start`` to ``as_of`` (or from ``as_of`` to it, ``wanted.ahead``) in the
    unit asked, in whole units ("50 years"); "" when it runs the other way, is under one unit,
    or asks for finer units than the date gives (days since "1976")."""
    early, late = (as_of, start.day) if wanted.ahead else (start.day, as_of)
    if late < early:
        return ""
    whole_years = late.year - early.year
    if start.precision == "day":
        whole_years -= (late.month, late.day) < (early.month, early.day)
    elif start.precision == "month":
        whole_years -= late.month < early.month
    months = (late.year - early.year) * 12 + late.month - early.month
    if start.precision == "day":
        months -= late.day < early.day
    days = (late - early).days
    unit = wanted.unit or _unit_for(days, start.precision)
    finer = {"year": ("month", "week", "day"), "month": ("week", "day")}.get(start.precision, ())
    if unit in finer:
        return ""
    n = {"decade": whole_years // 10, "year": whole_years, "month": months, "week": days // 7, "day": days}[unit]
    return f"{n} {unit}{'' if n == 1 else 's'}" if n > 0 else ""


def _unit_for(days: int, precision: str) -> str:
    """The unit a "how long" answer is given in: years from a year on, then months, weeks, days."""
    if precision == "year" or days >= 365:
        return "year"
    if precision == "month" or days >= 61:
        return "month"
    return "week" if days >= 14 else "day"


def reckoned(question: str, answer: Answer, as_of: date | None) -> Answer:
    """``answer`` with its short answer counted to ``as_of`` when ``question`` asks how long
    ago (or until) and the short answer is a date; unchanged otherwise, and when the question
    is read without a date (``as_of`` None)."""
    short, wanted = answer.short, asked(question)
    if short is None or wanted is None or answer.abstained or as_of is None:
        return answer
    cited = next((c for c in answer.citations if c.n == short.citation), None)
    start = when(short.text, cited.published, cited.quote, wanted.ahead) if cited is not None else None
    n = count(start, as_of, wanted) if start is not None else ""
    if not n or start is None:
        return answer
    named = human_date(start.day) if start.precision == "day" else " ".join(short.text.split())
    ends = (human_date(as_of), named) if wanted.ahead else (named, human_date(as_of))
    return replace(answer, short=replace(short, reckoned=n, counted=" to ".join(ends)))
