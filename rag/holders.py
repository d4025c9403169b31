"""What names the holder of a title: "Who is the UK prime minister?", "Who is the current
mayor of New York City?", "Who's the Fed chair?" ask who holds a title now
(``asks_for_holder``), and are answered from the newest articles (``rag.incumbents``) by a
person a sentence names by that title (``titled``).

A person is named by the title when the title's words stand beside the name ("Prime Minister
Keir Starmer", "Keir Starmer, the British prime minister"), with no other title ("Secretary
of State Marco Rubio" is no homeland security secretary), nobody else's name before it
("Illinois Gov. JB Pritzker" is not New York's governor), and no other country ("French
President Emmanuel Macron" is not Brazil's). A title the US holds too, said without a country
("President Donald Trump"), is the US's. History's holders ("America's first President George
Washington") are not named as holders now.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.asks import PEOPLE, names
from rag.places import countries_in
from rag.records import Answer
from rag.sentences import words
from rag.titles import TITLE_SHARED, TITLE_WORDS, asked_titles, title_forms

# "Who is the (current) <title> (of <place>) (now)?"
_HOLDER = re.compile(
    r"^\s*who(?:\s+is|['’]s)\s+(?:the\s+)?(?:(?:current|present|sitting|incumbent|acting)\s+)?(?P<title>[^?]+?)"
    r"(?:\s+(?:right\s+)?now|\s+currently|\s+today|\s+at\s+present|\s+these\s+days)?\s*\??\s*$",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\s+(?:of|at|for|in)\s+")  # the title before it, where it is held after: "mayor of New York City"
# roles the titles of ``rag.short`` do not hold: the head of the title is one of them or of those
_ROLES = frozenset(
    {
        *("speaker", "chair", "chairman", "chairwoman", "chairperson", "ceo", "leader", "head", "director"),
        *("commissioner", "coach", "manager", "captain", "editor", "spokesperson", "spokesman", "spokeswoman"),
        *("premier", "president", "chancellor", "governor", "mayor", "pope", "king", "queen", "secretary"),
    }
)


def asks_for_holder(question: str) -> bool:
    """``question`` asks who holds a title now ("Who is the prime minister of Japan?"), not
    who did something or was someone ("Who is the man who ...?", "Who was the president ...?")."""
    m = _HOLDER.match(question)
    if m is None:
        return False
    title = _WHERE.split(m["title"], maxsplit=1)[0]  # "mayor" of "mayor of New York City"
    head = re.sub(r"['’]s$", "", title.split()[-1].lower()) if title.split() else ""
    return head in _ROLES or bool(asked_titles(question) & {head})


_FILLERS = frozenset({"of", "the", "a", "an", "and", "s"})
_PLACE_TITLES = frozenset({"u", "s", "us", "uk", "un", "eu", "n", "k"})  # "U.N.", "U.S.": placed by the sentence
_THEIR = 6  # words of a title read beside a name
# titles the news's own country holds: said alone ("President Donald Trump"), they are the US's
_HOME_TITLES = frozenset({"president", "vice", "secretary", "speaker", "attorney"})
_NEUTRAL = (TITLE_SHARED - {"vice"}) | _PLACE_TITLES  # words of a title, for none against another
# words in lower case before a title that make it another, lesser one ("press secretary")
_LESSER = frozenset(names("press deputy assistant associate shadow lieutenant lt interim acting under opposition"))
# capitalised words before a title that name no one whose title it is ("When President ...")
_NOT_WHOSE = frozenset(
    names(
        "when as after before but and or the then if while meanwhile on in at by for with said says from to of "
        "that so because since where who how why what also even now today yesterday this last new then-president "
        "monday tuesday wednesday thursday friday saturday sunday"
    )
)


def asked_title(question: str) -> str:
    """The title ``question`` asks about, as the news writes it ("UK prime minister" of "Who
    is the UK prime minister?"); "" when it asks no such thing."""
    m = _HOLDER.match(question)
    return m["title"] if m else ""


@lru_cache(maxsize=256)  # read once per question, not once per person a passage names
def title_words(question: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What names the holder: the title's own words, read beside the name ("prime minister",
    "secretary"); its other words, read in the sentence ("homeland security" of "Secretary of
    Homeland Security", "fbi" of "FBI director"); the countries it names ("UK", "of Brazil")."""
    title = asked_title(question)
    places = countries_in(title) - {"united states"}  # the news's own country goes without saying
    own: set[str] = set()
    other: set[str] = set()
    for part, said in enumerate(_WHERE.split(title, maxsplit=1)):
        for word in title_forms(words(said)):
            if word in _FILLERS or word in _PLACE_TITLES or countries_in(word.title()):  # "british" too
                continue
            (own if not part and word in TITLE_WORDS | _ROLES else other).add(word)
    return frozenset(own), frozenset(other - {w for place in places for w in place.split()}), frozenset(places)


def named_as_holder(answer: Answer, question: str) -> bool:
    """The short answer is a person its sentence names by the title asked for (``titled``)."""
    short = answer.short
    if short is None or short.label != PEOPLE or not 0 < short.citation <= len(answer.citations):
        return False
    cite = answer.citations[short.citation - 1]
    return titled(cite.quote, short.start - cite.start, short.end - cite.start, question)


def titled(text: str, at: int, end: int, question: str) -> bool:
    """``text[at:end]`` is a person ``text`` names by the title ``question`` asks for: the
    title's own words beside the name ("Secretary of Homeland Security Kristi Noem", "Keir
    Starmer, the British prime minister"), its other words and its country in the sentence;
    not a title another country holds ("French president Emmanuel Macron" for Brazil's)."""
    own, other, places = title_words(question)
    before, whose = _title_before(text[:at])  # "U.S. Defense Secretary", "French president", as written
    if whose and not set(words(whose)) - _FILLERS <= own | other:  # "OpenAI's CEO"
        return False  # another's title: "Illinois Gov. JB Pritzker" is not New York's governor
    if re.match(r",\s+(?:the|a|an)\s", text[end:]):  # "Keir Starmer, the British prime minister"
        before += _title_after(text[end:].lstrip(" ,"))
    beside = set(title_forms(words(" ".join(before))))
    of_country = countries_in(" ".join(before))
    if of_country and not of_country & (places or {"united states"}):
        return False  # another country's: "French president Emmanuel Macron" is not Brazil's
    if (beside & (TITLE_WORDS | _ROLES)) - own - other - _NEUTRAL:
        return False  # another title: "Secretary of State Marco Rubio" is not the homeland security secretary
    if places and own & _HOME_TITLES and not of_country & places:
        return False  # "President Donald Trump", said alone in the news, is the US's
    said = set(words(text))
    return own <= beside and other <= said and (not places or bool(places & countries_in(text)))


_TOKEN = re.compile(r"[\w.'’-]+|[^\w\s]")


def _title_before(text: str) -> tuple[list[str], str]:
    """The words of the title that ends ``text`` (the words before a name, a comma between
    them: "Japan's new prime minister, Sanae Takaichi"), as written, back to a mark of
    punctuation: titles' words, their fillers, and the countries that hold them ("U.S.",
    "French", "South Korean", "Mexico's"; not "Iran" of "in Iran, President Donald Trump");
    and the name standing before them, whose title it is ("Illinois" of "Illinois Gov."; ""
    when none). A title after "first" in lower case is history's ("America's first President
    George Washington"; not "first lady"): none."""
    tokens = _TOKEN.findall(text.rstrip().removesuffix(","))[::-1]
    out: list[str] = []
    while len(out) < min(len(tokens), _THEIR):
        token = tokens[len(out)]
        if _of_title(token):
            out.append(token)
        elif words(token) and len(out) + 1 < len(tokens) and countries_in(f"{tokens[len(out) + 1]} {token}"):
            out += [token, tokens[len(out) + 1]]  # a country of two words: "South Korean"
        else:
            break
    # "first" in lower case before the title, past the names in it ("the first Florida State Governor")
    named = next((t for t in tokens[len(out) :] if not t[:1].isupper()), "")
    if named == "first" or any(out[k] == "first" and out[k - 1].lower() != "lady" for k in range(1, len(out))):
        return [], ""
    whose = tokens[len(out)] if out and len(out) < len(tokens) else ""
    named_by = whose[:1].isupper() and whose.lower() not in _NOT_WHOSE
    return out[::-1], whose if named_by or whose.lower() in _LESSER else ""


def _title_after(text: str) -> list[str]:
    """The words of the title that starts ``text`` (after a name and its comma: "the British
    prime minister"), as written, up to the first word no title holds ("a 45-year-old
    co-president" holds none)."""
    out: list[str] = []
    for token in _TOKEN.findall(text)[:_THEIR]:
        if not _of_title(token):
            break
        out.append(token)
    return out


def _of_title(token: str) -> bool:
    """``token`` (a word as written) can stand in a title: a title's word, a filler ("of",
    "the"), a place's initials ("U.S.") or a country ("French", "Mexico's")."""
    said = title_forms(words(token))
    return bool(said) and (set(said) <= TITLE_WORDS | _ROLES | _FILLERS | _PLACE_TITLES or bool(countries_in(token)))
