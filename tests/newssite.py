"""A tiny news site on 127.0.0.1 for feed tests: RSS feeds and article pages, every
request logged with its time."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<html><head><title>{title}</title>{meta}</head><body>
<nav>Home | World | Sport</nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright The Harbour Gazette</footer></body></html>"""


def page(title: str, sentences: list[str], meta: str = "") -> bytes:
    paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
    return PAGE.format(title=title, meta=meta, paragraphs=paragraphs).encode()


FERRY = page(
    "Ferry service returns to Marlow",
    [
        "The ferry between Marlow and Osby will run again from Monday, the harbour authority said on Friday.",
        "Captain Ida Vance will command the restored ferry, which was idle for two years after a storm.",
        "Tickets cost four pounds for adults and the first crossing leaves at seven in the morning.",
    ],
    '<meta property="og:site_name" content="Harbour Gazette"><meta name="date" content="2025-03-07">'
    '<meta name="author" content="Ruth Ellery">',
)
# no title, date or site name on the page: the feed's are used
BRIDGE = (
    b"<html><body><article>"
    + b"".join(
        f"<p>{s}</p>".encode()
        for s in (
            "Engineers closed the Osby bridge on Tuesday after finding cracks in two of its supports.",
            "Mayor Tomas Lind said repairs would take at least six weeks and cost the town a great deal.",
            "Drivers are asked to use the northern ring road until the bridge opens again next spring.",
        )
    )
    + b"</article></body></html>"
)
LIBRARY = page(
    "Library opens a night reading room",
    [
        "The Marlow library will open a reading room every night until midnight from next month.",
        "Librarian Noor Hadid said students had asked for a quiet place to study late in the evening.",
        "The room holds forty desks and is free for anyone with a library card issued in the county.",
    ],
)


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{link}</link><guid>{base}{link}</guid><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Osby Evening Post</title>'
        f"<link>{base}/</link><description>news</description>{entries}</channel></rss>"
    ).encode()


class Site:
    """A tiny news site: feeds and pages by path, every request logged with its time."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.log: list[tuple[str, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.log.append((self.path, time.monotonic()))
                if self.path == "/slow.html":
                    time.sleep(3)
                if self.path == "/away":
                    self.send_response(302)
                    self.send_header("Location", "file:///etc/passwd")
                    self.end_headers()
                    return
                kind, body = site.pages.get(self.path, ("", b""))
                if not kind:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def requests(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)


def site_with_a_feed() -> Site:
    """The site with one good feed, ``/ferry-feed.xml``: the ferry article."""
    s = Site()
    s.pages["/ferry.html"] = ("text/html; charset=utf-8", FERRY)
    s.pages["/ferry-feed.xml"] = ("application/rss+xml", rss(s.base, [("Ferry", "/ferry.html", "")]))
    return s
