"""The short answer's candidates: the things of the kind a question asks for (``rag.asks.wanted``) found in the
answer sentences, leaving out what the question already names (under any of its names, "the US" for "United States")
and datelines ("WASHINGTON —"). The extractive answerer takes the candidate with the best evidence over all sentences
(``rag.evidence``), copied verbatim, as the short answer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.asks import AMOUNTS, ANY_KIND, NAMES, NUMBERS, PEOPLE, PLACES, Wanted, names
from rag.dates import with_preposition
from rag.entities import NOUN_PHRASE, Entity, all_quoted, people_surnames
from rag.namespan import NOT_A_NAME, POSSESSIVE, REGION_HEADS, trim, whole_title, with_region
from rag.places import countries_named, country_key
from rag.sentences import NUMBER_PATTERN, stem, words
from rag.titles import TITLE_SHARED, TITLE_WORDS, as_titles, asked_titles, title_forms

_COUNT = re.compile(rf"\d|\b({NUMBER_PATTERN}|half)\b", re.I)
_MONTH_OR_DAY = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
# a word or name whose last part, after a hyphen, is in lower case ("Super Bowl-less", "1-ranked"):
# followed by a word it modifies, it names none ("Super Bowl-less teams", "the No. 1-ranked player")
MODIFIER = re.compile(r"\w-[a-z]+$")


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
    asked_singular = _singular(asked)
    named = countries_named(question) | acronyms(question)
    surnames = {w.lower() for w in re.findall(r"(?<=\S\s)[A-Z][\w'’-]+", question)}
    # "Which member of the Trump family ...?" is answered by a Trump
    surnames -= {w.lower() for w in re.findall(r"\b([A-Z][\w'’-]+)\s+family\b", question)}
    by_title = want.labels[0] == PEOPLE and want.labels != ANY_KIND  # "who", "which leader"
    titles = asked_titles(question) if by_title else set()
    people = people_surnames(texts, found) if want.labels[0] != PEOPLE else set()
    out: list[list[Candidate]] = []
    for i, (text, ents) in enumerate(zip(texts, found, strict=True)):
        mine: list[Candidate] = []
        dateline = _DATELINE.match(text)
        if want.labels[0] == PEOPLE:
            ents = sorted([*ents, *_untagged_people(text, ents)], key=lambda e: e.start)
        for ent in ents:
            start, end, label = trim(text, ent)
            if label in _NOT_TITLES and all_quoted(text, start, end):
                label = "WORK_OF_ART"  # Netflix's "Emilia Pérez.": a film named for a person
            if label not in want.labels or end <= start or (dateline and start < dateline.end()):
                continue
            if (
                label in _OWNER_NAMES
                and text[end : end + 2] in POSSESSIVE
                and not named_without(texts, text[start:end])
            ):
                end += 2  # "McDonald's" is the name: the texts never say "McDonald" alone
            start, end = _count_of(want, text, start, end)
            if label == "DATE" and want.labels[0] == "EVENT" and not _holiday(text[start:end]):
                continue  # a holiday is named ("Eid al-Adha"), not dated ("Monday, Oct. 20", "this week")
            if want.when and label == "DATE" and not _MONTH_OR_DAY.search(text[start:end]):
                start = with_preposition(text, start)  # "in the coming weeks", not "coming weeks"
            span = text[start:end]
            key = " ".join(words(span))
            if label in _TITLED:
                end = whole_title(text, start, end)  # "The Late Show with Stephen Colbert", keyed Late Show
            if label == "GPE" and want.labels[0] in PLACES:
                wider = with_region(text, end, ents, key, asked | named)
                if wider > end and want.head in REGION_HEADS:
                    continue  # "which state": Virginia, not the "Quantico" of "Quantico, Virginia"
                end = wider  # "Plymouth, Massachusetts", keyed Plymouth
            parts = key.split()
            if label == "ORG" and key in people:
                continue  # "Trump", tagged an organisation, where the texts name Donald Trump
            if want.labels[0] == PEOPLE and label in ("GPE", "NORP") and _of_person(text, start, ents):
                continue  # "John Korir of Kenya won": who won is the runner; Kenya is where he is from
            if not key or _singular(parts) <= asked_singular or country_key(key) in named:
                continue  # the question names it already ("the US" for "United States", "DOT", "golds")
            if label == NOUN_PHRASE and (parts[0] in _REFERRING or key == "others"):
                continue  # "other defense facilities", "different animal": no thing named, one referred to
            if label in NAMES and span.lower() == span:
                continue  # no name: "the No. 1-ranked" tagged as a person, "1-ranked" as an organisation
            if MODIFIER.search(span) and want.labels[0] not in NUMBERS and re.match(r"\s+[a-z]", text[end : end + 2]):
                continue  # a compound that modifies the next word: "Super Bowl-less teams", "1-ranked player"
            if label == PEOPLE and _DETERMINER_BEFORE.search(text, 0, start):
                continue  # "accepted the Oscar", "a Trump ally": a thing, or a name that modifies a noun
            if label == PEOPLE and parts[-1] in surnames:
                continue  # "Donald Trump" where the question says "President Trump"
            new = set(_singular(parts)) - asked_singular
            if (
                new != set(_singular(parts))
                and all(w[:1].isdigit() or w in _CEREMONY for w in new)
                and want.labels[0] not in NUMBERS
            ):
                # "the 149th Westminster Kennel Club" where the question names the show, "Grammy
                # Awards" where it names "the Grammys"
                continue
            if want.exact_date and label == "DATE" and not _MONTH_OR_DAY.search(span):
                continue
            if want.labels[0] in AMOUNTS and label in ("DATE", "TIME") and not _COUNT.search(span):
                continue  # "how many years": "five years", not "this spring"
            mine.append(Candidate(i, start, end, label, want.labels.index(label), key))
        if titles:
            mine = [c for c in mine if c.label == PEOPLE and titles <= as_titles(titles_of(text, c, mine))]
            if _HOLDS_NOW.match(question):  # "Who is the prime minister?": not "former Prime Minister Boris Johnson"
                mine = [c for c in mine if not named_former(text, c, mine)]
        out.append(mine)
    return out


def _of_person(text: str, start: int, ents: Sequence[Entity]) -> bool:
    """The entity at ``start`` follows a person's name and "of" ("Sisay Lemma of Ethiopia")."""
    before = _OF_BEFORE.search(text, 0, start)
    return before is not None and any(e.label == PEOPLE and e.end == before.start() for e in ents)


def _untagged_people(text: str, ents: Sequence[Entity]) -> list[Entity]:
    """Names the entity recognizer left untagged before "of" and a place: "Sisay Lemma of
    Ethiopia", two or three capitalised words that are no title ("Prime Minister of") and no
    organisation's kind ("Central Bank of")."""
    out: list[Entity] = []
    for ent in ents:
        if ent.label not in ("GPE", "NORP") or not (run := _NAME_OF.search(text, 0, ent.start)):
            continue
        start, end = run.span(1)
        said = run.group(1).split()
        while len(said) > 2 and said[0].lower() in _NOT_NAMES:  # "Then Tigst Assefa of Ethiopia"
            start += len(said.pop(0)) + 1
        lower = {w.lower() for w in said}
        if lower & (TITLE_WORDS | NOT_A_NAME | _NOT_NAMES) or any(e.start < end and start < e.end for e in ents):
            continue
        out.append(Entity(start, end, PEOPLE))
    return out


_OF_BEFORE = re.compile(r"\s+of\s+$")
_NAME_OF = re.compile(r"(?<![\w'’.-])((?:[A-Z][a-z'’-]+ ){1,2}[A-Z][a-z'’-]+)\s+of\s+$")
# words that begin a sentence or a clause, not a name: "The", "Then", "On"
_NOT_NAMES = frozenset(names("the a an this that its his her their our most all one then when after before but and or"))
_NOT_NAMES |= set(names("in on at as while with for from by now also meanwhile yesterday today tonight last next"))
_NOT_NAMES |= set(names("monday tuesday wednesday thursday friday saturday sunday"))
_CEREMONY = frozenset(("award", "ceremony"))  # words that add nothing to the name of an awards show
_HOLDS_NOW = re.compile(r"\s*who(?:\s+is|['’]s)\b", re.IGNORECASE)  # who holds a title now
_FORMER = set(names("former ex late outgoing then erstwhile onetime one-time"))


def titles_of(text: str, c: Candidate, others: Sequence[Candidate]) -> list[str]:
    """The words around a person's name that may give their titles, up to the next name: on
    the right only up to an "and" or "or", after which the titles are the next person's
    ("Italian Prime Minister Giorgia Meloni and outgoing British Prime Minister Keir Starmer":
    Meloni is no British prime minister)."""
    left, right = stretch(text, c, others, 6, False)
    cut = next((k for k, w in enumerate(right) if w in ("and", "or")), len(right))
    return [*reversed(left), *right[:cut]]


def named_former(text: str, c: Candidate, others: Sequence[Candidate]) -> bool:
    """The person is named as a former holder: "former Prime Minister Theresa May", "Theresa
    May, a former prime minister"."""
    left, right = stretch(text, c, others, 6)  # "former U.S. Secretary of State Hillary Clinton"
    apposition = re.match(r",\s+(?:the|a|an)?\s*", text[c.end :]) is not None
    return bool(_FORMER & set(left)) or (apposition and bool(_FORMER & set(right[:2])))


def title_fit(titles: set[str], text: str, c: Candidate, others: Sequence[Candidate], kind: str = "") -> int:
    """How well the titles before a person's name ("Secretary of Defense Lloyd Austin") or in
    apposition after it ("Lloyd Austin, the defense secretary") fit the ``titles`` a
    question asks by: each asked title there counts 1, each other title -1. "Who is the U.S.
    Secretary of Defense?" fits Austin (2), not "U.S. Secretary of State Antony Blinken" (0).
    The noun of the kind of person asked for (``kind``: "which congressman", "which energy
    fellow") counts 1 there too ("Congressman-elect George Santos", "Jim Krane, an energy
    studies fellow"), and no other title counts against a person when only that is asked.
    0 when neither is asked."""
    if not titles and not kind:
        return 0
    asked = titles | {kind} if kind else titles
    left, right = stretch(text, c, others, 5)
    said = {w for w in title_forms(left) if w in TITLE_WORDS or w == kind}
    if re.match(r",\s+(the|a|an)\s", text[c.end :]):
        said |= {w for w in title_forms(right) if w in TITLE_WORDS or w == kind}
    return len(said & asked) - (len(said - asked - TITLE_SHARED) if titles else 0)


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


def stretch(
    text: str, c: Candidate, others: Sequence[Candidate], window: int, breaks: bool = True
) -> tuple[list[str], list[str]]:
    """Up to ``window`` words left and right of the candidate, within its own stretch of the
    sentence: the stretch ends at the neighbouring candidates and (``breaks``) at a
    semicolon, a bracket or an "and"; a comma does not end it, so "The mayor, Jane Ortiz,"
    has the mayor beside her."""
    lo = max([o.end for o in others if o.end <= c.start], default=0)
    hi = min([o.start for o in others if o.start >= c.end], default=len(text))
    left, right = text[lo : c.start], text[c.end : hi]
    if breaks:
        left, right = _BREAK.split(left)[-1], _BREAK.split(right)[0]
    return words(left)[-window:], words(right)[:window]


_BREAK = re.compile(r"[;:()\[\]]|\b(?:and|or|while|but)\b")


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.I)  # a person is named without one
# the kinds of name that can end in a possessive ("McDonald's"); a place's or a person's never does
_OWNER_NAMES = ("ORG", "PRODUCT", "WORK_OF_ART", "FAC")


def not_the_outlet(found: Sequence[Sequence[Candidate]], sources: Sequence[str]) -> list[list[Candidate]]:
    """Per sentence, its candidates less the outlet that published it (``sources``: "told USA
    TODAY", "CNN reported", "USA TODAY Network"): an article names its outlet as the teller."""
    out: list[list[Candidate]] = []
    for mine, source in zip(found, sources, strict=True):
        own = " ".join(words(re.sub(r"\(.*?\)", "", source)))  # "The Week (UK)": "the week"
        out.append([c for c in mine if not own or not f"{c.key} ".startswith(f"{own} ")])
    return out


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


_NUMBER_UNIT = re.compile(rf"\b(\d[\d,.]*|{NUMBER_PATTERN})[\s-]+([A-Za-z]+)", re.I)


# a noun phrase's first words that refer to things or rank one ("other facilities", "the oldest club"): none named
_REFERRING = set(names("other another different similar such various most least best worst oldest newest largest"))
_REFERRING |= set(names("biggest smallest highest lowest greatest latest earliest longest youngest deadliest"))
# a holiday's name: capitalised words, no digit, weekday, month or "this", "last" ...
# ("Presidents Day", "Eid al-Adha", "Juneteenth"; not "Monday, Oct. 20", "This week")
_HOLIDAY = re.compile(
    r"(?!(?:this|last|next|earlier|later|each|every|early|late|mid)\b)"
    r"(?!.*\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week|weekend|month|year|years)\b)"
    r"[A-Z][A-Za-z'’-]*(?:\s+[A-Za-z'’-]+)*",
    re.I,
)


def _singular(ws: Iterable[str]) -> set[str]:
    """Words without a plural's "s": a candidate "golds" is the question's "gold medal"."""
    return {w.removesuffix("s") for w in ws}


def _holiday(span: str) -> bool:
    """Whether a date names a holiday rather than a day: "Presidents Day", not "Monday"."""
    return span[:1].isupper() and _HOLIDAY.fullmatch(span) is not None


_TITLED = ("WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
_NOT_TITLES = ("PERSON", "ORG", "GPE", "NORP")
