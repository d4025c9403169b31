"""How much of each article's text reaches a vector.

An embedding model reads at most ``max_tokens`` word pieces of each text it is given
(all-MiniLM-L6-v2: 256) and ignores the rest. A node longer than that is indexed by its
head only: a question about its tail cannot match it. ``rag bench`` reports, for our index
and for the llama-index runs, the share of article characters that fall inside the part
of some node the model read, and from it how much article text each system makes
searchable per second.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

Span = tuple[int, int]


def read_chars(texts: list[str], tokenizer: Any) -> list[int]:
    """For each text, how many of its leading characters the model reads.

    ``tokenizer`` is a ``tokenizers.Tokenizer`` with the model's truncation enabled."""
    out = []
    for enc in tokenizer.encode_batch(texts):
        ends = [end for (start, end), special in zip(enc.offsets, enc.special_tokens_mask, strict=True) if not special]
        out.append(max(ends, default=0))
    return out


def model_tokenizer(embed_model: str) -> Any:
    """The embedding model's tokenizer, truncating where the model does."""
    from rag.models import load_tokenizer, resolve

    spec, folder = resolve(embed_model, "embedder")
    if folder is None:
        raise ValueError(f"{embed_model} has no tokenizer to measure with")
    return load_tokenizer(folder, spec.max_tokens)


def union_length(spans: Iterable[Span]) -> int:
    total, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total


def coverage(read: dict[str, list[Span]], lengths: dict[str, int]) -> float:
    """Share of all article characters inside a span the model read."""
    chars = sum(lengths.values())
    if not chars:
        return 0.0
    return sum(union_length(read.get(a, [])) for a in lengths) / chars


def node_spans(nodes: list[tuple[str, int, str, str]], tokenizer: Any, batch: int = 256) -> dict[str, list[Span]]:
    """The article span each node's embedding read.

    Each node is (article id, start of its text in the article, its text, the text given to
    the model, which holds the node's text after a header such as the title)."""
    read: dict[str, list[Span]] = {}
    for lo in range(0, len(nodes), batch):
        part = nodes[lo : lo + batch]
        for (article, start, text, embedded), n in zip(part, read_chars([p[3] for p in part], tokenizer), strict=True):
            offset = embedded.find(text)
            if offset < 0:  # the header changed the text; count what the model read of it
                offset = max(0, len(embedded) - len(text))
            seen = min(len(text), max(0, n - offset))
            read.setdefault(article, []).append((start, start + seen))
    return read


def ours(catalog_path: Path, embed_model: str) -> float:
    """Coverage of an index of ours: every chunk, as ``rag index`` embeds it."""
    from rag.catalog import Catalog, iter_articles

    catalog = Catalog(catalog_path, readonly=True)
    try:
        lengths = {a.id: len(a.text) for a in iter_articles(catalog)}
        nodes = [(c.article_id, c.start, c.text, c.model_text) for c in catalog.iter_chunks()]
    finally:
        catalog.close()
    return coverage(node_spans(nodes, model_tokenizer(embed_model)), lengths)


def read_tokens(texts: list[str], embed_model: str) -> int:
    """Word pieces the model reads of ``texts`` (each cut at the model's limit; no special
    tokens, as ``count_tokens`` counts ours)."""
    tok = model_tokenizer(embed_model)
    return sum(sum(1 for special in e.special_tokens_mask if not special) for e in tok.encode_batch(texts))


def llama_index(documents: list[Any], nodes: list[Any], embed_model: str) -> float:
    """Coverage of llama-index nodes: each embedded as llama-index does (metadata header)."""
    from llama_index.core.schema import MetadataMode

    lengths = {d.doc_id: len(d.text) for d in documents}
    texts = {d.doc_id: d.text for d in documents}
    rows = []
    for node in nodes:
        doc = node.ref_doc_id
        text = node.get_content(metadata_mode=MetadataMode.NONE)
        start = node.start_char_idx if node.start_char_idx is not None else texts[doc].find(text)
        rows.append((doc, max(start, 0), text, node.get_content(metadata_mode=MetadataMode.EMBED)))
    return coverage(node_spans(rows, model_tokenizer(embed_model)), lengths)
