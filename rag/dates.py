"""Dates as people type them, in one place: the CLI's filters, the web chat's fields, the
``Filters`` themselves and article metadata all read dates through ``parse_date``.

Accepted: 2025-01-10, 2025/01/10, 2025.01.10, 20250110, an ISO timestamp (2025-01-10T12:00:00Z),
10 Jan 2025, 10 January 2025, Jan 10 2025, January 10, 2025, 10-Jan-2025. Day-first and
month-first numbers (01/02/2025) are refused as ambiguous.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rag.errors import BadInput

FORMS = "YYYY-MM-DD, YYYY/MM/DD or 10 Jan 2025"
MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# the month names and abbreviations of MONTHS as a regex alternation, longest first
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")  # a timestamp may follow
_COMPACT = re.compile(r"\s*(\d{4})(\d{2})(\d{2})\s*$")
_DAY_MONTH = re.compile(r"\s*(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})\s*$")
_MONTH_DAY = re.compile(r"\s*([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*$")


def to_date(value: Any) -> date | None:
    """The date ``value`` names, or None when it names none (or is not a string)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    parts: tuple[str, str, str] | None = None
    if m := _NUMERIC.match(value) or _COMPACT.match(value):
        parts = (m[1], m[2], m[3])
    elif (m := _DAY_MONTH.match(value)) and m[2].lower() in MONTHS:
        parts = (m[3], str(MONTHS[m[2].lower()]), m[1])
    elif (m := _MONTH_DAY.match(value)) and m[1].lower() in MONTHS:
        parts = (m[3], str(MONTHS[m[1].lower()]), m[2])
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:  # 2025-02-30 and the like
        return None


def normalize_date(value: Any) -> str:
    """'YYYY-MM-DD' for a date in any accepted form; '' for anything else (article metadata)."""
    day = to_date(value)
    return day.isoformat() if day else ""


def parse_date(value: str, what: str = "date") -> str:
    """'YYYY-MM-DD' for a date a person typed; ``BadInput`` naming ``what`` when it is none."""
    day = to_date(value)
    if day is None:
        raise BadInput(f"{what} {value!r} is not a date: use {FORMS}")
    return day.isoformat()


def as_of_day(value: date | str | None) -> date:
    """The day a question is asked: ``value`` read by ``parse_date``, today when None, '' or
    'none' (``undated``)."""
    if isinstance(value, date):
        return value
    if not value or undated(value):
        return date.today()
    return date.fromisoformat(parse_date(value, "as of"))


def day_number(published: str) -> int:
    """'2025-01-10' -> days since 0001-01-01 (0 when unknown), for range filters."""
    try:
        return date.fromisoformat(published).toordinal()
    except ValueError:
        return 0


def human_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def named_time(value: str) -> tuple[str, str]:
    """The kind and the words of a year, month or day written 'YYYY', 'YYYY-MM' or
    'YYYY-MM-DD': ("year", "2025"), ("month", "March 2025"), ("day", "31 March 2025")."""
    if len(value) == 4:
        return "year", value
    if len(value) == 7:
        return "month", f"{date.fromisoformat(value + '-01'):%B %Y}"
    return "day", human_date(date.fromisoformat(value))


def describe_period(start: date, end: date) -> str:
    if start == end:
        return human_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{human_date(start)} to {human_date(end)}"


# a vague time reads as an answer to "when" with its preposition: "in the coming weeks"
_TIME_PREPOSITION = re.compile(r"\b(in|within|over|during|by|until)\s+(?:the\s+)?$", re.I)


def with_preposition(text: str, start: int) -> int:
    """Where a time without a day, month or year that starts at ``start`` of ``text`` ("the
    coming weeks") starts with the preposition before it ("in the coming weeks"); ``start``
    when there is none."""
    m = _TIME_PREPOSITION.search(text, max(0, start - 16), start)
    return m.start() if m else start


def undated(value: date | str | None) -> bool:
    """``as_of`` given as 'none': the question is read without a date ("this week" is plain
    words, any article may answer), as ``RAG_TIME_AWARE=false`` reads every question."""
    return isinstance(value, str) and value.strip().lower() == "none"
