"""How the extractive answerer ranks the candidates for a short answer: each candidate's
evidence as a row of features (``FEATURES``), weighed by ``ExtractiveConfig``'s weights of
the same names and summed. ``research/learn_weights.py`` fits the weights on questions apart
from those reported (docs/EVAL.md, "Learned weights")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.answer_sentences import winner_line
from rag.asks import NUMBERS, PEOPLE, Wanted
from rag.dates import day_number
from rag.entities import NOUN_PHRASE, WORK
from rag.evidence import agreement, beaten, counts_unit, full_names, in_titles, longer_nouns, nearness, place_fit
from rag.kinds import fits, telling, wordnet
from rag.sentences import words
from rag.short import Candidate, title_fit
from rag.titles import asked_titles

# each candidate's evidence, in the order of ``Evidence.features``
FEATURES = (
    "relevance",  # its sentence's cross-encoder score for the question
    "nearness",  # the question's words next to it (rag.evidence.nearness)
    "agreement",  # other sentences naming it (at most 3)
    "rank",  # its kind's place among the kinds asked for (0 best); for a placed one, times placed_rank
    "place",  # a place of the kind asked for (+1) or of another kind (-1)
    "unit",  # a number counting the unit asked for ("how many hours")
    "title",  # the passages' headlines naming it (at most 2)
    "placed",  # the question's words place it (rag.slots)
    "titled",  # a person's titles fitting those asked ("Secretary of Defense")
    "articles",  # other articles naming it (at most 3)
    "echo",  # the share of its words the question already uses
    "order",  # log(1 + its sentence's place in the relevance order)
    "passage",  # its passage's place among the passages (0 first)
    "noun",  # a noun phrase, not a named entity
    "length",  # its words (at most 6)
    "age",  # log(1 + the days its article is older than the newest of the passages)
    "fits",  # WordNet has it as a thing of the kind the question names ("wolf" for "which animal")
    "beaten",  # for a question asking who won, told of as the one beaten (rag.evidence.beaten)
)


@dataclass(frozen=True)
class Evidence:
    """A candidate of sentence ``sentence``, the answer's ``key`` (a surname as the full
    name), and its features."""

    sentence: int
    candidate: Candidate
    key: str
    features: tuple[float, ...]


@dataclass(frozen=True)
class Passage:
    """What ranking needs of a sentence's passage."""

    article_id: str
    title: str
    rank: int
    published: str = ""  # ISO date, "" unknown


def evidence(
    question: str,
    want: Wanted,
    texts: Sequence[str],
    sources: Sequence[Passage],
    relevance: np.ndarray,
    found: Sequence[Sequence[Candidate]],
    mentions: Sequence[set[str]] = (),
    *,
    full_name: bool = True,
    placed_rank: float = 0.0,
    kind: str = "",
    fit_rank: bool = False,
    whole_nouns: bool = False,
) -> list[Evidence]:
    """Every candidate's features, sentence by sentence (``texts[i]`` from ``sources[i]``);
    ``kind`` is the phrase naming the kind asked for ("celestial body"), if any; with
    ``fit_rank`` a candidate WordNet has as one of that kind counts its label's rank as a
    placed one does."""
    # a question that asks for a person (not the catch-all kinds of "which planet")
    person = want.labels[:1] == (PEOPLE,) and NOUN_PHRASE not in want.labels
    full = full_names(found, person) if full_name else {}
    if whole_nouns and (lex := wordnet()) is not None:
        full |= longer_nouns(found, NOUN_PHRASE, lambda p: lex.lemma(p.replace(" ", "_")) is not None)
    # a winners list's lines name a winner once per category it won: a list, not sentences
    # that agree on the answer, so they count toward no candidate's agreement
    listed = [winner_line(t) for t in texts]
    kept = [() if lst else mine for mine, lst in zip(found, listed, strict=True)]
    # ``mentions``: none, or one set a sentence
    seen = agreement(kept, [set() if lst else m for m, lst in zip(mentions, listed, strict=False)], full)
    in_articles: dict[str, set[str]] = {}
    for mine, source in zip(found, sources, strict=True):
        for c in mine:
            in_articles.setdefault(full.get(c.key, c.key), set()).add(source.article_id)
    titles = list({s.article_id: s.title for s in sources}.values())
    titles_asked = asked_titles(question) if person else set()
    kind_asked = kind.split()[-1] if person and kind else ""  # "which congressman": a congressman
    asked = set(words(question))
    days = [day_number(s.published) for s in sources]  # 0: unknown
    newest = max(days, default=0)
    age = [newest - d if d else 0 for d in days]  # days older than the newest passage
    place_in_order = {int(i): n for n, i in enumerate(np.argsort(-relevance, kind="stable"))}
    # dates, times and amounts are no nouns WordNet tells apart; nor is a work's title, which
    # names one work, not a sort of it ("Cabaret" is a show to WordNet, not the one that won)
    lexicon = wordnet() if kind and want.labels[0] not in (*NUMBERS, WORK) else None
    if lexicon is not None and not telling(lexicon, kind):
        lexicon = None  # a kind that fits every place
    # a candidate one sentence tells of as beaten is the one beaten wherever it is named
    lost = {full.get(c.key, c.key) for i, mine in enumerate(found) for c in mine if beaten(question, texts[i], c)}
    out: list[Evidence] = []
    for i, mine in enumerate(found):
        text = texts[i]
        for c in mine:
            key = full.get(c.key, c.key)
            parts = c.key.split()
            fit = bool(lexicon and fits(lexicon, text[c.start : c.end], kind, label=want.labels[0]))
            row = (
                float(relevance[i]),
                nearness(question, text, c, mine),
                float(min(seen.get(key, 0) - (not listed[i]), 3)),
                c.rank * (placed_rank if c.placed or (fit and fit_rank) else 1.0),
                place_fit(want, c),
                float(counts_unit(want, text, c)),
                float(min(in_titles((c.key, key), titles), 2)),
                float(c.placed),
                float(title_fit(titles_asked, text, c, mine, kind_asked)),
                float(min(len(in_articles[key]) - 1, 3)),
                sum(w in asked for w in parts) / max(len(parts), 1),
                math.log1p(place_in_order[i]),
                float(sources[i].rank),
                float(c.label == NOUN_PHRASE),
                float(min(len(parts), 6)),
                math.log1p(age[i]),
                float(fit),
                float(key in lost),
            )
            out.append(Evidence(i, c, key, row))
    return out


def scored(rows: Sequence[Evidence], weights: Sequence[float]) -> np.ndarray:
    """Each row's weighted sum."""
    return np.asarray([r.features for r in rows], dtype=np.float64) @ np.asarray(weights, dtype=np.float64)


def best(rows: Sequence[Evidence], weights: Sequence[float]) -> Evidence:
    """The row of the highest weighted sum (the first of equals)."""
    return rows[int(np.argmax(scored(rows, weights)))]
