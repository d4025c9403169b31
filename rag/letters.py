"""Letters written two ways: "é" as one character (NFC) or as "e" and a combining accent (NFD).

News text comes in both. Of the 4,407 RealTime QA articles, 574 write their accents
decomposed ("Beyonce\\u0301") and 140 composed, and questions are typed composed
("Beyoncé"), or without the accent ("Beyonce"). A word split on ``\\w`` stops at a combining
accent, so "Beyoncé" typed by a reader never met the article's "Beyonce" + accent in the
BM25 index, nor in the answerer's comparison of words; and spaCy's entity recognizer reads
the decomposed name as a noun. ``fold`` makes the three spellings one word for matching;
``composed`` gives spaCy the composed text with a map back to the original's offsets, so
quotes and highlights keep pointing at the article as written.
"""

from __future__ import annotations

import re
import unicodedata

# the combining marks of Unicode's blocks for them (accents, diacritics)
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """``text`` with its accents taken off and compatibility forms made plain ("Beyoncé" in
    either form -> "Beyonce", "ﬁ" -> "fi"), for comparing words; ASCII text is returned as is.
    Letters that are not an accented letter stay ("ø", "ß", "ł")."""
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def composed(text: str) -> tuple[str, list[int]]:
    """``text`` in NFC, and for each of its offsets (and its end) the offset in ``text`` it
    comes from: a letter and the accents after it become one character, whose offset is the
    letter's. ``text`` without a combining mark is returned as is, with no map ([])."""
    if not _MARKS.search(text):
        return text, []
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        for ch in unicodedata.normalize("NFC", text[i:j]):
            out.append(ch)
            where.append(i)
        i = j
    where.append(len(text))
    return "".join(out), where


def original(where: list[int], offset: int) -> int:
    """The offset in the original text of ``offset`` in its ``composed`` form."""
    return where[offset] if where else offset
