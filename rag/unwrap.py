"""Lines broken at a fixed width, joined back into their paragraphs.

A PDF's text layer has a line break at the end of every printed line, and plain-text
files and emails are often wrapped at 72 or 80 characters. ``rag.sentences`` ends a
sentence at every line break (a paragraph break in the text that web pages and records
give), so such a text would be cited in pieces ("The harbour in Marlow reopened" and "on
Friday after the storm."). ``unwrap`` joins those lines.

A text counts as wrapped when most of its lines are about as long as each other and short
(a width of 30 to 130 characters), which text written a paragraph a line is not. A line is
joined to the next when it is full: the next line's first word would not have fitted on it
(with a margin for proportional fonts). A full line that ends a sentence is joined too:
``rag.sentences`` still ends the sentence there, and a text without blank lines (a PDF's)
gives no other sign that a paragraph ended. A heading (a short numbered one too), a quoted
line, a table row, a code block, and a list item after a colon or an item of its kind stay
as they are. A hyphen or dash at a line's end, right after a word, is kept and the next
word joined to it without a space.

No library was found for this (pypdf's layout mode keeps the breaks; textwrap only wraps).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

_MIN_WIDTH = 30
_MAX_WIDTH = 130
_FULL = 0.8  # a line this share of the width, with the next word, was full
_MIN_LINES = 5  # fewer lines tell no width
# a line that is a heading ("# News"), a quote, a table row, a rule, a signature's mark or
# a code fence
_BLOCK = re.compile(r"\s*(?:#{1,6}(?:\s|$)|>|\|.*\|\s*$|```|~~~|(?:-{3,}|\*{3,}|_{3,}|={3,}|--)\s*$)")
# "1.2. Scope", "2.3 Simple parsing": a heading when short and not ending a sentence
# ("10.94. She surged ..." and "26.1 North, longitude 68.9 West." are not)
_SECTION = re.compile(r"\s*\d+(?:\.\d+)+\.?\s+[A-Z]")
_FENCE = re.compile(r"\s*(?:```|~~~)")
_SOFT_HYPHEN = re.compile(r"\b([a-z]+)-\Z")  # a lower-case word's part, then a hyphen, at a line's end
# a list item's start; in prose after a full line, "- " is a dash and "2. " a number
_ITEM = re.compile(r"\s*([-*+•]|\d{1,3}[.)])\s")


def width(lines: list[str]) -> int:
    """The width a text's lines were wrapped at: the 90th percentile of its non-blank
    lines' lengths (the few longer ones are a URL or a word that did not fit)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[-(-(len(lengths) - 1) * 9 // 10)]


def unwrap(text: str) -> str:
    """``text`` with the line breaks that wrapping put inside its paragraphs taken out
    (a space in their place, or nothing after a hyphen); ``text`` itself when it is not
    wrapped."""
    return _unwrapped(text.split("\n"), set())


def unwrap_pages(pages: list[str], fuse: Callable[[str, str], bool] | None = None) -> str:
    """The text of ``pages`` (a PDF's), a blank line between two pages unless a paragraph
    goes on from one to the next, with each page's wrapping taken out as ``unwrap`` does.
    A word broken at a line's end after a hyphen ("man-", "agement") loses the hyphen when
    ``fuse(left, right)`` says the two parts are one word."""
    lines: list[str] = []
    starts: set[int] = set()
    for page in pages:
        if lines:
            starts.add(len(lines))
        lines.extend(page.split("\n"))
    return _unwrapped(lines, starts, fuse)


def _unwrapped(lines: list[str], starts: set[int], fuse: Callable[[str, str], bool] | None = None) -> str:
    """``lines`` joined; ``starts`` are the lines that begin a page."""
    wide = width(lines)
    wrapped = sum(1 for line in lines if line.strip()) >= _MIN_LINES and _MIN_WIDTH <= wide <= _MAX_WIDTH
    parts = [lines[0]] if lines else []
    fenced = bool(lines) and bool(_FENCE.match(lines[0]))
    for i, (prev, line) in enumerate(itertools.pairwise(lines), start=1):
        joiner = "\n" if not wrapped or fenced or _FENCE.match(prev) else _joiner(prev, line, wide)
        if _FENCE.match(line):
            fenced = not fenced
        if joiner == "\n":
            parts.append(("\n\n" if i in starts else "\n") + line)
        else:
            parts[-1] = parts[-1].rstrip()
            if not joiner and fuse is not None and (broken := _SOFT_HYPHEN.search(parts[-1])):
                rest = re.match(r"[a-z]+", line.lstrip())
                if rest and fuse(broken.group(1), rest.group()):
                    parts[-1] = parts[-1][:-1]
            parts.append(joiner + line.lstrip())
    return "".join(parts)


def _joiner(line: str, following: str, wide: int) -> str:
    """What goes between ``line`` and the ``following`` one: a line break, a space, or
    nothing (after a hyphen that broke a word)."""
    body = line.rstrip()
    nxt = following.strip()
    if not body.strip() or not nxt or _BLOCK.match(following) or _BLOCK.match(line):
        return "\n"
    if (item := _ITEM.match(following)) and (body.endswith(":") or _same_kind(line, item) or line[:1].isspace()):
        return "\n"
    heading = _SECTION.match(following) and len(nxt) < _FULL * wide and not nxt.endswith((".", ",", ";"))
    if len(body) + 1 + len(nxt.split()[0]) < _FULL * wide or heading:
        return "\n"
    word = body.rstrip("-–—")
    if word != body and word and not word[-1].isspace():
        return ""  # "non-" and "European", "skills--" and "on the field"; not "festivals --"
    return " "


def _same_kind(line: str, item: re.Match[str]) -> bool:
    """Whether ``line`` starts a list item of ``item``'s kind: the same bullet, or a number
    ("• Purdue ... on Oct." and "21. Time has not been set" are no list)."""
    if not (mine := _ITEM.match(line)):
        return False
    a, b = mine.group(1), item.group(1)
    return a == b or (a[0].isdigit() and b[0].isdigit())
