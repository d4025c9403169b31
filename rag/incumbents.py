"""Who holds a title now: asked in the present tense, "Who is the UK prime minister?" asks
for the holder on the day it is asked, and the holder is the one the newest articles name,
not the one the most articles on the office name (over a corpus of several years, a search
by likeness alone answers "Who is the US president?" asked in June 2025 with Joe Biden).

The articles of the last 30 days are read first, then of the last 90, 365 and 730
(``STEPS``). In each, the people the passages name by the title asked for (``rag.holders``:
"Prime Minister Rishi Sunak", "Rishi Sunak, the British prime minister"), not as its former
holders, are counted once per article that names them so; the one the most articles name is
the holder, cited from the newest of them (a reader of the best sentence answers "Who is the
British prime minister?" from whatever sentence speaks most of prime ministers: "The UK has
had three female PMs: ..."). When nobody is named so, the answer from the step's best
passages is taken if it names its person by the title. The notes say which days it was read
from. When no step names a holder, the people named by the title over every date up to
``as_of`` are counted the same way, and the answer says how old its article is; when none is,
the question is answered as any other (None here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from rag.answer import Answerer, inert_markers
from rag.answer_sentences import Sentence, candidate_sentences, readable
from rag.asks import PEOPLE
from rag.dates import human_date, to_date
from rag.entities import entities
from rag.holders import asked_title, asks_for_holder, named_as_holder, title_words, titled
from rag.namespan import name_end
from rag.records import Answer, Citation, Filters, Hit, ShortAnswer, TimeWindow
from rag.retrieve import Retriever
from rag.sentences import words
from rag.short import Candidate, named_former
from rag.timeref import TimeRef
from rag.titles import title_forms

STEPS = (30, 90, 365, 730)  # days read back from as_of, one after the other
PASSAGES = 5  # passages answered from, as for any question
SPARE = 3  # more passages searched, standing in for those with no sentence to cite
MENTIONED = 20  # passages searched for the people they name by the title ...
NAMED = 40  # ... and passages that hold the title's words most (BM25)
CITED = 2  # sentences cited for the holder, each from another article, newest first

_SUFFIXES = frozenset({"jr", "sr"})


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
        """The surname: "President Trump" and "President Donald Trump" are one person ("Jr."
        left out)."""
        said = [w for w in words(self.name) if w not in _SUFFIXES]
        return said[-1] if said else ""

    @property
    def published(self) -> str:
        return self.sentence.hit.chunk.published


def mentions(hits: Sequence[Hit], question: str, ner: str) -> list[Mention]:
    """The people the passages' sentences name by the title ``question`` asks for
    (``rag.holders.titled``), not as former holders ("former Prime Minister Boris Johnson").
    Only the sentences that hold the title's own words (as ``title_forms`` reads them) go
    through the entity recognizer."""
    own = title_words(question)[0]
    sentences = [s for s in candidate_sentences(hits) if own <= set(title_forms(words(s.text)))]
    out: list[Mention] = []
    for s, found in zip(sentences, entities(ner, [s.text for s in sentences]), strict=True):
        people = [Candidate(0, e.start, e.end, PEOPLE, 0, "") for e in found if e.label == PEOPLE]
        for c in people:
            if not s.text[c.start : c.start + 1].isupper():
                continue  # no name: "02:57 - Source" read as a person
            end = name_end(s.text, c.start, c.end)  # "Friedrich Merz’s", "Eric Adams'"
            if not named_former(s.text, c, people) and titled(s.text, c.start, end, question):
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


def holder_from(question: str, hits: Sequence[Hit], chosen: Sequence[Mention]) -> Answer:
    """The answer naming the holder of ``chosen`` (``elected``): its sentences of the
    ``CITED`` newest articles, cited; the short answer is its fullest name among them. The
    sentences are quoted as they are (an extractive answer, whichever answerer is set)."""
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
    return Answer(question, text, citations, False, "extractive", passages=tuple(shown.values()), short=short)


def holder_answer(
    question: str, ref: TimeRef, retriever: Retriever, engine: Answerer, filters: Filters, ner: str = ""
) -> Answer | None:
    """The answer to a question that asks who holds a title now, from the newest articles that
    name one (``STEPS``, with the entity recognizer ``ner``), then from every date; None when
    the question asks no such thing, names a period of its own, or no article names a holder."""
    if ref.window is not None or not asks_for_holder(question):
        return None
    memo: dict[str, float] = {}  # a passage met again in a wider step is not scored again
    for days in STEPS:
        window = TimeWindow(ref.as_of - timedelta(days=days - 1), ref.as_of, "")
        hits, chosen = _named(question, retriever, filters.up_to(ref.as_of).within(window), memo, ner)
        best = readable(hits[: PASSAGES + SPARE])[:PASSAGES]
        if not chosen and not best:
            continue  # nothing published in these days
        answer = holder_from(question, hits, chosen) if chosen else engine.answer(question, best)
        if chosen or (not answer.abstained and named_as_holder(answer, question)):
            note = f"the newest articles first: from {window.describe()}"
            return replace(answer, as_of=ref.as_of.isoformat(), time_notes=(note,))
    # every date: the people named in the days before the newest article that names one
    hits, chosen = _named(question, retriever, filters.up_to(ref.as_of), memo, ner, STEPS[0])
    if not chosen:
        return None
    answer = holder_from(question, hits, chosen)
    notes = [f"no article of the {STEPS[-1]} days up to {human_date(ref.as_of)} names a holder: read from every date"]
    if cited := to_date(answer.citations[0].published):
        notes.append(f"reported on {human_date(cited)}")
    return replace(answer, as_of=ref.as_of.isoformat(), time_notes=tuple(notes))


def _named(
    question: str, retriever: Retriever, where: Filters, memo: dict[str, float], ner: str, newest: int = 0
) -> tuple[list[Hit], list[Mention]]:
    """The best passages for ``question`` under ``where``, and the mentions of the person the
    most of them, and of the passages that hold the title's words most, name by the title
    (none without an entity recognizer); with ``newest``, only the people named in the
    ``newest`` days up to the newest mention count."""
    hits = retriever.search(question, MENTIONED, filters=where, memo=memo)
    if not ner:
        return hits, []
    named = retriever.search(asked_title(question), NAMED, mode="bm25", filters=where)
    pool = list({h.chunk.id: h for h in [*hits, *named]}.values())
    found = mentions(pool, question, ner)
    if newest and (dated := [d for m in found if (d := to_date(m.published))]):
        since = max(dated) - timedelta(days=newest - 1)
        found = [m for m in found if (d := to_date(m.published)) is not None and d >= since]
    return hits, elected(found)
