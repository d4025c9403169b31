"""What a plain-text, Markdown or PDF article states about itself: its front matter or
header lines (title, date, source, URL), a date line under its title, or the date in its
file name.

A web page's date comes from trafilatura's metadata and a JSON record names its own; a text
file had none, so its article was undated: ``as_of`` kept it, and no period ("this week")
could hold it. Read here, in this order (the first that gives a date wins):

1. **Front matter**, as Jekyll, Hugo and Obsidian write it: ``---`` lines around ``key:
   value`` lines (``date``, ``published``, ``title``, ``source``, ``url`` ...) at the top.
2. **Header lines**: ``Date: 10 January 2025``, ``Source: Reuters``, ``URL: ...`` at the top
   of the file, before or just under the title.
3. **A date line** among the first lines of the body: "January 10, 2025", "Published Jan.
   10, 2025 5:01 a.m. ET", "Updated 3:24 PM EST, Fri January 10, 2025" (a published date is
   taken over an updated one), "By Jane Doe | 10 January 2025".
4. **The file name**: ``2025-01-10-talks.txt``, ``20250110_talks.md``.

Front matter and header lines are metadata and leave the text; a date line is the article's
own and stays. A date is one of ``rag.dates``' unambiguous forms (01/02/2025 names none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.dates import MONTH_NAMES, normalize_date

_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "publish_date": "published",
    "published_at": "published",
    "publication date": "published",
    "pubdate": "published",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "writer": "author",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
}
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_ ]{1,20}?)\s*:\s*(.*?)\s*$")
_FENCE = re.compile(r"^\s*---\s*$")
_FRONT_LINES = 60  # front matter this long at most
_HEAD_LINES = 8  # header lines this many at most
_DATE_LINES = 4  # a date line among the body's first non-empty lines ...
_DATE_LINE_WORDS = 16  # ... of this many words at most

_DATE = re.compile(
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_NAMES})\.?,?\s+\d{{4}})(?!\d)",
    re.I,
)
_LABEL = re.compile(
    r"^(?:(?P<updated>(?:last\s+)?updated|modified)|(?:first\s+|originally\s+)?published|posted|dated?)"
    r"(?:\s+on)?\s*:?\s*",
    re.I,
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?-i:[A-Z]{2,4}\b)?\s*,?\s*", re.I)  # "5:01 a.m. ET"
_PARTS = re.compile(r"\s+[|·•—–-]\s+|\s*[|·•]\s*")
# a date standing apart in a file name: never inside an upload's hex digest ("3f20250110ab-...")
_NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?![0-9A-Za-z])")


@dataclass(frozen=True)
class Stated:
    """What an article says of itself; "" for what it does not say."""

    title: str = ""
    published: str = ""  # YYYY-MM-DD
    source: str = ""
    url: str = ""
    author: str = ""


def read_head(lines: Sequence[str], name: str = "") -> tuple[Stated, list[str]]:
    """The metadata ``lines`` (a file's text, split) and the file ``name`` state, and the
    lines without the front matter and header lines."""
    found, rest = _front_matter(lines)
    if rest is None:
        found, rest = _header(lines)
    stated = Stated(**found)
    if not stated.published:
        stated = replace(stated, published=date_stated(_without_title(rest, stated.title), name))
    return stated, rest


def date_stated(lines: Sequence[str], name: str) -> str:
    """The date a line among the first of ``lines`` gives, else the one file ``name`` holds."""
    return dated_line(lines) or date_in_name(name)


def date_of(value: str) -> str:
    """The date a metadata field gives ("2025-01-10T08:00:00Z", "Fri, 10 Jan 2025 08:00:00
    GMT"), "" when none."""
    return normalize_date(value) or dated_line([value])


def dated_line(lines: Sequence[str]) -> str:
    """The date a line among the first non-empty ``lines`` gives (YYYY-MM-DD), a published
    date before an updated one; "" when none does."""
    updated = ""
    shown = [line for line in lines if line.strip()][:_DATE_LINES]
    for line in shown:
        if len(line.split()) > _DATE_LINE_WORDS:
            continue
        for part in _PARTS.split(line.strip()):
            day, is_update = _date_part(part)
            if day and not is_update:
                return day
            updated = updated or day
    return updated


# a masthead line's other parts: a byline ("By Alice Carter and Tom Reed, Coast News", "BY
# RANDALL CHASE AP Business Writer") and an outlet's short name ("Coast News")
_NAME = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(rf"(?:By|BY|by)\s+{_NAME}(?:(?:\s*[,/&]\s*|\s+(?:and|&)\s+|\s+){_NAME})*\.?")
_OUTLET = re.compile(rf"(?:The\s+)?{_NAME}(?:\s+(?:of\s+|&\s+)?{_NAME}){{0,3}}")


def is_masthead(line: str) -> bool:
    """Whether ``line`` is only what a page prints above its story: a date (a time of day
    beside it), a byline, an outlet's name ("7 March 2025 · Coast News", "By Alice Carter,
    Coast News", "Friday 7 March 2025, 10:42 GMT"), a date or a byline among them. It states
    nothing the story tells; the article's date and source are shown with every citation."""
    return _masthead_pieces(line) is not None


def _masthead_pieces(line: str) -> list[tuple[int, str, str]] | None:
    """Each piece of a masthead ``line``: where it starts in ``line``, its text and what it
    is (``_masthead_part``); None when ``line`` is no masthead."""
    if len(line.split()) > _DATE_LINE_WORDS:
        return None
    body = line.strip()
    at = line.index(body) if body else 0
    pieces: list[tuple[int, str, str]] = []
    for piece in _PARTS.split(body):
        start = line.index(piece, at)
        at = start + len(piece)
        if part := piece.strip():
            pieces.append((start + piece.index(part), part, _masthead_part(part)))
    kinds = [kind for _, _, kind in pieces]
    return pieces if pieces and all(kinds) and any(k != "outlet" for k in kinds) else None


def _masthead_part(part: str) -> str:
    """What a piece of a masthead line is: "date" (nothing after it but a time of day),
    "byline", "outlet", or "" for anything else."""
    if m := _opening_date(part)[0]:
        after = m.string[m.end() :].lstrip(", ").removeprefix("at ")  # "7 March 2025, 10:42 GMT"
        if not _TIME.sub("", after, count=1).strip(" ,."):
            return "date"
    if _BYLINE.fullmatch(part):
        return "byline"
    return "outlet" if _OUTLET.fullmatch(part) else ""


Span = tuple[int, int]


def masthead_parts(line: str) -> dict[str, Span]:
    """What a masthead ``line`` names, as offsets into ``line``: the ``author`` its byline
    names, the ``outlet`` and the ``published`` date; {} for any other line. After the
    names, a last comma's words not joined by "and" are the outlet ("By Alice Carter and Tom
    Reed, Coast News", "By Francis Gardler, AP"), as is a part of its own ("By Alice Carter |
    Coast News"); a date is without its weekday, time or label ("7 March 2025" of "Friday 7
    March 2025, 10:42 GMT")."""
    found: dict[str, Span] = {}
    for start, part, kind in _masthead_pieces(line) or ():
        if kind == "byline" and "author" not in found:
            names = re.match(r"(?:By|BY|by)\s+", part)
            assert names is not None
            s, e = start + names.end(), start + len(part.rstrip("."))
            cut = line.rfind(",", s, e)
            last = line[cut + 1 : e] if cut >= 0 else ""
            if cut >= 0 and not re.search(r"\s(?:and|&)\s", last):
                found.setdefault("outlet", (cut + 1 + len(last) - len(last.lstrip()), e))
                e = cut
            found["author"] = (s, e)
        elif kind == "outlet":
            found.setdefault("outlet", (start, start + len(part)))
        elif kind == "date" and (dated := _opening_date(part))[0] is not None and not dated[1]:
            m = dated[0]
            begin = start + len(part) - len(m.string) + m.start()
            found.setdefault("published", (begin, begin + len(m[0])))
    return found


def date_in_name(name: str) -> str:
    """The date a file name holds (``2025-01-10-talks.txt``), "" when none."""
    for m in _NAME_DATE.finditer(name):
        if day := normalize_date(f"{m[1]}-{m[2]}-{m[3]}"):  # "" for 2025-02-30
            return day
    return ""


def _date_part(part: str) -> tuple[str, bool]:
    """The date a piece of a line opens with (after a label such as "Published", a weekday or
    a time of day), and whether its label says "updated"."""
    m, is_update = _opening_date(part)
    return (normalize_date(m[0]), is_update) if m else ("", False)


def _opening_date(part: str) -> tuple[re.Match[str] | None, bool]:
    """The date a piece of a line opens with, past a label, a weekday and a time of day (the
    match, on what is left of the piece), and whether the label says "updated"."""
    text, is_update = part.strip(), False
    if m := _LABEL.match(text):
        text, is_update = text[m.end() :], bool(m["updated"])
    for _ in range(2):  # "3:24 PM EST, Fri January 10, 2025"
        text = _TIME.sub("", _WEEKDAY.sub("", text, count=1), count=1)
    return _DATE.match(text), is_update


def _front_matter(lines: Sequence[str]) -> tuple[dict[str, str], list[str] | None]:
    """The fields front matter names and the lines after it; None for the lines when the file
    opens with none (``---`` lines around at least one ``key: value`` line)."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _FENCE.match(lines[start]):
        return {}, None
    for end in range(start + 1, min(len(lines), start + _FRONT_LINES)):
        if _FENCE.match(lines[end]):
            inside = lines[start + 1 : end]
            if not any(_KEY_LINE.match(line) for line in inside):
                return {}, None  # a horizontal rule, not front matter
            return _fields(inside), list(lines[end + 1 :])
    return {}, None


def _header(lines: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Header lines at the top of the file, or just under its first line (the title)."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for skip in (0, 1):
        block = []
        for i in nonblank[skip : skip + _HEAD_LINES]:
            if (m := _KEY_LINE.match(lines[i])) is None or m[1].strip().lower() not in _KEYS:
                break
            block.append(i)
        if block and (found := _fields([lines[i] for i in block])):
            if set(found) == {"title"}:
                continue  # a "Title:" line alone is no header
            dropped = set(block)
            return found, [line for i, line in enumerate(lines) if i not in dropped]
    return {}, list(lines)


def _fields(lines: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        m = _KEY_LINE.match(line)
        if m is None or (key := _KEYS.get(m[1].strip().lower())) is None or key in out:
            continue
        value = m[2].strip().strip("\"'").strip()
        if key == "published":
            value = date_of(value)
        elif key == "author":  # front matter's "[Alice Carter, Tom Reed]"
            value = value.strip("[]")
        if value:
            out[key] = value
    return out


def _without_title(lines: Sequence[str], title: str) -> list[str]:
    """The body's lines: after the first non-empty line, unless the front matter gave the title."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return []
    if title and lines[nonblank[0]].strip().lstrip("#").strip() != title:
        return list(lines)
    return list(lines[nonblank[0] + 1 :])
