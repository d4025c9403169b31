"""An article summarized: "Summarize the article about the Marlow harbour", "What does the
story on the Dunmore bridge say?", "Give me a summary of that article" (after a question).

``rag.bylines.about_article`` reads such a question and its subject, which is searched and
answered as any question is; the article that answer cites first is the one summarized.
News puts its most important facts first, so the summary is the article's first sentences
(the "lead-3" that news summarizers are measured against): its first sentence, then the
sentence among its first ones that best says what its headline says (as the digest tells a
story, ``rag.digest.lead_sentence``) and those after it, three in all, each quoted and
cited. A feature that opens on a scene ("Eager spectators walked past ...") states its news
a few sentences on ("These Games are the first ever with two Olympic cauldrons"), and the
summary reaches it. It says nothing the article does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.answer import inert_markers
from rag.answer_sentences import Sentence, candidate_sentences
from rag.dates import human_date, to_date
from rag.digest import LEAD_SENTENCES, best_sentence, pieces
from rag.models import Reranker
from rag.records import Answer, Chunk, Citation, Hit

SUMMARY_SENTENCES = 3  # the first sentence, the lead and what follows it, three in all
OPENING_PASSAGES = 3  # an article's first passages, read for its lead and what follows it


def in_order(hits: Sequence[Hit]) -> list[Sentence]:
    """The sentences of an article's opening ``hits`` (its first passages, in order) that
    may tell its story, each once in the article's order (a sentence a passage repeats from
    the one before, or cuts, is left out): the quotable ones, split at line breaks as a lead
    is (``rag.digest.pieces``), that end as a statement does, and that open their paragraph
    or follow one kept: what runs on from a note or a promotion left out is left out too."""
    out: list[Sentence] = []
    for sentence in candidate_sentences(hits):
        if out and sentence.start < out[-1].end:  # a passage's overlap with the one before
            continue
        if _opens_paragraph(sentence) or (out and _next_to(out[-1], sentence)):
            out += [p for p in pieces(sentence, short=True) if _STATES.search(p.text)]
    return out


# a statement's end: not a question's (a subhead: "Are any stores closing?"), nor a line
# without one (a byline of names, a list's line "Clint Dempsey (2004-2017) – 57 goals")
_STATES = re.compile(r"[.!][\"”’')]*\s*$")


def _opens_paragraph(sentence: Sentence) -> bool:
    """Nothing but space comes before ``sentence`` in its line: no note or promotion that
    was left out ("Editor's note: ...", "Sign up for our newsletter.") ran on into it."""
    chunk = sentence.hit.chunk
    at = sentence.start - chunk.start
    return not chunk.text[chunk.text.rfind("\n", 0, at) + 1 : at].strip()


def _next_to(before: Sentence, sentence: Sentence) -> bool:
    """Only space comes between ``before`` and ``sentence`` in the article (nothing left out)."""
    chunk = sentence.hit.chunk
    if before.end < chunk.start:
        return False
    return not chunk.text[before.end - chunk.start : sentence.start - chunk.start].strip()


def summarized(answer: Answer, opening: Callable[[str, int], Sequence[Chunk]], reranker: Reranker) -> Answer:
    """``answer`` to the subject's question made a summary of the article it cites first:
    its first sentence, its lead and the sentences after it, from its first passages
    (``opening``: by article id and how many), each quoted and cited, after the article's
    title, source and date."""
    if answer.abstained or not answer.citations:
        return answer
    told = answer.citations[0]
    hits = [Hit(c, 0.0, n, "summary") for n, c in enumerate(opening(told.article_id, OPENING_PASSAGES), start=1)]
    sentences = in_order(hits)
    if not sentences:
        return answer
    head = sentences[:LEAD_SENTENCES]
    lead = sentences.index(best_sentence(reranker, told.title, head)) if told.title.strip() else 0
    # the first sentence, then the lead and what follows it: "CORTINA, Italy – Eager spectators
    # walked past ..." and, three sentences on, "These Games are the first ever with two cauldrons"
    chosen = [sentences[i] for i in dict.fromkeys([0, *range(lead, len(sentences))])][:SUMMARY_SENTENCES]
    citations = tuple(Citation.of(n, s.hit.chunk, s.start, s.end) for n, s in enumerate(chosen, start=1))
    quoted = " ".join(f"{inert_markers(' '.join(c.quote.split()))} [{c.n}]" for c in citations)
    cited = {c.chunk_id for c in citations}
    passages = tuple(h for h in hits if h.chunk.id in cited)
    text = f"{_named(told)}, in brief: {quoted}"
    return replace(answer, text=text, citations=citations, short=None, passages=passages)


def _named(told: Citation) -> str:
    """How the summary names its article: '"Title" (USA Today, 9 June 2015)'."""
    day = to_date(told.published) if told.published else None
    said = ", ".join(x for x in (told.source, human_date(day) if day else "") if x)
    return f'"{told.title}" ({said})' if said else f'"{told.title}"'
