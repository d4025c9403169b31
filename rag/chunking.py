"""Article -> Chunks with llama-index's sentence-aware splitter, keeping exact offsets.

Chunk size is counted in the embedding model's own word pieces, so no chunk is silently
truncated by the model. The splitter normalises whitespace at chunk edges; each chunk is
mapped back onto the article so that ``article.text[start:end] == chunk.text`` holds.
Each chunk carries its sentence spans, stored with it for the extractive answerer; a live
blog's bylines, found in the whole article, end a sentence (``rag.liveblog``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from itertools import accumulate, pairwise

from rag.liveblog import bylines
from rag.records import Article, Chunk
from rag.sentences import rejoined, sentence_spans


class Chunker:
    def __init__(self, chunk_size: int, chunk_overlap: int, count_tokens: Callable[[str], int]):
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer

        self.chunk_size = chunk_size
        self._count_tokens = count_tokens
        self._sentences = split_by_sentence_tokenizer()  # the splitter's default, kept to load it early
        self._splitter = SentenceSplitter(
            chunk_size=chunk_size,
            chunk_overlap=chunk_overlap,
            # the splitter only needs len(tokenizer(text)); a range avoids building id lists
            tokenizer=lambda text: range(self.count(text)),
            paragraph_separator="\n\n",
            chunking_tokenizer_fn=lambda text: zoned(self._sentences(text)),
        )

    def warm(self) -> None:
        """Load the sentence tokenizers (importing nltk takes 1-2 s) before the first article."""
        self._sentences("Loaded. Now.")
        sentence_spans("Loaded. Now.")

    def count(self, text: str) -> int:
        """Word pieces in ``text``, exactly when it can fit in a chunk.

        The splitter counts each article whole, then its paragraphs, then the sentences of
        long paragraphs, and only compares a count above the chunk size with the chunk size.
        Every whitespace-separated word is at least one word piece, so a text of more than
        twice the chunk size in words is too long without tokenizing it. That skips the
        whole-article counts: 500 RealTime QA articles chunk in 4.7 s instead of 7.2 s,
        into the same chunks (``python -m research.chunkspeed``, docs/BENCH.md)."""
        words = len(text.split())
        if words > 2 * self.chunk_size:
            return words
        return self._count_tokens(text)

    def split(self, article: Article) -> list[Chunk]:
        pieces = self._splitter.split_text(article.text)
        reporters = bylines(article.text)
        chunks: list[Chunk] = []
        cursor = 0
        for piece in pieces:
            span = locate(article.text, piece, cursor)
            if span is None:
                continue  # cannot happen for splitter output; never emit a chunk we cannot place
            start, end = span
            text = article.text[start:end]
            if not text.strip():
                continue
            position = len(chunks)
            digest = hashlib.sha1(f"{start}:{end}:{text}".encode("utf-8", "surrogatepass"))
            chunks.append(
                Chunk(
                    id=f"{article.id}#{position}-{digest.hexdigest()[:10]}",
                    article_id=article.id,
                    text=text,
                    start=start,
                    end=end,
                    position=position,
                    title=article.title,
                    published=article.published,
                    source=article.source,
                    sentences=tuple(sentence_spans(text, within(reporters, start, end))),
                )
            )
            # overlapping chunks may begin before the end of the previous one
            cursor = start + 1
        return chunks


def within(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The ``spans`` (of an article) that lie between ``start`` and ``end``, counted from ``start``."""
    return [(s - start, e - start) for s, e in spans if start <= s and e <= end]


def zoned(pieces: list[str]) -> list[str]:
    """The splitter's sentences (consecutive pieces of one text) with each break between
    "p.m." and a time zone, or "No." and its number, undone, as
    ``rag.sentences.sentence_spans`` does: a chunk does not end at "7 p.m." and leave "ET on
    ABC." to the next."""
    text = "".join(pieces)
    spans = list(pairwise(accumulate((len(p) for p in pieces), initial=0)))
    return [text[s:e] for s, e in rejoined(text, spans)]


def locate(text: str, piece: str, cursor: int = 0) -> tuple[int, int] | None:
    """Where ``piece`` occurs in ``text`` at or after ``cursor``, allowing for whitespace changes."""
    piece = piece.strip()
    if not piece:
        return None
    i = text.find(piece, cursor)
    if i < 0:
        i = text.find(piece)
    if i >= 0:
        return i, i + len(piece)
    tokens = piece.split()
    pattern = re.compile(r"\s+".join(re.escape(t) for t in tokens))
    m = pattern.search(text, cursor) or pattern.search(text)
    return (m.start(), m.end()) if m else None
