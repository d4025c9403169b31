"""Newsletters read back: a JSON-lines corpus written as an ``.mbox`` of HTML emails (each
article's paragraphs in a layout table, as newsletters send them, with a plain-text part
beside it and an "Unsubscribe" footer), then read with ``rag.corpus`` as a user's mailbox
would be. Reports the messages read per second against reading the JSON lines, how many
come back dated as the record was, and how many keep every paragraph the JSON-lines article
has (invisible characters aside: trafilatura drops zero-width spaces, direction marks and soft hyphens).

    python -m research.mail_roundtrip ../shared/data/realtimeqa_news/corpus.jsonl --limit 1000
"""

from __future__ import annotations

import argparse
import html
import mailbox
import re
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from rag.corpus import Skipped, iter_corpus
from rag.records import Article

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\xad]")


def as_message(art: Article, n: int) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = art.title
    msg["From"] = f"{art.source or 'News'} <news@example.com>"
    if art.published:
        day = datetime.fromisoformat(art.published).replace(hour=8, tzinfo=UTC)
        msg["Date"] = format_datetime(day)
    msg["Message-ID"] = f"<{n}@example.com>"
    rows = "".join(f"<tr><td><p>{html.escape(p)}</p></td></tr>" for p in art.text.split("\n") if p.strip())
    msg.set_content(art.text)
    msg.add_alternative(f"<html><body><table>{rows}</table><p>Unsubscribe</p></body></html>", subtype="html")
    return msg


def kept(original: str, read: str) -> bool:
    """Every paragraph of ``original`` is in ``read``, invisible characters and spacing aside."""
    flat = " ".join(_INVISIBLE.sub("", read).split())
    return all(" ".join(_INVISIBLE.sub("", p).split()) in flat for p in original.split("\n") if p.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("corpus", help="a JSON-lines corpus")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    t = time.perf_counter()
    records = [a for a in iter_corpus([args.corpus]) if not isinstance(a, Skipped)]
    json_s = time.perf_counter() - t
    records = records[: args.limit] if args.limit else records
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.mbox"
        box = mailbox.mbox(str(path))
        for n, art in enumerate(records):
            box.add(as_message(art, n))
        box.close()
        size = path.stat().st_size
        t = time.perf_counter()
        items = list(iter_corpus([path]))
        mail_s = time.perf_counter() - t
    read = [a for a in items if not isinstance(a, Skipped)]
    pairs = list(zip(records, read, strict=False))
    dated = sum(a.published == r.published for r, a in pairs)
    whole = sum(kept(r.text, a.text) for r, a in pairs)
    skipped = len(items) - len(read)
    print(f"{len(records)} articles as an mbox of {size / 2**20:.0f} MB; read {len(read)}, {skipped} skipped")
    print(f"read in {mail_s:.1f} s ({len(read) / mail_s:.0f} messages/s); the whole JSON-lines file in {json_s:.1f} s")
    print(f"dated as the record: {dated} ({dated / max(len(read), 1):.3f})")
    print(f"every paragraph kept: {whole} ({whole / max(len(read), 1):.3f})")


if __name__ == "__main__":
    main()
