"""Wrapped text read back: a JSON-lines corpus written as the wrapped text users drop in,
then read with ``rag.corpus``, with and without joining the wrapped lines (``rag.unwrap``).

Three ways an article comes wrapped:

- ``.txt``: each paragraph wrapped at 72 characters (``textwrap``, a long URL left whole), a blank line between
  paragraphs, the title on the first line;
- ``.eml``: the same text as a plain-text email without format=flowed;
- ``.pdf``: each paragraph wrapped at the width of a 6.5-inch column in 11-point Helvetica
  (by the font's own character widths, as a word processor sets it), no space between
  paragraphs, 50 lines a page under a running head, the page's number at its foot (text
  drawn with pypdf, read back with pypdf);
- ``.pdf``, paragraphs spaced: the same with 6 points between paragraphs (as a browser
  prints a web page and a word processor's default paragraph style sets it), a page
  filled to the same depth.

For each, it reports the share of the record's sentences (``rag.sentences``) that come back
whole, and of articles that keep every sentence whole, then how many of the records' own
texts (a paragraph a line) ``unwrap`` would change.

    python -m research.wrapped_roundtrip ../shared/data/realtimeqa_news/corpus.jsonl --limit 500
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import textwrap
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from unittest import mock

from rag.corpus import Skipped, iter_corpus
from rag.records import Article
from rag.sentences import sentence_spans
from rag.unwrap import unwrap

_ASCII = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\xa0": " "})
_COLUMN = 6.5 * 72  # points
_SIZE = 11
_LINES_A_PAGE = 50
_LEADING = 13  # points from one line to the next
_GAP = 6  # points between two paragraphs, in the spaced PDFs
_RUNNING_HEAD = "The Daily Record | News"


def ascii_text(text: str) -> str:
    """``text`` in the characters the PDF's standard Helvetica encoding draws."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return text.encode("ascii", "ignore").decode()


def sentences(text: str) -> list[str]:
    """``text``'s sentences, spacing and typographic quotes aside (pypdf reads the
    apostrophe that standard-encoded Helvetica draws as a right quote)."""
    return [" ".join(ascii_text(text[s:e]).split()) for s, e in sentence_spans(text)]


def paragraphs(art: Article) -> list[str]:
    return [p.strip() for p in art.text.split("\n") if p.strip()]


def as_txt(art: Article) -> str:
    return (
        art.title + "\n\n" + "\n\n".join(textwrap.fill(p, 72, break_long_words=False) for p in paragraphs(art)) + "\n"
    )


def as_eml(art: Article) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = art.title
    msg["From"] = "News <news@example.com>"
    msg.set_content("\n\n".join(textwrap.fill(p, 72, break_long_words=False) for p in paragraphs(art)) + "\n")
    return bytes(msg)


def _widths() -> Callable[[str], float]:
    from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS  # the 14 standard fonts' AFM widths

    table = CORE_FONT_METRICS["Helvetica"].character_widths
    default = table.get("default", 556)
    return lambda s: sum(table.get(c, default) for c in s) * _SIZE / 1000


def set_paragraphs(text: str, measure: Callable[[str], float]) -> list[list[str]]:
    """Each of ``text``'s paragraphs set in lines no wider than the column, word by word."""
    out: list[list[str]] = []
    for para in text.split("\n"):
        lines: list[str] = []
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if line and measure(trial) > _COLUMN:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
        if lines:
            out.append(lines)
    return out


def write_pdf(path: Path, paragraphs: list[list[str]], gap: float = 0) -> None:
    """``paragraphs``' lines drawn in 11-point Helvetica, 13 points apart and ``gap`` more
    between paragraphs, a page filled to the depth of 50 lines, under a running head with
    the page's number at its foot."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    pages: list[list[tuple[float, str]]] = [[]]  # per page, each line's drop below the one before
    depth = 0.0
    for para in paragraphs:
        for n, line in enumerate(para):
            drop = _LEADING + (gap if n == 0 and pages[-1] else 0)
            if depth + drop > _LINES_A_PAGE * _LEADING:
                pages.append([])
                depth, drop = 0.0, _LEADING
            pages[-1].append((drop, line))
            depth += drop
    for number, lines in enumerate(pages, start=1):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        printed = [(0.0, _RUNNING_HEAD), *lines, (_LEADING, str(number))]
        drawn = [(drop, s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")) for drop, s in printed]
        stream = StreamObject()
        stream.set_data(
            "\n".join(
                [f"BT /F1 {_SIZE} Tf 72 720 Td", *(f"0 {-drop:g} Td ({d}) Tj" for drop, d in drawn), "ET"]
            ).encode()
        )
        page.replace_contents(stream)
    with path.open("wb") as fh:
        writer.write(fh)


@contextmanager
def reading(how: str) -> Iterator[None]:
    """Reading as the product does ("all"), without a PDF's gaps between lines ("nogaps"),
    with the printed lines joined but a PDF's running heads and page numbers kept ("lines"),
    or with every line as printed ("none")."""
    patches = []
    if how != "all":
        patches.append(mock.patch("rag.pdftext.with_gaps", lambda pages: [text for text, _ in pages]))
    if how in ("none", "lines"):
        patches.append(mock.patch("rag.pdftext.without_running_lines", lambda pages: pages))
    if how == "none":
        patches += [
            mock.patch("rag.corpus.unwrap", lambda t: t),
            mock.patch("rag.pdftext.unwrap_pages", lambda pages, fuse=None: "\n\n".join(pages)),
            mock.patch("rag.mail.unwrap", lambda t: t),
        ]
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch)
        yield


_HOW = {
    "none": "lines as printed",
    "lines": "lines joined",
    "nogaps": "lines joined, running heads and page numbers off",
    "all": "... and the space between lines read",
}


def score(originals: list[str], read: list[Article]) -> tuple[float, float]:
    """(share of the originals' sentences read whole, share of articles with all of them)."""
    total = found = whole = 0
    for original, art in zip(originals, read, strict=True):
        want = sentences(original)
        got = set(sentences(art.text))
        hits = sum(s in got for s in want)
        total, found, whole = total + len(want), found + hits, whole + (hits == len(want))
    return found / max(total, 1), whole / max(len(read), 1)


def read_back(folder: Path, how: str, originals: list[str]) -> tuple[float, float, float]:
    """The files in ``folder`` read ``how`` (see ``reading``), each scored against its
    original in file-name order: (sentences whole, articles whole, seconds to read)."""
    with reading(how):
        t = time.perf_counter()
        items = list(iter_corpus([folder]))
        took = time.perf_counter() - t
    read = [a for a in items if not isinstance(a, Skipped)]
    if len(read) != len(originals):
        raise SystemExit(f"{folder}: {len(originals) - len(read)} files not read")
    return (*score(originals, read), took)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus", help="a JSON-lines corpus")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    records = [a for a in iter_corpus([args.corpus]) if not isinstance(a, Skipped)]
    records = records[: args.limit] if args.limit else records
    measure = _widths()
    print(f"{len(records)} articles")
    print("| written as | read | sentences whole | articles with every sentence whole | read in s |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        formats = {
            "txt": root / "txt",
            "eml": root / "eml",
            "pdf": root / "pdf",
            "pdf, paragraphs spaced": root / "spaced",
        }
        for where in formats.values():
            where.mkdir()
        for n, art in enumerate(records):
            (formats["txt"] / f"{n:05d}.txt").write_text(as_txt(art), encoding="utf-8")
            (formats["eml"] / f"{n:05d}.eml").write_bytes(as_eml(art))
            paras = set_paragraphs(ascii_text(art.text), measure)
            write_pdf(formats["pdf"] / f"{n:05d}.pdf", paras)
            write_pdf(formats["pdf, paragraphs spaced"] / f"{n:05d}.pdf", paras, _GAP)
        for name, where in formats.items():
            pdf = name.startswith("pdf")
            originals = [ascii_text(a.text) if pdf else a.text for a in records]
            for how in ("none", "lines", "nogaps", "all") if pdf else ("none", "all"):
                sent, arts, took = read_back(where, how, originals)
                shown = _HOW[how] if pdf else "lines joined" if how == "all" else _HOW[how]
                print(f"| {name} | {shown} | {sent:.3f} | {arts:.3f} | {took:.1f} |")
    changed = sum(unwrap(a.text) != a.text for a in records)
    print(f"records' own texts (a paragraph a line) that unwrap changes: {changed} of {len(records)}")


if __name__ == "__main__":
    main()
