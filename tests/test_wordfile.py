"""Word documents (.docx) read as articles (rag.wordfile), and bad ones reported in one line."""

import io
import zipfile
from pathlib import Path

import docx
import pytest

from rag.corpus import Skipped, iter_corpus
from tests.conftest import asked_over_one_file


def press_release(path: Path) -> Path:
    """A press release as Word writes it: a heading, a date line, paragraphs (one with a line
    break), a table with a merged cell."""
    document = docx.Document()
    document.add_heading("Marlow harbour reopens after the storm", level=1)
    document.add_paragraph("7 March 2025")
    document.add_paragraph(
        "The harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, "
        "the port authority said."
    )
    document.add_paragraph("Harbour master Jane Ortiz said the new sea wall would hold.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Repairs"
    table.cell(1, 0).text = "Sea wall"
    table.cell(1, 1).text = "2 million pounds"
    para = document.add_paragraph("Contact: press office")
    para.add_run().add_break()
    para.add_run("Marlow Port Authority")
    document.save(path)
    return path


def test_a_word_document_is_an_article_with_its_title_date_paragraphs_and_tables(tmp_path):
    (art,) = list(iter_corpus([press_release(tmp_path / "release.docx")]))
    assert not isinstance(art, Skipped), art
    assert art.title == "Marlow harbour reopens after the storm"
    assert art.published == "2025-03-07"
    assert art.text == (  # the date line stays, as in a text file
        "7 March 2025\nThe harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, "
        "the port authority said.\nHarbour master Jane Ortiz said the new sea wall would hold.\n"
        "Repairs\nSea wall\n2 million pounds\nContact: press office\nMarlow Port Authority"
    )


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_bad_word_files_are_reported_in_one_line(tmp_path):
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # a .doc renamed
    _zip(tmp_path / "notword.docx", {"hello.txt": b"hello"})
    _zip(tmp_path / "broken.docx", {"word/document.xml": b"<w:document", "[Content_Types].xml": b"<Types"})
    # a document part that unpacks to 101 MB from a file of about 100 KB
    _zip(tmp_path / "bomb.docx", {"word/document.xml": b" " * (101 * 2**20)})
    (tmp_path / "cut.docx").write_bytes(press_release(tmp_path / "whole.docx").read_bytes()[:3000])
    items = {Path(i.path).name: i for i in iter_corpus([tmp_path])}
    assert not isinstance(items["whole.docx"], Skipped)
    reasons = {name: i.reason for name, i in items.items() if isinstance(i, Skipped)}
    assert set(reasons) == {"old.docx", "notword.docx", "broken.docx", "bomb.docx", "cut.docx"}
    assert reasons["old.docx"].startswith("not a Word .docx file (no zip header; an old .doc must be saved as .docx)")
    assert reasons["bomb.docx"] == "Word document too large when unpacked (101 MB)"
    assert reasons["notword.docx"] == "not a Word .docx file (a zip archive without word/document.xml)"
    assert reasons["cut.docx"].startswith("unreadable Word file (BadZipFile")
    for reason in reasons.values():
        assert "\n" not in reason and len(reason) < 200


def test_answers_over_a_word_document_cite_its_sentence(tmp_path):
    pipe, answer = asked_over_one_file(
        tmp_path, lambda folder: press_release(folder / "release.docx"), "Who is the harbour master of Marlow?"
    )
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert "Harbour master Jane Ortiz said the new sea wall would hold." in quotes
    text = pipe.article(answer.citations[0].article_id).text
    for cited in answer.citations:
        assert text[cited.start : cited.end] == cited.quote


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04" + b"\0" * 40, b"PK", io.BytesIO().getvalue() + b"PK\x05\x06" + b"\0" * 18]
)
def test_zip_headers_without_a_document_are_reported(tmp_path, data):
    (tmp_path / "x.docx").write_bytes(data)
    (item,) = list(iter_corpus([tmp_path / "x.docx"]))
    assert isinstance(item, Skipped) and "\n" not in item.reason


RELEASE_RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}}
{\info{\title Harbour reopens}{\author Press office}}
{\pard\b Marlow harbour reopens after the storm\b0\par}
{\pard 7 March 2025\par}
{\pard The harbour in Marlow reopened on Friday after a storm that had closed it for three weeks,
 the port authority said. Caf\'e9 owners on the quay cheered.\par}
{\pard Harbour master Jane Ortiz said the new sea wall would hold \u8212? for now.\par}
{\*\generator Msftedit 5.41.21.2510;}}"""


def test_an_rtf_file_is_an_article_with_its_title_date_and_paragraphs(tmp_path):
    (tmp_path / "release.rtf").write_bytes(RELEASE_RTF)
    # a Russian agency's release in its own code page
    (tmp_path / "ru.rtf").write_bytes(
        b"{\\rtf1\\ansi\\ansicpg1251{\\pard \\'cc\\'ee\\'f1\\'ea\\'e2\\'e0\\par}{\\pard \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2.\\par}}"
    )
    items = {Path(i.path).name: i for i in iter_corpus([tmp_path])}
    art = items["release.rtf"]
    assert not isinstance(art, Skipped), art
    assert art.title == "Marlow harbour reopens after the storm" and art.published == "2025-03-07"
    assert art.text == (
        "7 March 2025\nThe harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, "
        "the port authority said. Café owners on the quay cheered.\n"
        "Harbour master Jane Ortiz said the new sea wall would hold — for now."
    )
    assert (items["ru.rtf"].title, items["ru.rtf"].text) == ("Москва", "Привет.")


def test_bad_rtf_files_are_reported_in_one_line(tmp_path):
    (tmp_path / "plain.rtf").write_text("Just text, saved with the wrong name.")
    (tmp_path / "empty.rtf").write_bytes(rb"{\rtf1\ansi {\fonttbl{\f0 Arial;}}}")
    reasons = {Path(i.path).name: i.reason for i in iter_corpus([tmp_path]) if isinstance(i, Skipped)}
    assert reasons["plain.rtf"] == "not an RTF file (no {\\rtf header)"
    assert reasons["empty.rtf"].startswith("no text")


def test_answers_over_an_rtf_file_cite_its_sentence(tmp_path):
    _, answer = asked_over_one_file(
        tmp_path,
        lambda folder: (folder / "release.rtf").write_bytes(RELEASE_RTF),
        "Who is the harbour master of Marlow?",
    )
    assert not answer.abstained
    assert "Harbour master Jane Ortiz said the new sea wall would hold — for now." in [
        c.quote for c in answer.citations
    ]


def test_the_lock_file_word_keeps_beside_an_open_document_is_no_article(tmp_path):
    press_release(tmp_path / "release.docx")
    (tmp_path / "~$release.docx").write_bytes(b"\x0bPress office" + b"\0" * 150)  # Word's owner file
    items = list(iter_corpus([tmp_path]))
    assert [Path(i.path).name for i in items] == ["release.docx"] and not isinstance(items[0], Skipped)
