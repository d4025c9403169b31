"""When a question is about: the words that name a time ("this week", "on Sunday", "in
March", "last year", "on 10 January") resolved against the date it is asked (``as_of``)
into a window of publication dates, and the question without those words.

dateparser reads explicit days ("10 January", "Jan. 3rd", "the 4th of July") and "N days
ago": it picks the year (the latest such day up to ``as_of``) and the month names. It returns
one moment, not a period, and its ``search_dates`` also takes words such as "now" or "a
second" for dates, so the phrases are found here by pattern and turned into windows here:
weeks, weekends, weekdays (with or without "on": "announced Thursday"), "the day before
yesterday", "the week before last", months, ranges of months ("from January to March"),
seasons ("over the summer", "in the spring of 2025"), years ("in 2024"; the year asked in,
named with a thing of it: "the 2025 Emmys", "Euros 2025"), ranges of days ("between 3 and 8
January", "Jan. 3-8"; each end read as a day is), dates in figures with their year
("2025-01-08", "1/8/2025"), "on the 4th", the last N hours, days, weeks or months ("over the
past two weeks", "in recent days", "the last fortnight"), parts of a period ("the first week
of March", "at the end of last month", "early this week", "late last year", "mid-2025"),
days known by name ("on Thanksgiving", "over Labor Day weekend", "last Christmas":
``rag.namedays``), anything after "since" (from then to ``as_of``), and the future ones
("next week", or "in November" and "on Sunday" in a question about what is to come), whose
news comes out before them, so they look at the week before ``as_of``. A time long past ("in
1924", "in December 2023" asked in 2025) is history: no part of its phrase sets a window ("in
December" of it is not last December).

A window never ends after ``as_of``; news of a day is often published the day after, so a
window of one named day also holds the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rag import howlong, namedays
from rag.dates import MONTH_NAMES
from rag.newsweekdays import PARTS_OF_DAY, news_weekday, weekday_name
from rag.records import TimeWindow
from rag.timespans import NUMBERS, PAST_DAYS, WEEKDAYS, span_of, written_day

# Present-tense cues: no window, but recent articles come first.
_RECENT = re.compile(
    r"\b(currently|current|latest|newest|most recent|recently|right now|now|so far|still|ongoing|these days)\b",
    re.IGNORECASE,
)

# asks who won, of an event that comes again ("Who won the Super Bowl?", "Which film won best
# picture?"): without a period or an edition named, its latest edition's winner ("Which
# country won the most medals at the Olympics?" too); not a record ("Which actress has won
# the most Oscars?", "won for the first time")
_WINNER = re.compile(
    r"^\W*(?:who|(?:which|what)\s+[\w'’ -]+?)\s+(?:(?:has|have|had|just|recently|finally)\s+)*"
    r"(?:won|wins|beat|beats|defeated|triumphed|clinched|(?:was|were)\s+(?:named|crowned|elected))\b"
    r"|^\W*who\s+(?:was|were)\s+the\s+(?:big\s+)?winners?\b",
    re.IGNORECASE,
)
_RECORD = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:\w+\s+)?won\s+the\s+most|ever|all[- ]time|record|first\s+time|in\s+history)\b", re.I
)
# an edition named: "the 48th annual show", "the 2002 Masters", "Super Bowl LIX"
_EDITION = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d|[IVXLC]{2,})\b")

# asks when a thing to come is: "When is the Super Bowl?", "When will the conclave begin?"
_UPCOMING = re.compile(r"^\W*when\s+(?:is|are|will|does|do)\b|^\W*when['’]s\b", re.IGNORECASE)
_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
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
_SPAN_A = _END.format(p="a", months=MONTH_NAMES)
_SPAN_B = _END.format(p="b", months=MONTH_NAMES)
NAMEDAYS = namedays.PATTERN
# a day's name ends the phrase, or a small word follows it: "on Thanksgiving, ...", not "at the
# Thanksgiving parade" or "on Christmas Day games" (the name of a thing, not a time)
_FOLLOWERS = (
    "and|or|in|at|on|when|while|with|as|after|before|to|from|by|for|amid|that|this|last|which|where|"
    "who|was|were|is|are|has|have|had|did|does|do|will|would|could|the|a|an|its|his|her|their"
)
_NAME_ALONE = rf"(?![\w'’-]|\s+(?!(?:{_FOLLOWERS})\b)\w)"
_NOT_SEASON = r"(?!\s+(?:games|olympics?|paralympics?|classic|series|league|transfer))"  # "Winter Games"
# A month or day named without its year is the latest one up to as_of ("Who won in May?"),
# unless the question speaks of what is to come ("could be paused in November", asked in
# October): then it is the next one, and its news is that of the last week.
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|could|would|might|shall|set\s+to|expected\s+to|scheduled|slated|plans?\s+to|"
    r"planning\s+to|upcoming|poised\s+to|going\s+to|ahead\s+of|tapped\s+to|chosen\s+to|picked\s+to)\b",
    re.IGNORECASE,
)
_PART_OF_DAY = rf"(?:\s+(?:{'|'.join(PARTS_OF_DAY)})\b)?"  # "on Friday night": the night is no search term
FUTURE_DAYS = 7  # a future period ("next week", "in 2029"): the news of it, from the last week
# Most specific first; each names the kind of window it sets.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "this_day",  # "on this day last year", "a year ago today", "exactly two years ago"
            r"\b(?:(?:on|around)\s+)?this\s+(?:day|date)\s+(?:last\s+year|(?:in|of)\s+"
            + _YEAR
            + rf"|(?P<n>\d+|{'|'.join(NUMBERS)})\s+years?\s+ago)\b",
        ),
        (
            "this_day",
            rf"\b(?:exactly\s+(?P<n2>\d+|{'|'.join(NUMBERS)})\s+years?\s+ago"
            rf"|(?P<n3>\d+|{'|'.join(NUMBERS)})\s+years?\s+ago\s+(?P<tail>today|this\s+week))\b",
        ),
        ("this_time", r"\b(?:(?:around|at|about)\s+)?this\s+time\s+last\s+year\b"),  # the week around the day
        ("range", rf"\b(?:between|from)\s+{_SPAN_A}\s+(?:and|to|until|till|through)\s+{_SPAN_B}\b{_NO_YEAR}"),
        ("range", rf"\b{_SPAN_A}\s*[-–—]\s*{_SPAN_B}\b{_NO_YEAR}"),
        (
            "last_n",
            r"\b(?:(?:in|over|during|within|for|from)\s+)?(?:the\s+)?(?P<which>last|past|previous)\s+"
            rf"(?P<n>\d+|{'|'.join(NUMBERS)}|few|several|couple\s+of)\s+(?P<unit>hour|day|week|month)s\b",
        ),
        ("last_n", r"\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+)?(?P<which>last|past)\s+(?P<unit>fortnight)\b"),
        ("last_n", r"\b(?:(?:in|over|during)\s+)?(?P<which>recent)\s+(?P<unit>day|week|month)s\b"),
        (
            "week_of",  # "the first week of March", "the last week of May 2025"
            rf"\b(?:(?:in|during|over)\s+)?the\s+(?P<nth>first|second|third|fourth|final|last)\s+week\s+of\s+{_MONTH}"
            rf"(?:,?\s+{_YEAR})?\b",
        ),
        (
            "part_of",  # "at the end of last month", "the start of the year"
            r"\b(?:(?:at|in|by|around|toward|towards)\s+)?the\s+(?P<part>end|start|beginning|middle)\s+of\s+"
            r"(?:the\s+)?(?:(?P<which>this|last|past)\s+)?(?P<unit>week|month|year)\b",
        ),
        (
            "month_range",  # "from January to March", "between May and July 2025"
            rf"\b(?:between|from)\s+(?P<m1>{MONTH_NAMES})\.?(?:\s+(?P<y1>(?:19|20)\d\d))?\s+"
            rf"(?:and|to|until|till|through)\s+(?P<m2>{MONTH_NAMES})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b{_NO_YEAR}",
        ),
        # a date in figures, with its year: "2025-11-28", "11/28/2025" (US order); "9/11" or
        # "3/4" alone is a name or a fraction more often than a day
        (
            "numeric_day",
            r"\b(?:on\s+|since\s+)?(?P<ny>(?:19|20)\d\d)-(?P<nm>0?[1-9]|1[0-2])-(?P<nd>0?[1-9]|[12]\d|3[01])\b",
        ),
        (
            "numeric_day",
            r"\b(?:on\s+|since\s+)?(?P<nm>0?[1-9]|1[0-2])/(?P<nd>0?[1-9]|[12]\d|3[01])/(?P<ny>(?:19|20)?\d\d)\b(?!/)",
        ),
        ("day", rf"\b(?:on\s+|since\s+|by\s+)?(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b{_NO_YEAR}"),
        ("day", rf"\b(?:on\s+|since\s+|by\s+)?{_MONTH}\s+{_DAYNUM}(?:,?\s+{_YEAR})?\b{_NO_YEAR}"),
        # "on the 27th" alone, the clause over: the latest 27th
        ("nth_day", r"\b(?:on|since)\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?=\s*(?:[?.!,;:]|$))"),
        ("ago", rf"\b(?P<n>\d+|{'|'.join(NUMBERS)})\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        # not "how many days ago": a count asked (``rag.howlong``), no period
        (
            "few_ago",
            r"(?<!\bhow\smany\s)\b(?:(?:a\s+)?few\s+|several\s+|some\s+|a\s+couple\s+of\s+)?(?P<unit>day|week)s\s+ago\b",
        ),
        (
            "holiday",  # "on Thanksgiving", "over Labor Day weekend", "last Christmas", "during the holidays"
            rf"\b(?P<which>on|over|during|at|around|this|last|past|since)\s+(?:the\s+)?(?P<name>{NAMEDAYS})"
            rf"(?:\s+(?P<part>weekend|week|holidays?))?(?:,?\s+(?:in\s+|of\s+)?{_YEAR})?\b{_NAME_ALONE}",
        ),
        (
            "season_year",  # "in the spring of 2025", "summer 2025"
            rf"\b(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b",
        ),
        ("part_year", rf"\b(?:(?:in|during|by)\s+)?(?P<part>early|late|mid)[\s-]+{_YEAR}\b"),  # "mid-2025"
        ("month_year", rf"\b(?:in\s+|during\s+|since\s+)?{_MONTH}\s+{_YEAR}\b"),
        ("year", rf"\b(?:in|during|since)\s+{_YEAR}\b"),
        ("day_before", r"\b(?:on\s+)?the\s+day\s+before\s+yesterday\b"),
        ("today", r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
        ("yesterday", r"\b(?:yesterday|last\s+night|overnight)\b"),
        ("future", r"\b(?:tomorrow|next\s+(?:week|weekend|month|year|(?:" + "|".join(WEEKDAYS) + r")))\b"),
        ("weekend", r"\b(?:(?:this\s+)?(?P<which>this|last|past)\s+weekend|(?:over|at|during)\s+the\s+weekend)\b"),
        (
            "weekday",
            r"\b(?:(?P<which>on|this|last|past|since)\s+)(?P<weekday>" + "|".join(WEEKDAYS) + rf")\b{_PART_OF_DAY}",
        ),
        # news style drops the "on": "announced Thursday", "Sunday's election" (not "Super Tuesday")
        ("bare_weekday", r"(?-i:\b(?P<weekday>" + "|".join(d.title() for d in WEEKDAYS) + rf")\b){_PART_OF_DAY}"),
        ("week_before", r"\b(?:(?:in|during|over)\s+)?the\s+week\s+before\s+last\b"),
        (
            "week",  # "this week", "earlier this week", "late last week"
            r"\b(?:(?:earlier|later)\s+)?(?:(?:in|during|over)\s+)?(?:(?P<part>early|late|mid)[\s-]+)?"
            r"(?:the\s+)?(?:this\s+)?(?P<which>this|last|past)\s+week\b",
        ),
        (
            "month",
            r"\b(?:(?:in|during|over)\s+)?(?:(?P<part>early|late|mid)[\s-]+|(?:earlier|later)\s+)?"
            r"(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<which>this|last|past)\s+month\b",
        ),
        ("named_month", rf"\b(?P<which>in|during|this|last|since|early|late|mid)(?:\s+|-){_MONTH}\b"),
        ("named_month", rf"(?-i:\b(?P<month>{MONTH_NAMES.title()}))(?=['’]s\b)"),  # "November's supermoon"
        (
            "season",
            rf"\b(?P<which>this|last|past|(?:in|during|over)\s+the)\s+(?P<season>spring|summer|autumn|fall|winter)\b{_NOT_SEASON}",
        ),
        (
            "year_rel",
            r"\b(?:(?:in|during|over)\s+)?(?:(?P<part>early|late|mid)[\s-]+|(?:earlier|later)\s+)?"
            r"(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<which>this|last|past)\s+year\b",
        ),
        # the year asked in, named with a thing of it: "the 2025 Emmys", "their 2026 summit",
        # "Euros 2025" are this year's; the year stays a search word (part of the name)
        ("year_named", rf"(?<![\w$£€/.,-]){_YEAR}(?![\w/%-]|\.\d|,\d)"),
    )
)
_KEPT = frozenset({"year_named"})  # kinds whose words stay in the query


_MONTH_GROUPS = ("month", "m1", "m2")  # the groups that name a month
# a day or month without its year: in a question that asks how many years ago something was,
# it names when that thing was, not this year's day ("since the Jan. 6 attack")
_WITHOUT_YEAR = frozenset({"day", "nth_day", "named_month"})
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class TimeRef:
    """What a question says about time, asked on ``as_of``."""

    as_of: date
    window: TimeWindow | None = None  # the period the question names, if any
    recent: bool = False  # present tense without a period: the newest articles first
    query: str = ""  # the question without the words that set ``window``
    upcoming: bool = False  # asks when a thing to come is ("When is the Super Bowl?"), no period named
    latest: bool = False  # asks who won: the latest edition ("Who won the Super Bowl?"), in the period if named


def resolve(question: str, as_of: date, past: bool = False) -> TimeRef:
    """The window ``question`` names, asked on ``as_of``; the first phrase that names one wins.
    ``past``: a time long past sets one too ("What happened in December 2023?" asks for its news)."""
    wanted = howlong.asked(question)  # "how many years since ...", "how many days until ..."
    upcoming = bool(_UPCOMING.search(question))  # "When is the Super Bowl?"
    ahead = bool(_FUTURE_CUE.search(question)) or (wanted is not None and wanted.ahead) or upcoming  # to come
    years = wanted is not None and wanted.unit in ("year", "decade")
    history: list[tuple[int, int]] = []  # phrases naming a time long past: no part of them sets a window
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(question):
            if any(match.start() < e and s < match.end() for s, e in history):
                continue  # "in December" of "in December 2023", asked in 2025
            groups = match.groupdict()
            if any(m and m.lower() in ("may", "mar") and not m[0].isupper() for m in map(groups.get, _MONTH_GROUPS)):
                continue  # "may" and "mar" in lower case are rarely the month
            if question[max(match.start() - 1, 0) : match.start()] in ("“", '"', "‘", "'"):
                continue  # a quoted name: the "Today" show
            if kind == "bare_weekday" and not news_weekday(question[: match.start()], question[match.end("weekday") :]):
                continue  # "Super Tuesday", "Who plays Wednesday?", "a Sunday"
            if kind in ("weekday", "bare_weekday") and weekday_name(match, question[match.end() :]):
                continue  # "Saturday Night Live", "on Monday Night Football"
            if kind in _LOWER and _capitalised(question, match.start()):
                continue  # "the Today show", "The Tonight Show", "ABC's This Week", "Yesterday"
            if kind == "year_named" and ahead:
                continue  # "When is the 2026 Met Gala?": its news is of the weeks before it, not of the year
            if kind in _WITHOUT_YEAR and not groups.get("year") and years:
                continue  # "How many years since the Jan. 6 attack?": not this year's Jan. 6
            span = span_of(kind, match, as_of, ahead)
            if span is None:
                continue
            start, end = span
            if upcoming and end >= as_of:
                # "When is Thanksgiving this year?", "When is the Super Bowl in February?": the
                # one to come, as "When is Thanksgiving?"; a year named stays a search term
                named = kind in _KEPT or any(ch.isdigit() for ch in match[0])
                return TimeRef(
                    as_of, None, False, question if named else _without(question, match.start(), match.end()), True
                )
            if start > as_of:  # "in 2029": what is reported now of a later time
                start, end = as_of - timedelta(days=FUTURE_DAYS - 1), as_of
            elif not past and (as_of - end).days > PAST_DAYS:  # "in 1924": history, not a period of news
                history.append((match.start(), match.end()))
                continue
            begin = match.start()
            since = _SINCE.search(question, 0, begin)  # "since last Tuesday": from then to as_of
            if since:
                begin = since.start()
            if since or match[0].lower().startswith("since"):
                end = as_of
            window = TimeWindow(start, min(end, as_of), question[begin : match.end()].strip())
            query = question if kind in _KEPT else _without(question, begin, match.end(), kind != "bare_weekday")
            return TimeRef(as_of, window, False, query, latest=asks_winner(query))
    return TimeRef(as_of, None, bool(_RECENT.search(question)), question, upcoming, asks_winner(question))


def asks_winner(question: str) -> bool:
    """``question`` asks who won an event that comes again, no edition named ("Who won the Super
    Bowl?", "Which horse won [this year's] Kentucky Derby?"): its latest edition's winner."""
    return bool(_WINNER.search(question)) and not _RECORD.search(question) and not _EDITION.search(question)


# the kinds of phrase that name one day
_ONE_DAY = frozenset({"numeric_day", "day", "nth_day", "day_before", "today", "yesterday", "weekday"})
_TOMORROW = re.compile(r"\btomorrow\b", re.IGNORECASE)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# a weekday after an ordinal or "every" names a rule ("the first Monday in May"), not a day
_RULE_DAY = re.compile(r"\b(?:first|second|third|fourth|fifth|every|each)\s+(?:" + "|".join(WEEKDAYS) + r")\b", re.I)
_BARE = re.compile(  # a weekday with no word before it that sets which one
    r"(?<!\bon )(?<!\bthis )(?<!\blast )(?<!\bpast )(?<!\bsince )\b(" + "|".join(WEEKDAYS) + r")\b", re.I
)


def day_named(text: str, on: date, sentence: str = "", ahead: bool = False) -> date | None:
    """The one day a date written without its year stands for in a news article dated ``on``:
    "Tuesday night", "early Sunday morning", "yesterday": the latest such day up to ``on``, or
    the next when ``sentence`` (the one it is written in) speaks of what is to come or the day
    is known to be to come (``ahead``); a day of a month ("Jan. 15") as ``written_day`` reads
    it, with the weekday and the year ``sentence`` writes beside it. None for a date that
    gives its year, a period ("last week") or no date."""
    ahead = ahead or any(cue[0].islower() for cue in _FUTURE_CUE.finditer(sentence))  # not "New Day Will Rise"
    if _A_YEAR.search(text) or _RULE_DAY.search(text):
        return None
    if _TOMORROW.search(text):
        return on + timedelta(days=1)
    probe = _BARE.sub(r"on \1", text, count=1)  # in a date, a weekday alone is that day
    for kind, pattern in _PATTERNS:
        match = pattern.search(probe) if kind in _ONE_DAY else None
        if match is not None and kind == "day":
            weekday, years = _written_with(text, sentence)
            return written_day(match["day"], match["month"].lower(), on, weekday, ahead, years)
        span = span_of(kind, match, on, ahead) if match else None
        if span is not None:
            return span[0]
    return None


def _written_with(text: str, sentence: str) -> tuple[int | None, int | None]:
    """What ``sentence`` writes beside the date ``text``: the weekday in it or just before it
    ("Thursday, July 18"), as a number (Monday 0), and the years after the article's that the
    words after it say ("July 1 next year": 1)."""
    at = sentence.find(text)
    named = _WEEKDAY_NAMED.search(text) or (_WEEKDAY_BEFORE.search(sentence, max(at - 12, 0), at) if at > 0 else None)
    said = _YEAR_SAID.match(sentence, at + len(text)) if at >= 0 else None
    weekday = WEEKDAYS.index(named[1].lower()) if named else None
    return weekday, {"last": -1, "this": 0, "next": 1}[said[1].lower()] if said else None


_YEAR_SAID = re.compile(r",?\s+(?:of\s+)?(last|this|next)\s+year\b", re.I)  # "July 1 next year"
_WEEKDAY_NAMED = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.I)
_WEEKDAY_BEFORE = re.compile(rf"{_WEEKDAY_NAMED.pattern},?\s+(?:the\s+)?$", re.I)
# kinds whose words are written in lower case but for a sentence's first word: with a capital
# within a sentence they are a name ("the Today show", "Last Week Tonight")
_LOWER = frozenset(
    {"today", "yesterday", "future", "weekend", "week_before", "week", "month", "season", "year_rel", "day_before"}
)


def _capitalised(question: str, start: int) -> bool:
    """The phrase at ``start`` begins with a capital within a sentence (not its first word),
    in a question not written all in capitals ("WHO WON THIS WEEK?" keeps its week)."""
    if not question[start : start + 1].isupper() or question.isupper():
        return False
    before = question[:start].rstrip(" “\"‘'(")
    return bool(before) and before[-1] not in ".?!:;—–-"


def _without(question: str, start: int, end: int, tidy: bool = True) -> str:
    """The question with ``[start, end)`` cut out and the seams tidied (``tidy``: a
    preposition left before it too; not after a weekday without one: "sworn in Monday")."""
    left, right = question[:start].rstrip(), re.sub(r"^['’]s\b", "", question[end:]).lstrip()
    if tidy:
        left = re.sub(r"\b(?:on|in|during|over|since|by|from|earlier|later|the|of)$", "", left, flags=re.I).rstrip(" ,")
    joined = f"{left} {right}" if left and right and right[0].isalnum() else left + right
    return " ".join(joined.split()).lstrip(" ,;:") or question
