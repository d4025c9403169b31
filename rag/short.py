"""The short answer: the thing a question asks for, found in the answer sentences.

``wanted(question)`` reads what kind of thing is asked for (a person, an organisation, a
place, a date, a number, an amount, a title ...) as spaCy entity labels, or a noun phrase
when the kind has no label ("which illness"); ``candidates`` finds those in the candidate
sentences, leaving out what the question already names (under any of its names, "the US"
for "United States") and datelines ("WASHINGTON —"). The extractive answerer takes the
candidate with the best evidence over all sentences (``rag.evidence``), copied verbatim, as
the short answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest

from rag.dates import with_preposition
from rag.entities import NOUN_PHRASE, Entity
from rag.followup import asked_words
from rag.places import countries_named, country_key
from rag.sentences import plural_of, stem, words

PEOPLE = "PERSON"
_ANY_NAME = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "NORP", "FAC", "LAW")
_ANY_KIND = (*_ANY_NAME, NOUN_PHRASE)


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# the noun a "which ..." question names -> the entity label of its answer
_HEADS: dict[str, tuple[str, ...]] = {
    "PERSON": _names(
        "person people man men woman women leader actor actress singer player athlete author writer "
        "president ceo executive director judge official politician minister star rapper musician chef coach "
        "billionaire candidate pope king queen prince princess senator governor mayor lawmaker host anchor comedian "
        "artist designer scientist astronaut founder celebrity character boxer golfer quarterback pitcher driver "
        "rider skier cyclist swimmer runner footballer explorer economist journalist reporter spokesperson "
        "nominee contestant winner champion pilot"
    ),
    "ORG": _names(
        "company firm organization organisation group team club party agency network "
        "broadcaster brand airline retailer bank maker manufacturer carmaker automaker startup university college "
        "newspaper outlet magazine publication channel studio label union league band charity store chain "
        "restaurant giant corporation business platform service website school department ministry "
        "court institution museum conglomerate insurer lender regulator"
    ),
    "GPE": _names(
        "country city state nation capital town island region province "
        "county territory destination place village nationality prefecture"
    ),
    "LOC": _names("river lake mountain sea ocean continent area desert volcano peninsula coast bay gulf"),
    "FAC": _names("airport bridge building stadium arena landmark venue palace cathedral monument park site prison"),
    "DATE": _names("year date day month decade century season deadline"),
    "EVENT": _names("event holiday festival tournament war storm hurricane championship race competition games"),
    "WORK_OF_ART": _names("film movie book song album show series novel play painting opera musical documentary"),
    "PRODUCT": _names("product car phone app device vaccine drug model aircraft plane vehicle chatbot console"),
    "NORP": _names("religion"),
    "LANGUAGE": _names("language"),
    "LAW": _names("law act bill treaty"),
    "MONEY": _names("amount price cost fee fine salary"),
    "PERCENT": _names("percentage percent share rate"),
    "CARDINAL": _names("number"),
}
_HEAD_LABEL = {head: label for label, heads in _HEADS.items() for head in heads}
_HEAD_LABEL = {plural_of(h): label for h, label in _HEAD_LABEL.items()} | _HEAD_LABEL  # "which Japanese areas"
_PEOPLE_GROUPS = {"group", "groups"}  # people, named by a noun phrase more often than by a name


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
_AMOUNTS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
NUMBERS = (*_AMOUNTS, "DATE", "TIME")  # the labels of dates, times and amounts
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}  # "which two actors": a list of two
_COUNT_WORDS = "|".join([*COUNTS, "both"])
_CLOCK = {"hour", "minut", "secon"}  # units of a "how many" question that spaCy tags TIME
_COUNT = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|dozen|half)\b",
    re.I,
)
_MONTH_OR_DAY = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_TITLES = set(
    _names(
        "president vice prime minister secretary defense defence foreign state general attorney senator sen rep "
        "representative gov governor mayor dr mr mrs ms sir lord lady chancellor ambassador chief justice judge "
        "pope king queen prince princess former first lady u.s. us uk un eu"
    )
)
_NOT_A_NAME = {*_HEADS["ORG"], *_names("army corps department council committee office house force forces guard")}


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


def wanted(question: str) -> Wanted | None:
    """What ``question`` asks for, or None when it asks for an explanation (why, how)."""
    q = " ".join(question.lower().replace("’", "'").split())
    plural = bool(re.search(rf"\b(which|what) ({_COUNT_WORDS})\b|\bwho (are|were)\b", q))
    if m := re.search(r"\bhow (many|much|long|old|far|big|tall|large|high)\b", q):
        kind = m.group(1)
        if kind == "much" and re.search(r"\b(cost|costs|pay|paid|worth|spend|spent|price|raise|raised|fine)\b", q):
            return Wanted(("MONEY", "CARDINAL", "QUANTITY"), strict=True)
        if kind in ("long", "old"):
            return Wanted(("DATE", "TIME", "QUANTITY", "CARDINAL"), strict=True)
        order = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE") if kind == "many" else NUMBERS
        unit = re.match(r"\s+([a-z]+)", q[m.end() :]) if kind == "many" else None
        counted = stem(unit.group(1)) if unit else ""
        if counted in _CLOCK:  # "25 hours and 5 minutes" is a TIME
            order = ("TIME", *order)
        return Wanted(order, strict=True, unit=counted)
    if re.search(r"\b(exact|specific) (date|day)\b|\bon what (date|day)\b|\bwhat date\b", q):
        return Wanted(("DATE",), strict=True, exact_date=True)
    head = _head(q)
    if head is not None:
        label = _HEAD_LABEL[head]
        plural = plural or (head.endswith("s") and head not in ("games", "series", "news", "years", "days"))
        strict = label in ("DATE", "MONEY", "PERCENT")
        also = _ALSO.get(label, ())
        if head in _PEOPLE_GROUPS:  # "which group received $0 paychecks": air traffic controllers
            label, also = NOUN_PHRASE, (label, "NORP")
        return Wanted((label, *also), plural=plural, strict=strict, head=head)
    if re.match(r"^(who|whom)\b", q) or re.search(r"\b(to|by|with|for|from) whom\b", q):
        return Wanted(("PERSON", "ORG"), plural=plural, strict=True)
    if re.search(r"(^|\W)whose\b", q):
        return Wanted(("PERSON", "ORG", "GPE", "NORP"), plural=plural)
    if re.search(r"(^|[.?!,]\s|\b(in|at|from|to)\s)where\b|^where\b|\bwhere (did|does|do|is|are|was|were|will)\b", q):
        return Wanted(("GPE", "LOC", "FAC", "ORG"), plural=plural)
    if re.search(r"(^|[.?!,]\s)when\b|^when\b", q):
        return Wanted(("DATE", "TIME", "EVENT"), strict=True, when=True)
    if re.search(r"\b(which|what)\b", q):
        # a kind we have no label for ("which illness", "banned what"): a name, or a noun phrase
        return Wanted(_ANY_KIND, plural)
    return None


# words that end the kind's noun phrase after "which": a verb of the question, a preposition,
# or the determiner of another noun ("which horse won this year's Derby": a horse, not a year)
_PHRASE_ENDS = set(_names("is was are were did does do has have will can this that these those its his her their"))
_PHRASE_ENDS |= set(_names("the a an of in on at to for from with by during into"))


def _head(q: str) -> str | None:
    """The noun a "which/what ..." question names as its answer's kind ("which popular
    European tourist destination" -> "destination"), if it is one we know."""
    for m in re.finditer(r"\b(which|what)\s+(?:(?:is|was|are|were) (?:the|a|an) )?((?:[\w'-]+\s+){0,4}[\w'-]+)", q):
        found = m.group(2).split()
        bare = [w.removesuffix("'s") for w in found]  # "which state's history": a state
        for k, word in enumerate(found):  # "what is the new fee": a fee
            if word != bare[k] and bare[k] in _HEAD_LABEL:
                return bare[k]
            if word in _HEAD_LABEL:
                # the last of a compound: "drug store chain" is a chain, "official deadline" a date
                while k + 1 < len(found) and bare[k + 1] in _HEAD_LABEL:
                    k += 1
                return bare[k]
            if word in _PHRASE_ENDS:
                break
    return None


@dataclass(frozen=True)
class Candidate:
    """An entity of a wanted label in sentence ``sentence``: ``text[start:end]`` of that sentence."""

    sentence: int
    start: int
    end: int
    label: str
    rank: int  # the label's place in ``Wanted.labels`` (0 best)
    key: str  # its words, for counting agreement across sentences
    placed: bool = False  # the question's words place it: beside the kind it names, after its verb (rag.slots)


def candidates(
    question: str, want: Wanted, texts: Sequence[str], found: Sequence[Sequence[Entity]]
) -> list[list[Candidate]]:
    """Per sentence, its entities of a wanted label that the question does not already name.
    A person asked for by title ("Who is the Prime Minister of Japan?") must carry the title's
    words around the name: the foreign minister is no answer."""
    asked = set(words(question))
    named = countries_named(question) | acronyms(question)
    surnames = {w.lower() for w in re.findall(r"(?<=\S\s)[A-Z][\w'’-]+", question)}
    by_title = want.labels[0] == PEOPLE and want.labels != _ANY_KIND  # "who", "which leader"
    titles = asked_titles(question) if by_title else set()
    out: list[list[Candidate]] = []
    for i, (text, ents) in enumerate(zip(texts, found, strict=True)):
        mine: list[Candidate] = []
        dateline = _DATELINE.match(text)
        for ent in ents:
            start, end, label = _trim(text, ent)
            if label not in want.labels or end <= start or (dateline and start < dateline.end()):
                continue
            if (
                label in _OWNER_NAMES
                and text[end : end + 2] in _POSSESSIVE
                and not named_without(texts, text[start:end])
            ):
                end += 2  # "McDonald's" is the name: the texts never say "McDonald" alone
            start, end = _count_of(want, text, start, end)
            if want.when and label == "DATE" and not _MONTH_OR_DAY.search(text[start:end]):
                start = with_preposition(text, start)  # "in the coming weeks", not "coming weeks"
            span = text[start:end]
            key = " ".join(words(span))
            parts = key.split()
            if not key or set(parts) <= asked or country_key(key) in named:
                continue  # the question names it already ("the US" for "United States", "DOT")
            if label == PEOPLE and parts[-1] in surnames:
                continue  # "Donald Trump" where the question says "President Trump"
            new = set(parts) - asked
            if new != set(parts) and all(w[0].isdigit() for w in new) and want.labels[0] not in NUMBERS:
                continue  # "the 149th Westminster Kennel Club" where the question names the show
            if want.exact_date and label == "DATE" and not _MONTH_OR_DAY.search(span):
                continue
            if want.labels[0] in _AMOUNTS and label in ("DATE", "TIME") and not _COUNT.search(span):
                continue  # "how many years": "five years", not "this spring"
            mine.append(Candidate(i, start, end, label, want.labels.index(label), key))
        if titles:
            mine = [c for c in mine if c.label == PEOPLE and titles <= set(around(text, c, mine, 6, breaks=False))]
        out.append(mine)
    return out


# between the question word and the person's titles ("Who is the new U.S. defense secretary")
_BEFORE_TITLES = set(_names("the a an new next current acting incoming outgoing then late top of 's ’s"))
_COPULA = set(_names("is was are were 's ’s became becomes remains will be has been serves served as now"))


def asked_titles(question: str) -> set[str]:
    """The titles that name the person a question asks for: "Who is the Prime Minister of
    Japan?" -> {prime, minister}. They are read from the question word (and "is", "was" ...)
    to the first word in lower case that is no title: none for "Who was elected president
    ..." (the title is what happened, not who) nor for "Which comedian made history as ...
    first ...", nor for "President Trump ... which celebrity" (before the question word)."""
    asking = re.search(r"\b(who|whom|which|what)\b(.*)", question, re.I | re.S)
    if asking is None:
        return set()
    tokens = re.findall(r"[\w.'’-]+", asking.group(2))
    i = 0
    if asking.group(1).lower() in ("who", "whom"):
        while i < len(tokens) and tokens[i].lower() in _COPULA:
            i += 1
        if i == 0:  # "who won ...": no title names the person
            return set()
    out: set[str] = set()
    for token in tokens[i:]:
        found = {w for w in asked_words(token) if w in _TITLES}
        if not found and token[:1].islower() and token.lower() not in _BEFORE_TITLES:
            break
        out |= found
    return out


def title_fit(titles: set[str], text: str, c: Candidate, others: Sequence[Candidate]) -> int:
    """How well the titles before a person's name ("Secretary of Defense Lloyd Austin") or in
    apposition after it ("Lloyd Austin, the defense secretary") fit the ``titles`` a
    question asks by: each asked title there counts 1, each other title -1. "Who is the U.S.
    Secretary of Defense?" fits Austin (2), not "U.S. Secretary of State Antony Blinken" (0).
    0 when no title is asked."""
    if not titles:
        return 0
    left, right = stretch(text, c, others, 5)
    said = {w for w in left if w in _TITLES}
    if re.match(r",\s+(the|a|an)\s", text[c.end :]):
        said |= {w for w in right if w in _TITLES}
    return len(said & titles) - len(said - titles - _TITLE_SHARED)


# words of many titles, neither for nor against one ("U.S. Secretary of State")
_TITLE_SHARED = set(_names("u.s. us uk un eu former first vice"))


def acronyms(question: str) -> set[str]:
    """The initials of the names ``question`` spells out: "Department of Transportation" ->
    "dot", "Federal Bureau of Investigation" -> "fbi" (and "fboi")."""
    out: set[str] = set()
    for m in re.finditer(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on)\s+)*[A-Z][\w'’-]*)+", question):
        names = m.group().split()
        out.add("".join(w[0] for w in names if w[0].isupper()).lower())
        out.add("".join(w[0] for w in names).lower())
    return out


# "WASHINGTON –", "OSLO, Norway —", "TALLAHASSEE, FL —": where the story was filed, not what it says
_DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?\s*(?:\(\w+\)\s*)?[–—―−-]+\s")


def around(text: str, c: Candidate, others: Sequence[Candidate], window: int = 5, breaks: bool = True) -> list[str]:
    """The words of the candidate's own stretch of the sentence, nearest first, alternating
    left and right: the stretch ends at the neighbouring candidates and (``breaks``) at a
    semicolon, a bracket or an "and"; a comma does not end it, so "The mayor, Jane Ortiz,"
    has the mayor beside her."""
    left, right = stretch(text, c, others, window, breaks)
    return [w for pair in zip_longest(reversed(left), right) for w in pair if w]


def stretch(
    text: str, c: Candidate, others: Sequence[Candidate], window: int, breaks: bool = True
) -> tuple[list[str], list[str]]:
    """Up to ``window`` words left and right of the candidate, within its own stretch of the
    sentence (see ``around``)."""
    lo = max([o.end for o in others if o.end <= c.start], default=0)
    hi = min([o.start for o in others if o.start >= c.end], default=len(text))
    left, right = text[lo : c.start], text[c.end : hi]
    if breaks:
        left, right = _BREAK.split(left)[-1], _BREAK.split(right)[0]
    return words(left)[-window:], words(right)[:window]


_BREAK = re.compile(r"[;:()\[\]]|\b(?:and|or|while|but)\b")


_POSSESSIVE = ("'s", "’s")
# the kinds of name that can end in a possessive ("McDonald's"); a place's or a person's never does
_OWNER_NAMES = ("ORG", "PRODUCT", "WORK_OF_ART", "FAC")


def named_without(texts: Sequence[str], name: str) -> bool:
    """Whether some text names ``name`` without a possessive after it."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w|['’]s\b)")
    return any(pattern.search(t) for t in texts)


def _count_of(want: Wanted, text: str, start: int, end: int) -> tuple[int, int]:
    """For "how many days", the number of "a 10-day mission" or "after 16 years": the
    question names the unit already."""
    if not want.unit:
        return start, end
    for m in _NUMBER_UNIT.finditer(text, start, end):
        if stem(m.group(2).lower()) == want.unit:
            return m.start(1), m.end(1)
    return start, end


_NUMBER_UNIT = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|dozen)[\s-]+([A-Za-z]+)",
    re.I,
)


def _trim(text: str, ent: Entity) -> tuple[int, int, str]:
    """Titles cut from the front of a name ("Defense Lloyd Austin", tagged ORG, is the person
    Lloyd Austin; "Rapper Kendrick Lamar" is Kendrick Lamar), a possessive and a leading "the"
    from the end and the front."""
    start, end, label = ent.start, ent.end, ent.label
    while start < end and not (text[start].isalnum() or text[start] in "$£€\"“'‘"):
        start += 1  # "− Zohran Mamdani", the dash of a dateline taken into the name
    tokens = list(re.finditer(r"\S+", text[start:end]))
    cut = 0
    while cut < len(tokens) - 2 or (cut < len(tokens) - 1 and label != PEOPLE):
        word = tokens[cut].group().lower().rstrip(".,")
        if word not in _TITLES and not (label == PEOPLE and word in _HEADS[PEOPLE]):  # "Rapper Kendrick Lamar"
            break
        cut += 1
    rest = [t.group() for t in tokens[cut:]]
    if cut and len(rest) in (2, 3) and all(w[:1].isupper() and w.lower() not in _NOT_A_NAME for w in rest):
        start, label = start + tokens[cut].start(), PEOPLE
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for tail in _POSSESSIVE:
        if text[start:end].endswith(tail):
            end -= len(tail)
    return start, end, label
