"""Who holds a title, counted over passages: the people the passages name by the title a
question asks for ("Prime Minister Rishi Sunak", "Rishi Sunak, the British prime minister"),
not as its former holders, each counted once per article that names them so. The one the
most articles name is the holder, cited from the newest of them.

A reader of the best sentence answers "Who is the British prime minister?" from whatever
sentence speaks most of prime ministers ("The UK has had three female PMs: ..."); the
articles of a few weeks name the holder by the title many times over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.answer import inert_markers
from rag.answer_sentences import Sentence, candidate_sentences
from rag.asks import PEOPLE
from rag.entities import entities
from rag.records import Answer, AnswerMode, Citation, Hit, ShortAnswer
from rag.sentences import words
from rag.short import Candidate, named_former
from rag.titles import title_forms

PASSAGES = 5  # passages given beside the cited ones, as for any question
CITED = 2  # sentences cited for the holder, each from another article, newest first

_POSSESSIVE = ("'s", "’s")
Titled = Callable[[str, int, int], bool]  # text[at:end] is a person the text names by the title asked


@dataclass(frozen=True)
class Mention:
    """A person a sentence names by the title: ``sentence.text[start:end]``."""

    sentence: Sentence
    start: int
    end: int

    @property
    def name(self) -> str:
        return self.sentence.text[self.start : self.end]

    @property
    def key(self) -> str:
        """The surname: "President Trump" and "President Donald Trump" are one person."""
        said = words(self.name)
        return said[-1] if said else ""

    @property
    def published(self) -> str:
        return self.sentence.hit.chunk.published


def mentions(hits: Sequence[Hit], title: set[str], titled: Titled, ner: str) -> list[Mention]:
    """The people the passages' sentences name by the title (``titled``), not as former
    holders ("former Prime Minister Boris Johnson"). Only the sentences that hold the title's
    own words (``title``, as ``title_forms`` reads them) go through the entity recognizer."""
    sentences = [s for s in candidate_sentences(hits) if title <= set(title_forms(words(s.text)))]
    out: list[Mention] = []
    for s, found in zip(sentences, entities(ner, [s.text for s in sentences]), strict=True):
        people = [Candidate(0, e.start, e.end, PEOPLE, 0, "") for e in found if e.label == PEOPLE]
        for c in people:
            end = c.end - 2 if s.text[c.start : c.end].endswith(_POSSESSIVE) else c.end  # "Friedrich Merz’s"
            if not named_former(s.text, c, people) and titled(s.text, c.start, end):
                out.append(Mention(s, c.start, end))
    return out


def elected(found: Sequence[Mention]) -> list[Mention]:
    """The mentions of the person the most articles name by the title (on a tie, the one
    named latest), newest article first; none without a mention."""
    articles: dict[str, set[str]] = {}
    latest: dict[str, str] = {}
    for m in found:
        articles.setdefault(m.key, set()).add(m.sentence.hit.chunk.article_id)
        latest[m.key] = max(latest.get(m.key, ""), m.published)
    if not articles:
        return []
    key = max(articles, key=lambda k: (len(articles[k]), latest[k]))
    return sorted((m for m in found if m.key == key), key=lambda m: m.published, reverse=True)


def holder_from(question: str, hits: Sequence[Hit], chosen: Sequence[Mention], mode: AnswerMode) -> Answer:
    """The answer naming the holder of ``chosen`` (``elected``): its sentences of the
    ``CITED`` newest articles, cited; the short answer is its fullest name among them."""
    cited: list[Mention] = []
    for m in chosen:
        if all(c.sentence.hit.chunk.article_id != m.sentence.hit.chunk.article_id for c in cited):
            cited.append(m)
    cited = cited[:CITED]
    citations = tuple(
        Citation.of(n, m.sentence.hit.chunk, m.sentence.start, m.sentence.end) for n, m in enumerate(cited, start=1)
    )
    n, full = max(enumerate(cited, start=1), key=lambda t: (len(words(t[1].name)), -t[0]))
    at = full.sentence.start + full.start
    short = ShortAnswer(full.name, full.sentence.hit.chunk.article_id, at, at + len(full.name), n, label=PEOPLE)
    text = " ".join(f"{inert_markers(' '.join(c.quote.split()))} [{c.n}]" for c in citations)
    shown = {m.sentence.hit.chunk.id: m.sentence.hit for m in cited} | {h.chunk.id: h for h in hits[:PASSAGES]}
    return Answer(question, text, citations, abstained=False, mode=mode, passages=tuple(shown.values()), short=short)
