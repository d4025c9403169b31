"""Pure functions that turn answers into the HTML the chat shows. No Gradio here.

All corpus text goes through ``escape_text``: HTML is escaped, and characters Markdown or
LaTeX would act on are written as entities, so article text can never become markup,
a link or a script, whatever it contains.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rag.dates import describe_period
from rag.records import Answer, Citation, Hit, ShortAnswer

if TYPE_CHECKING:
    from rag.records import Status

_MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "[]()*_`#|~!\\$<>{}+-=:.@"}
_MARKER = re.compile(r"\[(\d{1,3})\]")


def escape_text(text: str) -> str:
    """Corpus text -> inert HTML (no tags, no Markdown links or emphasis, no LaTeX)."""
    escaped = html.escape(text, quote=True)
    out = []
    i = 0
    while i < len(escaped):
        if escaped[i] == "&":  # keep the entities html.escape made
            j = escaped.find(";", i)
            out.append(escaped[i : j + 1])
            i = j + 1
            continue
        out.append(_MARKDOWN_CHARS.get(escaped[i], escaped[i]))
        i += 1
    return "".join(out).replace("\n", "<br>")


def highlight(text: str, start: int, end: int, mark_id: str = "", inner: Sequence[tuple[int, int]] = ()) -> str:
    """``text`` escaped, with ``text[start:end]`` inside <mark>, and each ``inner`` span (the
    short answer, offsets in ``text``) inside it in <strong>."""
    start, end = max(0, start), min(len(text), end)
    ident = f' id="{html.escape(mark_id)}"' if mark_id else ""
    quote, at = [], start
    for s, e in sorted(inner):
        s, e = max(s, at), min(e, end)
        if s < e:
            quote += [escape_text(text[at:s]), f"<strong class='rag-short-in'>{escape_text(text[s:e])}</strong>"]
            at = e
    quote.append(escape_text(text[at:end]))
    return f"{escape_text(text[:start])}<mark{ident}>{''.join(quote)}</mark>{escape_text(text[end:])}"


def meta_line(title: str, source: str, published: str) -> str:
    bits = [b for b in (source, published or "undated") if b]
    return f"<strong>{escape_text(title)}</strong> <span class='rag-meta'>{escape_text(' · '.join(bits))}</span>"


def answer_text_html(answer: Answer, turn: str) -> str:
    """The answer with each [n] linked to its source card; everything else escaped."""
    numbers = {c.n for c in answer.citations}
    parts: list[str] = []
    last = 0
    for m in _MARKER.finditer(answer.text):
        n = int(m.group(1))
        if n not in numbers:
            continue
        parts.append(escape_text(answer.text[last : m.start()]))
        parts.append(f"<a class='rag-cite' href='#src-{turn}-{n}' title='source {n}'>[{n}]</a>")
        last = m.end()
    parts.append(escape_text(answer.text[last:]))
    return "".join(parts)


def source_card(
    citation: Citation, hit: Hit | None, article_text: str | None, turn: str, short: ShortAnswer | None = None
) -> str:
    c = citation
    spans = short.spans if short is not None and short.citation == c.n else ()
    head = f"<div class='rag-card-head'>[{c.n}] {meta_line(c.title, c.source, c.published)}</div>"
    if hit is not None:
        chunk = hit.chunk
        inner = [(s - chunk.start, e - chunk.start) for s, e in spans]
        passage = highlight(chunk.text, c.start - chunk.start, c.end - chunk.start, inner=inner)
    else:
        passage = highlight(c.quote, 0, len(c.quote), inner=[(s - c.start, e - c.start) for s, e in spans])
    body = f"<div class='rag-passage'>{passage}</div>"
    full = ""
    if article_text is not None:
        marked = highlight(article_text, c.start, c.end, f"quote-{turn}-{c.n}", spans)
        full = (
            "<details class='rag-article'><summary>Open full article</summary>"
            f"<div class='rag-article-text'>{marked}</div></details>"
        )
    return f"<div class='rag-card' id='src-{turn}-{c.n}'>{head}{body}{full}</div>"


def related_card(hit: Hit) -> str:
    c = hit.chunk
    snippet = " ".join(c.text.split())
    snippet = snippet if len(snippet) <= 400 else snippet[:397] + "..."
    return (
        f"<div class='rag-related'><div class='rag-card-head'>{meta_line(c.title, c.source, c.published)}</div>"
        f"<div class='rag-passage'>{escape_text(snippet)}</div></div>"
    )


def answer_html(answer: Answer, turn: str, article_text: Callable[[str], str | None]) -> str:
    """The whole assistant message: answer, then source cards (or related passages)."""
    hits: Mapping[str, Hit] = {h.chunk.id: h for h in answer.passages}
    warnings = "".join(f"<div class='rag-warning'>⚠ {escape_text(w)}</div>" for w in answer.warnings)
    when = "".join(f"<div class='rag-when'>◷ {escape_text(n)}</div>" for n in answer.time_notes if n not in answer.text)
    if answer.abstained:
        related = "".join(related_card(h) for h in answer.passages[:3])
        label = "<div class='rag-label'>Related passages (not an answer)</div>"
        block = f"<div class='rag-related-block'>{label}{related}</div>" if related else ""
        return f"{warnings}<div class='rag-answer rag-abstained'>{escape_text(answer.text)}{when}</div>{block}"
    cards = "".join(
        source_card(c, hits.get(c.chunk_id), article_text(c.article_id), turn, answer.short) for c in answer.citations
    )
    short = ""
    if answer.short is not None:
        n = answer.short.citation
        link = f"<a class='rag-short-cite' href='#src-{turn}-{n}' title='source {n}'>[{n}]</a>"
        short = f"<div class='rag-short'><strong>{escape_text(answer.short.shown)}</strong> {link}</div>"
    return (
        f"{warnings}<div class='rag-answer'>{short}{answer_text_html(answer, turn)}{when}</div>"
        f"<div class='rag-sources'><div class='rag-label'>Sources</div>{cards}</div>"
    )


def dates_line(status: Status) -> str:
    """ "Published 2 January 2015 to 10 July 2026 · 3 undated", and what undated means; ""
    for an empty index."""
    undated = f"{status.undated} undated (searched on any date; no period holds them)" if status.undated else ""
    if not status.newest:
        return f"{undated}  \n" if undated else ""
    span = describe_period(date.fromisoformat(status.oldest), date.fromisoformat(status.newest))
    return f"Published {span}" + (f" · {undated}" if undated else "") + "  \n"


def stats_markdown(status: Status) -> str:
    if not status.indexed:
        return "**No index yet.** Upload articles below or run `rag index seeds`."
    return (
        f"**{status.articles}** articles · **{status.chunks}** passages  \n{dates_line(status)}"
        f"Embedding: `{status.embed_model}`  \nReranker: `{status.rerank_model}`  \n"
        f"Store: {status.chroma} · `{status.home}`"
    )


CSS = """
.rag-answer { font-size: 1.02em; line-height: 1.5; margin-bottom: .6em; }
.rag-short { font-size: 1.15em; margin-bottom: .35em; }
.rag-short-in { font-weight: 700; }
.rag-abstained { font-style: italic; }
.rag-label { font-size: .8em; text-transform: uppercase; letter-spacing: .05em; opacity: .7; margin: .4em 0; }
.rag-card { border-left: 3px solid #2563eb; padding: .4em .7em; margin: .4em 0; background: rgba(37,99,235,.06); }
.rag-related { border-left: 3px dashed #9ca3af; padding: .4em .7em; margin: .4em 0; opacity: .85; }
.rag-meta { opacity: .7; font-size: .85em; margin-left: .4em; }
.rag-passage { font-size: .9em; margin-top: .3em; }
.rag-passage mark, .rag-article-text mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.rag-article summary { cursor: pointer; font-size: .85em; color: #2563eb; margin-top: .3em; }
.rag-article-text { max-height: 22em; overflow: auto; font-size: .88em; margin-top: .3em; }
.rag-warning { color: #b45309; font-size: .85em; }
.rag-when { opacity: .75; font-size: .85em; margin-top: .3em; }
a.rag-cite, a.rag-short-cite { text-decoration: none; font-weight: 600; }
"""
