"""The names a question gives, and whether a text names any of them: "When is the 2026 Met
Gala?" gives "Met Gala", and an answer from "The 2026 Oscars will take place Sunday, March
15" is of another thing."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.dates import MONTHS
from rag.places import demonym_country
from rag.timespans import WEEKDAYS

_SKIP = frozenset(
    re.findall(
        r"\w+",
        "which what who whom whose when where why how the a an in on this last finally according after as for since "
        "at it of and is was are were will has have had if to by from with its their his her that these those here "
        "there amid while following during over under about before now also new next first us "
        # peoples' names pycountry's data does not give (rag.places.demonym_country gives the others)
        "american americans british european europeans african asian latino hispanic arab western",
    )
)
_NOT_NAMES = _SKIP | frozenset(MONTHS) | frozenset(WEEKDAYS)
_WORD = re.compile(r"(?<![\w'’])[A-Z][\w'’.&]*")  # "YouTube" of "YouTube-famous"


def _name_word(word: str) -> bool:
    return len(word) > 1 and word.lower() not in _NOT_NAMES and not demonym_country(word)


def question_names(question: str) -> list[str]:
    """The names ``question`` gives: runs of its capitalised words but question words, days,
    months and peoples' names ("Olivia Rodrigo's Daisy Chain festival": "Olivia Rodrigo",
    "Daisy Chain"; a possessive ends a run)."""
    runs: list[list[str]] = []
    end = -1  # where the run being read may go on
    for m in _WORD.finditer(question):
        word = re.sub(r"['’]s?$", "", m.group()).rstrip(".")
        if not _name_word(word):
            end = -1
            continue
        if m.start() == end + 1 and question[end] == " " and runs:
            runs[-1].append(word)
        else:
            runs.append([word])
        end = -1 if word != m.group() else m.end()
    return [" ".join(run) for run in runs]


def names_any(names: Sequence[str], texts: Sequence[str]) -> bool:
    """Whether one word of one of ``names`` stands as a word in one of ``texts`` ("Leo" of
    "Pope Leo XIV" in "Leo's inauguration Mass"), in any case."""
    joined = "\n".join(texts)
    words = {w for name in names for w in name.split()}
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", joined, re.IGNORECASE) for w in words)
