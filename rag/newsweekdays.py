"""Whether a weekday a question writes names a day of the news ("announced Thursday",
"Sunday's election") or is part of a name ("Super Tuesday", "Saturday Night Live"): read by
``rag.timeref`` before a weekday sets a period."""

from __future__ import annotations

import re

PARTS_OF_DAY = ("night", "morning", "afternoon", "evening")
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


_PARTICLES = frozenset({"in", "out", "up", "down", "off", "back", "over", "away"})  # of a verb: "sworn in"


def news_weekday(before: str, after: str) -> bool:
    """A weekday without "on" names a day of the news where news writes it so: after a verb
    in the past ("announced Thursday", "said Monday", "sworn in Monday"), as a possessive ("Sunday's election")
    or with a part of the day ("her Sunday night set"). Not in a name ("Super Tuesday",
    "Black Friday", "Super Bowl Sunday"), a title ("Who plays Wednesday?") or any such day
    ("a Sunday", "the third Monday of February")."""
    words = before.split()
    prev = words[-1].strip("“\"‘'(,") if words else ""
    if (prev[:1].isupper() and len(words) > 1) or prev.lower() in _DETERMINERS:
        return False
    following = after.split()
    nxt = following[0].strip("?.,;:!").lower() if following else ""
    if re.match(r"['’]s\b", after) or nxt in PARTS_OF_DAY:
        return True
    if prev.lower() in _PARTICLES and len(words) > 1:  # "sworn in Monday", "stepped down Friday"
        prev = words[-2]
    prev = prev.lower()
    return prev in _PAST or (len(prev) > 3 and prev.endswith("ed"))


def weekday_name(match: re.Match[str], after: str) -> bool:
    """A weekday that begins a name: "Saturday Night Live", "Monday Night Football": a part
    of the day written with a capital, and a capitalised word after it. "On Sunday Night?"
    and "said Tuesday China had" keep their day ("the Sunday Times" is no day by its
    determiner, ``news_weekday``)."""
    following = after.split()
    nxt = following[0].strip("“\"‘'(") if following else ""
    part = match[0][match.end("weekday") - match.start() :].strip()
    return part[:1].isupper() and nxt[:1].isupper()
