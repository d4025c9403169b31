"""Markdown read as the text it shows (rag.markdown): no markup in quotes, dates in italics
found, tables, code and HTML read as text."""

from pathlib import Path

from rag.corpus import Skipped, iter_corpus
from rag.markdown import inline_text, plain_lines
from tests.conftest import asked_over_one_file

HARBOUR = """# Marlow harbour reopens

*7 March 2025* · [Coast News](https://example.com/coast)

The harbour in **Marlow** reopened on Friday after a storm that had closed it for three weeks,
[the port authority said](https://example.com/port-authority-statement).

Harbour master **Jane Ortiz** said the new sea wall would hold. The repairs cost _2 million pounds_.

- The ferries to the islands sailed again at noon.
- The fishing fleet returned on Saturday.
"""


def read(path: Path):
    (art,) = list(iter_corpus([path]))
    assert not isinstance(art, Skipped), art
    return art


def test_a_markdown_article_is_read_as_the_text_it_shows(tmp_path):
    (tmp_path / "harbour.md").write_text(HARBOUR)
    art = read(tmp_path / "harbour.md")
    assert art.title == "Marlow harbour reopens"
    assert art.published == "2025-03-07"  # the date line in italics
    assert art.text == (
        "7 March 2025 · Coast News\n"
        "The harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, "
        "the port authority said.\n"
        "Harbour master Jane Ortiz said the new sea wall would hold. The repairs cost 2 million pounds.\n"
        "The ferries to the islands sailed again at noon.\nThe fishing fleet returned on Saturday."
    )


def test_tables_code_html_images_and_breaks():
    source = [
        "| quay | cost |",
        "|---|---|",
        "| north | **2 million** pounds |",
        "",
        "```",
        "code **kept** as written",
        "```",
        "",
        '<div class="note">Ferries <b>resumed</b> &amp; sailed.<script>alert("x")</script></div>',
        "",
        "<!-- a comment -->",
        "",
        "![The new sea wall at dusk](wall.jpg) Photo by `Ann Lee`, line one\\",
        "line two <span>inline</span> ~~gone~~ kept",
    ]
    assert plain_lines(source) == [
        "quay | cost",
        "north | 2 million pounds",
        "code **kept** as written",
        "Ferries resumed & sailed.",
        "The new sea wall at dusk Photo by Ann Lee, line one",
        "line two inline gone kept",
    ]
    # a ranking keeps its numbers, a bullet list loses its marks
    assert plain_lines(["1. **Chiefs** (12-2)", "2) Bills", "", "- Ferries resumed."]) == [
        "1. Chiefs (12-2)",
        "2) Bills",
        "Ferries resumed.",
    ]
    assert inline_text("# **Harbour** reopens") == "Harbour reopens"
    assert inline_text("#1 bestseller") == "#1 bestseller"  # no heading: no space after "#"


def test_front_matter_and_a_file_written_a_paragraph_a_line(tmp_path):
    (tmp_path / "fm.md").write_text(
        "---\ntitle: Harbour reopens\ndate: 2025-03-07\nsource: Coast News\n---\nThe **wall** held.\n"
    )
    art = read(tmp_path / "fm.md")
    assert (art.title, art.published, art.source, art.text) == (
        "Harbour reopens",
        "2025-03-07",
        "Coast News",
        "The wall held.",
    )
    # plain text saved as .md: its title line stays the title, the lines under it are one paragraph
    (tmp_path / "plain.md").write_text("Harbour reopens\nThe wall held.\nThe ferries sailed.\n")
    art = read(tmp_path / "plain.md")
    assert (art.title, art.text) == ("Harbour reopens", "The wall held. The ferries sailed.")


def test_answers_over_markdown_quote_no_markup(tmp_path):
    _, answer = asked_over_one_file(
        tmp_path, lambda folder: (folder / "harbour.md").write_text(HARBOUR), "Who is the harbour master of Marlow?"
    )
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert "Harbour master Jane Ortiz said the new sea wall would hold." in quotes
    assert not any(mark in answer.text for mark in ("**", "](", "_2"))
