"""News by email: a newsletter saved as an ``.eml`` message, or a mailbox of messages
(``.mbox``, as Gmail's Takeout and Thunderbird export them). Each message is an article:
its subject the title, its sender's name the source, its Date header the publication date,
and its text the HTML body's text blocks (``rag.webpage.page_text``), else its plain text.
Python's ``email`` and ``mailbox`` read them; nothing is fetched.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path

from rag.decode import Unreadable, clean_text, decode_text
from rag.records import ArticleFields
from rag.stated import date_of
from rag.unwrap import unwrap
from rag.webpage import page_text


def message_fields(data: bytes, where: str) -> ArticleFields:
    """The article of one message; :class:`Unreadable` (naming ``where``) when it holds no text."""
    said = f"{where}: " if where else ""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except (ValueError, TypeError, IndexError, LookupError) as exc:  # the parser's own failures
        raise Unreadable(f"{said}unreadable email ({type(exc).__name__})") from None
    if not isinstance(msg, EmailMessage) or not (msg.keys() or msg.get_payload()):
        raise Unreadable(f"{said}not an email message")
    text = _text(msg)
    if not text.strip():
        raise Unreadable(f"{said}no text in the message (only attachments?)")
    return ArticleFields(
        id="",
        title=_header(msg, "subject"),
        text=text,
        source=_sender(_header(msg, "from")),
        url=_header(msg, "archived-at").strip("<> "),
        published=date_of(_header(msg, "date")),
    )


def mbox_messages(path: Path) -> Iterator[tuple[str, str, bytes]]:
    """Each message of a mailbox file, in order: where it is ("message 3"), a key that stays
    its own when others are added or removed (its Message-ID, else its place), and its bytes."""
    with path.open("rb") as fh:
        if not fh.read(4096).lstrip(b"\r\n").startswith(b"From "):
            raise Unreadable("not an mbox mailbox (its first line must start with 'From ')")
    box = mailbox.mbox(str(path), create=False)
    seen: set[str] = set()
    try:
        for n, key in enumerate(box.iterkeys(), start=1):
            data = box.get_bytes(key)
            where = f"message {n}"
            given = _message_id(data)
            own = given if given and given not in seen else where  # a repeated Message-ID: its place
            seen.add(given)
            yield where, own, data
    finally:
        box.close()


def _message_id(data: bytes) -> str:
    head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    msg = BytesParser(policy=policy.compat32).parsebytes(head, headersonly=True)
    given = " ".join(str(msg.get("message-id") or "").split())
    return f"id {given}" if given else ""


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except (ValueError, TypeError, IndexError, LookupError):  # a malformed header
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _sender(value: str) -> str:
    """A sender's name ("Morning Brew <crew@morningbrew.com>" -> "Morning Brew"), else the
    domain of its address."""
    pairs = getaddresses([value])
    if not pairs:
        return ""
    name, address = pairs[0]
    return name.strip() or address.rpartition("@")[2]


def _text(msg: EmailMessage) -> str:
    """The HTML body's text blocks, else the plain body (its soft line breaks joined)."""
    html = msg.get_body(preferencelist=("html",))
    if html is not None and (text := page_text(_content(html))):
        return text
    plain = msg.get_body(preferencelist=("plain",))
    if plain is None:
        return ""
    text = _content(plain)
    if str(plain.get_param("format", "")).lower() == "flowed":  # RFC 3676: a line ending in a space goes on
        joiner = "" if str(plain.get_param("delsp", "")).lower() == "yes" else " "
        return re.sub(r" \r?\n(?!\r?\n)", joiner, text)
    return unwrap(clean_text(text))


def _content(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, UnicodeError, ValueError, AssertionError):  # an unknown or wrong charset
        payload = part.get_payload(decode=True)
        return decode_text(payload) if isinstance(payload, bytes) and payload else ""
    return content if isinstance(content, str) else ""
