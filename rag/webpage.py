"""A web page's article through trafilatura: its main text (menus, scripts, ads and
comments dropped) and the title, site name, URL and date its metadata states. Read by
``rag.corpus`` (HTML files) and ``rag.feeds`` (each entry's page); ``page_text`` reads a
newsletter's HTML body for ``rag.mail``."""

from __future__ import annotations

from rag.decode import clean_text
from rag.records import listed, unique


def extract_html(html: str) -> dict[str, str]:
    """A web page's article: ``text`` (main text, furniture cut off, "" when none is found)
    and the ``title``, ``source`` (site name), ``url`` and ``published`` date it states
    and ``author`` ("" each when it states none), through trafilatura."""
    import trafilatura  # heavy; only for HTML

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html) if text else None
    return {
        "text": clean_text(text) if text else "",
        "title": (meta.title or "") if meta else "",
        "source": (meta.sitename or "") if meta else "",
        "url": (meta.url or "") if meta else "",
        "published": (meta.date or "") if meta else "",
        "author": listed(unique(meta.author.split("; "))) if meta and meta.author else "",
    }


def page_text(html: str) -> str:
    """All of a page's text blocks, one a line (trafilatura's baseline): for an email's HTML
    body, where the article extraction above keeps one story of a newsletter's several, or
    none when layout tables hold them (``include_tables=False``)."""
    from trafilatura import baseline

    return clean_text(baseline(html)[1])
