"""Every citation, whoever wrote the answer, is checked: its quote must be found verbatim at
``article.text[start:end]`` of a passage that was given to the answerer, and a short answer
must lie inside the quote it cites."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.answer import abstain
from rag.records import Answer, Citation, ShortAnswer, listed


def verify(answer: Answer, article_text: Callable[[str], str | None]) -> Answer:
    """Drop citations whose quote is not verbatim in a given passage of its article.

    An answer left with no valid citation abstains (its passages stay as related)."""
    given = {h.chunk.id: h.chunk for h in answer.passages}
    valid: list[Citation] = []
    for c in answer.citations:
        chunk = given.get(c.chunk_id)
        text = article_text(c.article_id)
        if (
            chunk is None
            or text is None
            or chunk.article_id != c.article_id
            or not (chunk.start <= c.start < c.end <= chunk.end)
            or text[c.start : c.end] != c.quote
        ):
            continue
        valid.append(c)
    short = answer.short if short_inside(answer.short, valid, article_text) else None
    if answer.abstained or (len(valid) == len(answer.citations) and short == answer.short):
        return answer
    if not valid:
        return abstain(answer.question, answer.passages, answer.mode, answer.warnings)
    dropped = {c.n for c in answer.citations} - {c.n for c in valid}
    text = answer.text
    for n in dropped:
        text = text.replace(f"[{n}]", "")
    return replace(answer, text=" ".join(text.split()), citations=tuple(valid), short=short)


def short_inside(
    short: ShortAnswer | None, citations: Sequence[Citation], article_text: Callable[[str], str | None]
) -> bool:
    """The short answer is verbatim in the article and lies inside the quote of the citation it names."""
    if short is None:
        return False
    cited = next((c for c in citations if c.n == short.citation), None)
    text = article_text(short.article_id)
    if cited is None or text is None or cited.article_id != short.article_id:
        return False
    items = [text[s:e] for s, e in short.spans]
    inside = all(cited.start <= s < e <= cited.end for s, e in short.spans)
    return (
        inside and short.text == listed(items) and (short.start, short.end) == (short.spans[0][0], short.spans[-1][1])
    )
