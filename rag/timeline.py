"""A story's timeline: "Timeline of the Palisades fire", "How did the government shutdown
unfold?", "Catch me up on the Blue Ghost lander". Such a question asks how a story went,
over time: its topic is searched as for the news on a topic (``topicnews.on_topic`` with
``story``: inside the period the question names, if any, else at any date up to
``as_of``), the articles most on it are kept (their best passage over the cross-encoder's
even odds, ``topicnews.ENTRIES`` at most), and they are given oldest first, each line its
article's date and one cited sentence (``topicnews.topic_answer``). Here: which questions
ask for it.
"""

from __future__ import annotations

import re

_TOPIC = r"(?P<topic>[^?]+?)"
_END = r"\s*[?.!]*$"
# "timeline of X", "X timeline", "how did X unfold", "catch me up on X", "the story of X so far"
_TIMELINE = re.compile(
    r"^(?:(?:give|show|tell)\s+me\s+|what(?:\s+is|\s+was|'s|’s)\s+|(?:can|could)\s+you\s+give\s+me\s+)?"
    r"(?:a\s+|the\s+)?(?:timeline|chronology)\s+(?:of|for|on)\s+" + _TOPIC + _END,
    re.IGNORECASE,
)
_TIMELINE_AFTER = re.compile(r"^(?:(?:a|the)\s+)?" + _TOPIC + r"(?:'s|’s)?\s+(?:timeline|chronology)" + _END, re.I)
_UNFOLD = re.compile(
    r"^how\s+(?:did|has|have|had)\s+" + _TOPIC + r"\s+(?:unfold(?:ed)?|develop(?:ed)?|evolve[d]?|progress(?:ed)?"
    r"|change[d]?|play(?:ed)?\s+out)" + _END,
    re.IGNORECASE,
)
_CATCH_UP = re.compile(
    r"^(?:(?:please|can\s+you|could\s+you)\s+)?(?:catch\s+me\s+up|bring\s+me\s+up\s+to\s+speed)\s+(?:on|with|about)\s+"
    + _TOPIC
    + _END,
    re.IGNORECASE,
)
_SO_FAR = re.compile(
    r"^(?:what\s+is\s+|what's\s+|what’s\s+)?(?:the\s+)?story\s+(?:of|on)\s+" + _TOPIC + r"\s+so\s+far" + _END, re.I
)


def timeline_topic(query: str) -> str | None:
    """The story a question asks the timeline of ("the Palisades fire" for "Timeline of the
    Palisades fire"), read without its period's words; None for any other question."""
    text = query.strip()
    for pattern in (_TIMELINE, _TIMELINE_AFTER, _UNFOLD, _CATCH_UP, _SO_FAR):
        if (m := pattern.match(text)) is not None:
            return m.group("topic").strip() or None
    return None
