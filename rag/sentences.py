"""Sentence boundaries with nltk's Punkt model (the English model llama-index ships).

Chunking stores each chunk's sentence spans in the catalog, so answering a question does
not load nltk (1-2 s of a cold `rag ask`); indexes written before that compute them here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rag.dates import MONTH_NAMES
from rag.letters import fold
from rag.stated import is_masthead


@lru_cache(maxsize=1)
def _punkt() -> Any:
    import importlib.util

    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    # llama-index ships the punkt_tab English model; use it so nothing is downloaded. Found
    # by its package path: importing llama_index.core itself costs a second of cold start.
    spec = importlib.util.find_spec("llama_index.core")
    assert spec is not None and spec.submodule_search_locations
    cache = os.path.join(next(iter(spec.submodule_search_locations)), "_static", "nltk_cache")
    if cache not in nltk.data.path:
        nltk.data.path.insert(0, cache)
    return PunktTokenizer("english")


def punkt_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence nltk's Punkt finds in ``text``, paragraph by paragraph
    (an index built before ``zones_joined`` stored these)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        for s, e in _punkt().span_tokenize(para.group()):
            piece = text[base + s : base + e]
            if piece.strip():
                spans.append((base + s, base + e))
    return spans


def sentence_spans(text: str, bylines: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; paragraph breaks always end a sentence, so
    does a full stop the page lost its space after (``unglued``), and "p.m." before a time
    zone, "No." before its number and a title before a name do not (``rejoined``). The
    ``bylines`` (spans of ``text``: a live blog's reporters, ``rag.liveblog.bylines``) end the
    sentence before them, and the next starts after them."""
    return cut_out(text, rejoined(text, unglued(text, punkt_spans(text))), bylines)


def cut_out(text: str, spans: Sequence[tuple[int, int]], cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each of ``cuts`` taken out of the span it lies in, which it splits in
    two: the text before it and the text after it, each without its edges' spaces and kept
    if anything is left."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        inside = sorted(c for c in cuts if s <= c[0] and c[1] <= e)
        if not inside:
            out.append((s, e))
            continue
        for start, end in zip([s, *(b for _, b in inside)], [*(a for a, _ in inside), e], strict=True):
            piece = text[start:end]
            start, end = start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
            if start < end:
                out.append((start, end))
    return out


# a sentence's end with the space after it lost ("at the state funeral.Huddled in heavy
# coats", "he said."We"): a word in lower case (not "www" or "vs", nor part of an address or
# an abbreviation such as "p.m."), its stop and closing quote, then an opening quote, a capital
# and a lower-case letter. Punkt ends a sentence only before a space; the RealTime QA corpus
# has 437 such ends in 4,407 articles, and 50 read at random were all sentence ends.
_GLUED = re.compile(r"(?<![\w.@/'’-])(?!www\b|vs\b)[a-z]{2,}[.!?][\"”’)]?(?=[“\"‘]?[A-Z][a-z])")


def unglued(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` cut after each sentence end that lost its space (``_GLUED``). ``sentence_spans``
    cuts them; spans an older index stored are cut here when quoted."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for m in _GLUED.finditer(text, s, e):
            if m.end() < e:
                out.append((s, m.end()))
                s = m.end()
        out.append((s, e))
    return out


# number words and their values ("four" is 4), for "four weeks ago" and "which four countries"
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "  # noqa: SIM905
        "seventeen eighteen nineteen twenty".split()
    )
}
# a number in words, as a regex alternation: the table's words, the tens and the large units
NUMBER_PATTERN = "|".join([*NUMBER_WORDS, *"thirty forty fifty hundred thousand million billion dozen".split()])  # noqa: SIM905
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, underscore), accents taken off (``rag.letters``:
    "Beyoncé" as typed and as an article decomposes it are one word), for comparing texts by
    their words."""
    return _WORD.findall(fold(text).lower())


def root(word: str) -> str:
    """A word without its inflection, enough to meet "cite" and "citing", "prompt" and
    "prompted", "address" and "addressed", "signal" and "signals": for a question's verbs
    (``stem`` is coarser, for nearness). Written here: nltk's Porter stemmer costs 2 s of
    import on a cold answer."""
    w = word.lower().strip(".'’")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith(("ss", "us", "is")):
            w = w[: -len(suffix)]
            break
    w = w.removesuffix("e")
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":  # "stopped" -> "stop"
        w = w[:-1]
    return w


def plural_of(noun: str) -> str:
    """An English noun's regular plural: "area" -> "areas", "city" -> "cities", "church" -> "churches"."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + ("es" if re.search(r"(s|x|z|ch|sh)$", noun) else "s")


def stem(word: str) -> str:
    """A word's first five letters, without a plural's "s": "retrieve" and "retrieved",
    "sample" and "samples", "day" and "days" meet."""
    return word[:5].removesuffix("s")


# Text written to steer an AI answerer rather than to tell the reader something: role
# prefixes, "ignore previous instructions", orders about what to answer or cite. Such a
# sentence in an article is never quoted as an answer (it still counts for retrieval).
_INSTRUCTION = re.compile(
    r"^\W*(system|assistant|developer)\s*:"
    r"|\b(ignore|disregard|forget)\s+((all|any|the|your)\s+)*(previous|prior|above|earlier|other|these)\s+"
    r"(instructions?|prompts?|rules|articles?|sources?|context|messages?)\b"
    r"|\b(system prompt|developer mode)\b"
    r"|\b(answer|reply|respond)\s+only\s+(with|in|by)\b|\b(answer|reply|respond)\s+with\s+(the word|[\"\u201c'])"
    r"|\b(tell|inform) the user\b|\bcite (this|\[\d+\])",
    re.IGNORECASE,
)


def is_instruction(text: str) -> bool:
    """Whether ``text`` addresses an AI answerer (see ``_INSTRUCTION``) instead of the reader."""
    return _INSTRUCTION.search(text) is not None


# The publisher's furniture inside an article's text: newsletter and subscription pitches,
# "Read more here.", "Click here to ...". It tells the reader nothing about the story, yet it
# shares the article's title, which the cross-encoder reads beside every sentence: in The
# Week's articles "From our morning news briefing ... delivered directly to your inbox" scored
# above the sentence naming the champion the title announces (docs/EVAL.md, "The
# publisher's furniture"). Such a sentence is never quoted (it still counts for retrieval).
_FURNITURE = re.compile(
    r"^\W*(?:subscribe|sign[\s-]?up)\W*$|^\W*subscribe to (?:the|our|my)\b"
    r"|^\W*(?:click|tap)\s+(?:here|on|the|to|for|this|below)\b"
    r"|^\W*(?:read|see) more\b(?!\s+than)"
    r"|\bclick here\b"
    r"|\b(?:sign[\s-]?up|subscribe)\b.*\b(?:newsletters?|inbox|here|now)\b"
    r"|\bnewsletters?\b.*\b(?:sign[\s-]?up|subscribe|inbox)\b"
    r"|\b(?:delivered|sent|straight|right)\s+(?:directly\s+|right\s+|straight\s+)?(?:to|in|into)\s+your\s+inbox\b"
    r"|^\W*support local journalism\b|^\W*AI-assisted summary\W*$"
    r"|\bfollow us on\b",
    re.IGNORECASE,
)


def is_furniture(text: str) -> bool:
    """Whether ``text`` is the publisher's furniture (see ``_FURNITURE``), not the story."""
    return _FURNITURE.search(text) is not None


def furniture(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """The indices of the ``spans`` of ``text`` that are furniture: those ``is_furniture``
    recognises, and a sentence between two of them, the slogan of a subscription pitch
    ("Subscribe to The Week Escape your echo chamber. Get the facts behind the news, plus
    analysis from multiple perspectives. SUBSCRIBE & SAVE ...")."""
    marked = [is_furniture(text[s:e]) for s, e in spans]
    inside = {i for i in range(1, len(spans) - 1) if marked[i - 1] and marked[i + 1]}
    return {i for i, m in enumerate(marked) if m} | inside


# a clock time as news writes it ("9:03 am ET", "1:44 p.m.") and a date ("June 12, 2026",
# "Oct. 29, 2025"), the month by any name of rag.dates.MONTH_NAMES
_ZONED = r"\s+[A-Z]{1,2}T\b"
_CLOCK_TIME = r"\d{1,2}:\d\d\s*[ap]\.?m\.?"
_CLOCK = rf"{_CLOCK_TIME}(?:{_ZONED})?"
_MONTH = rf"(?:{MONTH_NAMES.title()})\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}}"

# a live blog's update opens with its time and a share button ("9:03 am ET June 12, 2026
# Share this update"), run into its first sentence: 1,210 updates in 31 articles of the
# RealTime QA corpus
UPDATE_HEADER = re.compile(rf"{_CLOCK_TIME}{_ZONED}\s+{_DATE}\s+Share this update\s+")


# a page's label run into the sentence after it: "AI-assisted summary The CDC has released a
# new dashboard ..." (104 USA Today articles of the RealTime QA corpus)
_LABEL = re.compile(r"AI-assisted summary\s+")


def after_header(text: str) -> int:
    """The offset in ``text`` (a sentence) after the last live-blog update header it holds,
    and after a page's label that opens it or follows that header ("AI-assisted summary"); 0
    when it holds neither: the sentence is quoted from there."""
    last = 0
    for m in UPDATE_HEADER.finditer(text):
        last = m.end()
    label = _LABEL.match(text, last)
    return label.end() if label else last


# A page's time stamp: "May 2, 2026 Updated May 3, 2026, 1:44 p.m.", "Updated Oct. 29, 2025,
# 8:00 p.m. ET", "3:27 p.m.". It says when the page was written, not when anything happened:
# quoted, it answered "When ...?" with the time of an update. A sentence that is only a stamp
# is never quoted. A date alone ("April 12, 2016.") is left quotable, as it may be the
# event's, and so is a timeline entry ("7:09 p.m.: The crowd began to march").
_STAMPED = r"(?:Published|Updated|Posted)\s*:?"
_ONE_STAMP = rf"(?:{_STAMPED}\s*)?(?:{_DATE}(?:,?\s+{_CLOCK})?|{_CLOCK}(?:,?\s+{_DATE})?)"
_STAMPS = rf"{_ONE_STAMP}(?:\s*{_ONE_STAMP})*"
_STAMP = re.compile(rf"\W*{_STAMPS}\W*")
_TIMED = re.compile(rf"{_CLOCK}|{_STAMPED}")


def is_stamp(text: str) -> bool:
    """Whether ``text`` (a sentence) is only a page's time stamp (see ``_STAMP``): dates with a
    clock time or "Updated" ("Published", "Posted"), or a clock time alone."""
    return _STAMP.fullmatch(text) is not None and _TIMED.search(text) is not None


# nltk's Punkt ends a sentence at "p.m." before a time zone: "The game starts at 7 p.m." and
# "ET on ABC." (2,226 such breaks in the RealTime QA corpus, `python -m research.furniture`)
_ZONE = re.compile(r"(?:[ECMP][SD]?T|GMT|BST|UTC)\b")
_MERIDIEM_END = re.compile(r"\b[ap]\.m\.[^\S\n]*\Z")  # spaces, not a paragraph break, before the zone


def zones_joined(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each break between "p.m." (or "a.m.") and a time zone on the same line
    undone. ``sentence_spans`` joins them; spans an older index stored are joined here when
    quoted."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _ZONE.match(text, s) and _MERIDIEM_END.search(text, out[-1][0], s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


# Punkt ends a sentence at "No." before its number: "defeating No." and "12 seed Taylor
# Fritz": 1,513 such breaks in the RealTime QA corpus's 4,407 articles (`python -m
# research.furniture` counts and samples them); "the nurse says no." still ends one
_NUMBER_SIGN = re.compile(r"\bNos?\.[^\S\n]*\Z")
_NUMBER_AFTER = re.compile(r"#?\d")


def numbers_joined(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each break between "No." and its number on the same line undone."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _NUMBER_AFTER.match(text, s) and _NUMBER_SIGN.search(text, out[-1][0], s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


# ... and at a title before its name: "Michigan Gov." | "Rick Snyder appointed ...": 2,385
# such breaks in the RealTime QA corpus (`python -m research.furniture`); these titles end no
# sentence in news
_TITLE = re.compile(
    r"\b(?:Gov|Govs|Sen|Sens|Rep|Reps|Rev|Sgt|Capt|Lt|Col|Gen|Maj|Cmdr|Adm|Cpl|Det|Supt|Atty|Insp|Prof)\.[^\S\n]*\Z"
)
_NAME_AFTER = re.compile(r"[A-Z]")


def titles_joined(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each break between a title ("Gov.", "Sen.", "Sgt.") and the capitalised
    name after it on the same line undone."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _NAME_AFTER.match(text, s) and _TITLE.search(text, out[-1][0], s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def rejoined(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with Punkt's breaks inside a sentence undone: before a time zone
    (``zones_joined``), after "No." (``numbers_joined``) and after a title
    (``titles_joined``)."""
    return titles_joined(text, numbers_joined(text, zones_joined(text, spans)))


_MASTHEAD_LINES = 4  # a masthead line is among an article's first non-empty lines


def opening_lines(text: str) -> list[re.Match[str]]:
    """The first non-empty lines of ``text`` (an article's opening), where a masthead is."""
    return [m for m in re.finditer(r"[^\n]+", text) if m[0].strip()][:_MASTHEAD_LINES]


def masthead(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """The indices of the ``spans`` of ``text`` (an article's opening) that are each a whole
    line among its first ones and only a date, a byline or an outlet's name
    (``rag.stated.is_masthead``): "7 March 2025 · Coast News" above the story."""
    heads = [(m.start(), m.end(), m[0].strip()) for m in opening_lines(text) if is_masthead(m[0])]
    return {
        i
        for i, (s, e) in enumerate(spans)
        if any(a <= s and e <= b and text[s:e].strip() == line for a, b, line in heads)
    }


def quotable(text: str, spans: Sequence[tuple[int, int]], opening: bool = False) -> list[tuple[int, int]]:
    """The ``spans`` of ``text`` that may be quoted as an answer or its support (a break
    before a time zone, after "No." or a title undone, a sentence end without its space cut), each from after a live
    blog's update header: all but text aimed at an AI answerer (``is_instruction``), the
    publisher's ``furniture``, a page's time stamp alone (``is_stamp``) and, when ``text``
    opens its article, a ``masthead`` line."""
    spans = rejoined(text, unglued(text, spans))
    skipped = furniture(text, spans) | (masthead(text, spans) if opening else set())
    return [
        (s + after_header(text[s:e]), e)
        for n, (s, e) in enumerate(spans)
        if n not in skipped and not is_instruction(text[s:e]) and not is_stamp(text[s:e])
    ]
