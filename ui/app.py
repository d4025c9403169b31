"""The Gradio web chat: ``build_app(pipeline) -> gr.Blocks``; ``ui/server.py`` serves it.

The chat function is exposed as the API endpoint ``/chat`` (see README), so scripts and
load tests call the same code path as the page.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from rag.corpus import SUPPORTED
from rag.errors import RagError
from rag.pipeline import Pipeline
from rag.records import Answer, Filters, answerer_name
from ui.render import answer_html, escape_text, stats_markdown

ANY_SOURCE = "(any source)"
# The chat shows each answer from its top (its short answer, then its sentences), not from
# its end: following a long answer down (a timeline, the source cards) hides the answer.
# Before an answer comes, the question just asked is shown.
SHOW_ANSWER = """() => { setTimeout(() => {
  const box = document.querySelector('#chat .bubble-wrap');
  if (!box) return;
  const rows = box.querySelectorAll('.message-row');
  const last = rows[rows.length - 1];
  const answer = last && last.querySelector('.rag-answer, .rag-warning');
  box.scrollTop = answer
    ? box.scrollTop + answer.getBoundingClientRect().top - box.getBoundingClientRect().top - 40
    : box.scrollHeight;
}, 100); }"""
MAX_UPLOAD_FILES = 20
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _text_of(content: Any) -> str:
    """A chat message's text, whatever shape Gradio gives it (str, dict or list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, list):
        return " ".join(_text_of(p) for p in content)
    return ""


def previous_questions(history: list[dict[str, Any]]) -> list[str]:
    return [q for m in history if m.get("role") == "user" and (q := _plain(_text_of(m.get("content"))))]


def _plain(shown: str) -> str:
    """The question as typed, from the escaped form the chat displays."""
    import html as _html

    return _html.unescape(re.sub(r"<br>", "\n", shown)).strip()


def make_filters(source: str | None, since: str | None, until: str | None) -> Filters:
    return Filters(source=None if source == ANY_SOURCE else source, since=since, until=until)


def chat_turn(
    pipeline: Pipeline,
    message: str,
    history: list[dict[str, Any]] | None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    answerer: str | None = None,
    as_of: str | None = None,
    page: bool = False,
) -> Iterator[tuple[list[dict[str, Any]], Any, dict[str, Any]]]:
    """One chat turn: yields (chat history, text box value, answer JSON) as the answer grows.
    ``as_of`` is the day the question is asked (today when empty). On an error the question
    goes back into the text box; otherwise the box is "".

    For the page (``page=True``) the box is emptied once, by a first update before the
    search, and left alone after (``gr.skip()``): a next question typed while this answer
    arrives is kept."""
    history = list(history or [])
    message = message or ""
    user = {"role": "user", "content": escape_text(message.strip())}
    turn = f"t{len(history) // 2 + 1}"
    box: Any = ""
    if page:
        yield [*history, user, {"role": "assistant", "content": "▌"}], "", {}
        box = gr.skip()
    try:
        filters = make_filters(source, since, until)
        earlier = previous_questions(history)
        partial = ""
        for event in pipeline.stream(
            message, history=earlier, answerer=answerer_name(answerer), filters=filters, as_of=(as_of or "").strip()
        ):
            if isinstance(event, Answer):
                shown = answer_html(event, turn, pipeline.article_text)
                yield [*history, user, {"role": "assistant", "content": shown}], box, event.to_json()
                return
            partial += event
            yield [*history, user, {"role": "assistant", "content": escape_text(partial) + " ▌"}], box, {}
    except RagError as exc:
        note = f"<div class='rag-warning'>⚠ {escape_text(str(exc))}</div>"
        yield [*history, user, {"role": "assistant", "content": note}], message, {"error": str(exc)}


def safe_name(name: str) -> str:
    """A bare, harmless file name: no folders, no leading dots, only plain characters."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._ -]", "_", base).strip(" .")
    return base[:120] or "upload"


def stored_name(src: Path, name: str) -> str:
    """``name`` behind the first 12 hex digits of the file's SHA-256: two different files
    uploaded under one name are two articles; the same bytes uploaded twice are one."""
    digest = hashlib.sha256()
    with src.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return f"{digest.hexdigest()[:12]}-{name}"


def uploaded_name(stored: str) -> str:
    """The name a file was uploaded under, from the name ``stored_name`` gave it."""
    return re.sub(r"^[0-9a-f]{12}-", "", stored)


def earlier_uploads(upload_dir: Path, name: str, keep: Path) -> list[Path]:
    """Uploads stored under the same file name as ``keep`` (and the plain name older versions used)."""
    return [p for p in upload_dir.iterdir() if p != keep and (uploaded_name(p.name) == name or p.name == name)]


def add_uploads(
    pipeline: Pipeline, upload_dir: Path, files: list[Any] | None, replace: bool = False
) -> tuple[str, str]:
    """Copy uploaded files into ``upload_dir`` (checked server-side) and index them. Each is
    stored under its content hash, so no upload replaces another unless ``replace`` asks:
    then earlier uploads of the same file name are deleted and leave the index."""
    paths = [Path(f if isinstance(f, str) else getattr(f, "name", "")) for f in (files or [])]
    if not paths:
        return "Choose one or more article files first.", stats_markdown(pipeline.status())
    if len(paths) > MAX_UPLOAD_FILES:
        return f"At most {MAX_UPLOAD_FILES} files at a time.", stats_markdown(pipeline.status())
    upload_dir.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    accepted: list[Path] = []
    replaced: list[Path] = []
    for src in paths:
        name = safe_name(src.name)
        if Path(name).suffix.lower() not in SUPPORTED:
            lines.append(f"- {escape_text(name)}: not a supported type ({' '.join(sorted(SUPPORTED))})")
            continue
        try:
            size = src.stat().st_size
            if size > MAX_UPLOAD_BYTES:
                lines.append(f"- {escape_text(name)}: larger than {MAX_UPLOAD_BYTES // 2**20} MB")
                continue
            dest = (upload_dir / stored_name(src, name)).resolve()
        except OSError:
            lines.append(f"- {escape_text(name)}: upload missing")
            continue
        if dest.parent != upload_dir.resolve():
            lines.append(f"- {escape_text(name)}: refused name")
            continue
        shutil.copyfile(src, dest)
        accepted.append(dest)
        if replace:
            replaced += earlier_uploads(upload_dir.resolve(), name, dest)
    if accepted:
        for old in replaced:
            old.unlink(missing_ok=True)
        try:
            # a replacement removes articles: the whole upload folder is read, with pruning
            if replaced:
                report = pipeline.index([upload_dir.resolve()], prune=True)
            else:
                report = pipeline.index(accepted, prune=False)
        except RagError as exc:
            return f"⚠ {escape_text(str(exc))}", stats_markdown(pipeline.status())
        lines.insert(
            0,
            f"Indexed {len(accepted)} file(s): +{report.added} new, {report.updated} changed, "
            f"{report.unchanged} unchanged articles; {report.chunks_written} passages written"
            + (f"; {report.removed} earlier upload(s) replaced." if replaced else "."),
        )
        for skip in report.skipped:
            lines.append(f"- skipped {escape_text(uploaded_name(Path(skip.path).name))}: {escape_text(skip.reason)}")
    return "\n".join(lines), stats_markdown(pipeline.status())


def build_app(
    pipeline: Pipeline, upload_dir: Path | None = None, slots: threading.Semaphore | None = None
) -> gr.Blocks:
    """The chat page; each answer holds one of ``slots`` while it is computed (when given)."""
    upload_dir = upload_dir or pipeline.settings.home / "uploads"
    status = pipeline.status()
    sources = list(status.sources)
    llm = pipeline.settings.llm_configured
    with gr.Blocks(title="rag-news · cited answers", analytics_enabled=False) as app:
        gr.Markdown(
            "### Ask the news\nAnswers come only from the indexed articles. "
            "Click a **[n]** to see its source; open the full article with the quote highlighted."
        )
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Chat",
                    height=600,
                    elem_id="chat",
                    latex_delimiters=[],
                    buttons=["copy"],
                    feedback_options=None,
                    placeholder="Ask a question about the indexed articles.",
                    autoscroll=False,  # SHOW_ANSWER scrolls instead
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask a question, e.g. Who attends the 2+2?",
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        max_lines=4,
                    )
                    ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Row():
                    as_of = gr.Textbox(
                        value="",  # a default: API clients written before this field still call /chat
                        label="Asked on",
                        placeholder="today, or a date such as 2025-01-10",
                        info="'this week' and the like are read against it, later articles are not used; "
                        "'none': any date",
                        elem_id="as-of",
                        scale=3,
                    )
                    clear = gr.Button("Clear conversation", size="sm", elem_id="clear", scale=1)
                examples = pipeline.example_questions()  # from the indexed articles, newest first
                if examples:
                    gr.Examples(examples, inputs=box, label="Examples")
            with gr.Column(scale=2):
                with gr.Accordion("Corpus", open=True):
                    stats = gr.Markdown(stats_markdown(status), elem_id="stats")
                with gr.Accordion("Filters and answerer", open=False):
                    source = gr.Dropdown([ANY_SOURCE, *sources], value=ANY_SOURCE, label="Source")
                    since = gr.Textbox(label="Published on or after", placeholder="2025-01-10 or 10 Jan 2025")
                    until = gr.Textbox(label="Published on or before", placeholder="2025-01-10 or 10 Jan 2025")
                    answerer = gr.Radio(
                        ["extractive", "llm"] if llm else ["extractive"],
                        value=pipeline.settings.answerer if llm else "extractive",
                        label="Answerer",
                        info=None if llm else "Set RAG_LLM_URL to enable an LLM answerer.",
                    )
                with gr.Accordion("Add articles", open=False):
                    files = gr.File(
                        file_count="multiple",
                        file_types=sorted(SUPPORTED),
                        label=f"Up to {MAX_UPLOAD_FILES} files, {MAX_UPLOAD_BYTES // 2**20} MB each",
                        elem_id="upload",
                    )
                    replace_same = gr.Checkbox(
                        value=False,
                        label="Replace earlier uploads of the same file name",
                        elem_id="replace",
                    )
                    add = gr.Button("Add to index", elem_id="add")
                    upload_report = gr.Markdown(elem_id="upload-report")
                with gr.Accordion("Last answer as JSON", open=False):
                    last = gr.JSON(label="answer")

        def chat(
            message: str,
            history: list[dict[str, Any]],
            source: str,
            since: str,
            until: str,
            answerer: str,
            as_of: str,
            *,
            page: bool = False,
        ) -> Iterator[tuple[list[dict[str, Any]], Any, dict[str, Any]]]:
            turn = chat_turn(pipeline, message, history, source, since, until, answerer, as_of, page=page)
            if page:
                yield next(turn)  # the question shows at once, though every answer slot is taken
            with slots or contextlib.nullcontext():
                yield from turn

        def upload(files: list[Any] | None, replace_earlier: bool) -> tuple[str, str]:
            return add_uploads(pipeline, upload_dir, files, replace=bool(replace_earlier))

        inputs = [box, chatbot, source, since, until, answerer, as_of]
        outputs = [chatbot, box, last]
        # The /chat endpoint returns the text box value as it always has ("" once answered);
        # the page's own events leave the box to the user once the question is taken.
        api_chat = gr.Button(visible=False, elem_id="api-chat")
        api_chat.click(chat, inputs, outputs, api_name="chat", concurrency_limit=4)
        chat_page = functools.partial(chat, page=True)
        ask.click(chat_page, inputs, outputs, api_visibility="private", concurrency_limit=4)
        box.submit(chat_page, inputs, outputs, api_visibility="private", concurrency_limit=4)
        chatbot.change(None, js=SHOW_ANSWER, api_visibility="private")
        clear.click(lambda: ([], "", {}), None, outputs, api_visibility="private")
        add.click(upload, [files, replace_same], [upload_report, stats], api_visibility="private", concurrency_limit=1)
    return app


def theme() -> Any:
    # local font stacks only: the default theme would fetch fonts from a CDN
    return gr.themes.Soft(
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )
