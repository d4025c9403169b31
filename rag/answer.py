"""Answers with verified citations.

The extractive answerer (default, no LLM) splits the reranked passages into sentences,
scores each against the question with the cross-encoder plus an answer-type check (a name
for "who", a date for "when", a number for "how many", ...), and answers with the best one
to three sentences, each cited. Below a calibrated score it abstains and lists the closest
passages as related, not as support.

Every citation, whoever wrote the answer, passes ``rag.verify.verify``: its quote must be found
verbatim at ``article.text[start:end]`` of a passage that was given to the answerer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from rag.answer_sentences import (
    Sentence,
    answer_type,
    candidate_sentences,
    heading_of,
    score_sentences,
    type_match,
    with_antecedents,
)
from rag.asks import LEVELS, STORMS, Wanted, wanted
from rag.dates import to_date
from rag.elapsed import dates_first
from rag.entities import SCORE, read_names
from rag.evidence import capped, with_list
from rag.followup import make_standalone
from rag.kinds import fitting, person_asked, titles_only, with_kind_nouns
from rag.levels import crossing
from rag.models import Reranker
from rag.places import demonym_country
from rag.ranking import FEATURES, Evidence, Passage, best, evidence, scored
from rag.records import Answer, AnswerMode, Citation, Hit, ShortAnswer, listed
from rag.regions import in_region
from rag.short import Candidate, candidates, not_the_outlet
from rag.slots import asked_kind, place, question_slots
from rag.timeref import day_named
from rag.whendates import named_days, specific_first

NOT_IN_CORPUS = "The indexed articles do not answer this."


# -- extractive answerer -----------------------------------------------------------
@dataclass(frozen=True)
class ExtractiveConfig:
    threshold: float = 0.0  # best sentence score below which the answerer abstains (calibrated, docs/EVAL.md)
    type_bonus: float = 1.5
    max_sentences: int = 3
    # extra sentences must score within this of the best (docs/EVAL.md, "Sentences cited beside the short answer")
    margin: float = 3.0
    passages: int = 5
    ner: str = ""  # spaCy pipeline for short answers ("": sentences only, the regex answer-type check)
    agreement: float = 1.0  # bonus per other sentence naming the same candidate (at most 3)
    strict_window: int = 3  # a date/number/name question abstains when none of its best N sentences holds one
    # the short answer: "union", the best candidate over all sentences, its sentence cited
    # beside the ones chosen as without entities; "chosen", the best candidate among those
    select: str = "union"
    nearness: float = 0.5  # weight of the question's words next to a candidate
    place: float = 1.0  # weight of a place being the kind asked for (a country for "which country")
    ner_sentences: int = 16  # candidates are read in this many of the most relevant sentences (0: all)
    unit: float = 2.0  # weight of a number counting what a "how many" question asks about
    title: float = 2.0  # weight of each passage title (at most 2) naming a candidate
    full_name: int = 1  # a surname counts as, and is answered with, the full name the sentences give
    titled: float = 1.0  # weight of a person's titles fitting those asked ("Secretary of Defense")
    placed_rank: float = 0.0  # a placed candidate's kind counts this much of the usual (0: a noun phrase as a name)
    placed: float = 3.0  # weight of a candidate the question's words place: beside its kind, after its verb
    # the other weights of rag.ranking.FEATURES
    relevance: float = 1.0
    rank: float = -0.25
    articles: float = 0.0
    echo: float = 0.0
    order: float = 0.0
    passage: float = 0.0
    noun: float = 0.0
    length: float = 0.0
    age: float = 0.0
    # a candidate WordNet has as a thing of the kind named ("wolf" for "which animal"), and its
    # label's rank then counted as a placed one's (docs/EVAL.md, "Kinds from WordNet")
    fits: float = 3.0
    fit_rank: int = 1
    beaten: float = -2.0  # a candidate a sentence tells of as beaten, for "who won ...?" (docs/EVAL.md)
    # 1: a sentence that opens by naming an event of the one before ("The incident prompted
    # ...") is also scored with it (docs/EVAL.md, "Sentences that name the event before them"),
    # and a winners list's line with its category's heading ("A winners list's line ...")
    backref: int = 1
    # a noun phrase counts as, and is answered with, the one compound WordNet knows that ends
    # with it ("cancer" -> "prostate cancer"; docs/EVAL.md, "Compounds for a noun phrase")
    whole_nouns: int = 1
    # 1: a kind with an entity label ("which drug": a product) also admits the noun phrases
    # WordNet has as things of that kind ("marijuana"; docs/EVAL.md, "Nouns of a named kind")
    kind_nouns: int = 1
    # cited sentences given to the next best candidates, other answers than the short one:
    # when the short answer is wrong, the answer still shows the likely right one beside it
    # (docs/EVAL.md, "The next best candidate cited")
    runner_up: int = 1
    # 1: a name the recognizer tags in one sentence is a candidate where another sentence says
    # it untagged ("Golden Tempo emerged as the winner"; docs/EVAL.md, "Names said again")
    named_again: int = 1

    def weights(self) -> tuple[float, ...]:
        """The weight of each of ``rag.ranking.FEATURES``, in its order."""
        return tuple(float(getattr(self, name)) for name in FEATURES)


@dataclass(frozen=True)
class ScoredSentences:
    """The passages' sentences scored for a question: ``relevance``, the cross-encoder's (with
    the sentence before, where one points back), ``calibrated``, that plus the answer-type
    check (the score the abstention threshold applies to), and ``order``, best first by it."""

    sentences: list[Sentence]
    relevance: np.ndarray
    calibrated: np.ndarray
    order: list[int]


class Answerer(Protocol):
    """What the pipeline asks of an answerer (extractive here, the LLM in ``rag.llm``)."""

    mode: AnswerMode

    def standalone(self, question: str, history: Sequence[str]) -> str:
        """A follow-up question made standalone from the earlier ones (oldest first)."""
        ...

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Text as it is written, if any, then the ``Answer`` (before ``verify``), last."""
        ...

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer: ...


class ExtractiveAnswerer:
    mode: AnswerMode = "extractive"

    def __init__(self, reranker: Callable[[], Reranker], config: ExtractiveConfig | None = None) -> None:
        self._reranker = reranker
        self.config = config or ExtractiveConfig()

    def standalone(self, question: str, history: Sequence[str]) -> str:
        return make_standalone(question, history)

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        yield self.answer(question, hits)

    def wanted(self, question: str) -> Wanted | None:
        """What ``question`` asks for (``asked_for``); None without an entity recognizer:
        sentences only."""
        return asked_for(question, self.config.ner, bool(self.config.kind_nouns)) if self.config.ner else None

    def sentences_scored(self, question: str, passages: Sequence[Hit]) -> ScoredSentences:
        """The passages' sentences, scored for ``question``."""
        cfg = self.config
        sentences = candidate_sentences(passages)
        relevance = score_sentences(self._reranker(), question, sentences)
        if cfg.backref:
            relevance = with_antecedents(self._reranker(), question, sentences, relevance)
        # the abstention threshold applies to the score it was calibrated on: the cross-encoder
        # plus the pattern check of the answer's type (docs/EVAL.md, "Abstention threshold")
        kind = answer_type(question)
        calibrated = relevance + np.array([cfg.type_bonus * type_match(kind, s.text) for s in sentences], np.float32)
        order = [int(i) for i in np.argsort(-calibrated, kind="stable")]
        return ScoredSentences(sentences, relevance, calibrated, order)

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        cfg = self.config
        passages = list(hits[: cfg.passages])
        ranked = self.sentences_scored(question, passages)
        sentences, relevance, calibrated, order = ranked.sentences, ranked.relevance, ranked.calibrated, ranked.order
        want = self.wanted(question) if sentences else None
        found: list[list[Candidate]] = [[] for _ in sentences]
        mentions: list[set[str]] = []  # per sentence, the countries it names by their people
        top = float(calibrated.max()) if len(calibrated) else None
        if top is None or top < cfg.threshold:
            return replace(abstain(question, passages, self.mode), score=top)
        if want is not None:
            found, mentions = self.read(question, want, [s.text for s in sentences], order)
            found = not_the_outlet(found, [s.hit.chunk.source for s in sentences])
        if want is not None and want.strict and not any(found[i] for i in order[: cfg.strict_window]):
            return replace(abstain(question, passages, self.mode), score=top)  # the asked-for thing is missing
        # the sentences are chosen as without entities ...
        first = order[0]
        chosen = self._sentences(order, calibrated, first)
        items: list[Candidate] = []
        if cfg.select == "chosen":  # ... and the short answer is the best candidate among them
            found = [mine if i in chosen else [] for i, mine in enumerate(found)]
        if want is not None and any(found):
            # ... or over all sentences, its sentence cited too (docs/EVAL.md, "Short answers")
            first, items, others = self._best_overall(question, want, sentences, relevance, found, mentions)
            if first not in chosen:
                chosen = [first, *chosen[: cfg.max_sentences - 1]]
            if cfg.runner_up:
                extra = [j for j in others[: cfg.runner_up] if j not in chosen and calibrated[j] >= cfg.threshold]
                kept = [j for j in chosen if j != first][: max(cfg.max_sentences - 1 - len(extra), 0)]
                chosen = [first, *kept, *extra][: cfg.max_sentences]
        # read them in article order, each article where its first passage ranks: the same
        # sentences are cited in the same order whatever other articles' passages come between
        first_passage: dict[str, int] = {}
        for n, hit in enumerate(passages):
            first_passage.setdefault(hit.chunk.article_id, n)
        chosen.sort(key=lambda i: (first_passage[sentences[i].hit.chunk.article_id], sentences[i].start))
        cited = [sentences[i] for i in chosen]
        citations = tuple(
            Citation.of(n, s.hit.chunk, s.start, s.end, heading_of(s)) for n, s in enumerate(cited, start=1)
        )
        text = " ".join(f"{inert_markers(' '.join(c.quote.split()))} [{c.n}]" for c in citations)
        short = short_answer(sentences[first], items, chosen.index(first) + 1) if items else None
        return Answer(
            question=question,
            text=text,
            citations=citations,
            abstained=False,
            mode=self.mode,
            passages=tuple(passages),
            score=top,
            short=short,
        )

    def read(
        self, question: str, want: Wanted, texts: Sequence[str], order: Sequence[int]
    ) -> tuple[list[list[Candidate]], list[set[str]]]:
        """Per sentence, its candidates for the short answer (read in the ``ner_sentences``
        first of ``order``, the most relevant: spaCy's time grows with the text) and the
        countries it names by their people."""
        cfg = self.config
        read = set(order[: cfg.ner_sentences] if cfg.ner_sentences else order)
        named = read_names(cfg.ner, texts, read, want.labels, want.head in STORMS, bool(cfg.named_again))
        found = dates_first(question, fitting(candidates(question, want, texts, named), texts, want), texts)
        found = named_days(question, want, specific_first(want, found, texts), texts)
        if cfg.placed and want.labels[0] != SCORE:  # in the sentences read only; a score is in figures
            shown = [t if i in read else "" for i, t in enumerate(texts)]
            slots = question_slots(cfg.ner, question)
            if want.head in STORMS:  # a storm's name follows its kind; "Atlantic hurricane" is a basin
                slots = replace(slots, kind=())
            if want.head in LEVELS:  # "fell below which level": "below $3"
                slots = replace(slots, crossed=crossing(question))
            found = place(slots, question, want.labels[0], shown, found)
        found = titles_only(in_region(question, want, found), texts, want)  # after the placed ones
        mentions: list[set[str]] = []
        if "GPE" in want.labels:  # "Ukrainian athletes" speaks of Ukraine
            mentions = [
                {demonym_country(t[e.start : e.end]) for e in es if e.label == "NORP"} - {""}
                for t, es in zip(texts, named, strict=True)
            ]
        return found, mentions

    def _sentences(self, order: list[int], scores: np.ndarray, first: int) -> list[int]:
        """``first`` and up to ``max_sentences`` - 1 more, within ``margin`` of it and above
        the abstention threshold."""
        cfg = self.config
        chosen = [first]
        for i in order[: cfg.max_sentences]:
            if i == first or len(chosen) == cfg.max_sentences:
                continue
            if float(scores[i]) < max(float(scores[first]) - cfg.margin, cfg.threshold):
                break  # far below the best, or a sentence the answerer would abstain on alone
            chosen.append(i)
        return chosen

    def _best_overall(
        self,
        question: str,
        want: Wanted,
        sentences: Sequence[Sentence],
        relevance: np.ndarray,
        found: list[list[Candidate]],
        mentions: list[set[str]],
    ) -> tuple[int, list[Candidate], list[int]]:
        """The candidate with the best evidence over all sentences (``rag.ranking``); returns
        its sentence, the short answer's items in it, and the sentence of each next best
        candidate (another answer than the items), best first."""
        rows = self.evidence(question, want, sentences, relevance, found, mentions)
        weights = self.config.weights()
        top = self.pick(question, sentences, relevance, rows)
        i, c = top.sentence, top.candidate
        if c.key != top.key:  # "McIlroy" is answered as "Rory McIlroy", from the most relevant sentence saying so
            _, i, c = max(
                ((float(relevance[j]), j, d) for j, mine in enumerate(found) for d in mine if d.key == top.key),
                key=lambda t: t[0],
            )
        items = with_list(question, want, c, found[i], sentences[i].text)
        # the items' own rows, weighed only when the list is longer than the count asked
        mine = {r.candidate.start: r for r in rows if r.sentence == i}
        items = capped(question, items, c, lambda d: float(scored([mine[d.start]], weights)[0]))
        answered = {top.key, *(mine[d.start].key for d in items if d.start in mine)}
        others: dict[str, int] = {}
        for j in np.argsort(-scored(rows, weights), kind="stable"):
            if rows[j].key not in answered:
                others.setdefault(rows[j].key, rows[j].sentence)
        return i, items, list(others.values())

    def pick(
        self, question: str, sentences: Sequence[Sentence], relevance: np.ndarray, rows: Sequence[Evidence]
    ) -> Evidence:
        """The row of the short answer: the best weighted evidence (``research.span_signals``
        weighs more)."""
        return best(rows, self.config.weights())

    def evidence(
        self,
        question: str,
        want: Wanted,
        sentences: Sequence[Sentence],
        relevance: np.ndarray,
        found: Sequence[Sequence[Candidate]],
        mentions: Sequence[set[str]] = (),
    ) -> list[Evidence]:
        """Each candidate's features (``rag.ranking.evidence``)."""
        ranks = {h.chunk.id: n for n, h in enumerate({s.hit.chunk.id: s.hit for s in sentences}.values())}
        sources = [
            Passage(s.hit.chunk.article_id, s.hit.chunk.title, ranks[s.hit.chunk.id], s.hit.chunk.published)
            for s in sentences
        ]
        texts = [s.text for s in sentences]
        cfg = self.config
        return evidence(
            question,
            want,
            texts,
            sources,
            relevance,
            found,
            mentions,
            full_name=bool(cfg.full_name),
            placed_rank=cfg.placed_rank,
            kind=asked_kind(cfg.ner, question) if cfg.fits else "",
            fit_rank=bool(cfg.fit_rank),
            whole_nouns=bool(cfg.whole_nouns),
        )


def short_answer(sentence: Sentence, items: list[Candidate], n: int) -> ShortAnswer:
    """``items`` of ``sentence`` (cited as ``n``) as the short answer, in article offsets."""
    spans = tuple((sentence.start + c.start, sentence.start + c.end) for c in items)
    text = listed([sentence.text[c.start : c.end] for c in items])
    chunk = sentence.hit.chunk
    day = day_of(text, items[0].label, chunk.published, sentence.text) if len(items) == 1 else ""
    parts = spans if len(spans) > 1 else ()
    return ShortAnswer(text, chunk.article_id, spans[0][0], spans[-1][1], n, parts, day, items[0].label)


def day_of(text: str, label: str, published: str, sentence: str, ahead: bool = False) -> str:
    """The day (YYYY-MM-DD) a short answer ``text`` of entity ``label`` stands for when it is a
    date without its year ("Tuesday night": which Tuesday), written in ``sentence`` of an
    article published on ``published`` (``ahead``: a day known to be to come); "" otherwise."""
    on = to_date(published) if published else None
    day = day_named(text, on, sentence, ahead) if on is not None and label in ("DATE", "TIME") else None
    return day.isoformat() if day else ""


def asked_for(question: str, ner: str, kind_nouns: bool = True) -> Wanted | None:
    """What ``question`` asks for (``rag.asks.wanted``), read further with the tagger of
    ``ner``: a kind with no label asked in the plural ("what metals") asks for several, a
    kind that is a person asks for a person (``person_asked``: "which congressman"), and with
    ``kind_nouns`` the nouns of the kind it names are admitted."""
    want = wanted(question)
    if want is None:
        return None
    slots = question_slots(ner, question)
    if not want.head and slots.plural:
        want = replace(want, plural=True)
    want = person_asked(want, slots.kind)
    return with_kind_nouns(want, asked_kind(ner, question)) if kind_nouns else want


def inert_markers(text: str) -> str:
    """Bracketed numbers inside article text ("[3]") must not read as our citation markers."""
    return re.sub(r"\[(\d{1,3})\]", r"(\1)", text)


def abstain(question: str, passages: Sequence[Hit], mode: AnswerMode, warnings: tuple[str, ...] = ()) -> Answer:
    return Answer(
        question=question,
        text=NOT_IN_CORPUS,
        citations=(),
        abstained=True,
        mode=mode,
        passages=tuple(passages),
        warnings=warnings,
    )
