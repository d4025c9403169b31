"""Where a short answer's name begins and ends in its sentence: a title cut from its front
("Rapper Kendrick Lamar" is Kendrick Lamar), a possessive and a closing quotation mark it does
not open cut from its end, a verb or a joining word the recognizer took in cut off ("Florida
Panthers are"), a quoted title the recognizer cut short made whole, a town kept with the
state written after it ("Boulder, Colorado"). ``rag.short`` reads the candidates with them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.asks import AMOUNTS, HEADS, PEOPLE, PLACE_HEADS, names
from rag.entities import QUOTE, QUOTE_CLOSE, QUOTE_OPEN, Entity, title_word
from rag.places import country_key, place_kinds
from rag.sentences import words
from rag.titles import TITLE_WORDS

# words that make a run of capitalised words a body's name, not a person's ("Army Corps")
NOT_A_NAME = {*HEADS["ORG"], *names("army corps department council committee office house force forces guard")}
POSSESSIVE = ("'s", "’s")


def _without_possessive(text: str, start: int, end: int) -> int:
    """The end of ``text[start:end]`` without a possessive "'s" ("Colorado's center")."""
    for tail in POSSESSIVE:
        if text[start:end].endswith(tail):
            end -= len(tail)
    return end


def name_end(text: str, start: int, end: int) -> int:
    """The end of the name ``text[start:end]`` without a possessive ("Friedrich Merz’s", "King Charles' state visit")
    or a closing quotation mark the name does not open ("Cloud Dancer'" of "Pantone has named 'Cloud Dancer' as")."""
    end = _without_possessive(text, start, end)
    span = text[start:end]
    unopened = span.endswith(("'", "’", '"', "”")) and not any(q in span[:-1] for q in "'‘\"“")
    return end - 1 if span.endswith(("s'", "s’")) or unopened else end


def trim(text: str, ent: Entity) -> tuple[int, int, str]:
    """Titles cut from the front of a name ("Defense Lloyd Austin", tagged ORG, is the person
    Lloyd Austin; "Rapper Kendrick Lamar" is Kendrick Lamar), a possessive and a leading "the"
    from the end and the front. Words in quotation marks are kept as they are."""
    start, end, label = ent.start, ent.end, ent.label
    if label == QUOTE:
        return start, end, label
    while start < end and not (text[start].isalnum() or text[start] in "$£€\"“'‘"):
        start += 1  # "− Zohran Mamdani", the dash of a dateline taken into the name
    if label == "MONEY" and start and text[start - 1] in "$£€¥":
        start -= 1  # spaCy's small model often leaves the sign out: "5,000" of "$5,000 per child"
    tokens = list(re.finditer(r"\S+", text[start:end]))
    cut = 0
    while cut < len(tokens) - 2 or (cut < len(tokens) - 1 and label != PEOPLE):
        word = tokens[cut].group().lower().rstrip(".,")
        if word not in TITLE_WORDS and not (label == PEOPLE and word in HEADS[PEOPLE]):  # "Rapper Kendrick Lamar"
            break
        cut += 1
    rest = [t.group() for t in tokens[cut:]]
    if cut and len(rest) in (2, 3) and all(w[:1].isupper() and w.lower() not in NOT_A_NAME for w in rest):
        start, label = start + tokens[cut].start(), PEOPLE
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    if label in AMOUNTS and (m := _COMPARED.match(text, start, end)) and m.end() < end:
        start = m.end()  # "below $3": the amount is $3
    if (bracket := text.find("(", start, end)) > start and ")" not in text[bracket:end]:
        end = len(text[:bracket].rstrip())  # "June 19, 1865 (Juneteenth": a bracket opened, not closed
    end = name_end(text, start, end)
    # a verb or a joining word the recognizer took into the name: "Florida Panthers are",
    # "U.S. Immigration and"
    while (m := _LOOSE_END.search(text, start, end)) and m.start() > start:
        end = m.start()
    return start, end, label


def whole_title(text: str, start: int, end: int) -> int:
    """The end of a quoted title the recognizer cut short: in "“The Late Show with Stephen
    Colbert” aired", "The Late Show" ends with the quote. Only words of a title (capitalised,
    or "with", "of", "the" ...) may follow, at most eight: a quoted sentence is no title."""
    before = text[:start].rstrip()
    opened = before[-1:] in QUOTE_OPEN or re.search(r"[\"“](?:the|a|an)$", before, re.I) is not None
    if not opened or text[end : end + 1] in QUOTE_CLOSE:
        return end
    close = re.search(r"[\"”]", text[end : end + 120])
    if close is None:
        return end
    rest = text[end : end + close.start()].rstrip(",.;:!? ")
    tail = rest.split()
    if not tail or len(tail) > 8 or not all(title_word(w) for w in tail):
        return end
    return end + len(rest)


# the heads whose answer is itself a region: "which state" is answered "Ohio", not "Columbus, Ohio"
REGION_HEADS = {h for h, kind in PLACE_HEADS.items() if kind != "other"} | set(names("nationality region province"))


def with_region(text: str, end: int, ents: Sequence[Entity], key: str, asked: set[str]) -> int:
    """The end of a place's name with the state or country written after it ("Boulder,
    Colorado", "Lviv, Ukraine"): the town is the answer, its region says which one. A state or
    a country itself keeps its own end ("Ohio, Michigan" are two answers), and so does a town
    in a region the question names (``asked``: "which South Korean city": Goyang)."""
    kinds = place_kinds()
    if key in kinds:
        return end
    gap = re.match(r",\s+", text[end:])
    if gap is None:
        return end
    for e in ents:
        if e.start == end + gap.end() and e.label == "GPE":
            region_end = _without_possessive(text, e.start, e.end)
            region = " ".join(words(text[e.start : region_end]))
            if kinds.get(region) in ("state", "country") and region not in asked and country_key(region) not in asked:
                return region_end
    return end


_COMPARED = re.compile(
    r"(?i:below|above|under|over|about|around|nearly|almost|roughly|approximately|some|(?:more|less|fewer) than|"
    r"at least|at most|up to)\s+"
)
_LOOSE_END = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|and|or|of|the|to|in|on|at|for|with)$")
