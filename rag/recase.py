"""A question typed all in lower case, written with the capitals its passages give its words.

"the us signed a rare earth minerals deal with which country this week?" names the United
States, but in lower case "us" is a pronoun to every rule that reads names by their capitals
(the countries a question names, its surnames, the initials of its names, the tagger's proper
nouns). The passages found for the question write its names as names: each word takes the
form the passages use most, when that form has a capital ("us" -> "US", "keir starmer" ->
"Keir Starmer"); the question's first letter is made a capital. A question with any capital
is left as typed.

A question typed without its question mark ("who won the super bowl") is read with one
(``punctuated``): the cross-encoder scores the words with and without it differently, and
every threshold and weight was chosen on questions that end with one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rag.records import Hit
from rag.sentences import words

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


_OPENS_QUESTION = re.compile(
    r"(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have)\b",
    re.IGNORECASE,
)


_ASKS = re.compile(r"\b(?:which|what|who|whom|whose|where|when|how)\b", re.IGNORECASE)


def punctuated(question: str) -> str:
    """``question`` ending in "?" when it ends in none of ".?!" and opens with a question word
    or asks with one further on ("the us signed a deal with which country")."""
    text = question.rstrip()
    if text and text[-1] not in ".?!" and (_OPENS_QUESTION.match(text.lstrip(" \"'“‘")) or _ASKS.search(text)):
        return text + "?"
    return question


def recased(question: str, hits: Sequence[Hit]) -> str:
    """``question`` with the capitals ``hits`` give its words, when it is typed in lower case."""
    if question != question.lower() or not _WORD.search(question):
        return question
    wanted = {_key(m.group()) for m in _WORD.finditer(question)}
    forms: dict[str, Counter[str]] = {}
    for hit in hits:  # headlines capitalise every word: only the passages' text counts
        for m in _WORD.finditer(hit.chunk.text):
            word = m.group()
            before = hit.chunk.text[max(0, m.start() - 3) : m.start()]
            if _MID_SENTENCE.search(before) and (key := _key(word)) in wanted and key not in _TIME_WORDS:
                forms.setdefault(key, Counter())[_DOTTED.sub("", word) if not _INITIALS.fullmatch(word) else word] += 1

    def form(m: re.Match[str]) -> str:
        word = m.group()
        seen = forms.get(_key(word))
        if not seen:
            return word
        best, count = seen.most_common(1)[0]
        if best.lower() == best or count * 2 <= sum(seen.values()):
            return word
        return best + word[len(word.rstrip(".")) :] if not _INITIALS.fullmatch(best) else best

    out = _WORD.sub(form, question)
    start = re.search(r"[^\W\d_]", out)
    return out if start is None else out[: start.start()] + out[start.start()].upper() + out[start.start() + 1 :]


_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")  # "U.S.", "U.K.": the question's "us", "uk"
_DOTTED = re.compile(r"\.+$")
# a word inside a sentence: after a letter, a digit or a comma and a space (not a sentence's first word)
_MID_SENTENCE = re.compile(r"[\w,;’'\"”)] +$")


# a show or a magazine may take these words' capital ("The Week", "Shark Week"); a question's means the time
_TIME_WORDS = frozenset(words("week weekend weeks month months year years day days today tonight yesterday"))


def _key(word: str) -> str:
    return word.replace(".", "").lower()
