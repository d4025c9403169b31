"""The words of a person's titles ("Prime Minister", "Secretary of Defense", "Gov."), read
alike in a question and in the sentences that answer it: a title's short form is its word
("Gov." is "governor", "Sen." "senator"), and a place's initials or name in a title one word
("U.N." and "United Nations" are "un"), so "Who is the governor of New York?" is answered by
"New York Gov. Kathy Hochul" and "Who is the UN secretary-general?" by "U.N.
Secretary-General Antonio Guterres".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.asks import TITLE_WORDS, names
from rag.followup import asked_words

# words of many titles, neither for nor against one ("U.S. Secretary of State")
TITLE_SHARED = frozenset(names("u.s. us uk un eu former first vice"))
# a title's short form -> its word ("Gov. Kathy Hochul" is governor; "Sec." secretary)
_SHORT_FORMS = {"gov": "governor", "sen": "senator", "rep": "representative", "sec": "secretary", "pres": "president"}
# a place's initials or name, as words (``rag.sentences.words`` reads "U.N." as "u", "n") -> one title word
_PLACE_WORDS = {
    ("u", "n"): "un",
    ("u", "s"): "us",
    ("u", "k"): "uk",
    ("united", "nations"): "un",
    ("united", "states"): "us",
    ("united", "kingdom"): "uk",
}
# a country's adjective or name before a title stands for the title's word: "British Prime
# Minister Keir Starmer" is the UK prime minister ("Britain's" is read as "britain", "s")
_COUNTRY_TITLES = {"british": "uk", "britain": "uk", "american": "us"}


def title_forms(said: Sequence[str]) -> list[str]:
    """``said`` (words in lower case) with each title's short form written out and each
    place's initials or name in a title as one word: "u n secretary general" -> "un secretary
    general", "new york gov" -> "new york governor"."""
    out: list[str] = []
    i = 0
    while i < len(said):
        pair = (said[i], said[i + 1]) if i + 1 < len(said) else None
        if pair in _PLACE_WORDS:
            out.append(_PLACE_WORDS[pair])
            i += 2
            continue
        out.append(_SHORT_FORMS.get(said[i], said[i]))
        i += 1
    return out


def as_titles(near: Sequence[str]) -> set[str]:
    """The title words of the words ``near`` a name, a country's adjective as its initials
    ("British" -> "uk")."""
    return {_COUNTRY_TITLES.get(w, w) for w in title_forms(near)}


# between the question word and the person's titles ("Who is the new U.S. defense secretary")
_BEFORE_TITLES = set(names("the a an new next current acting incoming outgoing then late top of 's ’s"))
_COPULA = set(names("is was are were 's ’s became becomes remains will be has been serves served as now"))


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
        found = {w for w in title_forms(asked_words(token)) if w in TITLE_WORDS}
        if not found and token[:1].islower() and token.lower() not in _BEFORE_TITLES:
            break
        out |= found
    # the news's own country goes without saying ("Secretary of Defense Lloyd Austin"), and an
    # organisation's initials are a name of their own beside the title ("U.N. Secretary-General")
    return out - {"us", "un", "eu"}
