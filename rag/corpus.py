"""Files -> Articles. Reads .txt .md .html .json .jsonl .pdf .docx .rtf .eml .mbox; reports bad files, never stops.

``iter_corpus(paths)`` yields :class:`Article` or :class:`Skipped` one at a time, so a corpus
of any size streams through in constant memory.
"""

from __future__ import annotations

import hashlib
import json
import mailbox
import os
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rag.dates import normalize_date
from rag.decode import Unreadable, clean_text, decode_text
from rag.jsonrecord import record_fields
from rag.mail import mbox_messages, message_fields
from rag.markdown import inline_text, plain_lines
from rag.pdftext import read_pdf
from rag.records import Article, ArticleFields
from rag.stated import date_stated, read_head
from rag.unwrap import unwrap
from rag.webpage import extract_html
from rag.wordfile import docx_text, rtf_text

SUPPORTED = {".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".pdf", ".docx", ".rtf", ".eml", ".mbox"}
MAX_FILE_BYTES = 50 * 1024 * 1024  # a single document; .jsonl and .mbox files stream and have no cap
MAX_LINE_BYTES = 20 * 1024 * 1024

# Site furniture that ends many scraped articles (the seed ends with it).
_TAIL_MARKERS = re.compile(
    r"^(previous article|next article|previous post|next post|related articles?|related stories|"
    r"related posts?|read more|read next|you may also like|more stories|write a comment|"
    r"leave a comment|leave a reply|post a comment|comments?|share this( article| story)?|"
    r"advertisement)\s*:?$",
    re.IGNORECASE,
)
_TITLE_MARKERS = re.compile(
    r"^(previous article|next article|previous post|next post|related articles?|related stories|"
    r"related posts?|read more|read next|you may also like|more stories)\s*:?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Skipped:
    """A file (or one record of it) that could not be read, and why. ``record``: one record,
    line or message of a file whose others were read, so the file's other articles are known."""

    path: str
    reason: str
    record: bool = False

    def __str__(self) -> str:
        # one line always, even for a file name with a newline or escape sequence in it
        shown = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in self.path)
        return f"{shown}: {self.reason}"


def iter_corpus(paths: Iterable[str | Path], only: Collection[str] | None = None) -> Iterator[Article | Skipped]:
    """Every article under ``paths`` (files or folders, recursively, in a stable order).
    ``only``: read just these files (absolute paths), with the ids a full read gives them."""
    for raw in paths:
        root = Path(raw).expanduser()
        if not root.exists() and not root.is_symlink():
            yield Skipped(str(root), "no such file or folder")
            continue
        if root.is_dir():
            for file in walk(root):
                if only is None or os.path.abspath(file) in only:
                    yield from read_file(file, file.relative_to(root).as_posix())
        elif only is None or os.path.abspath(root) in only:
            yield from read_file(root, root.name)


def walk(root: Path) -> Iterator[Path]:
    """The files under ``root``, hidden ones and folders left out, and the lock files Word
    and LibreOffice keep beside an open document ("~$release.docx", ".~lock..."), in a
    stable order."""
    # os.walk does not follow symlinked folders, so link loops cannot trap it.
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith((".", "~$")):
                yield Path(folder) / name


def read_file(path: Path, rel: str) -> Iterator[Article | Skipped]:
    """Articles in one file; ``rel`` (its path under the indexed root) names it in ids."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Skipped(shown, f"unsupported file type {suffix or '(none)'}; use {_supported()}")
        return
    try:
        if path.is_symlink() and not path.exists():
            yield Skipped(shown, "broken symbolic link")
            return
        size = path.stat().st_size
        if size == 0:
            yield Skipped(shown, "empty file")
            return
        if suffix == ".jsonl":
            yield from _read_jsonl(path, rel)
            return
        if suffix == ".mbox":
            yield from _read_mbox(path, rel)
            return
        if size > MAX_FILE_BYTES:
            yield Skipped(shown, _too_large(size))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(shown, f"cannot read: {exc.strerror or exc}")
        return
    try:
        if suffix == ".pdf":
            yield from _one(_read_pdf(data, path, rel), shown)
            return
        if suffix in (".docx", ".rtf"):  # paragraphs a line, then read as a text file is
            text = docx_text(data) if suffix == ".docx" else rtf_text(data)
            yield from _one(_read_text(text, path, rel, markdown=False, wrapped=False), shown)
            return
        if suffix == ".eml":  # bytes: each part names its own charset
            yield _from_fields(message_fields(data, ""), path, rel, "")
            return
        text = decode_text(data)
        if suffix in (".html", ".htm"):
            yield from _one(_read_html(text, path, rel), shown)
        elif suffix == ".json":
            yield from _read_json(text, path, rel)
        else:
            yield from _one(_read_text(text, path, rel, markdown=suffix == ".md"), shown)
    except Unreadable as exc:
        yield Skipped(shown, str(exc))


def _supported() -> str:
    return " ".join(sorted(SUPPORTED))


def _too_large(size: int) -> str:
    return f"too large ({size // 2**20} MB; the limit is 50 MB a document)"


def _one(article: Article | None, shown: str) -> Iterator[Article | Skipped]:
    if article is None:
        yield Skipped(shown, "no article text found")
    else:
        yield article


def split_tail(body: str) -> tuple[str, tuple[str, ...]]:
    """Cut site furniture ("Previous Article ... Leave a Comment") off the end of ``body``.

    Returns the article text and the related-article titles the furniture listed.
    """
    lines = body.split("\n")
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    cut: int | None = None
    # Walk back from the end while lines are markers or short titles that follow a marker.
    for idx in reversed(nonempty):
        line = lines[idx].strip()
        if _TAIL_MARKERS.match(line):
            cut = idx
            continue
        if cut is None and len(line) > 200:
            break
        if len(line) > 200 or (line.endswith((".", "?", "!", '"', "”")) and len(line) > 120):
            break
    if cut is None:
        return body.strip(), ()
    # Only accept the tail if everything after ``cut`` is markers or short lines.
    related: list[str] = []
    previous_marker = False
    for line in lines[cut:]:
        s = line.strip()
        if not s:
            continue
        if _TAIL_MARKERS.match(s):
            previous_marker = bool(_TITLE_MARKERS.match(s))
            continue
        if previous_marker:
            related.append(s)
        elif len(s) > 200:
            return body.strip(), ()
    return "\n".join(lines[:cut]).strip(), tuple(related)


def content_hash(*parts: str) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def _file_id(rel: str, suffix: str = "") -> str:
    return "f-" + hashlib.sha1((rel + suffix).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _make(
    *,
    id: str,
    title: str,
    text: str,
    path: Path,
    source: str = "",
    url: str = "",
    published: str = "",
    related: tuple[str, ...] = (),
    author: str = "",
) -> Article | None:
    text = text.strip()
    if not text:
        return None
    title = " ".join(title.split())[:500] or " ".join(text.split()[:12])
    published = normalize_date(published)
    return Article(
        id=id,
        title=title,
        text=text,
        source=source.strip(),
        url=url.strip(),
        published=published,
        path=str(path.resolve()),
        content_hash=content_hash(title, text, source, url, published, *related),
        related=related,
        author=" ".join(author.split()),
    )


def _read_text(text: str, path: Path, rel: str, *, markdown: bool, wrapped: bool = True) -> Article | None:
    """The title is the first non-empty line (or the front matter's); the date, source and
    URL are those the file states (``rag.stated``); Markdown is read as the text it shows
    (``rag.markdown``), and other lines wrapped at a fixed width are joined unless the text
    cannot be ``wrapped`` (a Word document's lines are its paragraphs)."""
    stated, lines = read_head(clean_text(text).split("\n"), path.name)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise Unreadable("no text (only whitespace)")
    heading = lines[first].strip()
    if markdown:
        heading = inline_text(heading) or heading
    title, start = (stated.title, first) if stated.title and heading != stated.title else (heading, first + 1)
    if markdown:  # the text the markup shows; CommonMark joins a paragraph's wrapped lines
        shown = plain_lines(lines[start:])
        stated = stated if stated.published else replace(stated, published=date_stated(shown, path.name))
        rest = "\n".join(shown)
    else:
        rest = "\n".join(lines[start:])
        rest = unwrap(rest) if wrapped else rest
    body, related = split_tail(rest)
    if not body:
        body, title = title, title
    return _make(
        id=_file_id(rel),
        title=title,
        text=body,
        path=path,
        source=stated.source,
        url=stated.url,
        published=stated.published,
        related=related,
        author=stated.author,
    )


def _read_html(html: str, path: Path, rel: str) -> Article | None:
    page = extract_html(html)
    if not page["text"]:
        raise Unreadable("no article text found in the HTML")
    body, related = split_tail(page["text"])
    return _make(
        id=_file_id(rel),
        title=page["title"],
        text=body,
        path=path,
        source=page["source"],
        url=page["url"],
        published=page["published"] or date_stated(body.split("\n"), path.name),
        related=related,
        author=page["author"],
    )


def _read_pdf(data: bytes, path: Path, rel: str) -> Article | None:
    title, printed, text = read_pdf(data)
    if not title:
        title = next(line for line in printed.split("\n") if line.strip())
    body, related = split_tail(text)
    published = date_stated(printed.split("\n"), path.name)
    return _make(id=_file_id(rel), title=title, text=body, path=path, published=published, related=related)


def _from_record(obj: Any, path: Path, rel: str, where: str) -> Article:
    return _from_fields(record_fields(obj, where), path, rel, where)


def _from_fields(fields: ArticleFields, path: Path, rel: str, where: str, key: str | None = None) -> Article:
    """The article of a record or message (``where`` in its file), its id the one it gives or
    one made of its file and ``key`` (by default ``where``)."""
    body, related = split_tail(clean_text(fields.text))
    art = _make(
        id=fields.id or _file_id(rel, where if key is None else key),
        title=fields.title,
        text=body,
        path=path,
        source=fields.source,
        url=fields.url,
        published=fields.published,
        related=related,
        author=fields.author,
    )
    if art is None:
        raise Unreadable(f"{where}: no article text")
    return art


def _read_json(text: str, path: Path, rel: str) -> Iterator[Article | Skipped]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Unreadable(f"malformed JSON: {exc}"[:200]) from None
    records = data if isinstance(data, list) else [data]
    for i, obj in enumerate(records):
        try:
            yield _from_record(obj, path, rel, f"item {i + 1}" if isinstance(data, list) else "")
        except Unreadable as exc:
            yield Skipped(str(path), str(exc).lstrip(": ") or "no article", record=isinstance(data, list))


def _read_jsonl(path: Path, rel: str) -> Iterator[Article | Skipped]:
    with path.open("rb") as fh:
        for n, raw in enumerate(_bounded_lines(fh, MAX_LINE_BYTES), start=1):
            where = f"line {n}"
            if raw is None:
                yield Skipped(str(path), f"{where}: longer than {MAX_LINE_BYTES // 2**20} MB", record=True)
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(decode_text(raw))
                yield _from_record(obj, path, rel, where)
            except (json.JSONDecodeError, RecursionError) as exc:
                yield Skipped(str(path), f"{where}: malformed JSON ({str(exc)[:80]})", record=True)
            except Unreadable as exc:
                said = f"{where}: {exc}" if not str(exc).startswith(where) else str(exc)
                yield Skipped(str(path), said, record=True)


def _read_mbox(path: Path, rel: str) -> Iterator[Article | Skipped]:
    try:
        for where, key, data in mbox_messages(path):
            if len(data) > MAX_FILE_BYTES:
                yield Skipped(str(path), f"{where}: {_too_large(len(data))}", record=True)
                continue
            try:
                yield _from_fields(message_fields(data, where), path, rel, where, key)
            except Unreadable as exc:
                yield Skipped(str(path), str(exc), record=True)
    except Unreadable as exc:
        yield Skipped(str(path), str(exc))
    except (OSError, mailbox.Error) as exc:
        yield Skipped(str(path), f"unreadable mailbox ({type(exc).__name__}: {str(exc)[:80]})")


def _bounded_lines(fh: Any, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary file, never holding more than ``limit`` bytes of one line in memory;
    a longer line is read through in pieces and yielded as None."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = fh.readline(2**20)
        yield None
