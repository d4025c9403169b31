"""The evidence for a short answer's candidate, beside its sentence's relevance: the
question's words next to it (``nearness``), a surname counted as the full name the sentences
give (``full_names``), a noun counted as the compound the sentences give (``longer_nouns``),
the passages' headlines naming it (``in_titles``), a number counting the unit asked for
(``counts_unit``), a place of the kind asked for (``place_fit``). The extractive answerer
weighs them (``rag.answer``, docs/EVAL.md "Short answers")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import zip_longest

from rag.asks import COUNTS, PEOPLE, PLACE_HEADS, Wanted, names
from rag.followup import asked_words
from rag.places import place_kinds
from rag.sentences import stem, words
from rag.short import Candidate, stretch
from rag.titles import TITLE_WORDS


def nearness(question: str, text: str, c: Candidate, others: Sequence[Candidate] = (), window: int = 5) -> float:
    """The question's words next to the candidate, each weighted by 1 / its distance in words,
    within its own stretch of the sentence: in "Foreign Minister Yoshimasa Hayashi and
    Defense Minister Yasukazu Hamada", "defense" points at Hamada, not at Hayashi."""
    asked = {stem(w) for w in asked_words(question)}
    left, right = stretch(text, c, others, window)
    near = sum(1.0 / d for d, w in enumerate(reversed(left), start=1) if stem(w) in asked)
    return near + sum(1.0 / d for d, w in enumerate(right, start=1) if stem(w) in asked)


def full_names(found: Sequence[Sequence[Candidate]], first_names: bool = False) -> dict[str, str]:
    """Each person's shorter name -> the longest name the sentences give that ends with the
    same word and holds all of its words: "mcilroy" -> "rory mcilroy"; with ``first_names``
    (a question that asks for a person), a first name alone ("Kirsty's election") -> the one
    name that starts with it. Of two people of one surname ("Joe Biden", "Jill Biden"), the
    surname alone is the one the sentences name more often; named as often, "biden" stays."""
    labels = {c.key: c.label for mine in found for c in mine}
    said = Counter(c.key for mine in found for c in mine)
    people = {k for k, label in labels.items() if label == PEOPLE}
    # spaCy often tags a surname alone as an organisation ("McIlroy completed ...")
    surnames = {k for k in labels if " " not in k}
    out: dict[str, str] = {}
    for key in people | surnames:
        parts = key.split()
        # a first name: the names of its own kind that start with it ("Kirsty Coventry" is
        # sometimes an organisation to spaCy, "Kirsty" too); not for other questions, where
        # "Amazon" is no short "Amazon Web Services"
        starts: set[str] = set()
        if first_names and len(parts) == 1:  # not a name's possessive: "Sabalenka's US Open"
            starts = {
                k
                for k, label in labels.items()
                if label == labels[key] and k.split()[0] == key and k.split()[1:2] != ["s"]
            }
        longer = [
            p
            for p in people | starts
            if p != key and set(parts) <= set(p.split()) and (p.split()[-1] == parts[-1] or p in starts)
        ]
        longest = max(longer, key=len, default="")
        if longer and all(set(p.split()) <= set(longest.split()) for p in longer):
            out[key] = longest
        elif longer and all(p in people and p.split()[-1] == parts[-1] for p in longer):
            most = sorted(longer, key=lambda p: said[p], reverse=True)  # people of one surname
            if said[most[0]] > said[most[1]]:
                out[key] = most[0]
    return out


def longer_nouns(found: Sequence[Sequence[Candidate]], noun: str, known: Callable[[str], bool]) -> dict[str, str]:
    """Each noun phrase -> the one longer noun phrase of the sentences that ends with it and
    is a compound ``known`` (to WordNet): "cancer" -> "prostate cancer", "milk" -> "whole
    milk"; not "large bear". Two of them ("breast cancer", "prostate cancer") leave it as it is."""
    nouns = {c.key for mine in found for c in mine if c.label == noun}
    out: dict[str, str] = {}
    for key in nouns:
        longer = [p for p in nouns if p != key and p.endswith(" " + key) and len(p.split()) <= 3 and known(p)]
        longest = max(longer, key=len, default="")
        if longer and all(longest.endswith(" " + p) or p == longest for p in longer):
            out[key] = longest
    return out


def in_titles(keys: Sequence[str], titles: Iterable[str]) -> int:
    """How many of the ``titles`` name one of ``keys`` (a candidate's words): a headline
    names what its story is about."""
    return sum(any(f" {k} " in f" {' '.join(words(t))} " for k in keys) for t in titles)


def counts_unit(want: Wanted, text: str, c: Candidate) -> bool:
    """A "how many hours" candidate that counts hours: "25 hours", "a 10-day journey"."""
    if not want.unit:
        return False
    span_and_next = words(text[c.start : c.end]) + words(text[c.end :])[:1]
    return any(stem(w) == want.unit for w in span_and_next)


# the kind of place a question's head noun asks for
def place_fit(want: Wanted, c: Candidate) -> float:
    """+1 when a place is the kind the question asks for (a country for "which country"),
    -1 when it is another kind (a country or a state for "which city"), 0 otherwise."""
    asked = PLACE_HEADS.get(want.head)
    if asked is None or c.label not in ("GPE", "LOC"):
        return 0.0
    kind = place_kinds().get(c.key, "other")
    return 1.0 if kind == asked else -1.0


def agreement(
    found: Sequence[Sequence[Candidate]], mentions: Sequence[set[str]] = (), full: dict[str, str] | None = None
) -> dict[str, int]:
    """For each candidate's words, the number of sentences that name it, ``mentions``
    (countries named by nationality) counted too; a surname counts as its ``full`` name."""
    seen: dict[str, int] = {}
    full = full or {}
    for mine, also in zip_longest(found, mentions, fillvalue=()):
        for key in {full.get(c.key, c.key) for c in mine} | set(also):
            seen[key] = seen.get(key, 0) + 1
    return seen


def with_list(question: str, want: Wanted, best: Candidate, mine: list[Candidate], text: str) -> list[Candidate]:
    """``best`` alone, or for a list question, the candidates of its kind listed with it in
    ``text`` ("Hokkaido and the Tokyo metropolitan area", not the North Korea of another
    clause); for a plural, the people named together with it ("Lindsay Lohan and Oscar-winner
    Jamie Lee Curtis"), and for a "who" (not "who is ...", nor "which former first lady"), those
    people when they are three or more ("Foreign Minister Hayashi ..., alongside Secretary of
    State Blinken ..."), not those of another clause."""
    same = sorted((c for c in mine if c.label == best.label), key=lambda c: c.start)
    if best.label == PEOPLE and (want.plural or _WHO.search(question) is not None) and not SINGULAR.match(question):
        together = _run(same, same.index(best), lambda a, b: _named_together(text[a.end : b.start]))
        if len({c.key for c in together}) >= (2 if want.plural else 3):
            return list({c.key: c for c in together}.values())
    if not want.plural:
        return [best]
    listed = _run(same, same.index(best), lambda a, b: _LISTED.fullmatch(text[a.end : b.start]))
    return list({c.key: c for c in listed}.values())


def _run(items: list[Candidate], k: int, joined: Callable[[Candidate, Candidate], object]) -> list[Candidate]:
    """The items around ``items[k]`` each ``joined`` to the next."""
    first, last = k, k
    while first > 0 and joined(items[first - 1], items[first]):
        first -= 1
    while last + 1 < len(items) and joined(items[last], items[last + 1]):
        last += 1
    return items[first : last + 1]


_COUNTED = re.compile(rf"\b(?:which|what)\s+({'|'.join(COUNTS)})\b", re.I)


def capped(
    question: str, items: list[Candidate], best: Candidate, score: Callable[[Candidate], float]
) -> list[Candidate]:
    """A list no longer than the count the question names ("Which two actors ...?": the best
    and the next best by ``score`` of the names listed with it), in its order in the sentence."""
    m = _COUNTED.search(question)
    n = COUNTS[m.group(1).lower()] if m else 0
    if not n or len(items) <= n:
        return items
    keep = sorted(items, key=lambda c: (c is not best, -score(c)))[:n]
    return [c for c in items if any(c is k for k in keep)]


# what stands between two items of a list: "A, B and the C", "A or B", "A as well as B"
_LISTED = re.compile(r"\s*(,|;)?\s*((and|or|&|as well as|plus)\s+)?((the|a|an)\s+)?", re.I)


# what stands between people named together, as one subject or object: names, titles, ages
# and joining words ("Foreign Minister Hayashi and Defense Minister Hamada, alongside U.S.
# Secretary of State Blinken"); not a clause of their own ("Culkin snagged best supporting
# actor, while Saldaña got ...": each his own answer)
_JOINING = frozenset(names("and or alongside along together with as well plus including of the a an for")) | TITLE_WORDS


def _named_together(gap: str) -> bool:
    """Whether only names, titles, ages and joining words stand in ``gap``."""
    gap = re.sub(r"^-[\w'’-]*", "", gap)  # the rest of a compound of the name before: "Oscar-winner"
    return all(w[0].isupper() or w[0].isdigit() or w in _JOINING for w in re.findall(r"[^\s,;&()]+", gap))


_WHO = re.compile(r"\bwho\b", re.I)  # "Which former first lady ...?" asks for one person
SINGULAR = re.compile(r"^\s*(who|what|which)\b[^?]*?\b(is|was|'s)\b", re.I)


# a question asking who won: the wh-phrase, then the verb ("Which NFL team won ...?", "Who
# recently won ...?"); not "England beat which nation?", which asks for the one beaten
_ASKS_WINNER = re.compile(
    r"^\s*(?:who|(?:which|what)\s+[\w'’ -]+?)\s+(?:(?:has|have|had|just|recently|finally|will)\s+)*"
    r"(?:won|wins|win|beat|beats|defeated|defeats|triumphed|clinched|claimed)\b",
    re.I,
)
# what is said just before the one beaten: "defeating No. 12 seed Taylor Fritz", "a win over the
# Chiefs", "a victory over race favorite Renegade" (two words in lower case at most between);
# not "took over as chief executive"
_BEATEN_AFTER = re.compile(
    r"(?:\b(?:defeating|defeated|defeat|beat|beats|beating|edged|edging|edges|topped|topping|outlasted|"
    r"outlasting|upset|upsetting|downed|downing|routed|routing|vs\.?|versus)|"
    r"\b(?:win|victory|triumph|\d+-\d+)\s+(?:over|against))\s+"
    r"(?:the\s+)?(?:(?:No\.\s*\d+|top|\d+(?:st|nd|rd|th))(?:[\s-]+seeded|\s+seed)?\s+|defending\s+champions?\s+)?"
    r"(?-i:(?!(?:and|or|but|as|to|with)\s)[a-z][a-z-]*\s+){0,2}$",  # "a narrow victory over race favorite Renegade"
    re.I,
)
# what is said just after: "Fritz lost to Sinner", "the Chiefs, who fell ..."
_BEATEN_BEFORE = re.compile(
    r"^,?\s+(?:who\s+)?(?:lost|loses|fell|falls|was\s+beaten|were\s+beaten|finished\s+second)\b"
)


def beaten(question: str, text: str, c: Candidate) -> bool:
    """For a question that asks who won, whether the sentence tells of the candidate as the
    one beaten ("cruised to the US Open title, defeating No. 12 seed Taylor Fritz")."""
    if _ASKS_WINNER.search(question) is None:
        return False
    return bool(_BEATEN_AFTER.search(text[max(0, c.start - 60) : c.start]) or _BEATEN_BEFORE.match(text[c.end :]))
