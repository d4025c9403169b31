"""Where a question's own words put its answer in a sentence.

- **Beside the kind it names.** "Which newspaper ...?" is answered by the name next to
  "newspaper" in a sentence: "A major Japanese newspaper, the Nikkei, reports ..."; "Which
  missile warning system ...?" by "the J-Alert missile warning system"; "Over which
  prefecture ...?" by "Aomori Prefecture"; "What was the name of the giant schnauzer ...?" by
  "Monty the giant schnauzer" (``rag.beside.beside_kind``).
- **After its verb.** "What did the misstep prompt?" asks for the object of "prompt": "The
  incident prompted reviews of notification protocols" (``after_verb``).
- **After the words before a question word left in place.** "... found in which part of the
  human body?" is answered by what follows "found in": "found in the brain" (``after_anchor``),
  and "a deal to buy which company?" by the name after "buy": "to buy Twitter", which the
  tagger calls a person (``rag.beside.after_governing``).
- **In the place of the item it names, "respectively".** "Which American won gold?" is
  answered by Alex Hall in "Alex Hall and Nick Goepper won the gold and silver medals,
  respectively" (``respective``).

``read`` takes them from the question's words and the tagger's parts of speech (the tagger
calls a question's last verb a noun as often as not, "What did it prompt?", so the last word
of an object question counts as its verb too). The extractive answerer weighs a candidate
found so (``rag.answer``; docs/EVAL.md "Answers the question's words place").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rag.asks import as_asked
from rag.beside import ARTICLES, after_governing, beside_kind, tokens_of
from rag.entities import Token, tagged
from rag.levels import at_level
from rag.sentences import root, words
from rag.short import Candidate

_AUX = frozenset(words("do does did is are was were will would can could should has have had may might must"))
_COPULA = frozenset(words("is are was were"))
_KIND_OF = ("kind", "type", "sort", "form")
# between a verb and its object, kept in the answer ("reaffirm these objectives")
_DETERMINERS = frozenset(words("these those this that its their his her our your"))


@dataclass(frozen=True)
class Slots:
    """What in a question places its answer: the kind it names (its words in lower case, the
    head noun last) and, for a question that asks for an object, its verbs (roots)."""

    kind: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    anchor: tuple[str, str] | None = None  # "reduces cravings for what?": ("craving", "for"), roots
    plural: bool = False  # the kind's head noun is plural: "what metals" asks for several
    # a level asked for as crossed (``crossing``): "below", "above", "either"; "" for no level
    crossed: str = ""
    # the verb right before the question word, whose object it asks for ("to buy which
    # company?": "buy"), as a root; "" for none
    governed: str = ""


@lru_cache(maxsize=256)
def question_slots(ner: str, question: str) -> Slots:
    """The slots of ``question``, tagged by the spaCy pipeline ``ner``; a question without
    "which", "what" or "whose" has none and is not tagged. Kept for the question's next use
    (the answerer places candidates with them, then weighs their kind): tagging costs 3 ms."""
    question = as_asked(question)  # "which of the following people": which people
    return read(tagged(ner, question)) if _WH.search(question) else Slots()


_WH = re.compile(r"\b(which|what|whose)\b", re.I)


def asked_kind(ner: str, question: str) -> str:
    """The words of the kind ``question`` names ("celestial body"), "" when it names none."""
    return " ".join(question_slots(ner, question).kind)


def read(tokens: Sequence[Token]) -> Slots:
    """The slots of a question from its tagged words."""
    low = [t.text.lower() for t in tokens]
    wh = next((i for i, w in enumerate(low) if w in ("which", "what", "whose")), None)
    if wh is None:
        return Slots()
    j = wh + 1
    if j + 1 < len(low) and low[j] in _KIND_OF and low[j + 1] == "of":
        j += 2  # "what kind of dialogue": a dialogue
    named = j + 3 < len(low) and low[j] in _COPULA and low[j + 1] == "the" and low[j + 2 : j + 4] == ["name", "of"]
    if named:  # "what is the name of the erupting volcano": an erupting volcano
        j += 5 if j + 4 < len(low) and low[j + 4] in ARTICLES else 4
    kind: list[int] = []
    if (low[wh] == "which" or named) and _participle_before_noun(tokens, j):
        kind.append(j)  # "which incoming New York congressman", "which embattled CEO"
        j += 1
    while j < len(tokens) and tokens[j].pos in ("ADJ", "NOUN", "PROPN", "NUM") and tokens[j].tag != "POS":
        kind.append(j)
        j += 1
    while kind and tokens[kind[-1]].pos != "NOUN":
        kind.pop()
    verbs: list[str] = []
    # "what did the misstep prompt?": its object; "what is the name of the company Paul Dans
    # runs?": the object of "runs"
    if named or (j < len(low) and low[j] in _AUX):
        rest = tokens[j:] if named else tokens[j + 1 :]
        # a verb of a clause that describes a noun is not the question's ("What was the name of
        # the schnauzer that won best in show?" asks for no object of "won")
        main = next((k for k, t in enumerate(rest) if t.tag in ("WDT", "WP")), len(rest))
        verbs = [root(t.text) for t in rest[:main] if t.pos == "VERB"]
        end = next((k for k, t in enumerate(rest) if t.text in (",", "?")), len(rest))
        last = [k for k, t in enumerate(rest[:end]) if t.pos not in ("PUNCT", "ADP", "PART")]
        if last and rest[last[-1]].pos in ("NOUN", "VERB") and (last[-1] == 0 or rest[last[-1] - 1].pos != "ADP"):
            verbs.append(root(rest[last[-1]].text))  # not "... share in peacetime?"
    plural = bool(kind) and tokens[kind[-1]].tag in ("NNS", "NNPS")
    # "a deal to buy which company?": the object of "buy" ("to buy Twitter")
    governed = root(tokens[wh - 1].text) if wh > 0 and tokens[wh - 1].pos == "VERB" else ""
    return Slots(
        tuple(tokens[k].text.lower() for k in kind),
        tuple(dict.fromkeys(verbs)),
        _anchor(tokens, wh),
        plural,
        governed=governed,
    )


def _participle_before_noun(tokens: Sequence[Token], j: int) -> bool:
    """Whether word ``j`` is a participle describing the noun phrase after it ("incoming",
    "embattled", "retired"): the tagger calls such a word after "which" a verb."""
    if j + 1 >= len(tokens):
        return False
    word = tokens[j].text.lower()
    return (
        tokens[j].tag in ("VBG", "VBN", "VBD")
        and word.endswith(("ing", "ed"))
        and tokens[j + 1].pos in ("ADJ", "NOUN", "PROPN")
    )


_TIME_WORDS = frozenset(words("this last next week weekend month year today yesterday recently"))


def _anchor(tokens: Sequence[Token], wh: int) -> tuple[str, str] | None:
    """The word and preposition before a question word left in place ("reduces cravings for
    what?", "lowered the minimum age ... to what?"), a time phrase skipped ("held a meeting
    this week in which state?")."""
    if wh < 2 or tokens[wh - 1].pos != "ADP":
        return None
    k = wh - 2
    while k > 0 and tokens[k].text.lower() in _TIME_WORDS:
        k -= 1
    if tokens[k].pos not in ("NOUN", "VERB", "ADJ", "PROPN", "NUM"):
        return None
    return root(tokens[k].text), tokens[wh - 1].text.lower()


def _only_determiners(between: str) -> bool:
    """Whether ``between`` holds nothing but articles and determiners ("the", "these"), or
    nothing at all: what may stand between a verb or preposition and its object."""
    return all(w.lower() in _DETERMINERS | ARTICLES for w in between.split())


def _object_gap(between: str) -> bool:
    """``_only_determiners``, or the things an object refers to before naming one: "cravings
    for other substances like alcohol" names alcohol."""
    return _only_determiners(between) or _OTHER_LIKE.fullmatch(between) is not None


_OTHER_LIKE = re.compile(r"\s*(?:the\s+)?other\s+[\w-]+(?:\s+[\w-]+)?,?\s+(?:like|such\s+as|including)\s+", re.I)


def after_verb(slots: Slots, text: str, start: int) -> int | None:
    """Where the object of one of the question's verbs begins in ``text``, when a candidate
    starting at ``start`` is that object ("prompted reviews", "reaffirm these objectives"):
    the start of its determiner if it has one other than an article, else ``start``. A verb
    after an article is an adjective ("the shared use of bases": no object of "share")."""
    if not slots.verbs:
        return None
    before = tokens_of(text[:start])[-_BEFORE:]
    for k, t in enumerate(before):
        if root(t.group()) not in slots.verbs or (k and before[k - 1].group().lower() in ARTICLES | _DETERMINERS):
            continue
        if _object_gap(text[t.end() : start]):
            kept = [b for b in before[k + 1 :] if b.group().lower() in _DETERMINERS]
            return kept[0].start() if kept else start
    return None


def after_anchor(slots: Slots, text: str, start: int) -> bool:
    """Whether a candidate starting at ``start`` follows the question's anchor word and
    preposition ("cravings for alcohol" for "reduces cravings for what?"), or the verb that
    governs its question word ("lead the Department of Government Efficiency" for "tapped to
    lead which government agency?")."""
    before = tokens_of(text[:start])[-_BEFORE:]
    for k in range(len(before)):
        if slots.anchor is not None and k + 1 < len(before):
            word, prep = slots.anchor
            prep_at = before[k + 1]
            anchored = root(before[k].group()) == word and prep_at.group().lower() == prep
            if anchored and _object_gap(text[prep_at.end() : start]):
                return True
        governs = slots.governed and root(before[k].group()) == slots.governed and before[k].group()[:1].islower()
        if governs and _object_gap(text[before[k].end() : start]):
            return True
    return False


_BEFORE = 7  # the words before a candidate read for its verb or anchor ("for other substances like")


_RESPECTIVELY = re.compile(r",?\s+respectively\b", re.I)
_ITEM = r"[\w$%.’'-]+"
_ITEMS = re.compile(rf"\b({_ITEM})((?:,\s+{_ITEM})*),?\s+and\s+({_ITEM})")
_JOINED = re.compile(r"(?:,\s*|,?\s+and\s+)")


def respective(asked: set[str], text: str, found: Sequence[Candidate]) -> set[Candidate]:
    """The candidate a question's words place through "respectively": in "Alex Hall and Nick
    Goepper won the gold and silver medals, respectively", "won gold" (``asked``, the
    question's words in lower case) places Alex Hall, the name in the place of "gold"; none
    when the question names no item of the list or more than one."""
    m = _RESPECTIVELY.search(text)
    if m is None:
        return set()
    mine = sorted((c for c in found if c.end <= m.start()), key=lambda c: c.start)
    runs: list[list[Candidate]] = []
    for c in mine:
        if runs and _JOINED.fullmatch(text[runs[-1][-1].end : c.start]):
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in (r for r in runs if len(r) > 1):
        for it in _ITEMS.finditer(text, 0, m.start()):
            if it.start() < run[-1].end and run[0].start < it.end():
                continue  # the names themselves
            items = [it.group(1), *re.findall(_ITEM, it.group(2)), it.group(3)]
            named = [k for k, w in enumerate(items) if w.lower() in asked]
            if len(items) == len(run) and len(named) == 1:
                return {run[named[0]]}
    return set()


def object_end(text: str, end: int, starts: dict[int, int]) -> int:
    """The end of an object that goes on with "of" and another noun phrase ("reviews of
    notification protocols"): ``starts`` maps each other candidate's start to its end."""
    m = re.match(r" of (?:the |a |an )?", text[end:])
    return starts.get(end + m.end(), end) if m else end


def place(
    slots: Slots, question: str, label: str, texts: Sequence[str], found: list[list[Candidate]]
) -> list[list[Candidate]]:
    """The candidates with those the question's words place marked (``Candidate.placed``): a
    name beside the kind, or after the verb before the question word, becomes a candidate of
    the kind asked for (replacing an entity it overlaps: "Aomori" for "Aomori Prefecture"),
    and an object runs on over "of" and takes its determiner ("reviews of notification
    protocols", "these objectives"). ``label`` is the kind a new candidate takes."""
    asked = set(words(question))
    out: list[list[Candidate]] = []
    for i, (text, mine) in enumerate(zip(texts, found, strict=True)):
        kept = list(mine)
        for s, e in [*beside_kind(slots, text, asked), *after_governing(slots, text, asked)]:
            over = [c for c in kept if c.start < e and s < c.end]
            kept = [c for c in kept if c not in over]
            like = over[0] if over else None
            key = " ".join(words(text[s:e]))
            kept.append(Candidate(i, s, e, like.label if like else label, like.rank if like else 0, key, True))
        starts = {c.start: c.end for c in kept if not c.placed}  # an object runs on into no name beside the kind
        paired = respective(asked, text, kept)
        for k, c in enumerate(kept):
            start = None if c.placed else after_verb(slots, text, c.start)
            if (
                start is None
                and not c.placed
                and (
                    c in paired
                    or after_anchor(slots, text, c.start)
                    or (slots.crossed and at_level(slots.crossed, text, c.start, c.end))
                )
            ):
                kept[k] = replace(c, placed=True)
            elif start is not None:
                end = object_end(text, c.end, starts)
                kept[k] = replace(c, start=start, end=end, key=" ".join(words(text[start:end])), placed=True)
        out.append(sorted(kept, key=lambda c: c.start))
    return out
