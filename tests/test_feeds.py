"""Feeds: `rag index URL` and `rag index FEED.xml` against an RSS and an Atom feed and their
pages served by a local HTTP server on 127.0.0.1 (no other network), with the test models."""

from __future__ import annotations

import itertools
import json

import pytest

from tests.conftest import run_rag
from tests.newssite import BRIDGE, FERRY, LIBRARY, Site, rss


@pytest.fixture
def site():
    s = Site()
    base = s.base
    s.pages = {
        "/ferry.html": ("text/html; charset=utf-8", FERRY),
        "/bridge.html": ("text/html", BRIDGE),
        "/library.html": ("text/html", LIBRARY),
        "/slow.html": ("text/html", FERRY),
        "/big.html": ("text/html", b"<p>" + b"word " * (2 * 1024 * 1024 + 1) + b"</p>"),
        "/picture.jpg": ("image/jpeg", b"\xff\xd8\xff"),
        "/not-a-feed": ("text/html", FERRY),
    }
    s.pages["/feed.xml"] = (
        "application/rss+xml",
        rss(
            base,
            [
                ("Ferry returns", "/ferry.html", "Fri, 07 Mar 2025 09:00:00 GMT"),
                ("Osby bridge closed for repairs", "/bridge.html", "Tue, 04 Mar 2025 18:30:00 GMT"),
                ("Gone", "/missing.html", "Mon, 03 Mar 2025 08:00:00 GMT"),
                ("Slow", "/slow.html", "Mon, 03 Mar 2025 08:00:00 GMT"),
                ("Big", "/big.html", "Mon, 03 Mar 2025 08:00:00 GMT"),
                ("Photo", "/picture.jpg", "Mon, 03 Mar 2025 08:00:00 GMT"),
                ("Away", "/away", "Mon, 03 Mar 2025 08:00:00 GMT"),
            ],
        ),
    )
    yield s
    s.server.shutdown()


def index(home, *args: str, delay: str = "0.2"):
    return run_rag(home, "index", *args, "--json", feed_delay=delay, feed_timeout="1")


def articles(home) -> dict[str, dict]:
    """Every stored feed article, by title."""
    return {r["title"]: r for p in (home / "feeds").rglob("*.json") for r in [json.loads(p.read_text())]}


def test_a_feed_url_indexes_its_pages_and_reports_each_failure_on_one_line(tmp_path, site):
    home = tmp_path / "h"
    done = index(home, f"{site.base}/feed.xml")
    assert done.returncode == 3, done.stderr  # indexed, with skipped pages
    report = json.loads(done.stdout)
    assert report["added"] == 2
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    b = site.base
    assert skipped == {
        f"{b}/missing.html": "HTTP 404",
        f"{b}/slow.html": skipped[f"{b}/slow.html"],
        f"{b}/big.html": "larger than 10 MB",
        f"{b}/picture.jpg": "not a web page (image/jpeg)",
        f"{b}/away": skipped[f"{b}/away"],
    }
    assert skipped[f"{b}/slow.html"].startswith("cannot fetch (") and "timed out" in skipped[f"{b}/slow.html"]
    assert "only http(s) URLs are fetched" in skipped[f"{b}/away"]
    lines = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    assert f"skipped {b}/missing.html: HTTP 404" in lines and len(lines) == 5
    stored = articles(home)
    ferry = stored["Ferry service returns to Marlow"]  # the page's own title, date and site name
    assert (ferry["published"], ferry["source"], ferry["url"]) == ("2025-03-07", "Harbour Gazette", f"{b}/ferry.html")
    assert ferry["author"] == "Ruth Ellery"
    bridge = stored["Osby bridge closed for repairs"]  # the page has none: the feed's
    assert (bridge["published"], bridge["source"], bridge["author"]) == ("2025-03-04", "Osby Evening Post", "")
    hits = json.loads(run_rag(home, "search", "captain command ferry", "--json", "-k", "3").stdout)["hits"]
    assert any("Ida Vance" in h["text"] and h["published"] == "2025-03-07" for h in hits)
    asked = json.loads(run_rag(home, "ask", "How long will the bridge repairs take?", "--json").stdout)
    assert "six weeks" in asked["answer"] and asked["citations"][0]["source"] == "Osby Evening Post"


def test_a_rerun_fetches_only_new_entries_and_retries_failures(tmp_path, site):
    home = tmp_path / "h"
    index(home, f"{site.base}/feed.xml")
    assert site.requests("/ferry.html") == 1 and site.requests("/missing.html") == 1
    feed = site.pages["/feed.xml"][1].replace(
        b"</channel>",
        f"<item><title>Library</title><link>{site.base}/library.html</link></item></channel>".encode(),
    )
    site.pages["/feed.xml"] = ("application/rss+xml", feed)
    done = index(home, f"{site.base}/feed.xml")
    report = json.loads(done.stdout)
    assert report["added"] == 1 and report["unchanged"] == 2
    assert site.requests("/library.html") == 1
    assert site.requests("/ferry.html") == 1 and site.requests("/bridge.html") == 1  # not fetched again
    assert site.requests("/missing.html") == 2  # a failure is tried again
    assert "Library opens a night reading room" in articles(home)


def test_requests_to_one_host_are_spaced_by_the_delay(tmp_path, site):
    index(tmp_path / "h", f"{site.base}/feed.xml", delay="0.4")
    times = [t for _, t in site.log]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 8 and min(gaps) >= 0.38, gaps


def test_a_feed_file_and_an_atom_feed(tmp_path, site):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Marlow Notes</title><id>urn:marlow</id>
<updated>2025-03-08T10:00:00Z</updated>
<entry><title>Night reading room</title><id>urn:library</id><link href="{site.base}/library.html"/>
<updated>2025-03-08T10:00:00Z</updated></entry></feed>"""
    feed = tmp_path / "marlow.atom"
    feed.write_text(atom)
    home = tmp_path / "h"
    done = index(home, str(feed))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 1
    library = articles(home)["Library opens a night reading room"]
    assert (library["published"], library["source"]) == ("2025-03-08", "Marlow Notes")


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("{base}/not-a-feed", "not an RSS or Atom feed"),
        ("{base}/nothing.xml", "HTTP 404"),
        ("http://127.0.0.1:9/feed", "cannot fetch (Connection refused)"),
        ("{tmp}/absent.rss", "no such file"),
    ],
)
def test_a_feed_that_fails_is_one_skipped_line(tmp_path, site, target, reason):
    target = target.format(base=site.base, tmp=tmp_path)
    done = index(tmp_path / "h", target)
    assert done.returncode == 3
    assert [line for line in done.stderr.splitlines() if line.startswith("skipped ")] == [f"skipped {target}: {reason}"]
    assert "Traceback" not in done.stderr
