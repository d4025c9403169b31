"""Bytes of a file -> its text: by byte-order mark, UTF-8, or the legacy encoding that fits."""

from __future__ import annotations

import codecs
import re
from typing import Any

MAX_DETECT_BYTES = 256 * 1024  # bytes charset detection looks at


class Unreadable(Exception):
    """A file that cannot be read as an article; the message says why."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


def decode_text(data: bytes) -> str:
    """Text of a file: by its byte-order mark, else UTF-8, else the encoding charset-normalizer
    detects (legacy single- and multi-byte encodings: cp1252, Shift JIS, KOI8-R, ...)."""
    for bom, encoding in _BOMS:  # UTF-32 LE before UTF-16 LE: its mark starts with UTF-16's
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(f"not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    # Without a byte-order mark a UTF-16/32 guess is almost always wrong for text without NULs.
    best = _likeliest(list(from_bytes(data[:MAX_DETECT_BYTES], cp_exclusion=_WIDE)))
    if best is None or best.chaos > 0.2:
        raise Unreadable(f"not valid UTF-8 (byte {first_bad}) and no other encoding fits; save it as UTF-8")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise Unreadable(f"not valid UTF-8 (byte {first_bad}) nor {best.encoding}; save it as UTF-8") from None


# Short texts fit several code pages equally well; charset-normalizer's own pick among such
# ties was wrong on a third of our encoding tests (latin-1 French read as cp1250, cp1251 as
# mac_cyrillic, EUC-JP as cp949). Among the least chaotic candidates we drop rarely used
# code pages, keep the most coherent, and break the remaining ties by how common each
# encoding is on the web.
_COMMON = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "iso8859_7",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "cp1254",
    "cp1257",
    "cp932",
    "shift_jis",
    "euc_jp",
    "euc_jis_2004",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "big5hkscs",
    "cp949",
    "euc_kr",
)


def clean_text(text: str) -> str:
    """``text`` with Unix line ends and no control characters but newline and tab (they only
    confuse tokenisers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)


def _likeliest(matches: list[Any]) -> Any:
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.01]
    common = [m for m in tied if m.encoding in _COMMON] or tied
    top = max(m.coherence for m in common)
    common = [m for m in common if m.coherence >= top - 0.01]
    return min(common, key=lambda m: _COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON))
