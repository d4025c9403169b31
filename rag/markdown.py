"""A Markdown article as the plain text it shows, a block a line (markdown-it-py, CommonMark
with tables and strikethrough).

Without it an answer quoted the markup ("Harbour master **Jane Ortiz** said", "[the port
authority said](https://example.com/...)"), a date line in italics ("*7 March 2025*") dated
nothing, and link targets were embedded as if they were text. Rendered: emphasis marks go,
a link keeps its words and an image its description, inline code its content, raw HTML its
text (not its scripts, styles or comments); a paragraph's soft line breaks are spaces
(CommonMark's rule for wrapped lines); a heading, a paragraph and a list item are each a
line (an ordered item keeps its number: a ranking's "1." is news), a table row is a line of
its cells between " | ", and code blocks keep their lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

_TAG = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_DROPPED = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close", "link_open", "link_close"}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(source: str) -> str:
    """One line of Markdown ("# **Harbour** reopens") as the text it shows."""
    return " ".join(plain_lines([source])).strip()


def plain_lines(lines: Sequence[str]) -> list[str]:
    """The Markdown ``lines`` as the lines of text they show, a block a line."""
    out: list[str] = []
    row: list[str] | None = None
    number = ""  # an ordered list item's number ("1. "), put before its first line
    for token in _parser().parse("\n".join(lines)):
        kind = token.type
        if kind == "list_item_open" and token.info:
            number = f"{token.info}{token.markup} "
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            out.append(" | ".join(row))
            row = None
        elif kind == "inline":
            text = _inline(token.children or [])
            if row is not None:
                row.append(text.strip())
            elif text.strip():
                out.extend((number + text).split("\n"))
                number = ""
        elif kind in ("fence", "code_block"):
            out.extend(token.content.rstrip("\n").split("\n"))
        elif kind == "html_block" and (text := html.unescape(_TAG.sub("", _HIDDEN.sub("", token.content))).strip()):
            out.extend(line for line in text.split("\n") if line.strip())
    return out


def _inline(children: Sequence[Any]) -> str:
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline(child.children or []))
        elif kind == "html_inline" or kind in _DROPPED:
            continue
        else:
            parts.append(child.content)
    return "".join(parts)
