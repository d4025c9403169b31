"""What a question asks for: ``wanted(question)`` reads the kind of thing asked for (a
person, an organisation, a place, a date, a number, an amount ...) as spaCy entity labels,
best first, or a noun phrase when the kind has no label ("which illness"); whether it asks
for several ("which two actors", "who are ..."), and whether the answer must abstain when
no such thing is found (a date, a number, an amount, a person asked by "who").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.entities import NOUN_PHRASE, QUOTE, SCORE, STORM_KINDS
from rag.howlong import asked as asked_time
from rag.sentences import NUMBER_WORDS, plural_of, stem


def names(text: str) -> tuple[str, ...]:
    """The words of a space-separated list."""
    return tuple(text.split())


TITLE_WORDS = frozenset(
    names(
        "president vice prime minister secretary defense defence foreign state general attorney senator sen rep "
        "representative gov governor mayor dr mr mrs ms sir lord lady chancellor ambassador chief justice judge "
        "pope king queen prince princess former first lady u.s. us uk un eu"
    )
)  # the words of a person's titles ("prime", "minister", "secretary")
PEOPLE = "PERSON"
PLACES = ("GPE", "LOC", "FAC")  # the labels of a place
# the heads of a place question -> the kind of place it asks for (rag.places.place_kinds)
PLACE_HEADS = {"country": "country", "countries": "country", "nation": "country", "nations": "country"}
PLACE_HEADS |= {"state": "state", "states": "state"}
PLACE_HEADS |= {"city": "other", "cities": "other", "town": "other", "village": "other", "capital": "other"}
NAMES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "NORP", "FAC", "LAW")
ANY_KIND = (*NAMES, NOUN_PHRASE)


# the kinds of a level an amount crosses (rag.levels.at_level): "fell below which level"
LEVEL_HEADS = names("level milestone threshold benchmark")
LEVELS = frozenset((*LEVEL_HEADS, "levels"))
# the noun a "which ..." question names -> the entity label of its answer
HEADS: dict[str, tuple[str, ...]] = {
    "PERSON": names(
        "person people man men woman women leader actor actress singer player athlete author writer "
        "president ceo executive director judge official politician minister star rapper musician chef coach "
        "billionaire candidate pope king queen prince princess senator governor mayor lawmaker host anchor comedian "
        "artist designer scientist astronaut founder celebrity character boxer golfer quarterback pitcher driver "
        "rider skier cyclist swimmer runner footballer explorer economist journalist reporter spokesperson "
        "nominee contestant winner champion pilot figure"
    ),
    "ORG": names(
        "company firm organization organisation group team club party agency network "
        "broadcaster brand airline retailer bank maker manufacturer carmaker automaker startup university college "
        "newspaper outlet magazine publication channel studio label union league band charity store chain "
        "restaurant giant corporation business platform service website school department ministry "
        "court institution museum conglomerate insurer lender regulator"
    ),
    "GPE": names(
        "country city state nation capital town island region province "
        "county territory destination place village nationality prefecture"
    ),
    "LOC": names("river lake mountain sea ocean continent area desert volcano peninsula coast bay gulf"),
    "FAC": names("airport bridge building stadium arena landmark venue palace cathedral monument park site prison"),
    "DATE": names("year date day month decade century season deadline"),
    "EVENT": names(
        "event holiday festival celebration observance tournament war storm hurricane typhoon cyclone "
        "championship race competition games"
    ),
    "WORK_OF_ART": names("film movie book song album show series novel play painting opera musical documentary"),
    "PRODUCT": names("product car phone app device vaccine drug model aircraft plane vehicle chatbot console"),
    "NORP": names("religion"),
    "LANGUAGE": names("language"),
    "LAW": names("law act bill treaty"),
    # "fell below which level": gas at $3 ("what eye-popping threshold", "which milestone")
    "MONEY": (*names("amount price cost fee fine salary"), *LEVEL_HEADS),
    "PERCENT": names("percentage percent share rate"),
    "CARDINAL": names("number"),
    # words in quotation marks: "which phrase" ("End Racism"), "what nickname" ("Quad God"), "what
    # theme" ("Costume Art")
    QUOTE: names("phrase slogan motto catchphrase saying quote quotation word words term nickname chant theme"),
}
_HEAD_LABEL = {head: label for label, heads in HEADS.items() for head in heads}
_KIND_WORDS = frozenset(_HEAD_LABEL)  # the nouns that name a kind ("company", "city"), singular
_HEAD_LABEL = {plural_of(h): label for h, label in _HEAD_LABEL.items()} | _HEAD_LABEL  # "which Japanese areas"
_PEOPLE_GROUPS = {"group", "groups"}  # people, named by a noun phrase more often than by a name
# a storm is named as people are ("Arthur", "Erin"), and the small pipeline tags the name a
# person or an organisation as often as an event ("Beryl strengthened ...")
STORMS = frozenset(w for h in STORM_KINDS for w in (h, plural_of(h)))
_STORM_LABELS = ("EVENT", "PERSON", "ORG")


def head_label(noun: str) -> str | None:
    """The entity label of what a head noun names ("city" -> GPE), if it is one we know."""
    return _HEAD_LABEL.get(noun.lower())


# a head noun also admits these labels (spaCy often tags a country GPE where a place is asked)
_ALSO = {
    "GPE": ("LOC", "FAC"),
    "LOC": ("GPE", "FAC"),
    "FAC": ("GPE", "LOC", "ORG"),
    "ORG": ("PRODUCT",),
    "PERSON": ("ORG",),
    "EVENT": ("DATE",),
    "DATE": ("EVENT",),
    "PRODUCT": ("ORG", "WORK_OF_ART"),
    "WORK_OF_ART": ("PRODUCT", "EVENT"),
    "LAW": ("WORK_OF_ART",),
    "MONEY": ("CARDINAL",),
    "PERCENT": ("CARDINAL",),
}
AMOUNTS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
NUMBERS = (*AMOUNTS, "DATE", "TIME")  # the labels of dates, times and amounts
COUNTS = {w: n for w, n in NUMBER_WORDS.items() if 2 <= n <= 6}  # "which two actors": a list of two
_COUNT_WORDS = "|".join([*COUNTS, "both"])
_CLOCK = {"hour", "minut", "secon"}  # units of a "how many" question that spaCy tags TIME
_AUXILIARIES = "is|are|was|were|will|would|did|does|do|has|have|had|can|could|should|might|may|must"


@dataclass(frozen=True)
class Wanted:
    """What a question asks for: entity labels, best first."""

    labels: tuple[str, ...]
    plural: bool = False  # several things ("which two countries", "who are ...")
    head: str = ""  # the noun that names the kind ("country", "city", "company" ...), if any
    strict: bool = False  # a date, number, amount or name must be there, or the answer abstains
    exact_date: bool = False  # a day or month, not "in the coming weeks"
    unit: str = ""  # what a "how many" question counts ("hours", "astronauts"), stemmed
    when: bool = False  # a "when" question: a vague time answers it with its preposition
    kind_nouns: str = ""  # the kind ("drug") whose noun phrases WordNet has as such are admitted too (rag.kinds)


def wanted(question: str) -> Wanted | None:
    """What ``question`` asks for, or None when it asks for an explanation (why, how)."""
    q = " ".join(as_asked(question).lower().replace("’", "'").split())
    plural = bool(re.search(rf"\b(which|what) ({_COUNT_WORDS})\b|\bwho (are|were)\b", q))
    if m := re.search(r"\bhow (many|much|long|old|far|big|tall|large|high)\b", q):
        kind = m.group(1)
        if kind == "much" and re.search(r"\b(cost|costs|pay|paid|worth|spend|spent|price|raise|raised|fine)\b", q):
            return Wanted(("MONEY", "CARDINAL", "QUANTITY"), strict=True)
        if kind in ("long", "old"):
            return Wanted(("DATE", "TIME", "QUANTITY", "CARDINAL"), strict=True)
        if kind == "much":
            return Wanted(_much(q[m.end() :]), strict=True)
        order: tuple[str, ...] = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE") if kind == "many" else NUMBERS
        unit = re.match(r"\s+([a-z]+)", q[m.end() :]) if kind == "many" else None
        counted = stem(unit.group(1)) if unit else ""
        if counted in _CLOCK:  # "25 hours and 5 minutes" is a TIME
            order = ("TIME", *order)
        if asked_time(q):  # "how many years ago": the date it is counted from ("in 1976"), first
            order = ("DATE", "CARDINAL", "QUANTITY")
        return Wanted(order, strict=True, unit=counted)
    if re.search(r"\b(exact|specific) (date|day)\b|\bon what (date|day)\b|\bwhat date\b", q):
        return Wanted(("DATE",), strict=True, exact_date=True)
    if _SCORE_ASKED.search(q):  # "What was the final score?": "40-22"
        return Wanted((SCORE,))
    if _SAID.match(q):  # "What did Trump say about tariffs?": what was said, not one thing
        return None
    if (named := _DEFINED.fullmatch(as_asked(question).strip())) and not _titled(named["name"]):
        return None  # "Who is Pete Hegseth?", "What is DOGE?": who or what it is, not one name
    head = _head(" ".join(as_asked(question).replace("’", "'").split()))
    if head is not None:
        label = _HEAD_LABEL[head]
        plural = plural or (head.endswith("s") and head not in ("games", "series", "news", "years", "days"))
        strict = label in ("DATE", "MONEY", "PERCENT")
        also = _ALSO.get(label, ())
        if head in _PEOPLE_GROUPS:  # "which group received $0 paychecks": air traffic controllers
            label, also = NOUN_PHRASE, (label, "NORP")
        if head in STORMS:  # "which storm": its name
            label, also = _STORM_LABELS[0], _STORM_LABELS[1:]
        return Wanted((label, *also), plural=plural, strict=strict, head=head)
    if re.match(r"^(who|whom)\b", q) or re.search(r"\b(to|by|with|for|from) whom\b", q):
        # a contest's winner or loser may be a country's team: "who beat the United States in
        # the World Cup?" is Belgium
        contest = _CONTEST.match(q) is not None
        return Wanted(("PERSON", "ORG", "GPE") if contest else ("PERSON", "ORG"), plural=plural, strict=True)
    if re.search(r"(^|\W)whose\b", q):
        return Wanted(("PERSON", "ORG", "GPE", "NORP"), plural=plural)
    if re.search(r"(^|[.?!,]\s|\b(in|at|from|to)\s)where\b|^where\b|\bwhere (did|does|do|is|are|was|were|will)\b", q):
        return Wanted(("GPE", "LOC", "FAC", "ORG"), plural=plural)
    # "when" after a sentence or a comma asks only with a verb after it ("Finally, when does
    # summer begin?"); "in 1980, when the US team beat ..." is a clause about the past
    if re.match(r"when\b", q) or re.search(rf"[.?!,]\s+when\s+(?:{_AUXILIARIES})\b", q):
        return Wanted(("DATE", "TIME", "EVENT"), strict=True, when=True)
    if re.search(r"\b(which|what)\b", q):
        # a kind we have no label for ("which illness", "banned what"): a name, or a noun phrase
        return Wanted(ANY_KIND, plural)
    return None


# a game's result: "what was the final score", "by what score did ... win"; not "what is the
# average credit score" nor "how many points did he score"
_SCORE_ASKED = re.compile(
    r"\b(?:what|which)(?:\s+(?:was|is|were|are)|'s)\s+the\s+(?:final\s+|full-time\s+|half-time\s+)?score(?:line)?\b"
    r"|\b(?:by|with)\s+what\s+score\b|\bwhat\s+(?:was|is)\s+the\s+result\s+of\s+the\s+(?:game|match)\b"
)


# "what did the judge say?", "what has the White House said about the strike?", "what did
# Trump tell reporters about Canada?", "what did Biden say in his speech?"; not "what did
# Sony say it will no longer produce?" nor "what did the mayor say was the reason?"
_SAID = re.compile(
    rf"what\s+(?:{_AUXILIARIES})\s+(?:\S+\s+){{1,8}}?(?:say|said|saying|says|tell|told|telling|write|wrote|written)"
    r"(?:\s+(?:to\s+)?[\w.'-]+)?"
    r"(?:\s+(?:about|of|on|regarding|in|at|during|after|before|when|while|following)\b.*)?\W*$"
)


# "who is Pete Hegseth", "what is DOGE", "who was Jimmy Carter": a name and nothing more
_DEFINED = re.compile(
    r"(?i:who|what)\s+(?i:is|was|are|were)\s+"
    r"(?P<name>(?!The\b)[A-Z][\w.'’&-]*(?:\s+(?:[A-Z0-9][\w.'’&-]*|of|de|da|del|van|von|al|bin|and|&|the))*)"
    r"\s*[?.!]*"
)


def _titled(name: str) -> bool:
    """Whether ``name`` holds a title or a kind ("Prime Minister of Japan", "President"): it
    asks for who holds it, not who someone is."""
    said = {w.strip(".,'’").lower() for w in name.split()}
    return bool(said & (TITLE_WORDS | _KIND_WORDS))


def _much(after: str) -> tuple[str, ...]:
    """The labels a "how much" question asks for, by the words after it: an amount, not a
    count ("eight" pieces is no answer to "how much did the thieves steal"); money first
    when no noun follows ("how much did they steal", "totalling how much?"), the quantity of
    the noun that does ("how much rain"), a span of time for "how much time"."""
    if re.match(r"\s+(money|cash)\b", after):
        return ("MONEY", "CARDINAL", "QUANTITY")
    if re.match(r"\s+time\b", after):
        return ("DATE", "TIME", "QUANTITY", "CARDINAL")
    if re.match(rf"\s*(?:$|[?.,;]|(?:{_AUXILIARIES}|more|less|so far|in|of|for|from|to|by|over|on)\b)", after):
        return ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
    return ("QUANTITY", "CARDINAL", "PERCENT", "MONEY")


# a quiz's "which of the following" names no kind: the kind, if any, comes after it
_FOLLOWING_VERB = re.compile(rf"\b([Ww])hich of the following (?=(?i:{_AUXILIARIES})\b)")
_FOLLOWING = re.compile(r"\b([Ww]hich|[Ww]hat) of the following\b")


def as_asked(question: str) -> str:
    """``question`` without a quiz's "of the following", which names no kind: "Which of the
    following people did he select?" asks "Which people did he select?", and "Which of the
    following was the first named storm?" asks "What was the first named storm?"."""
    question = _FOLLOWING_VERB.sub(lambda m: ("W" if m.group(1) == "W" else "w") + "hat ", question)
    return _FOLLOWING.sub(r"\1", question)


# words that end the kind's noun phrase after "which": a verb of the question, a preposition,
# or the determiner of another noun ("which horse won this year's Derby": a horse, not a year)
_PHRASE_ENDS = set(names("is was are were did does do has have will can this that these those its his her their"))
_PHRASE_ENDS |= set(names("the a an of in on at to for from with by during into"))
_DETERMINERS = set(names("the a an this that its his her their"))
# a kind that describes the noun after it: "giant schnauzer" is a dog ("tech giant" a company)
_BEFORE_NOUNS = frozenset(("giant", "giants"))


def _noun(word: Sequence[str]) -> bool:
    """Whether the one word in ``word`` is a noun WordNet knows ("schnauzer"; not "filed")."""
    from rag.kinds import wordnet  # rag.kinds reads this module's kinds

    known = wordnet()
    return bool(word) and word[0] not in _PHRASE_ENDS and known is not None and known.lemma(word[0]) is not None


_WHICH_PHRASE = re.compile(
    r"\b(which|what)\s+(?:(?:is|was|are|were) (?:(?:the|a|an) |(?=(?:[\w-]+\s+){0,3}[\w-]+'s\s)))?"
    r"((?:[\w'-]+\s+){0,4}[\w'-]+)",
    re.I,
)


def _name_starts(ws: Sequence[str], k: int) -> bool:
    """Word ``k`` of ``ws`` is capitalised after one in lower case: a name begins there."""
    return k > 0 and ws[k - 1][:1].islower() and ws[k][:1].isupper()


_CONTEST = re.compile(
    r"who\s+(?:(?:has|have|had|just|recently|finally|will|did)\s+)*"
    r"(?:won|wins|win|beat|beats|defeated|defeats|eliminated|knocked|lost|loses|triumphed|clinched)\b"
)


def _head(question: str) -> str | None:
    """The noun a "which/what ..." question names as its answer's kind ("which popular
    European tourist destination" -> "destination"), if it is one we know; ``question`` as
    asked, its capitals telling where a name begins."""
    # "what is the new fee", and "what was Kim Jong Un's nickname" (a name's possessive after the verb)
    for m in _WHICH_PHRASE.finditer(question):
        as_written = m.group(2).split()
        found = [w.lower() for w in as_written]
        if found[:2] == ["name", "of"]:  # "what is the name of the hurricane": a hurricane
            skip = 3 if found[2:3] and found[2] in _DETERMINERS else 2
            found, as_written = found[skip:], as_written[skip:]
        bare = [w.removesuffix("'s") for w in found]  # "which state's history": a state
        for k, word in enumerate(found):  # "what is the new fee": a fee
            if word != bare[k] and bare[k] in _HEAD_LABEL:
                return bare[k]
            if word in _HEAD_LABEL and not (word in _BEFORE_NOUNS and _noun(found[k + 1 : k + 2])):
                # the last of a compound: "drug store chain" is a chain, "official deadline" a
                # date, "State Department official" an official; a capitalised word after one in
                # lower case starts a name ("the charity Prince Harry left": a charity)
                while k + 1 < len(found) and bare[k + 1] in _HEAD_LABEL and not _name_starts(as_written, k + 1):
                    k += 1
                return bare[k]
            if word in _PHRASE_ENDS:
                break
    return None
