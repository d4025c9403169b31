"""A PDF's text as an article's: pypdf's text layer, page by page, with what the printer
repeats on every page taken off, and the printed lines joined into paragraphs.

- **Page numbers and running heads and feet.** A page's first two and last two lines that
  are a page number ("4", "- 4 -", "Page 4 of 9") are dropped, and so are those that, with
  their digits aside, stand at the head or foot of three pages or more (a report's title, a
  chapter's name), of two pages with another number on each ("Chapter 2: Results 3" and
  "... 4"), or of both pages of a two-page document.
  Without them a sentence that goes on to the next page reads on past the break. (The
  title, when the metadata gives none, is still the first line as printed.)
- **Printed lines** are joined by ``rag.unwrap.unwrap_pages``, across pages too.
- **Soft hyphens.** A word a typesetter broke at a line's end ("man-" and "agement") is
  joined without its hyphen when the document writes it whole elsewhere ("management");
  otherwise the hyphen stays ("well-known"). No dictionary is loaded for it.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from rag.decode import Unreadable, clean_text
from rag.unwrap import unwrap_pages

_EDGE = 2  # lines at a page's head and at its foot that may be the printer's
_RUNNING = 3  # pages a line must head or foot to be a running head or foot
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
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = str(meta.get("/Title") or "") if meta is not None else ""
    except Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise Unreadable(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    texts = [t for t in (clean_text(page).strip() for page in pages) if t]
    if not texts:
        raise Unreadable("PDF has no extractable text (scanned image?)")
    printed = "\n\n".join(texts)
    words = set(re.findall(r"[a-z]+", printed.lower()))
    body = unwrap_pages(without_running_lines(texts), fuse=lambda left, right: (left + right).lower() in words)
    return title, printed, body


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
        drop = {i for i in places if _PAGE_NUMBER.fullmatch(lines[i]) or printers(lines[i])}
        kept = "\n".join(line for i, line in enumerate(lines) if i not in drop).strip()
        if kept:
            out.append(kept)
    return out
