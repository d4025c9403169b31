"""Question files: the native JSONL format and an adapter for RealTime QA's questions.jsonl.

Native format, one JSON object per line (all but ``id`` and ``question`` optional)::

    {"id": "q1", "question": "...", "answers": ["..."], "match": "any" | "all",
     "answerable": true, "relevant": ["article id", ...], "date": "YYYY-MM-DD",
     "choices": ["...", "..."]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rag.errors import BadInput

Format = Literal["native", "realtimeqa"]
Subset = Literal["all", "clean", "rest", "unlabelled"]


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[str, ...] = ()
    match: Literal["any", "all"] = "any"
    answerable: bool | None = None  # None: not labelled
    relevant: tuple[str, ...] = ()
    date: str = ""
    choices: tuple[str, ...] = ()  # multiple-choice options, for scoring only: the answerer never sees them

    @property
    def expects_answer(self) -> bool:
        return self.answerable is not False


def load(path: str | Path, fmt: Format = "native", subset: Subset = "all") -> list[Question]:
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"question file {path} not found")
    out: list[Question] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadInput(f"{path}:{n}: malformed JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise BadInput(f"{path}:{n}: expected a JSON object")
            q = _realtimeqa(obj, subset) if fmt == "realtimeqa" else _native(obj, path, n)
            if q is not None:
                out.append(q)
    if not out:
        raise BadInput(f"{path} holds no questions (format {fmt}, subset {subset})")
    return out


def _native(obj: dict[str, Any], path: Path, n: int) -> Question:
    if not isinstance(obj.get("question"), str) or not obj["question"].strip():
        raise BadInput(f"{path}:{n}: no 'question'")
    answers = obj.get("answers", [])
    if isinstance(answers, str):
        answers = [answers]
    match = obj.get("match", "any")
    if match not in ("any", "all"):
        raise BadInput(f"{path}:{n}: 'match' must be 'any' or 'all'")
    answerable = obj.get("answerable")
    return Question(
        id=str(obj.get("id", n)),
        question=obj["question"],
        answers=tuple(str(a) for a in answers),
        match=match,
        answerable=bool(answerable) if answerable is not None else None,
        relevant=tuple(str(r) for r in obj.get("relevant", [])),
        date=str(obj.get("date", "") or ""),
        choices=tuple(str(c) for c in obj.get("choices", []) or []),
    )


def _realtimeqa(obj: dict[str, Any], subset: Subset) -> Question | None:
    relevant = tuple(obj.get("silver_doc_ids") or ())
    clean = bool(relevant) and int(obj.get("n_corpus_docs_with_answer", 10**9)) <= 50
    # "rest": the questions with relevant articles outside "clean", to choose settings on
    # questions apart from the ones the results are reported on; "unlabelled": those with
    # none (mostly about articles the corpus lacks), for latency and abstention
    if (
        (subset == "clean" and not clean)
        or (subset == "rest" and (clean or not relevant))
        or (subset == "unlabelled" and relevant)
    ):
        return None
    n_with_answer = obj.get("n_corpus_docs_with_answer")
    answerable: bool | None = None
    if relevant:
        answerable = True
    elif n_with_answer == 0:
        answerable = False
    return Question(
        id=str(obj["qid"]),
        question=str(obj["question"]),
        answers=(str(obj["answer"]),),
        match="any",
        answerable=answerable,
        relevant=relevant,
        date=str(obj.get("question_date", "")),
        choices=tuple(str(c) for c in obj.get("choices", []) or []),
    )
