"""The level an amount crossed, for a question that asks for one: "fell below which level"
is answered by "dipping below $3", "surpassed which milestone" by "above $4" and "hits that
magical $2.99 mark" (``crossing`` reads the way asked, ``at_level`` the amounts said crossed
so). ``rag.slots`` places them (docs/EVAL.md, "Levels crossed")."""

from __future__ import annotations

import re

_DOWN_ASKED = re.compile(r"\b(?:below|under|fell|falls?|dropped|drops?|dipped|dips?|sank|slipped|tumbled)\b", re.I)
_UP_ASKED = re.compile(
    r"\b(?:above|over|past|top(?:s|ped)?|surpass(?:es|ed)?|cross(?:es|ed)?|exceed(?:s|ed)?|passed|broke|breach(?:es|ed)?|"
    r"hits?|reach(?:es|ed)?|approach(?:es|ed|ing)?|rose|rises?|climbed|jumped|soared)\b",
    re.I,
)
_CROSSING = {
    "below": re.compile(r"\b(?:below|under|beneath)\s+(?:(?:the|a|that)\s+)?$", re.I),
    "above": re.compile(
        r"\b(?:above|over|past|top(?:s|ped|ping)?|surpass(?:es|ed|ing)?|cross(?:es|ed|ing)?|exceed(?:s|ed|ing)?|"
        r"pass(?:es|ed|ing)?|br(?:eak|eaks|oke|eaking)(?:\s+through)?|breach(?:es|ed|ing)?|hit(?:s|ting)?|"
        r"reach(?:es|ed|ing)?|approach(?:es|ed|ing)?)\s+(?:(?:the|a|that)\s+)?$",
        re.I,
    ),
}
# "the $4 mark", "that magical $2.99 mark", "the $4-a-gallon threshold"
_LEVEL_AFTER = re.compile(r"(?:-an?-\w+|\s+(?:an?|per)\s+\w+)?\s+(?:mark|milestone|threshold|level|barrier)\b", re.I)


def crossing(question: str) -> str:
    """The way a question asks a level to have been crossed: "below" ("fell below which
    benchmark"), "above" ("surpassed which milestone"), or "either"."""
    down, up = _DOWN_ASKED.search(question) is not None, _UP_ASKED.search(question) is not None
    return "below" if down and not up else "above" if up and not down else "either"


def at_level(crossed: str, text: str, start: int, end: int) -> bool:
    """Whether the amount at ``start``..``end`` of ``text`` is a level crossed the way asked
    (``crossed``: "below", "above", "either"): said after a word of crossing ("dipping
    below $3", "topped $100") or named a mark ("the $4 mark")."""
    before = text[max(0, start - 40) : start]
    ways = list(_CROSSING) if crossed == "either" else [crossed]
    return any(_CROSSING[w].search(before) for w in ways) or _LEVEL_AFTER.match(text, end) is not None
