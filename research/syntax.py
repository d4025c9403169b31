"""Syntax as a span signal: spaCy's dependency parse of a candidate's sentence, added to the
shipped evidence (``rag.ranking``) with a weight, among the ``--top`` best candidates.

- ``tree``: the question's words in the sentence, each weighted by 1 / its distance to the
  candidate in the parse tree (``rag.evidence.nearness`` counts words along the line: in
  "DeepSeek, a startup founded in 2023, released R1", "released" is next to DeepSeek in the
  tree, far from it on the line);
- ``role``: the candidate fills the question word's role (subject, object, object of the same
  preposition) beside a verb of the question's: "Who won the award?" and "Sage won it".

The shipped pipeline leaves spaCy's parser out (``rag.entities``); this script loads it.

    RAG_HOME=<full index> python -m research.syntax --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset rest --mode tree --weights 0,0.1,0.25,0.5
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from rag import Pipeline, Settings
from rag.answer_sentences import Sentence
from rag.entities import package_for
from rag.followup import asked_words
from rag.ranking import Evidence
from rag.sentences import stem
from research.span_signals import Reweighed, asked, searched, signal_args, weigh

_WH = frozenset(("who", "whom", "whose", "what", "which", "where", "when", "how"))
_ROLES = {"nsubj": "subj", "nsubjpass": "obj", "dobj": "obj", "attr": "attr", "pobj": "pobj", "appos": "appos"}


@lru_cache(maxsize=1)
def _nlp(name: str) -> Any:
    import spacy

    return spacy.load(package_for(name), exclude=["lemmatizer"])


@lru_cache(maxsize=4096)
def _parse(name: str, text: str) -> Any:
    return _nlp(name)(text)


def _path(a: Any, b: Any) -> int:
    """Edges between two tokens of one parse tree."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return n + up[t.i]
    return 99


def tree(name: str, question: str, text: str, start: int, end: int) -> float:
    doc = _parse(name, text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0.0
    head = span.root
    asked = {stem(w) for w in asked_words(question)}
    inside = set(range(span.start, span.end))
    return sum(1.0 / max(_path(head, t), 1) for t in doc if t.i not in inside and stem(t.lower_) in asked)


def _role(token: Any) -> tuple[str, str, str]:
    """(relation, preposition, verb stem) of the phrase headed by ``token``."""
    rel, prep, t = token.dep_, "", token
    if rel == "pobj" and t.head.dep_ == "prep":
        prep, t = t.head.lower_, t.head
    while t.head.i != t.i and t.head.pos_ not in ("VERB", "AUX"):
        t = t.head
    return _ROLES.get(rel, rel), prep, stem(t.head.lower_) if t.head.i != t.i else ""


def role(name: str, question: str, text: str, start: int, end: int) -> float:
    q = _parse(name, question)
    wh = next((t for t in q if t.lower_ in _WH), None)
    if wh is None:
        return 0.0
    phrase = wh.head if wh.dep_ in ("det", "poss", "advmod") and wh.head.pos_ in ("NOUN", "PROPN") else wh
    want = _role(phrase)
    doc = _parse(name, text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not want[2]:
        return 0.0
    got = _role(span.root)
    return float(got[2] == want[2]) * (1.0 + float(got[:2] == want[:2]))


class Syntax(Reweighed):
    """The parse tree's distance (``tree``) or the question word's role (``role``) as the signal."""

    signal = "tree"

    def extra(
        self,
        question: str,
        sentences: Sequence[Sentence],
        relevance: np.ndarray,
        rows: Sequence[Evidence],
        best: list[int],
    ) -> dict[int, float]:
        signal = tree if self.signal == "tree" else role
        return {
            j: signal(
                self.config.ner,
                question,
                sentences[rows[j].sentence].text,
                rows[j].candidate.start,
                rows[j].candidate.end,
            )
            for j in best
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    signal_args(ap, ("tree", "role"), "0,0.1,0.25,0.5")
    args = ap.parse_args()
    questions = asked(args)
    pipe = Pipeline(Settings.load())
    base = pipe.answerer("extractive").config  # type: ignore[attr-defined]
    hits = searched(pipe, questions, base.passages)
    answerer = Syntax(lambda: pipe.reranker, base)
    answerer.signal, answerer.top = args.mode, args.top
    print(f"{len(questions)} questions ({args.subset}, {args.half}), {args.mode}, top {args.top}\n")
    weigh(answerer, questions, hits, args.weights)


if __name__ == "__main__":
    main()
