"""Days known by name ("on Thanksgiving", "over Labor Day weekend", "last Christmas", "during
the holidays") and the days they stand for in a year.

The calendar is the US one (the news corpus this product was built for is American): fixed
days, days set as the nth weekday of a month (Thanksgiving, the fourth Thursday of November),
and Easter (``dateutil.easter``). The rules are written here: python-holidays, which knows
them, pins python-dateutil below 3 from version 0.87, which chromadb's kubernetes client
(python-dateutil 3 or later) does not admit, and its versions before that lack Easter and
Christmas Eve in the US calendar.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

DAY = timedelta(days=1)
# A day named without "last", "this" or a year is a period of news only when it was recent:
# the latest one up to the question's date is at most this many days before it. Older, the
# question is about the day in general ("How many turkeys are eaten on Thanksgiving?").
RECENT_DAYS = 31

_APOS = "['’]?"
# a name as written (a regex, most specific first) and the day python-holidays calls it, or a
# day reckoned here
NAMES: tuple[tuple[str, str], ...] = (
    (rf"new\s+year{_APOS}s\s+eve", "New Year's Eve"),
    (rf"new\s+year{_APOS}s(?:\s+day)?", "New Year's Day"),
    (r"martin\s+luther\s+king,?\s+jr\.?\s+day|mlk\s+day", "Martin Luther King Jr. Day"),
    (rf"presidents{_APOS}\s+day|washington{_APOS}s\s+birthday", "Washington's Birthday"),
    (rf"valentine{_APOS}s\s+day", "Valentine's Day"),
    (rf"(?:st\.?|saint)\s+patrick{_APOS}s\s+day", "Saint Patrick's Day"),
    (r"good\s+friday", "Good Friday"),
    (r"easter(?:\s+sunday)?", "Easter Sunday"),
    (rf"mother{_APOS}s\s+day", "Mother's Day"),
    (r"memorial\s+day", "Memorial Day"),
    (rf"father{_APOS}s\s+day", "Father's Day"),
    (r"juneteenth", "Juneteenth National Independence Day"),
    (r"independence\s+day|the\s+fourth\s+of\s+july|july\s+fourth", "Independence Day"),
    (r"labor\s+day", "Labor Day"),
    (rf"columbus\s+day|indigenous\s+peoples{_APOS}\s+day", "Columbus Day"),
    (r"halloween", "Halloween"),
    (r"election\s+day", "election"),
    (rf"veterans{_APOS}\s+day", "Veterans Day"),
    (r"thanksgiving(?:\s+day)?", "Thanksgiving Day"),
    (r"black\s+friday", "black friday"),
    (r"cyber\s+monday", "cyber monday"),
    (r"christmas\s+eve", "Christmas Eve"),
    (r"christmas(?:\s+day)?", "Christmas Day"),
    (r"the\s+holidays|the\s+holiday\s+season", "holidays"),
)
PATTERN = "|".join(f"(?:{written})" for written, _ in NAMES)
_KEYS = tuple((re.compile(rf"^(?:{written})$", re.IGNORECASE), key) for written, key in NAMES)


def key_of(written: str) -> str:
    """The day ``written`` (a match of ``PATTERN``) names."""
    text = " ".join(written.split())
    return next(key for pattern, key in _KEYS if pattern.match(text))


# fixed days (month, day) and days set as the nth weekday of a month (month, weekday with
# Monday 0, n; n = -1 is the month's last)
_FIXED = {
    "New Year's Day": (1, 1),
    "Groundhog Day": (2, 2),
    "Valentine's Day": (2, 14),
    "Saint Patrick's Day": (3, 17),
    "Juneteenth National Independence Day": (6, 19),
    "Independence Day": (7, 4),
    "Halloween": (10, 31),
    "Veterans Day": (11, 11),
    "Christmas Eve": (12, 24),
    "holidays": (12, 24),  # the holidays begin on Christmas Eve
    "Christmas Day": (12, 25),
    "New Year's Eve": (12, 31),
}
_NTH = {
    "Martin Luther King Jr. Day": (1, 0, 3),
    "Washington's Birthday": (2, 0, 3),
    "Mother's Day": (5, 6, 2),
    "Memorial Day": (5, 0, -1),
    "Father's Day": (6, 6, 3),
    "Labor Day": (9, 0, 1),
    "Columbus Day": (10, 0, 2),
    "Thanksgiving Day": (11, 3, 4),
}
_AFTER_THANKSGIVING = {"black friday": 1, "cyber monday": 4}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n < 0:  # the last: back from the next month's first day
        after = date(year + month // 12, month % 12 + 1, 1)
        last = after - DAY
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def day_in(key: str, year: int) -> date:
    """The day ``key`` falls on in ``year``."""
    if key in _FIXED:
        return date(year, *_FIXED[key])
    if key in _NTH:
        return _nth_weekday(year, *_NTH[key])
    if key in _AFTER_THANKSGIVING:
        return _nth_weekday(year, *_NTH["Thanksgiving Day"]) + timedelta(days=_AFTER_THANKSGIVING[key])
    if key == "election":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + DAY
    sunday = easter(year)
    return sunday - 2 * DAY if key == "Good Friday" else sunday


def span(key: str, year: int, part: str = "") -> tuple[date, date]:
    """The days of ``key`` in ``year``; ``part``: "weekend", "week" or "holiday(s)" around it.
    The day after is in each span: news of a day is often published the next."""
    day = day_in(key, year)
    if key == "holidays" or (key.startswith("Christmas") and part.startswith("holiday")):
        return day, date(year + 1, 1, 2)  # Christmas Eve to New Year's Day
    if part == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + 7 * DAY
    if part in ("weekend", "holiday", "holidays"):
        if day.weekday() == 0:  # a Monday holiday's long weekend: Saturday to Monday
            return day - 2 * DAY, day + DAY
        return day, day + timedelta(days=6 - day.weekday()) + DAY  # to the Sunday after
    return day, day + DAY
