"""Web pages saved as PDF, read back: a JSON-lines corpus's articles written as the simple
HTML page a news site serves (the title a heading, each paragraph a ``<p>``, a short line
that ends in no full stop a subhead), printed to PDF by Chromium (its header and footer
on: the date, the title, the address and "1/3"), then read with ``rag.corpus`` as printed,
with the lines joined and the running heads off, and with the space between lines read too
(``rag.pdftext.with_gaps``).

It reports the share of each record's sentences (``rag.sentences``) that come back whole,
and of articles that keep every sentence whole. Chromium runs through Playwright; give the
browser's path (Debian's ``chromium``).

    python -m research.printed_pages ../shared/data/realtimeqa_news/corpus.jsonl --limit 200
"""

from __future__ import annotations

import argparse
import html
import tempfile
import time
from pathlib import Path

from rag.corpus import Skipped, iter_corpus
from rag.records import Article
from research.wrapped_roundtrip import read_back

_SUBHEAD_WORDS = 12  # a line this short that ends in no full stop is printed as a subhead
_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
_HOW = {
    "none": "lines as printed",
    "lines": "lines joined",
    "nogaps": "lines joined, running heads and page numbers off",
    "all": "... and the space between lines read",
}


def page(art: Article) -> str:
    """The article as a news site's simple page."""
    body = [f"<h1>{html.escape(art.title)}</h1>"]
    for line in (p.strip() for p in art.text.split("\n")):
        if not line:
            continue
        subhead = len(line.split()) <= _SUBHEAD_WORDS and not line.endswith((".", "!", "?", '"', "”", ":"))
        body.append(f"<h2>{html.escape(line)}</h2>" if subhead else f"<p>{html.escape(line)}</p>")
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(art.title)}</title></head>'
        '<body style="font-family: serif; max-width: 42em; margin: auto">' + "\n".join(body) + "</body></html>"
    )


def print_pages(records: list[Article], folder: Path, chromium: str) -> None:
    """Each record's page printed to ``folder/NNNNN.pdf`` by Chromium, header and footer on."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=_ARGS)
        tab = browser.new_page()
        for n, art in enumerate(records):
            source = folder / f"{n:05d}.html"
            source.write_text(page(art), encoding="utf-8")
            tab.goto(source.as_uri())
            tab.pdf(
                path=str(folder / f"{n:05d}.pdf"),
                display_header_footer=True,
                format="Letter",
                margin={"top": "0.6in", "bottom": "0.6in", "left": "0.5in", "right": "0.5in"},
            )
            source.unlink()
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus", help="a JSON-lines corpus")
    ap.add_argument("--limit", type=int, default=200, help="only the first N articles (0: all)")
    ap.add_argument("--chromium", default="/usr/bin/chromium", help="the browser's executable")
    args = ap.parse_args()
    records = [a for a in iter_corpus([args.corpus]) if not isinstance(a, Skipped)]
    records = records[: args.limit] if args.limit else records
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        t = time.perf_counter()
        print_pages(records, folder, args.chromium)
        print(f"{len(records)} articles printed in {time.perf_counter() - t:.0f} s")
        print("| read | sentences whole | articles with every sentence whole | read in s |")
        print("|---|---|---|---|")
        for how in ("none", "lines", "nogaps", "all"):
            sent, arts, took = read_back(folder, how, [a.text for a in records])
            print(f"| {_HOW[how]} | {sent:.3f} | {arts:.3f} | {took:.1f} |")


if __name__ == "__main__":
    main()
