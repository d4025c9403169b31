"""Whether a question asks how long ago something was, or how long until it is ("How many
years has it been since ...", "How many days until ...", "How long ago ..."), and in what
unit: read by ``rag.elapsed`` (the count) and ``rag.timeref`` (a day without its year in such
a question names when the thing was, not a period of news)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT = r"(decade|year|month|week|day)s?"
_SINCE = r"\b(ago|since|has it been|have passed|had passed|elapsed)\b"
_UNTIL = r"\b(until|till|before|away|left|to go|remain|remaining|from now)\b"
_HOW_MANY = re.compile(rf"\bhow many {_UNIT}\b(?P<rest>.*)", re.I)
_HOW_LONG = re.compile(r"\bhow long (?:ago\b|has it been\b|since\b|until\b|till\b|before\b)", re.I)


@dataclass(frozen=True)
class Asked:
    """A question that asks for a time between a thing and the day it is asked."""

    unit: str  # "year", "month", "week", "day", "decade"; "" for "how long": chosen by the gap
    ahead: bool  # the time until a thing to come, not since one past


def asked(question: str) -> Asked | None:
    """What time ``question`` asks for, or None when it asks for none: "How many years has it
    been since ...", "How many years ago ...", "How many days until ...", "How long ago ...".
    "How many years was he in power?" asks for a stretch the article must give, not a time to
    today; "How old is she?", an age it gives (a birth year would leave the birthday out)."""
    if m := _HOW_MANY.search(question):
        rest = m["rest"]
        ahead = bool(re.search(_UNTIL, rest, re.I)) and not re.search(_SINCE, rest, re.I)
        if ahead or re.search(_SINCE, rest, re.I):
            return Asked(m[1].lower(), ahead)
        return None
    if m := _HOW_LONG.search(question):
        return Asked("", bool(re.search(_UNTIL, m[0], re.I)))
    return None
