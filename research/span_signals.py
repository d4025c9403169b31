"""Span signals from the cross-encoder, and where the gold answer sits among the candidates.

Two ways of asking the cross-encoder which candidate of a sentence answers, each added to
the shipped evidence (``rag.ranking``) with a weight, among the ``--top`` best candidates:

- ``occlude``: the sentence's score less its score with the candidate cut out (the words
  the answer rests on should matter to the sentence's relevance);
- ``window``: the score of the candidate with ``--words`` words either side, less the
  sentence's (the candidate's own neighbourhood, not the whole sentence).

``--ranks`` instead counts, per question, whether a candidate matching a gold answer (token
F1 >= 0.5) is ranked first, lower, or missing while the passages' sentences hold it.

    RAG_HOME=<full index> python -m research.span_signals --questions ../shared/data/realtimeqa_news/questions.jsonl \\
        --format realtimeqa --subset rest --mode occlude --weights 0,0.25,0.5,1
    RAG_HOME=<full index> python -m research.span_signals ... --subset clean --half test --ranks
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from collections.abc import Sequence

import numpy as np
from tqdm import tqdm

from eval import metrics as m
from rag import Pipeline, Settings
from rag.answer import ExtractiveAnswerer
from rag.answer_sentences import (
    Sentence,
)
from rag.asks import wanted
from rag.questions import Question, load
from rag.ranking import Evidence, scored
from rag.records import Hit
from rag.short import Candidate
from research.short_answers import half


def leading(rows: Sequence[Evidence], score: np.ndarray, top: int) -> list[int]:
    """The ``top`` best rows by ``score``, one per answer (key)."""
    best: list[int] = []
    for j in np.argsort(-score, kind="stable"):
        if rows[j].key not in {rows[b].key for b in best}:
            best.append(int(j))
        if len(best) == top:
            break
    return best


def weigh(answerer: ExtractiveAnswerer, questions: list[Question], hits: dict[str, list[Hit]], weights: str) -> None:
    """Print short exact match, token F1 and choice accuracy with each of ``weights`` (comma-
    separated) set as ``answerer.weight``, each question answered from its ``hits``."""
    print("| weight | short_em | short_f1 | choice_accuracy |\n|---|---|---|---|")
    for weight in (float(w) for w in weights.split(",")):
        answerer.weight = weight  # type: ignore[attr-defined]
        em, f1, choice = [], [], []
        for q in questions:
            a = answerer.answer(q.question, hits[q.id])
            short = "" if a.abstained or a.short is None else a.short.text
            em.append(m.short_exact(short, q.answers, q.match) if short else 0.0)
            f1.append(m.token_f1(short, q.answers))
            if q.choices and q.answers[0] in q.choices:
                choice.append(float(m.closest_choice(short, q.choices) == q.choices.index(q.answers[0])))
        means = " | ".join(f"{statistics.mean(v):.3f}" for v in (em, f1, choice))
        print(f"| {weight:g} | {means} |", flush=True)


class Reweighed(ExtractiveAnswerer):
    """The shipped answerer, its best candidate chosen with one more signal (``extra``), added
    with ``weight`` to the weighted sum of the ``top`` best candidates."""

    weight = 0.0
    top = 6

    def extra(
        self,
        question: str,
        sentences: Sequence[Sentence],
        relevance: np.ndarray,
        rows: Sequence[Evidence],
        best: list[int],
    ) -> dict[int, float]:
        """The signal of each row of ``best``."""
        raise NotImplementedError

    def pick(
        self, question: str, sentences: Sequence[Sentence], relevance: np.ndarray, rows: Sequence[Evidence]
    ) -> Evidence:
        score = scored(rows, self.config.weights()).astype(float)
        if not self.weight:
            return rows[int(np.argmax(score))]
        best = leading(rows, score, self.top)
        extra = self.extra(question, sentences, relevance, rows, best)
        return rows[max(best, key=lambda j: score[j] + self.weight * extra[j])]


class SpanSignal(Reweighed):
    """The cross-encoder's score of a candidate's sentence without it (``occlude``) or of its
    own words alone (``window``), against its sentence's."""

    signal = "occlude"
    words = 6

    memo: dict[tuple[str, int, int, str], float]  # the signal of each candidate met, set per run

    def _text(self, sentence: str, c: Candidate) -> str:
        if self.signal == "occlude":
            return " ".join((sentence[: c.start] + sentence[c.end :]).split())
        left, right = sentence[: c.start].split()[-self.words :], sentence[c.end :].split()[: self.words]
        return " ".join([*left, sentence[c.start : c.end], *right])

    def extra(
        self,
        question: str,
        sentences: Sequence[Sentence],
        relevance: np.ndarray,
        rows: Sequence[Evidence],
        best: list[int],
    ) -> dict[int, float]:
        keys = {j: (question, rows[j].sentence, rows[j].candidate.start, self.signal) for j in best}
        todo = [(j, key) for j, key in keys.items() if key not in self.memo]
        if todo:
            texts = [self._text(sentences[rows[j].sentence].text, rows[j].candidate) for j, _ in todo]
            for (j, key), s in zip(todo, self._reranker().score(question, texts), strict=True):
                base = float(relevance[rows[j].sentence])
                self.memo[key] = base - float(s) if self.signal == "occlude" else float(s) - base
        return {j: self.memo[key] for j, key in keys.items()}


def evidence_rows(pipe: Pipeline, answerer: ExtractiveAnswerer, q: Question) -> tuple[list[Sentence], list[Evidence]]:
    """The shipped answerer's steps up to its candidates' evidence, for ``q`` asked on its date
    (no abstention): the passages' sentences and every candidate's row ([] when the question
    asks for no thing)."""
    read = answerer.sentences_scored(
        q.question, pipe.search(q.question, k=answerer.config.passages, as_of=q.date or None)
    )
    sentences, relevance, order = read.sentences, read.relevance, read.order
    want = answerer.wanted(q.question)
    if want is None or not sentences:
        return sentences, []
    found, mentions = answerer.read(q.question, want, [s.text for s in sentences], order)
    return sentences, answerer.evidence(q.question, want, sentences, relevance, found, mentions)


def ranks(pipe: Pipeline, questions: list[Question]) -> Counter[str]:
    """Where a candidate matching a gold answer ranks, question by question."""
    answerer = pipe.answerer("extractive")
    assert isinstance(answerer, ExtractiveAnswerer)
    cfg = answerer.config
    out: Counter[str] = Counter()
    for q in tqdm(questions, desc="ranks", file=sys.stderr):
        sentences, rows = evidence_rows(pipe, answerer, q)
        if not rows and (not sentences or wanted(q.question) is None):
            out["asks for no thing" if wanted(q.question) is None else "no passages"] += 1
            continue
        ranked = [int(j) for j in np.argsort(-scored(rows, cfg.weights()), kind="stable")] if rows else []
        keys = list(dict.fromkeys(rows[j].key for j in ranked))
        right = [n for n, k in enumerate(keys) if m.token_f1(k, q.answers) >= 0.5]
        if right:
            out["first" if right[0] == 0 else "lower"] += 1
        elif any(m.contains(s.text, a) for s in sentences for a in q.answers):
            out["in the sentences, no candidate"] += 1
        else:
            out["not in the sentences"] += 1
    return out


def signal_args(ap: argparse.ArgumentParser, modes: Sequence[str], weights: str) -> None:
    """The arguments of a script that adds a span signal: the questions, the signal's modes,
    its weights and the candidates it reorders."""
    ap.add_argument("--questions", required=True)
    ap.add_argument("--format", choices=["native", "realtimeqa"], default="native")
    ap.add_argument("--subset", choices=["all", "clean", "rest", "unlabelled"], default="all")
    ap.add_argument("--half", choices=["all", "dev", "test"], default="all")
    ap.add_argument("--mode", choices=list(modes), default=modes[0])
    ap.add_argument("--weights", default=weights)
    ap.add_argument("--top", type=int, default=6, help="the best candidates the signal reorders")


def asked(args: argparse.Namespace) -> list[Question]:
    """The questions of ``args`` with a gold answer the corpus holds."""
    questions = [q for q in load(args.questions, args.format, args.subset) if q.answers and q.expects_answer]
    return half(questions, args.half)


def searched(pipe: Pipeline, questions: list[Question], passages: int) -> dict[str, list[Hit]]:
    """Each question's passages, searched once as asked on its date."""
    return {
        q.id: pipe.search(q.question, k=passages, as_of=q.date or None)
        for q in tqdm(questions, desc="search", file=sys.stderr)
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    signal_args(ap, ("occlude", "window"), "0,0.25,0.5,1")
    ap.add_argument("--words", type=int, default=6, help="words either side of the candidate (window)")
    ap.add_argument("--ranks", action="store_true", help="count where the gold answer ranks instead")
    args = ap.parse_args()
    questions = asked(args)
    pipe = Pipeline(Settings.load())
    if args.ranks:
        counts = ranks(pipe, questions)
        print(f"{len(questions)} questions ({args.subset}, {args.half})\n")
        print("| where the gold answer is | questions |\n|---|---|")
        for name, n in counts.most_common():
            print(f"| {name} | {n} |")
        return
    base = pipe.answerer("extractive").config  # type: ignore[attr-defined]
    hits = searched(pipe, questions, base.passages)
    answerer = SpanSignal(lambda: pipe.reranker, base)
    answerer.signal, answerer.top, answerer.words, answerer.memo = args.mode, args.top, args.words, {}
    print(f"{len(questions)} questions ({args.subset}, {args.half}), {args.mode}, top {args.top}\n")
    weigh(answerer, questions, hits, args.weights)


if __name__ == "__main__":
    main()
