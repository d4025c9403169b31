"""A PDF's text as an article's: pypdf's text layer, page by page, with what the printer
repeats on every page taken off, and the printed lines joined into paragraphs.

- **Page numbers and running heads and feet.** A page's first two and last two lines that
  are a page number ("4", "- 4 -", "Page 4 of 9") are dropped, and so are those that, with
  their digits aside, stand at the head or foot of three pages or more (a report's title, a
  chapter's name), of two pages with another number on each ("Chapter 2: Results 3" and
  "... 4"), or of both pages of a two-page document.
  Without them a sentence that goes on to the next page reads on past the break. (The
  title, when the metadata gives none, is still the first line as printed.)
- **A browser's head and foot.** A web page saved as PDF has the date and time and its
  title at each page's head and its address and "1/3" at its foot; they go on a page of
  their own too.
- **Space between lines.** Where a line is printed further above the next than the
  document's lines usually are (``with_gaps``: a paragraph spaced from the next, a subhead),
  a blank line ends the paragraph. pypdf's plain text has no sign of it; the places come
  from the text matrices pypdf shows a visitor, as it reads, at no extra cost.
- **Printed lines** are joined by ``rag.unwrap.unwrap_pages``, across pages too.
- **Soft hyphens.** A word a typesetter broke at a line's end ("man-" and "agement") is
  joined without its hyphen when the document writes it whole elsewhere ("management");
  otherwise the hyphen stays ("well-known"). No dictionary is loaded for it.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING

from rag.decode import Unreadable, clean_text
from rag.unwrap import unwrap_pages

if TYPE_CHECKING:
    from pypdf import PageObject

_GAP = 1.3  # a line this many times further above the next than lines usually are ends a paragraph
_HEADING = 1.15  # type this many times the text's size is a heading's
_FULL = 0.8  # a heading's line this share of the text's column, with the next word, was full (as rag.unwrap's)
_MIN_STEPS = 4  # fewer steps between lines tell no usual one
_FAR = 4.0  # a step this many type sizes long or more (a figure between) tells nothing of the usual one
_EDGE = 2  # lines at a page's head and at its foot that may be the printer's
_RUNNING = 3  # pages a line must head or foot to be a running head or foot
# what a browser prints at a page's head and foot when it saves a web page as PDF: the date
# and time (then the page's title), and the page's address (then "1/3")
_BROWSER_EDGE = re.compile(
    r"\s*(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s|$)"
    r"|(?:https?|file)://\S*\s+\d{1,4}\s*(?:/|of)\s*\d{1,4}\s*$)"
)
# ligatures a PDF's text layer may keep as one character (Chromium's "ﬁle://" foot), as
# their letters
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"}
)
_PAGE_NUMBER = re.compile(
    r"\s*(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,4})?\s*", re.IGNORECASE
)


def read_pdf(data: bytes) -> tuple[str, str, str]:
    """(title from the metadata or "", the text as printed, the article's text) of the PDF
    ``data``. Raises ``Unreadable`` for a file that is no PDF, is encrypted, breaks pypdf or
    has no text layer."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF"):
        raise Unreadable("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unreadable("encrypted PDF")
        pages = with_gaps([placed_lines(page) for page in reader.pages])
        meta = reader.metadata
        title = str(meta.get("/Title") or "") if meta is not None else ""
    except Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise Unreadable(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    texts = [t for t in (clean_text(page).translate(_LIGATURES).strip() for page in pages) if t]
    if not texts:
        raise Unreadable("PDF has no extractable text (scanned image?)")
    printed = "\n\n".join(texts)
    words = set(re.findall(r"[a-z]+", printed.lower()))
    body = unwrap_pages(without_running_lines(texts), fuse=lambda left, right: (left + right).lower() in words)
    return title, printed, body


# (text, the height of each of its lines' baseline on the page and the size of its type,
# None where not known): a page read by ``placed_lines``
Placed = tuple[str, list[tuple[float, float] | None]]


def placed_lines(page: PageObject) -> Placed:
    """The page's text in pypdf's plain mode, and where each of its lines is printed (from
    the text matrices pypdf shows its visitor); no place for any line when the pieces the
    visitor is shown do not make up the text."""
    pieces: list[tuple[str, list[float], list[float], float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        pieces.append((text, cm, tm, size))

    text = page.extract_text(visitor_text=visit) or ""
    places: list[tuple[float, float] | None] = [None]
    if "".join(p[0] for p in pieces) != text:
        return text, [None] * (text.count("\n") + 1)
    for piece, cm, tm, size in pieces:
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3])  # the text space's height on the page
        for n, bit in enumerate(piece.split("\n")):
            if n:
                places.append(None)
            if bit.strip() and places[-1] is None and scale and size:
                places[-1] = (tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * scale)
    return text, places


def with_gaps(pages: list[Placed]) -> list[str]:
    """Each page's text with a blank line after each line printed further above the next
    than the document's lines usually are (``_GAP`` times, each step measured in the lower
    line's type size, ``_step``): a paragraph's or a heading's end where the printer left space. pypdf's plain
    text gives no sign of them, so a subhead ran into its paragraph. Where the document has
    such gaps, a heading set in a larger type than its text and broken over two lines or
    more, with no gap between them, is one line again. A line whose place is not known, or
    that is printed beside or above the next (columns), is given neither."""
    steps = [[_step(a, b) for a, b in itertools.pairwise(places)] for _, places in pages]  # per page
    usual = sorted(s for page in steps for s in page if s is not None and s < _FAR)
    if len(usual) < _MIN_STEPS:
        return [text for text, _ in pages]
    usual_step = usual[len(usual) // 5]  # the 20th percentile: short paragraphs make gaps common
    sizes = Counter(round(p[1], 1) for _, places in pages for p in places if p is not None)
    text_size = sizes.most_common(1)[0][0]
    # the text's column, as characters times their type size: its lines' 90th percentile
    widths = sorted(
        len(line.strip()) * p[1]
        for text, places in pages
        for line, p in zip(text.split("\n"), places, strict=False)
        if p is not None and round(p[1], 1) == text_size
    )
    column = widths[len(widths) * 9 // 10] if widths else 0.0
    gapped = any(s > _GAP * usual_step for s in usual)
    out: list[str] = []
    for (text, places), page_steps in zip(pages, steps, strict=True):
        lines = text.split("\n")
        if len(places) != len(lines):
            out.append(text)
            continue
        kept = [lines[0]]
        for n, line in enumerate(lines[1:], start=1):
            a, b = places[n - 1], places[n]
            step = page_steps[n - 1]
            if step is not None and step > _GAP * usual_step:
                kept += ["", line]
            elif (
                gapped
                and step is not None
                and _one_heading(a, b, _HEADING * text_size)
                and _full(kept[-1], line, b, column)
            ):
                kept[-1] = kept[-1].rstrip() + " " + line.lstrip()
            else:
                kept.append(line)
        out.append("\n".join(kept))
    return out


def _full(line: str, following: str, place: tuple[float, float] | None, column: float) -> bool:
    """Whether ``line`` (at ``place``) was full: the ``following`` line's first word, in the
    same type, would not have fitted on it (a heading broken over two lines, not names set
    one under another)."""
    words = following.split()
    return place is not None and bool(words) and (len(line.strip()) + 1 + len(words[0])) * place[1] >= _FULL * column


def _one_heading(a: tuple[float, float] | None, b: tuple[float, float] | None, heading: float) -> bool:
    """Whether lines ``a`` and ``b`` are set in one type size, larger than ``heading``."""
    return a is not None and b is not None and round(a[1], 1) == round(b[1], 1) > heading


def _step(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    """How far below line ``a`` line ``b`` is printed, in ``b``'s type size (a heading's
    step down to its text measured in the text's); None when either place is unknown or
    ``b`` is not below ``a`` (the next column)."""
    if a is None or b is None or b[0] >= a[0]:
        return None
    return (a[0] - b[0]) / b[1]


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edges(lines: list[str]) -> list[int]:
    """The places of a page's first and last ``_EDGE`` non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def without_running_lines(pages: list[str]) -> list[str]:
    """``pages`` with their page numbers and running heads and feet taken off."""
    split = [page.split("\n") for page in pages]
    edges = [_edges(lines) for lines in split]
    counts = Counter(k for lines, places in zip(split, edges, strict=True) for k in {_key(lines[i]) for i in places})
    forms: dict[str, set[str]] = {}
    for lines, places in zip(split, edges, strict=True):
        for i in places:
            forms.setdefault(_key(lines[i]), set()).add(lines[i].strip())
    running = max(2, min(_RUNNING, len(pages)))  # a two-page document's head on both pages

    def printers(line: str) -> bool:
        key = _key(line)
        # on three pages; or on two, with a number that changes (its page's): "Chapter 2: Results 3"
        return counts[key] >= running or (counts[key] >= 2 and len(forms[key]) >= 2)

    out: list[str] = []
    for lines, places in zip(split, edges, strict=True):
        drop = {
            i for i in places if _PAGE_NUMBER.fullmatch(lines[i]) or _BROWSER_EDGE.match(lines[i]) or printers(lines[i])
        }
        kept = "\n".join(line for i, line in enumerate(lines) if i not in drop).strip()
        if kept:
            out.append(kept)
    return out
