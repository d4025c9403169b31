"""RSS and Atom feeds -> article records on disk, which the index then reads like any folder.

``rag index FEED.xml`` or ``rag index https://…/feed``: each entry's linked page is
fetched and its article extracted (trafilatura, as for HTML files), with the title, date
and source from the feed where the page states none. Each article is kept as one JSON
record under ``RAG_HOME/feeds/<feed>/``, written whole or not at all, so re-running
fetches only the entries not fetched before (a page that failed is tried again). Requests
go to http(s) URLs only, with a timeout, a size limit and a pause between two requests to
one host (``RAG_FEED_DELAY``); a page that fails is a ``skipped URL: reason`` line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rag.corpus import Skipped
from rag.webpage import extract_html

FEED_SUFFIXES = (".xml", ".rss", ".atom")
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_PAGE_BYTES = 10 * 1024 * 1024
USER_AGENT = "rag-news feed reader"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def is_feed(arg: str | Path) -> bool:
    """A URL, or a file whose name ends in .xml, .rss or .atom."""
    text = str(arg)
    return text.startswith(("http://", "https://")) or Path(text).suffix.lower() in FEED_SUFFIXES


def split_feeds(paths: Iterable[str | Path]) -> tuple[list[str | Path], list[str]]:
    """``paths`` as (files and folders, feeds)."""
    files: list[str | Path] = []
    feeds: list[str] = []
    for p in paths:
        if is_feed(p):
            feeds.append(str(p))
        else:
            files.append(p)
    return files, feeds


class FetchError(Exception):
    """Why a URL gave nothing to read (one line)."""


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"a redirect not followed (HTTP {code}): only http(s) URLs are fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """GETs with a timeout, a size limit and ``delay`` seconds between two requests to a host."""

    def __init__(self, delay: float, timeout: float) -> None:
        self.delay = delay
        self.timeout = timeout
        self.last: dict[str, float] = {}
        self.opener = urllib.request.build_opener(_HttpOnly())

    def get(self, url: str, limit: int, types: Sequence[str] = ()) -> bytes:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) URL")
        wait = self.last.get(parts.netloc, -1e9) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                kind = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
                if types and kind not in types:
                    raise FetchError(f"not a web page ({kind})")
                data = response.read(limit + 1)
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:  # urllib refuses a redirect to a non-http URL this way
                raise FetchError(f"a redirect not followed (HTTP {exc.code}): only http(s) URLs are fetched") from None
            raise FetchError(f"HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            reason = getattr(reason, "strerror", None) or reason  # "Connection refused", not "[Errno 111] ..."
            raise FetchError(f"cannot fetch ({' '.join(str(reason).split()) or type(exc).__name__})") from None
        finally:
            self.last[parts.netloc] = time.monotonic()
        if len(data) > limit:
            raise FetchError(f"larger than {limit // 2**20} MB")
        return data


@dataclass(frozen=True)
class Fetched:
    """Where the feeds' articles are kept (folders to index), and what was skipped."""

    folders: tuple[Path, ...]
    skipped: tuple[Skipped, ...]


def _day(entry: Any) -> str:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else ""


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _entry_key(entry: Any) -> str:
    """An entry's file name: its id (or link) hashed, so a re-run knows it."""
    return _key(str(entry.get("id") or entry.get("link", "")))


def _write(path: Path, record: dict[str, str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False))
    os.replace(tmp, path)  # a record is on disk whole, or not at all


def fetch_feeds(feeds: Sequence[str], store: Path, delay: float, timeout: float, progress: bool = False) -> Fetched:
    """Fetch each feed and, for its entries not fetched before, the linked pages; keep each
    article as ``store/<feed>/<entry>.json``."""
    import feedparser
    from tqdm import tqdm

    fetcher = Fetcher(delay, timeout)
    folders: list[Path] = []
    skipped: list[Skipped] = []
    for feed in feeds:
        local = not feed.startswith(("http://", "https://"))
        name = str(Path(feed).expanduser().resolve()) if local else feed
        slug = re.sub(r"[^A-Za-z0-9]+", "-", urlsplit(name).netloc or Path(name).stem).strip("-")[:40]
        folder = store / f"{_key(name)[:12]}-{slug or 'feed'}"
        if folder.is_dir():
            folders.append(folder)  # what earlier runs fetched is indexed even if the feed fails now
        try:
            if local:
                path = Path(name)
                if not path.is_file():
                    raise FetchError("no such file")
                if path.stat().st_size > MAX_FEED_BYTES:
                    raise FetchError(f"larger than {MAX_FEED_BYTES // 2**20} MB")
                data = path.read_bytes()
            else:
                data = fetcher.get(feed, MAX_FEED_BYTES)
        except FetchError as exc:
            skipped.append(Skipped(feed, str(exc)))
            continue
        parsed = feedparser.parse(data, response_headers={"content-location": "" if local else feed})
        if not parsed.get("version") and not parsed.entries:
            skipped.append(Skipped(feed, "not an RSS or Atom feed"))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if folder not in folders:
            folders.append(folder)
        site = " ".join(str(parsed.feed.get("title", "")).split())
        entries = [e for e in parsed.entries if not (folder / f"{_entry_key(e)}.json").exists()]
        for entry in tqdm(entries, desc=f"fetching {slug}", unit="page", disable=not progress, leave=False):
            link = str(entry.get("link", ""))
            if not link:
                skipped.append(Skipped(f"{feed} entry {str(entry.get('title', ''))[:60]!r}", "no link to an article"))
                continue
            try:
                page = extract_html(fetcher.get(link, MAX_PAGE_BYTES, PAGE_TYPES).decode("utf-8", "replace"))
            except FetchError as exc:
                skipped.append(Skipped(link, str(exc)))
                continue
            if not page["text"]:
                skipped.append(Skipped(link, "no article text found in the page"))
                continue
            key = _entry_key(entry)
            record = {
                "id": f"feed-{key}",
                "title": page["title"] or " ".join(str(entry.get("title", "")).split()),
                "text": page["text"],
                "published": page["published"] or _day(entry),
                "source": page["source"] or site,
                "url": link,
                "author": page["author"] or " ".join(str(entry.get("author", "")).split()),
            }
            _write(folder / f"{key}.json", record)
    return Fetched(tuple(folders), tuple(skipped))
