"""A live blog's bylines: the reporter's name between an update's headline and its story.

A live blog's update opens with its time, a share button, its headline and its reporter's
name, run together with the first sentence of the story and no full stop between them:

    9:30 am ET June 12, 2026 Share this update Who won the last World Cup? Jesse Yomtov
    Argentina won the 2022 World Cup held in Qatar ...

Read as one sentence, the name joins the story's first words ("Jesse Yomtov Argentina", a
person) and is quoted with them. ``bylines`` finds those names so that ``sentence_spans``
cuts the sentence around them: the headline is a sentence of its own, the story's first
sentence starts after the name, and the name is quoted by neither.

A headline has no mark that ends it, so a name is taken for a reporter's only from the
article as a whole: one that is the first name after the headline in at least two updates
(or signs one, "–Jesse Yomtov"), and that the story itself seldom uses. The RealTime QA
corpus's 31 live blogs hold 1,210 updates; the reporters of 875 are found this way, and two
seeded samples of 40 read held no name taken by mistake (``python -m research.bylines``). A
reporter named in one update only is not found.
"""

from __future__ import annotations

import re
from collections import Counter

from rag.sentences import UPDATE_HEADER

# a word of a name: a capital, then letters with at least one in lower case ("KiMi",
# "Mayes-Osterman"), or "Jr."; and words a headline capitalises that no name holds
_WORD = r"(?:[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*|[JS]r\.)"
_RUN = re.compile(rf"(?<![\w'’])(?:{_WORD}(?: |$))+")
_NOT_NAMES = frozenset(
    {
        *("The", "A", "An", "In", "On", "At", "Of", "For", "And", "To", "From", "By", "With", "As"),
        *("It", "He", "She", "They", "We", "This", "That", "What", "Who", "How", "Why", "When", "Where"),
        *("Is", "Are", "Was", "Will", "Can", "Could"),
    }
)
_SIGNATURE = re.compile(rf"[–—]\s?((?:{_WORD} ){{1,3}}{_WORD})\s*$", re.MULTILINE)
_OPENING = 400  # characters after an update's header read for its byline
_ENDS_NO_HEADLINE = re.compile(r"\b(?:the|a|an|of|in|at|on|to|for|from|by|with)\s+\Z", re.IGNORECASE)
_FULL_STOP = re.compile(r"\.[\"”’]?\s")
_BODY_START = re.compile(r" [\"“‘'(A-Z0-9$]")


def _names(text: str) -> list[tuple[int, int]]:
    """Every run of two or three capitalised words in ``text``, as (start, end), each start
    with each length."""
    out: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        words = [(m.start() + w.start(), m.start() + w.end()) for w in re.finditer(r"\S+", m.group())]
        for i, (start, _) in enumerate(words):
            for j in range(i + 1, min(i + 3, len(words))):
                names = [text[s:e] for s, e in words[i : j + 1]]
                if not _NOT_NAMES.intersection(names):
                    out.append((start, words[j][1]))
    return out


def _count(text: str, words: str) -> int:
    return len(re.findall(rf"(?<![\w'’]){re.escape(words)}(?![\w'’])", text))


def bylines(text: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` (an article) of each live-blog update's byline that the
    article shows to be one (see the module's docstring); none for an article that is not a
    live blog."""
    openings: list[tuple[int, int]] = []
    for header in UPDATE_HEADER.finditer(text):
        line_end = text.find("\n", header.end())
        line_end = len(text) if line_end < 0 else line_end
        openings.append((header.end(), min(line_end, header.end() + _OPENING)))
    if not openings:
        return []
    found = [_names(text[a:b]) for a, b in openings]
    opens: Counter[str] = Counter()
    for (a, _), names in zip(openings, found, strict=True):
        opens.update({text[a + s : a + e] for s, e in names})
    signed = Counter(_SIGNATURE.findall(text))
    reporters: dict[str, int] = {}
    for name, n in opens.items():
        signs = sum(c for s, c in signed.items() if s.startswith(name))
        # named nowhere else but once (a reporter's picks: "Jesse Yomtov: United States 1-1"),
        # and the first name seldom ("Kentucky Derby Gabe" holds the story's "Kentucky")
        seldom = _count(text, name) <= n + signs + 1 and _count(text, name.split()[0]) <= 2 * (n + signs)
        if (n >= 2 or signs) and seldom:
            reporters[name] = n + signs
    # a name the story mentions in two updates, after the reporter's in one of them, is no
    # reporter's: only names taken as the byline of two updates (or signing one) are kept
    chosen = [_byline(text[a:b], names, reporters) for (a, b), names in zip(openings, found, strict=True)]
    taken = [text[a + c[0] : a + c[1]] for (a, _), c in zip(openings, chosen, strict=True) if c]
    reporters = {
        n: c for n, c in reporters.items() if sum(n in t for t in taken) >= 2 or any(s.startswith(n) for s in signed)
    }
    out: list[tuple[int, int]] = []
    for (a, b), names in zip(openings, found, strict=True):
        span = _byline(text[a:b], names, reporters)
        if span:
            out.append((a + span[0], a + span[1]))
    return out


def _byline(opening: str, names: list[tuple[int, int]], reporters: dict[str, int]) -> tuple[int, int] | None:
    """Where in ``opening`` (an update's text after its header) its byline is, of the
    ``names`` in it that are ``reporters``' (with the number of updates each opens)."""
    # a reporter's name after some headline, before the story's first full stop and not
    # after a word that ends no headline ("in the Persian Gulf"); the first of them, or a name
    # in it that opens more updates ("Anthony Robledo" in "... MSG: Report Anthony Robledo"),
    # then the longest ("Swapna Venugopal Ramaswamy")
    stop = _FULL_STOP.search(opening)
    last = stop.start() if stop else len(opening)
    here = [
        (s, e)
        for s, e in names
        if 0 < s < last and opening[s:e] in reporters and not _ENDS_NO_HEADLINE.search(opening, 0, s)
    ]
    if not here:
        return None
    first = min(s for s, _ in here)
    reach = max(e for s, e in here if s == first)
    start, end = max(
        ((s, e) for s, e in here if s < reach), key=lambda x: (reporters[opening[x[0] : x[1]]], x[1] - x[0])
    )
    # two reporters, one of them named in this update only: "Melissa Ruggieri and Liz
    # Schubauer", "Andy Abeyta and Niki Kottmann"; such a one is taken as two words long
    # unless other updates show more
    after = [e for s, e in names if s == end + 5 and opening[end:s] == " and "]
    if after:
        end = max((e for e in after if opening[end + 5 : e] in reporters), default=min(after))
    before = [s for s, e in names if e == start - 5 and opening[e:start] == " and " and s > 0]
    if before:
        start = min((s for s in before if opening[s : start - 5] in reporters), default=max(before))
    return (start, end) if _BODY_START.match(opening, end) else None
