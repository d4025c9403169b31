"""News by email: .eml messages and .mbox mailboxes read as dated articles (rag.mail)."""

import json
import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from rag.corpus import Skipped, iter_corpus
from tests.conftest import run_rag

NEWSLETTER_HTML = """<html><body><div style="display:none">Today: Boston</div>
<table width="100%"><tr><td><a href="https://example.com/web">View in browser</a></td></tr>
<tr><td><table><tr><td><h2>Korir wins Boston</h2></td></tr>
<tr><td>John Korir of Kenya won the Boston Marathon on Monday in 2 hours, 4 minutes and 45 seconds.<br><br>
Sharon Lokedi won the women's race in a course record of 2:17:22.</td></tr>
<tr><td><h2>Fed holds</h2></td></tr>
<tr><td>The Federal Reserve held interest rates steady.</td></tr></table></td></tr>
<tr><td>You received this because you subscribed. <a href="u">Unsubscribe</a></td></tr></table></body></html>"""


def message(subject: str, sender: str, date: str, plain: str = "", html: str = "", **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"], msg["Date"] = subject, sender, "reader@example.com", date
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    if plain:
        msg.set_content(plain)
    if html:
        msg.add_alternative(html, subtype="html") if plain else msg.set_content(html, subtype="html")
    return msg


def read(path: Path) -> list:
    return list(iter_corpus([path]))


def test_a_newsletter_is_an_article_dated_by_its_date_header(tmp_path):
    """Subject, sender's name, Date header and Archived-At give the title, source, date and
    URL; the text is every story of the HTML body (its layout tables too), not the plain part."""
    path = tmp_path / "morning.eml"
    msg = message(
        "The Morning: Korir wins Boston",
        '"The Morning" <nytdirect@nytimes.com>',
        "Tue, 22 Apr 2025 06:01:00 -0400",
        plain="A shorter plain-text version.",
        html=NEWSLETTER_HTML,
        Archived_At="<https://example.com/archive/2025-04-22>",
    )
    path.write_bytes(bytes(msg))
    (art,) = read(path)
    assert (art.title, art.source, art.published) == ("The Morning: Korir wins Boston", "The Morning", "2025-04-22")
    assert art.url == "https://example.com/archive/2025-04-22"
    assert "John Korir of Kenya won the Boston Marathon" in art.text
    assert "The Federal Reserve held interest rates steady." in art.text  # the second story too
    assert "shorter plain-text" not in art.text and "<td>" not in art.text


def test_a_plain_message_its_soft_line_breaks_joined_and_a_sender_without_a_name(tmp_path):
    path = tmp_path / "note.eml"
    msg = message("Fed holds rates", "macro@axios.com", "Wed, 7 May 2025 17:00:00 +0000", plain="x")
    msg.set_content("The Federal Reserve held interest rates \nsteady on Wednesday.\n\nMore tomorrow.\n")
    msg.set_param("format", "flowed")
    path.write_bytes(bytes(msg))
    (art,) = read(path)
    assert art.text.startswith("The Federal Reserve held interest rates steady on Wednesday.\n")
    assert (art.source, art.published) == ("axios.com", "2025-05-07")


def test_a_mailbox_is_one_article_a_message_keyed_by_its_message_id(tmp_path):
    """Each message of an .mbox is an article; one without text is reported by its place and
    the others still read; an article's id stays when an earlier message is removed."""
    path = tmp_path / "takeout.mbox"
    box = mailbox.mbox(str(path))
    first = message(
        "Korir wins Boston", "The Morning <a@nyt.com>", "Tue, 22 Apr 2025 06:01:00 -0400", html=NEWSLETTER_HTML
    )
    first["Message-ID"] = "<one@nyt.com>"
    second = message("Fed holds rates", "Axios Macro <m@axios.com>", "Wed, 7 May 2025 17:00:00 +0000", "The Fed held.")
    second["Message-ID"] = "<two@axios.com>"
    attachment = EmailMessage()
    attachment["Subject"], attachment["From"] = "a file", "x@example.com"
    attachment.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="a.pdf")
    copy = message("Fed holds rates", "Axios Macro <m@axios.com>", "Wed, 7 May 2025 17:00:00 +0000", "Sent twice.")
    copy["Message-ID"] = "<two@axios.com>"  # the same Message-ID again: its own article all the same
    for msg in (first, second, attachment, copy):
        box.add(msg)
    box.flush()
    items = read(path)
    arts = [i for i in items if not isinstance(i, Skipped)]
    assert [(a.title, a.published) for a in arts] == [
        ("Korir wins Boston", "2025-04-22"),
        ("Fed holds rates", "2025-05-07"),
        ("Fed holds rates", "2025-05-07"),
    ]
    assert len({a.id for a in arts}) == 3
    assert [str(i) for i in items if isinstance(i, Skipped)] == [
        f"{path}: message 3: no text in the message (only attachments?)"
    ]
    box.remove(next(iter(box.keys())))
    box.flush()
    box.close()
    again = [i for i in read(path) if not isinstance(i, Skipped)]
    assert again[0].id == arts[1].id and again[0].content_hash == arts[1].content_hash


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("garbage.mbox", b"\x00\x01 not a mailbox at all", "not an mbox mailbox"),
        ("headers.eml", b"Subject: nothing else\r\n\r\n", "no text in the message"),
        (
            "bad-charset.eml",
            b"Subject: x\r\nContent-Type: text/plain; charset=no-such\r\n\r\nPlain words here.\r\n",
            "",
        ),
    ],
)
def test_bad_mail_files_are_reported_in_one_line(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    items = read(path)
    if reason:
        (item,) = items
        assert isinstance(item, Skipped) and reason in item.reason and "\n" not in str(item)
    else:  # an unknown charset: the bytes decoded as best they can be
        (art,) = items
        assert art.text == "Plain words here."


@pytest.mark.slow
def test_newsletters_answer_this_week_from_that_week(tmp_path):
    """Newsletters saved as .eml and exported as .mbox, indexed and asked with the real models:
    "this week" is read from the Date headers, and the answer cites that week's message."""
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "morning.eml").write_bytes(
        bytes(
            message("The Morning", "The Morning <a@nyt.com>", "Tue, 22 Apr 2025 06:01:00 -0400", html=NEWSLETTER_HTML)
        )
    )
    box = mailbox.mbox(str(folder / "older.mbox"))
    box.add(
        message(
            "Chebet wins Boston again",
            "Sports Daily <s@example.com>",
            "Tue, 18 Apr 2023 07:00:00 -0400",
            "Evans Chebet of Kenya won the Boston Marathon on Monday in 2 hours, 5 minutes and 54 seconds.",
        )
    )
    box.close()
    home = tmp_path / "home"
    assert run_rag(home, "index", str(folder), "--quiet", test_models=False).returncode == 0
    question = "Who won the Boston Marathon this week?"
    for as_of, winner, other, source in (
        ("2025-04-23", "John Korir", "Evans Chebet", "The Morning"),
        ("2023-04-19", "Evans Chebet", "John Korir", "Sports Daily"),
    ):
        run = run_rag(home, "ask", question, "--as-of", as_of, "--json", test_models=False)
        assert run.returncode == 0, run.stderr[-2000:]
        answer = json.loads(run.stdout)
        assert answer["short_answer"]["text"] == winner and other not in answer["answer"], answer["answer"]
        assert {c["source"] for c in answer["citations"]} == {source}


def test_a_message_whose_parts_use_different_charsets_is_read(tmp_path):
    """The whole file is no text in one encoding (a Latin-1 part beside a UTF-8 one, sent as
    8-bit bytes): each part is decoded by the charset it names."""
    data = (
        b"Subject: Two charsets\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Caf\xe9 prices rose.\r\n"
        b"--B\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        b"\x00\x01\x02\xff\xfe\r\n--B--\r\n"
    )
    path = tmp_path / "two.eml"
    path.write_bytes(data)
    (art,) = read(path)
    assert art.text == "Café prices rose." and art.title == "Two charsets"
