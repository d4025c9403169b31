"""What a JSON news record's fields mean: its text, id, title, source, URL, date and author,
under the names our files, RealTime QA, NewsAPI, schema.org and feeds give them.

``record_fields(obj, where)`` turns one record into :class:`~rag.records.ArticleFields`;
``rag.corpus`` reads the files and builds the :class:`~rag.records.Article`.
"""

from __future__ import annotations

from typing import Any

from rag.decode import Unreadable
from rag.records import ArticleFields, listed, unique
from rag.stated import date_of

# where a JSON record keeps its date: ours, RealTime QA's, NewsAPI's, schema.org's, a feed's
_DATE_FIELDS = ("published", "publish_date", "date", "publishedAt", "datePublished", "pubDate", "published_at")


def record_fields(obj: Any, where: str) -> ArticleFields:
    """The parts of ``obj``; :class:`Unreadable` (naming ``where``) when it is no object or
    holds no article text."""
    if not isinstance(obj, dict):
        raise Unreadable(f"{where}: expected a JSON object with 'text'")
    text = obj.get("text") if isinstance(obj.get("text"), str) else obj.get("body")
    if not isinstance(text, str) or not text.strip():
        raise Unreadable(f"{where}: no 'text' field with article text")
    given = obj.get("doc_id", obj.get("id"))
    return ArticleFields(
        id=str(given) if isinstance(given, (str, int)) else "",
        title=_str(obj.get("title")),
        text=text,
        source=_source(obj.get("source") or obj.get("outlet")),
        url=_str(obj.get("url")),
        published=record_date(obj),
        author=record_author(obj),
    )


def record_date(obj: dict[str, Any]) -> str:
    """The first date field of ``obj`` that names a date, in any form ``rag.dates`` reads or
    as a feed writes it ("Fri, 10 Jan 2025 08:00:00 GMT")."""
    for key in _DATE_FIELDS:
        if day := date_of(_str(obj.get(key))):
            return day
    return ""


def record_author(obj: dict[str, Any]) -> str:
    """Who wrote the record, as its first author field names them ("author", "authors",
    "byline", a feed's "creator"; a name, a list of names, schema.org's ``{"name"}``),
    written as a list ("Alice Carter and Tom Reed")."""
    for key in ("author", "authors", "byline", "creator"):
        value = obj.get(key)
        names = [_source(v).strip() for v in (value if isinstance(value, list) else [value])]
        if names := [n for n in names if n]:
            return listed(unique(names))
    return ""


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _source(value: Any) -> str:
    """A record's source: its name, or the ``name`` of an object (NewsAPI's ``{"id", "name"}``)."""
    return _str(value.get("name")) if isinstance(value, dict) else _str(value)
