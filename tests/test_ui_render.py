"""The UI's pure formatting functions: escaping, citation links, cards (no browser)."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from rag.records import Answer, Chunk, Citation, Hit
from ui.app import make_filters, safe_name
from ui.render import answer_html, escape_text, highlight

TEXT = "Ministers met in Washington. <script>alert(1)</script> See [3] and [x](javascript:alert(2))."
CHUNK = Chunk("a#0", "a", TEXT, 0, len(TEXT), 0, title="<b>Title</b>", published="2025-01-02", source="CNN")
QUOTE = "Ministers met in Washington."
CITE = Citation(1, "a", CHUNK.title, CHUNK.published, CHUNK.source, "a#0", QUOTE, 0, len(QUOTE))


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "![img](http://example.com/x.png)",
        "**bold** _it_ `code` # heading",
        "$$x^2$$",
        "https://example.com and www.example.com and a@b.com",
    ],
)
def test_escape_text_leaves_no_markup(payload):
    out = escape_text(payload)
    assert "<" not in out.replace("<br>", "") and ">" not in out
    for ch in "[]()*_`#$!:.@":
        assert ch not in out.replace("&#", "").replace(";", "").replace("&lt", "").replace("&gt", "").replace(
            "&amp", ""
        )


def test_escape_round_trips_through_html():
    assert html.unescape(escape_text(TEXT)) == TEXT


def test_highlight_marks_exactly_the_quote():
    out = highlight(TEXT, 0, len(QUOTE), "q1")
    marked = re.search(r"<mark id=\"q1\">(.*?)</mark>", out).group(1)
    assert html.unescape(marked) == QUOTE


def test_answer_html_links_real_markers_only():
    answer = Answer("q", f"{QUOTE} [1] and a fake [3] and (3)", (CITE,), False, "extractive", (Hit(CHUNK, 1.0, 1),))
    out = answer_html(answer, "t1", {"a": TEXT}.get)
    assert out.count("class='rag-cite'") == 1 and "href='#src-t1-1'" in out
    assert "id='src-t1-1'" in out and "Open full article" in out
    assert "<script" not in out and "<b>" not in out and "javascript:" not in out


def test_a_short_answer_that_is_a_date_without_its_year_shows_its_day():
    from rag.records import ShortAnswer, answer_text

    short = ShortAnswer("Washington", "a", 16, 26, 1)
    answer = Answer("q", f"{QUOTE} [1]", (CITE,), False, "extractive", (Hit(CHUNK, 1.0, 1),), short=short)
    assert "<strong>Washington</strong>" in answer_html(answer, "t3", {"a": TEXT}.get)
    dated = replace(answer, short=replace(short, day="2025-01-01"))
    strong = re.search(r"<strong>(.*?)</strong>", answer_html(dated, "t3", {"a": TEXT}.get))
    assert strong and html.unescape(strong.group(1)) == "Washington (1 January 2025)"
    assert answer_text(dated).startswith("Washington (1 January 2025) [1]")


def test_a_quoted_list_line_names_the_heading_it_stands_under():
    """A winners list's line says nothing of its category: the sources name the heading it
    stands under, in the CLI's text and in the chat API's markdown; other quotes stand alone."""
    from rag.records import answer_text

    answer = Answer("q", f"{QUOTE} [1]", (replace(CITE, under="Best musical"),), False, "extractive")
    assert f'    "{QUOTE}" (under "Best musical")' in answer_text(answer).splitlines()
    assert answer_text(answer, markdown=True).endswith(f'(CNN, 2025-01-02): "{QUOTE}" (under "Best musical")')
    assert "(under" not in answer_text(replace(answer, citations=(CITE,)))


def test_abstention_shows_related_passages_not_sources():
    answer = Answer("q", "The indexed articles do not answer this.", (), True, "extractive", (Hit(CHUNK, 0.1, 1),))
    out = answer_html(answer, "t2", {"a": TEXT}.get)
    assert "Related passages (not an answer)" in out and "class='rag-card'" not in out and "Sources" not in out


def test_upload_names_cannot_escape_the_folder():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\x.txt") == "x.txt"
    assert safe_name(".hidden.md") == "hidden.md"
    assert safe_name("a/b/<script>.html") == "_script_.html"
    assert safe_name("..") == "upload"


def test_filter_dates_are_checked():
    from rag.errors import RagError

    assert make_filters("(any source)", "2025-01-01", "").since == "2025-01-01"
    with pytest.raises(RagError, match="YYYY-MM-DD"):
        make_filters(None, "last week", None)
