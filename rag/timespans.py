"""The days a phrase that names a time stands for: the calendar arithmetic behind
``rag.timeref``, which finds the phrases and reads them as a question's period. Each kind of
phrase ("week", "weekday", "range", ...) is a pattern there and a branch of ``span_of`` here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from rag import namedays
from rag.dates import MONTHS
from rag.sentences import NUMBER_WORDS

DAY = timedelta(days=1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {"a": 1, "an": 1, **NUMBER_WORDS}
AHEAD_DAYS = 183  # a month or day still to come is at most half a year ahead; later, the last one
PAST_DAYS = 366  # a period over a year before as_of names when something happened, not a news period
# a day an article writes without its year, up to this many days after its date, is the one to
# come ("Halloween parade, Oct. 31" in a 23 October article), not last year's (research.sentence_days)
NEAR_DAYS = 45
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_PARTS = {"start": "early", "beginning": "early", "middle": "mid", "end": "late"}
_HOURS_A_DAY = 24


def _count(raw: str) -> int:
    """A count as a phrase's pattern takes it: in figures or in words ("3", "three", "a")."""
    return int(raw) if raw.isdigit() else NUMBERS[raw]


def _same_day(as_of: date, year: int) -> date:
    """``as_of``'s month and day in ``year`` (29 February, where there is none: the 28th)."""
    try:
        return as_of.replace(year=year)
    except ValueError:
        return as_of.replace(year=year, day=28)


def span_of(kind: str, m: re.Match[str], as_of: date, ahead: bool = False) -> tuple[date, date] | None:
    """The days ``m`` names (a match of ``kind``'s pattern in ``rag.timeref``), read against
    ``as_of``; ``ahead``: the question speaks of what is to come, so a month or day named
    without its year is the next one."""
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    which = (g.get("which") or "").strip()
    if kind == "range":
        return _range(g, as_of, ahead)
    if kind in ("this_day", "this_time"):  # the day of as_of in an earlier year
        back = _count(g.get("n") or g.get("n2") or g.get("n3") or "1")
        then = _same_day(as_of, int(g["year"]) if g.get("year") else as_of.year - back)
        if kind == "this_time":
            return then - 3 * DAY, then + 3 * DAY
        if (g.get("tail") or "").startswith("this"):  # "a year ago this week"
            return then - 6 * DAY, then
        return then, then + DAY
    if kind == "last_n":  # "the last 3 days", "the past few weeks", "in recent months"
        unit = g["unit"]
        raw = g.get("n") or ""
        n = int(raw) if raw.isdigit() else 2 if raw.startswith("couple") else NUMBERS.get(raw, 3)  # few, recent: 3
        if unit == "fortnight":
            return as_of - 13 * DAY, as_of
        if unit == "hour":
            return as_of - timedelta(days=max(-(-n // _HOURS_A_DAY), 1)), as_of
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        return as_of - timedelta(days=days - 1), as_of
    if kind == "day":
        day = _named_day(g["day"], g["month"], g["year"], as_of, ahead)
        return None if day is None else (day, day + DAY)
    if kind == "numeric_day":
        year = int(g["ny"]) + (2000 if len(g["ny"]) == 2 else 0)
        try:
            day = date(year, int(g["nm"]), int(g["nd"]))
        except ValueError:
            return None  # 2/30/2025
        return day, day + DAY
    if kind == "nth_day":  # the latest such day of a month up to as_of (the next one, ahead)
        return _nth_day(int(g["day"]), as_of, ahead)
    if kind == "day_before":
        return as_of - 2 * DAY, as_of - DAY
    if kind == "month_range":
        return _month_range(g, as_of)
    if kind == "season_year":
        return _season(g["season"], int(g["year"]) - (1 if g["season"] == "winter" else 0))
    if kind == "part_year":
        return _third(date(int(g["year"]), 1, 1), date(int(g["year"]), 12, 31), g["part"])
    if kind == "holiday":
        return _holiday(g, which, as_of, ahead)
    if kind == "week_before":
        return as_of - 20 * DAY, as_of - 14 * DAY
    if kind == "ago":
        n = _count(g["n"])
        unit = {"day": 1, "week": 7, "month": 30, "year": 365}[g["unit"]]
        point = as_of - timedelta(days=n * unit)
        half = timedelta(days=unit // 2)
        return (point, point + DAY) if unit == 1 else (point - half, point + half)
    if kind == "few_ago":  # "days ago": the last week; "weeks ago": the month before it
        return (as_of - 6 * DAY, as_of) if g["unit"] == "day" else (as_of - 35 * DAY, as_of - 7 * DAY)
    if kind == "month_year":
        return _month(int(g["year"]), MONTHS[g["month"]])
    if kind == "year":
        return date(int(g["year"]), 1, 1), date(int(g["year"]), 12, 31)
    if kind == "year_named":  # only the year asked in: "the 2024 election" may be history
        return (date(as_of.year, 1, 1), as_of) if int(g["year"]) == as_of.year else None
    if kind == "today":
        return as_of, as_of
    if kind == "yesterday":
        return as_of - DAY, as_of
    if kind == "future":  # reports of what is coming come out before it
        return as_of + DAY, as_of + DAY
    if kind == "weekend":
        saturday = as_of - timedelta(days=(as_of.weekday() - 5) % 7)  # the latest Saturday up to as_of
        if which in ("last", "past") and as_of.weekday() >= 5:
            saturday -= 7 * DAY
        elif which == "this" and 3 <= as_of.weekday() <= 4:  # Thursday, Friday: the coming one
            return saturday + 7 * DAY, saturday + 9 * DAY
        return saturday, saturday + 2 * DAY
    if kind in ("weekday", "bare_weekday"):
        back = (as_of.weekday() - WEEKDAYS.index(g["weekday"])) % 7
        if ahead and which in ("on", "") and back:  # "ahead of the election on Sunday"
            back -= 7
        if which in ("last", "past") and back == 0:
            back = 7
        day = as_of - timedelta(days=back)
        return day, day + DAY
    part = _PARTS.get(g.get("part") or "", g.get("part") or "")
    if kind == "week" or g.get("unit") == "week":
        if part:  # "early this week", "the end of last week": a part of the calendar week
            monday = as_of - timedelta(days=as_of.weekday() + (7 if which == "last" else 0))
            opens, closes = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[part]  # Mon-Wed, Tue-Thu, Thu-Sun
            return monday + opens * DAY, monday + (closes + 1) * DAY
        end = as_of - (7 * DAY if which == "last" else timedelta())
        return end - 6 * DAY, end
    if kind in ("month", "year_rel", "part_of"):
        unit = g.get("unit") or ("month" if kind == "month" else "year")
        start, end = _relative(unit, which or "this", as_of, whole=bool(part))
        return _third(start, end, part) if part else (start, end)
    if kind == "week_of":
        month = MONTHS[g["month"]]
        year = int(g["year"]) if g["year"] else as_of.year if month <= as_of.month else as_of.year - 1
        start, end = _month(year, month)
        if g["nth"] in ("last", "final"):
            return end - 6 * DAY, end
        first = start + timedelta(days=7 * ("first", "second", "third", "fourth").index(g["nth"]))
        return first, first + 6 * DAY
    if kind == "named_month":
        month = MONTHS[g["month"]]
        year = as_of.year if month <= as_of.month else as_of.year - 1
        if ahead and month != as_of.month and which not in ("last", "since"):
            coming = as_of.year if month > as_of.month else as_of.year + 1
            if (date(coming, month, 1) - as_of).days <= AHEAD_DAYS:  # not "would do in June", asked in July
                year = coming
        if which == "last" and month == as_of.month:
            year -= 1
        start, end = _month(year, month)
        if which == "since":
            return start, as_of
        if which == "early":
            return start, start + 9 * DAY
        if which == "late":
            return end - 9 * DAY, end
        if which.startswith("mid"):
            return start + 9 * DAY, end - 9 * DAY
        return start, end
    if kind == "season":
        name = g["season"]
        if which in ("last", "past"):  # the latest one over
            return next(s for y in range(as_of.year, as_of.year - 3, -1) if (s := _season(name, y))[1] < as_of)
        # this one: under way, over this year, or still to come (the news of it comes first)
        return _season(name, as_of.year - 1 if name == "winter" and as_of.month <= 2 else as_of.year)
    return None


def _season(name: str, year: int) -> tuple[date, date]:
    """The season ``name`` that begins in ``year`` (winter: December to February)."""
    opens, closes = _SEASONS[name]
    return date(year, opens, 1), _month(year + (1 if closes < opens else 0), closes)[1]


def _nth_day(day: int, as_of: date, ahead: bool) -> tuple[date, date] | None:
    """The latest day numbered ``day`` up to ``as_of`` ("on the 27th"); when ``ahead``, the next."""
    step = 1 if ahead else -1
    year, month = as_of.year, as_of.month
    for _ in range(3):  # a 31st is at most two months away
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and (found >= as_of if ahead else found <= as_of):
            return found, found + DAY
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return None


def _month_range(g: dict[str, Any], as_of: date) -> tuple[date, date] | None:
    """From the first month named to the second: "from January to March" is the latest such
    stretch begun by ``as_of``; a year given to either end sets both."""
    first, last = MONTHS[g["m1"]], MONTHS[g["m2"]]
    wraps = last < first  # "from November to February"
    if g["y1"]:
        year = int(g["y1"])
    elif g["y2"]:
        year = int(g["y2"]) - (1 if wraps else 0)
    else:
        year = as_of.year if first <= as_of.month else as_of.year - 1
    return date(year, first, 1), _month(year + (1 if wraps else 0), last)[1]


def _holiday(g: dict[str, Any], which: str, as_of: date, ahead: bool) -> tuple[date, date] | None:
    """The days a named day stands for: that year's, given one; the one before ``as_of``, for
    "last"; the coming one, for a question about what is to come or "this" one not yet here;
    else the latest, when it was recent (``namedays.RECENT_DAYS``), and none when it was not."""
    key, part = namedays.key_of(g["name"]), g.get("part") or ""
    if g.get("year"):
        return namedays.span(key, int(g["year"]), part)
    # the year of the latest such day up to as_of ("Thanksgiving week" is not under way before
    # Thanksgiving itself: "during Thanksgiving week", asked that Tuesday, is any such week)
    year = as_of.year if namedays.day_in(key, as_of.year) <= as_of else as_of.year - 1
    latest = namedays.span(key, year, part)
    if which in ("last", "past"):
        return latest if latest[1] <= as_of else namedays.span(key, year - 1, part)
    recent = (as_of - namedays.day_in(key, year)).days <= namedays.RECENT_DAYS
    if ahead or (which == "this" and not recent):
        coming = namedays.span(key, year + 1, part)
        if (coming[0] - as_of).days <= AHEAD_DAYS:
            return coming  # read as the news before it
    return latest if recent else None


def _range(g: dict[str, Any], as_of: date, ahead: bool = False) -> tuple[date, date] | None:
    """The days from one end of a range to the other. An end without its month or year takes
    the other's. Without a year, the range is the latest one begun by ``as_of`` (so "between 3
    and 8 January", asked on 5 January, is under way) or, in a question about what is to come,
    the next one ("28 December to 3 January" spans the new year either way)."""
    months = [g["am1"] or g["am2"], g["bm1"] or g["bm2"]]
    if not any(months) or (g["am1"] and g["am2"]) or (g["bm1"] and g["bm2"]):
        return None  # "3-1": a score, not a range
    start_m, end_m = months[0] or months[1], months[1] or months[0]
    if g["by"] and not g["ay"]:  # "from 28 December to 3 January 2025": the end holds the year
        end = _day(int(g["by"]), end_m, g["bd"])
        start = None if end is None else _day(end.year, start_m, g["ad"])
        if start is not None and end is not None and start > end:
            start = _day(start.year - 1, start_m, g["ad"])
    else:
        start = _named_day(g["ad"], start_m, g["ay"], as_of, ahead)
        end = None if start is None else _day(start.year, end_m, g["bd"])
        if start is not None and end is not None and end < start:
            end = _day(end.year + 1, end_m, g["bd"])
    if start is None or end is None or end < start or (end - start).days > PAST_DAYS:
        return None
    return start, end + DAY


def _named_day(day: str, month: str, year: str | None, as_of: date, ahead: bool) -> date | None:
    """A day named by its number, month and perhaps year: without a year, the latest one up to
    ``as_of``, or when ``ahead`` the next one if within ``AHEAD_DAYS`` ("would do on 3 June",
    asked in July, is the last 3 June)."""
    text = f"{day} {month} {year or ''}".strip()
    named = _parse_day(text, as_of, ahead and not year)
    if named is not None and (named - as_of).days > AHEAD_DAYS:
        named = _parse_day(text, as_of)
    return named


def written_day(
    day: str, month: str, on: date, weekday: int | None = None, ahead: bool = False, years: int | None = None
) -> date | None:
    """The day an article dated ``on`` means by a day of a month it writes without its year
    ("Sept. 18"): the one ``years`` after ``on``'s year when the words after it say ("July 1
    next year": 1); of the days so named in the years around ``on``, the one on ``weekday`` when
    the article names it ("Thursday, July 18"); else the next one if it is at most
    ``NEAR_DAYS`` away or, when ``ahead`` (its sentence speaks of what is to come: "will run
    through Oct. 17"), in the same year or at most twice as far as the latest one up to
    ``on``; else that one.
    A question's day is read by ``span_of``, which looks less far ahead."""
    if years is not None:
        return _day(on.year + years, month, day)
    days = [d for year in (on.year - 1, on.year, on.year + 1, on.year + 2) if (d := _day(year, month, day))]
    if weekday is not None:
        named = [d for d in days if d.weekday() == weekday and abs((d - on).days) <= PAST_DAYS + AHEAD_DAYS]
        if named:
            return min(named, key=lambda d: abs((d - on).days))
    coming = next((d for d in days if d > on), None)
    past = next((d for d in reversed(days) if d <= on), None)
    if coming is None or past is None:
        return coming or past
    since, until = (on - past).days, (coming - on).days
    to_come = coming.year == on.year or until <= 2 * since  # news omits the year of its own year's days
    return coming if (to_come if ahead else until <= NEAR_DAYS) else past


def _day(year: int, month: str, day: str) -> date | None:
    """The day, or None when the month has no such day (29 February of 2025)."""
    try:
        return date(year, MONTHS[month], int(day))
    except ValueError:
        return None


def _relative(unit: str, which: str, as_of: date, whole: bool = False) -> tuple[date, date]:
    """This, last or the past month or year; "this" ends at ``as_of`` unless ``whole`` (the
    calendar month or year, for a part of it: "late this year")."""
    if unit == "month":
        if which == "this":
            return as_of.replace(day=1), _month(as_of.year, as_of.month)[1] if whole else as_of
        if which == "past":
            return as_of - 29 * DAY, as_of
        first = as_of.replace(day=1) - DAY
        return _month(first.year, first.month)
    if which == "this":
        return date(as_of.year, 1, 1), date(as_of.year, 12, 31) if whole else as_of
    if which == "past":
        return as_of - 364 * DAY, as_of
    return date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31)


def _third(start: date, end: date, part: str) -> tuple[date, date]:
    """The early, mid or late third of a period."""
    third = timedelta(days=((end - start).days + 1) // 3)
    if part == "early":
        return start, start + third - DAY
    if part == "late":
        return end - third + DAY, end
    return start + third, end - third


def _month(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return start, nxt - DAY


@lru_cache(maxsize=1024)
def _parse_day(text: str, as_of: date, ahead: bool = False) -> date | None:
    import dateparser

    settings: Any = {
        "RELATIVE_BASE": datetime(as_of.year, as_of.month, as_of.day),
        "PREFER_DATES_FROM": "future" if ahead else "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
