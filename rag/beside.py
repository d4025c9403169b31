"""Names in a sentence where a question's words put them: beside the kind the question
names ("the newspaper, the Nikkei", "Aomori Prefecture", "Monty the giant schnauzer") and
right after the verb that governs its question word ("to buy Twitter" for "to buy which
company?"). ``rag.slots`` reads those words from the question and places the candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rag.asks import head_label
from rag.followup import content_words
from rag.places import country_key, demonym_country
from rag.sentences import root, words
from rag.short import MODIFIER

if TYPE_CHECKING:
    from rag.slots import Slots

ARTICLES = frozenset(words("the a an"))

_TOKEN = re.compile(r"[\w+&’'-]+(?:\.\w+)*\.?")


def tokens_of(text: str) -> list[re.Match[str]]:
    """``text``'s words, as matches (their offsets with them)."""
    return list(_TOKEN.finditer(text))


def name_like(word: str) -> bool:
    """Capitalised ("Nikkei", "W."; not a sentence's "The", nor "Wednesday") or a digit among
    other signs ("2+2", "F-35"; not "50"), and no possessive ("North Korea's" ends a name) nor
    a lower-case last part after a hyphen ("Bowl-less", "1-ranked")."""
    if word.endswith(("'s", "’s")) or (word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word)):
        return False
    if not content_words(word) or word.lower().rstrip(".") in _NOT_NAMES or MODIFIER.search(word):
        return False  # nor a word that modifies the next: "Super Bowl-less teams", "1-ranked player"
    if _PARTICLE.fullmatch(word):
        return True  # Arabic's article joined to the name it begins: "Eid al-Adha", "Bashar al-Assad"
    return word[:1].isupper() or (any(ch.isdigit() for ch in word) and not word.replace(",", "").isdigit())


_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|an|ash|az|ud|ul)-[A-Z][\w'’]*")


_NOT_NAMES = frozenset(
    words(
        "our their its his her my your we they it he she you this that these those there here "
        "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
        "september october november december"
    )
)


def beside_kind(slots: Slots, text: str, asked: set[str]) -> list[tuple[int, int]]:
    """The names next to the kind a question names, as (start, end) in ``text``: before it
    ("the J-Alert missile warning system", "Aomori Prefecture") or after it ("the newspaper,
    the Nikkei,", "the city of Paris"); names the question holds already (``asked``, lower
    case) are left out. A capitalised kind is part of a name ("State Farm Stadium", "Best
    Original Song"), but for a place ("Aomori Prefecture")."""
    if not slots.kind:
        return []
    head, modifiers = root(slots.kind[-1]), {root(w) for w in slots.kind[:-1]}
    place = head_label(slots.kind[-1]) in ("GPE", "LOC")
    toks = tokens_of(text)
    if not any(t.group().islower() and len(t.group()) > 3 for t in toks):
        return []  # a headline: every word but "of", "and", "on" ... is capitalised
    out: list[tuple[int, int]] = []
    for k, t in enumerate(toks):
        word = t.group()
        if root(word) != head or (word[:1].isupper() and not place):
            continue
        i = k - 1
        while i >= 0 and root(toks[i].group()) in modifiers:
            i -= 1
        # words in lower case between a place and its kind are part of the place asked for:
        # "the Tokyo metropolitan area" is an area, Tokyo a city
        j = i
        while place and word.islower() and j >= max(0, k - 3) and _describes(toks[j].group()):
            j -= 1
        through = i > j >= 0 and name_like(toks[j].group())
        i = j if through else i
        run: list[re.Match[str]] = []
        while i >= 0 and name_like(toks[i].group()):
            if not spaced(text, toks[i], run[0] if run else toks[i + 1]) or _nationality(toks[i].group()):
                break  # a comma between, a line break; a nationality ("a Japanese newspaper") is no name
            run.insert(0, toks[i])
            i -= 1
        if run:
            out.append((run[0].start(), t.start() + len(word.rstrip(".")) if through else run[-1].end()))
        elif listed := _OTHER.search(text, 0, toks[i + 1].start()):
            out.append(listed.span(1))  # "bases, ports, and other defense facilities": bases, ports
        elif (named := _epithet(text, toks, i)) is not None:
            out.append(named)  # "Monty the giant schnauzer": the name the kind describes
        after = None if word.endswith((".", "'s", "’s")) or word[:1].isupper() else _AFTER.match(text, t.end())
        if after and name_like(after.group(1).split()[0]):
            out.append(after.span(1))
    return [(s, e) for s, e in out if not set(re.findall(r"\w+", text[s:e].lower())) <= asked]


def _nationality(word: str) -> bool:
    """Whether ``word`` names a country's people or the country ("Japanese", "British", "U.S.")."""
    key = " ".join(words(word))
    return bool(demonym_country(word)) or country_key(key) != key


def _epithet(text: str, toks: Sequence[re.Match[str]], i: int) -> tuple[int, int] | None:
    """The name before "the" at token ``i`` ("Monty the giant schnauzer", "Archer the Skye
    terrier"), as (start, end); None when there is none or it follows a preposition ("in
    Italy the volcano")."""
    if i < 1 or toks[i].group() != "the" or not spaced(text, toks[i - 1], toks[i]):
        return None
    k = i - 1
    while k >= 0 and name_like(toks[k].group()) and (k == i - 1 or spaced(text, toks[k], toks[k + 1])):
        k -= 1
    if k == i - 1 or (k >= 0 and toks[k].group().lower() in _PREPOSITIONS):
        return None
    if k == i - 2 and toks[i - 1].group().lower() in _OPENERS:
        return None  # "But the company ...": a word that opens a sentence
    return toks[k + 1].start(), toks[i - 1].end()


_PREPOSITIONS = frozenset(words("in on at from by for to with of into near across over under after before since"))
_OPENERS = frozenset(words("but and so yet now then also still meanwhile however today instead even only here there"))
_OPENERS |= frozenset(words("when while as if though although because once until where why how what who which"))


def after_governing(slots: Slots, text: str, asked: set[str]) -> list[tuple[int, int]]:
    """The names right after the verb that governs a question word ("to buy which
    company?"), as (start, end) in ``text``: "deal to buy Twitter", "reelected the Liberal
    Party". The tagger may call such a name something else (Twitter a person); a name the
    question holds already (``asked``, lower case) is left out."""
    if not slots.governed:
        return []
    toks = tokens_of(text)
    out: list[tuple[int, int]] = []
    for k, t in enumerate(toks):
        if root(t.group()) != slots.governed or t.group()[:1].isupper():
            continue
        i = k + 1
        while i < len(toks) and toks[i].group().lower() in ARTICLES and spaced(text, toks[i - 1], toks[i]):
            i += 1  # "reelected the Liberal Party"
        run: list[tuple[int, int]] = []  # the name's words, a sentence's full stop left out
        while i < len(toks) and spaced(text, toks[i - 1], toks[i]):
            word = toks[i].group()
            last = word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word)  # "to buy Twitter."
            if not name_like(word[:-1] if last else word):
                break
            run.append((toks[i].start(), toks[i].end() - last))
            i += 1
            if last:
                break
        if run and not set(re.findall(r"\w+", text[run[0][0] : run[-1][1]].lower())) <= asked:
            out.append((run[0][0], run[-1][1]))
    return out


def spaced(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether one space, and nothing else, stands between tokens ``a`` and ``b``."""
    return text[a.end() : b.start()] == " "


def _describes(word: str) -> bool:
    """A word in lower case that can describe a place ("metropolitan", "northern"), not a
    word of grammar ("and", "the", "of")."""
    return word.isalpha() and word.islower() and len(word) > 3 and word not in _GRAMMAR


_GRAMMAR = frozenset(words("and from into with over near that this than then were been have their where which"))


# the items of "X, Y, and other <kind>" (one word each)
_OTHER = re.compile(r"\b([\w’'-]+(?:, [\w’'-]+)+),? (?:and|or) other $")
# "newspaper, the Nikkei", "company Uber", "city of Paris"
_NAME_WORD = r"(?:(?:[A-Z]\.)+|[A-Z0-9][\w+&’'-]*)"
_AFTER = re.compile(rf",?[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?({_NAME_WORD}(?:[ \t]+{_NAME_WORD})*)")
