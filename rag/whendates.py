"""The short answer to a "when" question is the most specific date its sentences give.

"When will the 2025 Grammy Awards take place?" is answered by "Sunday, Feb. 2", not by the
"Sunday" or "early February" beside it; "When is the Met Gala?" by "May 5", not by the
"year" of "this year". A time of day ("8:50 p.m."), a year alone ("2024") or a vague time
("this week", "tax season") answers only when no sentence gives a day.

A date is answered as it is asked for (``dates_as_asked``): "May 5", not the "May 5 this year" an
article wrote; "What year ...?" by "2030", not "the end of 2030".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.asks import Wanted
from rag.dates import MONTHS
from rag.named import question_names
from rag.sentences import words
from rag.short import Candidate
from rag.timespans import WEEKDAYS

DAY_OF_MONTH = 4  # the ``specificity`` of a day of a month
_MONTH = rf"\b(?:{'|'.join(MONTHS)})\b\.?"
_DAY_OF_MONTH = re.compile(rf"{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", re.I)
_NUMERIC_DAY = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_ONE_DAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}|yesterday|today|tomorrow|tonight)\b", re.I)
_MONTH_NAMED = re.compile(_MONTH, re.I)
_SEASON_YEAR = re.compile(r"\b(?:spring|summer|fall|autumn|winter|early|mid|late)\b.*\b(?:1[5-9]|20)\d\d\b", re.I)


def specificity(span: str) -> int:
    """How closely a date names a day: 4 a day of a month ("Feb. 2", "Sunday, Feb. 2",
    "2025-02-02"), 3 a day by its name ("Sunday", "yesterday"), 2 a month ("May", "early
    2026"), 1 a year or a time of day ("2024", "8:50 p.m."), 0 none ("this week", "the day",
    "tax season")."""
    if _DAY_OF_MONTH.search(span) or _NUMERIC_DAY.search(span):
        return DAY_OF_MONTH
    if _ONE_DAY.search(span):
        return 3
    if _MONTH_NAMED.search(span) or _SEASON_YEAR.search(span):
        return 2
    return 1 if re.search(r"\d", span) else 0  # a year, a time of day


def specific_first(want: Wanted, found: list[list[Candidate]], texts: Sequence[str]) -> list[list[Candidate]]:
    """The dates of ``found`` as asked (``dates_as_asked``), then for a "when" question, or one
    that asks on what date, only the candidates that name a date as closely as the closest of
    them (``specificity``): "On what date is Presidents Day this year?" is "Monday, Feb. 19",
    not the "2024" of "when Presidents Day falls in 2024"."""
    found = dates_as_asked(want, found, texts)
    return closest(found, texts) if want.when or want.exact_date else found


# what places a day or a month in the year the article was written, after it: "May 5 this
# year"; not "next year" or "last year", which tell another year than the article's
_THIS_YEAR = re.compile(r"(?:\s*,)?\s+(?:of\s+)?this\s+year$", re.I)
# one year, not a season's span ("2022-23") nor a decade ("the 1990s")
_YEAR = re.compile(r"(?<![\w/-])(?:1[5-9]|20)\d\d(?![\w%]|[-–/]\d)")


def dates_as_asked(want: Wanted, found: list[list[Candidate]], texts: Sequence[str]) -> list[list[Candidate]]:
    """Each date of ``found`` cut to what the question asks for: for "what year", the one
    year it names ("the end of 2030" -> "2030"); for a date, without the "this year" that places
    a day or a month in its article's year ("May 5 this year" -> "May 5"). Other candidates, and
    every candidate of a question that asks for no date, unchanged."""
    if "DATE" not in want.labels:
        return found
    return [[_cut(want, c, text) for c in mine] for mine, text in zip(found, texts, strict=True)]


def _cut(want: Wanted, c: Candidate, text: str) -> Candidate:
    """``c`` of ``text`` cut as ``dates_as_asked`` says, and keyed by its new words."""
    if c.label != "DATE":
        return c
    span = text[c.start : c.end]
    start, end = c.start, c.end
    years = list(_YEAR.finditer(span))
    if want.head == "year" and len(years) == 1:
        start, end = c.start + years[0].start(), c.start + years[0].end()
    elif (tail := _THIS_YEAR.search(span)) and specificity(span[: tail.start()]) >= 2:
        end = c.start + tail.start()
    if (start, end) == (c.start, c.end):
        return c
    return replace(c, start=start, end=end, key=" ".join(words(text[start:end])))


def closest(found: list[list[Candidate]], texts: Sequence[str]) -> list[list[Candidate]]:
    """Only the candidates that name a date as closely as the closest of them."""
    levels = [[specificity(text[c.start : c.end]) for c in mine] for mine, text in zip(found, texts, strict=True)]
    best = max((n for row in levels for n in row), default=0)
    return [[c for c, n in zip(mine, row, strict=True) if n == best] for mine, row in zip(found, levels, strict=True)]


# words between a name and its date that only say the thing happens then: "Thanksgiving on
# Nov. 27", "Halloween is celebrated annually on Oct. 31", "The 2026 Masters will be held
# April 9–12", "Super Bowl LX is set for Sunday, Feb. 8"
_SAYS_WHEN = (
    r"(?:\s*,|\s+(?:is|are|was|were|will|be|falls?|fell|takes?|took|place|celebrated|observed|held|"
    r"annually|this|year|set|scheduled|slated|for|begins?|began|starts?|started|ends?|ended|on))+\s*$"
)


# "When was the first Thanksgiving?" asks for one edition, not the day written beside the name
_EDITION_BEFORE = re.compile(r"\b(?:first|last|original|inaugural)\s+$", re.I)


def named_days(
    question: str, want: Wanted, found: list[list[Candidate]], texts: Sequence[str]
) -> list[list[Candidate]]:
    """For a "when" question, ``found`` with the dates written right after a name the question
    gives placed (``Candidate.placed``), past words that only say it happens then: "When is
    Thanksgiving?" is "Nov. 27" of "traveling starts to spike before Thanksgiving on Nov. 27",
    not the "Nov. 21" of "Nov. 21 ‒ Thanksgiving travel begins" ("travel" says what begins).
    The name is matched as written, the words after it in any case; at least one stands
    between (not the "March, June 14" a tagger reads in "Stonewall Columbus Pride March, June
    14", whose name the question gives without its month's word). Unchanged for other
    questions, when the question gives no name, or asks for one edition of it ("When was
    the first Thanksgiving?" is not "Thursday, Nov. 23, 2023" of "Thanksgiving is on ...")."""
    names = question_names(question) if want.when else []
    names = [n for n in names if not _EDITION_BEFORE.search(question, 0, question.find(n))]
    if not names:
        return found
    # the name as the question writes it (not "the harbour" for "the Harbour festival")
    before = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in names)})(?:['’]s)?(?i:{_SAYS_WHEN})")
    return [
        [replace(c, placed=True) if c.label == "DATE" and before.search(text, 0, c.start) else c for c in mine]
        for mine, text in zip(found, texts, strict=True)
    ]
