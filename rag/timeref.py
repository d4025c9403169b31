"""When a question is about: the words that name a time ("this week", "on Sunday", "in
March", "last year", "on 10 January") resolved against the date it is asked (``as_of``)
into a window of publication dates, and the question without those words.

dateparser reads explicit days ("10 January", "Jan. 3rd", "the 4th of July") and "N days
ago": it picks the year (the latest such day up to ``as_of``) and the month names. It returns
one moment, not a period, and its ``search_dates`` also takes words such as "now" or "a
second" for dates, so the phrases are found here by pattern and turned into windows here:
weeks, weekends, weekdays (with or without "on": "announced Thursday"; "since Monday"),
months, seasons, years, ranges of days ("between 3 and 8 January", "Jan. 3-8"; each end read
as a day is), the last N hours, days, weeks or months ("over the past two weeks", "in recent
days"), and the future ones ("next week", or "in November" and "on Sunday" in a question
about what is to come), whose news comes out before them, so they look at the week before
``as_of``. A time long past ("in 1924", "in December 2023" asked in 2025) is history: no
part of its phrase sets a window ("in December" of it is not last December).

A window never ends after ``as_of``; news of a day is often published the day after, so a
window of one named day also holds the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from rag.dates import MONTHS
from rag.records import TimeWindow
from rag.sentences import NUMBER_WORDS

DAY = timedelta(days=1)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_NUMBERS = {"a": 1, "an": 1, **NUMBER_WORDS}

# Present-tense cues: no window, but recent articles come first.
_RECENT = re.compile(
    r"\b(currently|current|latest|newest|most recent|recently|right now|now|so far|still|ongoing|these days)\b",
    re.IGNORECASE,
)

_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NO_YEAR = r"(?![,\s]*\d)"  # "July 4, 1776": a year the patterns do not take
# the two ends of a range ("between 3 and 8 January", "from Jan. 3 to Jan. 8", "January 3-8"):
# a day, with its month before or after it and a year or not; one end may leave its month
# (and year) to the other
_END = (
    r"(?:(?P<{p}m1>{months})\.?\s+)?(?P<{p}d>[0-3]?\d)(?:st|nd|rd|th)?"
    r"(?:\s+(?:of\s+)?(?P<{p}m2>{months})\.?)?(?:,?\s+(?P<{p}y>(?:19|20)\d\d))?"
)
_SPAN_A = _END.format(p="a", months=_MONTH_NAMES)
_SPAN_B = _END.format(p="b", months=_MONTH_NAMES)
_HOURS_A_DAY = 24
_NOT_SEASON = r"(?!\s+(?:games|olympics?|paralympics?|classic|series|league|transfer))"  # "Winter Games"
# A month or day named without its year is the latest one up to as_of ("Who won in May?"),
# unless the question speaks of what is to come ("could be paused in November", asked in
# October): then it is the next one, and its news is that of the last week.
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|could|would|might|shall|set\s+to|expected\s+to|scheduled|slated|plans?\s+to|"
    r"planning\s+to|upcoming|poised\s+to|going\s+to|ahead\s+of|tapped\s+to|chosen\s+to|picked\s+to)\b",
    re.IGNORECASE,
)
AHEAD_DAYS = 183  # a month or day still to come is at most half a year ahead; later, the last one
FUTURE_DAYS = 7  # a future period ("next week", "in 2029"): the news of it, from the last week
PAST_DAYS = 366  # a period over a year before as_of names when something happened, not a news period
# Most specific first; each names the kind of window it sets.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("range", rf"\b(?:between|from)\s+{_SPAN_A}\s+(?:and|to|until|till|through)\s+{_SPAN_B}\b{_NO_YEAR}"),
        ("range", rf"\b{_SPAN_A}\s*[-–—]\s*{_SPAN_B}\b{_NO_YEAR}"),
        (
            "last_n",
            r"\b(?:(?:in|over|during|within|for|from)\s+)?(?:the\s+)?(?P<which>last|past|previous)\s+"
            rf"(?P<n>\d+|{'|'.join(_NUMBERS)}|few|several|couple\s+of)\s+(?P<unit>hour|day|week|month)s\b",
        ),
        ("last_n", r"\b(?:(?:in|over|during)\s+)?(?P<which>recent)\s+(?P<unit>day|week|month)s\b"),
        ("day", rf"\b(?:on\s+|since\s+|by\s+)?(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b{_NO_YEAR}"),
        ("day", rf"\b(?:on\s+|since\s+|by\s+)?{_MONTH}\s+{_DAYNUM}(?:,?\s+{_YEAR})?\b{_NO_YEAR}"),
        ("ago", rf"\b(?P<n>\d+|{'|'.join(_NUMBERS)})\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("few_ago", r"\b(?:(?:a\s+)?few\s+|several\s+|some\s+|a\s+couple\s+of\s+)?(?P<unit>day|week)s\s+ago\b"),
        ("month_year", rf"\b(?:in\s+|during\s+|since\s+)?{_MONTH}\s+{_YEAR}\b"),
        ("year", rf"\b(?:in|during|since)\s+{_YEAR}\b"),
        ("today", r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
        ("yesterday", r"\b(?:yesterday|last\s+night)\b"),
        ("future", r"\b(?:tomorrow|next\s+(?:week|weekend|month|year|(?:" + "|".join(_WEEKDAYS) + r")))\b"),
        ("weekend", r"\b(?:(?P<which>this|last|past)\s+weekend|(?:over|at|during)\s+the\s+weekend)\b"),
        ("weekday", r"\b(?:(?P<which>on|this|last|past|since)\s+)(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"),
        # news style drops the "on": "announced Thursday", "Sunday's election" (not "Super Tuesday")
        ("bare_weekday", r"(?-i:\b(?P<weekday>" + "|".join(d.title() for d in _WEEKDAYS) + r")\b)"),
        (
            "week",
            r"\b(?:(?:earlier|later)\s+)?(?:(?:in|during|over)\s+)?(?:the\s+)?(?:this\s+)?(?P<which>this|last|past)\s+week\b",
        ),
        (
            "month",
            r"\b(?:(?:earlier|later)\s+)?(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<which>this|last|past)\s+month\b",
        ),
        ("named_month", rf"\b(?P<which>in|during|this|last|since|early|late|mid)(?:\s+|-){_MONTH}\b"),
        ("named_month", rf"(?-i:\b(?P<month>{_MONTH_NAMES.title()}))(?=['’]s\b)"),  # "November's supermoon"
        (
            "season",
            rf"\b(?P<which>this|last|past|in\s+the|during\s+the)\s+(?P<season>spring|summer|autumn|fall|winter)\b{_NOT_SEASON}",
        ),
        (
            "year_rel",
            r"\b(?:(?:earlier|later)\s+)?(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<which>this|last|past)\s+year\b",
        ),
    )
)


@dataclass(frozen=True)
class TimeRef:
    """What a question says about time, asked on ``as_of``."""

    as_of: date
    window: TimeWindow | None = None  # the period the question names, if any
    recent: bool = False  # present tense without a period: the newest articles first
    query: str = ""  # the question without the words that set ``window``


def resolve(question: str, as_of: date) -> TimeRef:
    """The window ``question`` names, asked on ``as_of``; the first phrase that names one wins."""
    ahead = bool(_FUTURE_CUE.search(question))  # it speaks of what is to come
    history: list[tuple[int, int]] = []  # phrases naming a time long past: no part of them sets a window
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(question):
            if any(match.start() < e and s < match.end() for s, e in history):
                continue  # "in December" of "in December 2023", asked in 2025
            month = match.groupdict().get("month")
            if month and month.lower() in ("may", "mar") and not month[0].isupper():
                continue  # "may" and "mar" in lower case are rarely the month
            if question[max(match.start() - 1, 0) : match.start()] in ("“", '"', "‘", "'"):
                continue  # a quoted name: the "Today" show
            if kind == "bare_weekday" and not _news_weekday(question[: match.start()], question[match.end() :]):
                continue  # "Super Tuesday", "Who plays Wednesday?", "a Sunday"
            span = _window(kind, match, as_of, ahead)
            if span is None:
                continue
            start, end = span
            if start > as_of:  # "in 2029": what is reported now of a later time
                start, end = as_of - timedelta(days=FUTURE_DAYS - 1), as_of
            elif (as_of - end).days > PAST_DAYS:  # "in 1924": history, not a period of news
                history.append((match.start(), match.end()))
                continue
            if match[0].lower().startswith("since"):
                end = as_of
            window = TimeWindow(start, min(end, as_of), match[0].strip())
            query = _without(question, match.start(), match.end())
            return TimeRef(as_of, window, False, query)
    return TimeRef(as_of, None, bool(_RECENT.search(question)), question)


_DETERMINERS = frozenset(
    {
        *("a", "an", "the", "every", "each", "any", "one", "some", "that", "which", "no"),
        *("first", "second", "third", "fourth", "fifth", "last", "final", "next"),
    }
)
# past forms news puts before a bare weekday ("said Monday", "won Sunday"); others end in -ed
_PAST = frozenset(
    {
        *("said", "met", "won", "lost", "held", "took", "made", "began", "spoke", "sworn", "told"),
        *("gave", "went", "came", "saw", "left", "ran", "hit", "set", "struck", "fell", "rose"),
        *("sent", "shot", "sold", "bought", "broke", "became", "paid", "led", "wrote", "chose"),
        *("drew", "flew", "grew", "knew", "threw", "wore", "was", "were", "did", "had", "sank"),
    }
)
_PARTS_OF_DAY = ("night", "morning", "afternoon", "evening")


def _news_weekday(before: str, after: str) -> bool:
    """A weekday without "on" names a day of the news where news writes it so: after a verb
    in the past ("announced Thursday", "said Monday"), as a possessive ("Sunday's election")
    or with a part of the day ("her Sunday night set"). Not in a name ("Super Tuesday",
    "Black Friday", "Super Bowl Sunday"), a title ("Who plays Wednesday?") or any such day
    ("a Sunday", "the third Monday of February")."""
    words = before.split()
    prev = words[-1].strip("“\"‘'(,") if words else ""
    if (prev[:1].isupper() and len(words) > 1) or prev.lower() in _DETERMINERS:
        return False
    following = after.split()
    nxt = following[0].strip("?.,;:!").lower() if following else ""
    if re.match(r"['’]s\b", after) or nxt in _PARTS_OF_DAY:
        return True
    prev = prev.lower()
    return prev in _PAST or (len(prev) > 3 and prev.endswith("ed"))


def _without(question: str, start: int, end: int) -> str:
    """The question with ``[start, end)`` cut out and the seams tidied."""
    left, right = question[:start].rstrip(), re.sub(r"^['’]s\b", "", question[end:]).lstrip()
    left = re.sub(r"\b(?:on|in|during|over|since|by|from|earlier|later|the|of)$", "", left, flags=re.I).rstrip(" ,")
    joined = f"{left} {right}" if left and right and right[0].isalnum() else left + right
    return " ".join(joined.split()).lstrip(" ,;:") or question


def _window(kind: str, m: re.Match[str], as_of: date, ahead: bool = False) -> tuple[date, date] | None:
    """The period ``m`` names, read against ``as_of``; ``ahead``: the question speaks of what
    is to come, so a month or day named without its year is the next one."""
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    which = (g.get("which") or "").strip()
    if kind == "range":
        return _range(g, as_of, ahead)
    if kind == "last_n":  # "the last 3 days", "the past few weeks", "in recent months"
        unit = g["unit"]
        raw = g.get("n") or ""
        n = int(raw) if raw.isdigit() else 2 if raw.startswith("couple") else _NUMBERS.get(raw, 3)  # few, recent: 3
        if unit == "hour":
            return as_of - timedelta(days=max(-(-n // _HOURS_A_DAY), 1)), as_of
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        return as_of - timedelta(days=days - 1), as_of
    if kind == "day":
        text = f"{g['day']} {g['month']} {g['year'] or ''}".strip()
        day = _parse_day(text, as_of, ahead and not g["year"])
        if day is not None and (day - as_of).days > AHEAD_DAYS:  # "would do on 3 June", asked in July
            day = _parse_day(text, as_of)
        if day is None:
            return None
        return day, day + DAY
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"]]
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
        back = (as_of.weekday() - _WEEKDAYS.index(g["weekday"])) % 7
        if ahead and which in ("on", "") and back:  # "ahead of the election on Sunday"
            back -= 7
        if which in ("last", "past") and back == 0:
            back = 7
        day = as_of - timedelta(days=back)
        return day, day + DAY
    if kind == "week":
        end = as_of - (7 * DAY if which == "last" else timedelta())
        return end - 6 * DAY, end
    if kind == "month":
        if which == "this":
            return as_of.replace(day=1), as_of
        if which == "past":
            return as_of - 29 * DAY, as_of
        first = as_of.replace(day=1) - DAY
        return _month(first.year, first.month)
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
        opens, closes = _SEASONS[g["season"]]

        def season(year: int) -> tuple[date, date]:
            return date(year, opens, 1), _month(year + (1 if closes < opens else 0), closes)[1]

        if which in ("last", "past"):  # the latest one over
            return next(s for s in map(season, range(as_of.year, as_of.year - 3, -1)) if s[1] < as_of)
        # this one: under way, over this year, or still to come (the news of it comes first)
        return season(as_of.year - 1 if opens == 12 and as_of.month <= 2 else as_of.year)
    if kind == "year_rel":
        if which == "this":
            return date(as_of.year, 1, 1), as_of
        if which == "past":
            return as_of - 364 * DAY, as_of
        return date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31)
    return None


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
            start = start.replace(year=start.year - 1)
    else:
        text = f"{g['ad']} {start_m} {g['ay'] or ''}".strip()
        start = _parse_day(text, as_of, ahead and not g["ay"])
        if start is not None and (start - as_of).days > AHEAD_DAYS:
            start = _parse_day(text, as_of)
        end = None if start is None else _day(start.year, end_m, g["bd"])
        if start is not None and end is not None and end < start:
            end = end.replace(year=end.year + 1)
    if start is None or end is None or end < start or (end - start).days > PAST_DAYS:
        return None
    return start, end + DAY


def _day(year: int, month: str, day: str) -> date | None:
    try:
        return date(year, MONTHS[month], int(day))
    except ValueError:
        return None


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
