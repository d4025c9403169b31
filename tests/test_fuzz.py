"""Bad input, fuzzed: whatever the corpus reader or the question path is fed, the result is a
clear one-line error per file or per question, or a normal article or answer; never a
traceback, a hang or lost index data."""

from __future__ import annotations

import functools
import io
import json
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp
from hypothesis import strategies as st

from rag.corpus import MAX_LINE_BYTES, SUPPORTED, Skipped, iter_corpus, read_file
from rag.errors import BadInput
from rag.pipeline import Pipeline
from tests.conftest import ARTICLES, fake_settings, run_rag

FUZZ = hyp(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_bytes_as(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"item{suffix}"
        path.write_bytes(data)
        items = list(read_file(path, path.name))
    check_items(items)
    return items


def check_items(items: list) -> None:
    for item in items:
        if isinstance(item, Skipped):
            assert item.reason.strip() and "\n" not in str(item) and "Traceback" not in item.reason
        else:
            assert item.text.strip() and "\x00" not in item.text and item.id


# -- the corpus reader ----------------------------------------------------------------------
@pytest.mark.parametrize("suffix", sorted(SUPPORTED))
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_in_every_format(suffix, data):
    read_bytes_as(data, suffix)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".eml"])
@FUZZ
@given(text=st.text(max_size=3000))
def test_random_text_in_every_text_format(suffix, text):
    read_bytes_as(text.encode("utf-8", "surrogatepass"), suffix)


# pieces of an email: headers, MIME parts, bodies, in any order; one message or a mailbox of them
MAIL_PIECES = st.sampled_from(
    [
        "Subject: Korir wins Boston\n",
        "From: The Morning <a@nyt.com>\n",
        "From: <>\n",
        "Date: Tue, 22 Apr 2025 06:01:00 -0400\n",
        "Date: not a date\n",
        "Message-ID: <x@y>\n",
        "Content-Type: multipart/alternative; boundary=B\n",
        "Content-Type: text/html; charset=utf-8\n",
        "Content-Type: text/plain; format=flowed; delsp=yes\n",
        "Content-Transfer-Encoding: base64\n",
        "Content-Transfer-Encoding: quoted-printable\n",
        "\n",
        "--B\n",
        "--B--\n",
        "<table><tr><td>John Korir won.</td></tr></table>\n",
        "John Korir of Kenya won the \nBoston Marathon.\n",
        "Sm9obiBLb3Jpcg==\n",
        "=E2=80=9Cquoted=E2=80=9D =\n",
        "From someone Tue Apr 22 06:01:00 2025\n",
    ]
)


@pytest.mark.parametrize("suffix", [".eml", ".mbox"])
@FUZZ
@given(pieces=st.lists(MAIL_PIECES, max_size=16), text=st.text(max_size=200))
def test_email_pieces_in_any_order(suffix, pieces, text):
    head = "From sender@example.com Tue Apr 22 06:01:00 2025\n" if suffix == ".mbox" else ""
    read_bytes_as((head + "".join(pieces) + text).encode("utf-8", "surrogatepass"), suffix)


# pieces of front matter, header lines and date lines, in any order: what rag.stated reads
HEAD_PIECES = st.sampled_from(
    [
        "---",
        "\n",
        "\n\n",
        "Date:",
        "date:",
        "title:",
        "Source:",
        "URL:",
        "Published",
        "Updated",
        "posted on",
        "January",
        "Jan.",
        "Sept",
        "10,",
        "31",
        "2025",
        "0000",
        "2025-02-30",
        "2025-01-10",
        "5:01",
        "a.m.",
        "ET",
        "Fri,",
        "|",
        "·",
        " - ",
        "By",
        "Jane",
        "'",
        '"',
        "#",
        " ",
        "x",
        "\u00e9",
        "\x00",
    ]
)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@FUZZ
@given(pieces=st.lists(HEAD_PIECES, max_size=60), name=st.text(max_size=30))
def test_front_matter_header_and_date_lines_in_any_order(suffix, pieces, name):
    from rag.stated import read_head

    text = " ".join(pieces)
    stated, rest = read_head(text.split("\n"), name)
    assert stated.published == "" or date.fromisoformat(stated.published)
    assert len(rest) <= text.count("\n") + 1  # lines are only ever taken out
    read_bytes_as(text.encode("utf-8"), suffix)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=40,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "title": JSON_VALUES,
        "text": JSON_VALUES,
        "published": JSON_VALUES,
        "source": JSON_VALUES,
        "url": JSON_VALUES,
    },
)


@FUZZ
@given(records=st.lists(RECORDS | JSON_VALUES, max_size=6))
def test_random_json_records(records):
    read_bytes_as(json.dumps(records).encode(), ".json")
    items = read_bytes_as("\n".join(json.dumps(r) for r in records).encode(), ".jsonl")
    assert len(items) <= max(len(records), 1)


@FUZZ
@given(tail=st.binary(max_size=3000))
def test_pdf_header_then_garbage(tail):
    items = read_bytes_as(b"%PDF-1.4\n" + tail, ".pdf")
    assert all(isinstance(i, Skipped) for i in items)


@functools.cache
def _word_document() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Harbour reopens", level=1)
    document.add_paragraph("The harbour in Marlow reopened on Friday. " * 20)
    document.add_table(rows=2, cols=2).cell(1, 1).text = "2 million pounds"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@FUZZ
@given(
    cut=st.one_of(st.none(), st.integers(2, 40_000)),
    flips=st.lists(st.tuples(st.integers(0, 40_000), st.integers(0, 255)), max_size=8),
)
def test_a_word_document_cut_or_changed_anywhere(cut, flips):
    """A real .docx with bytes changed (its zip directory, its compressed XML) and perhaps cut
    short: an article or one line, never a traceback."""
    data = bytearray(_word_document())
    for at, value in flips:
        data[at % len(data)] = value
    read_bytes_as(bytes(data[:cut]), ".docx")


RTF_PIECES = st.sampled_from(
    [
        "{",
        "}",
        "\\par ",
        "\\pard",
        "\\'e9",
        "\\'",
        "\\'zz",
        "\\u8212?",
        "\\u-3913?",
        "\\u99999999999?",
        "\\ansicpg1251",
        "\\ansicpg99999",
        "{\\fonttbl{\\f0\\fcharset204 Arial;}}",
        "{\\*\\generator x;}",
        "{\\pict\\pngblip 89504e47}",
        "\\f0",
        "\\f9",
        '{\\field{\\*\\fldinst HYPERLINK "http://x"}{\\fldrslt link}}',
        "\\bin4 ab",
        "\\",
        "Harbour reopens.",
        " ",
        "\n",
    ]
)


@FUZZ
@given(pieces=st.lists(RTF_PIECES, max_size=40), text=st.text(max_size=200))
def test_rtf_pieces_in_any_order(pieces, text):
    """Control words, groups, escapes, code pages and fonts in any order after an RTF header:
    an article or one line, never a traceback."""
    read_bytes_as(("{\\rtf1\\ansi " + "".join(pieces) + text).encode("utf-8", "surrogatepass"), ".rtf")


TEXTS = {
    "fr": "Sommet à Paris\n\nLe président a parlé à la presse à l'Élysée, dit-on.",
    "de": "Gipfel in Berlin\n\nDer Präsident sprach über Straßenbau und Übergänge.",
    "ru": "Саммит в Москве\n\nПрезидент выступил в Москве с длинной речью о бюджете.",
    "ja": "東京で会談\n\n首相は東京で記者会見を開き、防衛費について説明した。",
    "zh": "北京峰会\n\n总统在北京发表讲话，谈到了经济和贸易问题。",
    "zh-hant": "臺北峰會\n\n總統在臺北發表講話，談到了經濟和貿易問題。",
    "ko": "서울 회담\n\n대통령은 서울에서 기자회견을 열고 예산을 설명했다.",
    "el": "Σύνοδος στην Αθήνα\n\nΟ πρωθυπουργός μίλησε στην Αθήνα για τον προϋπολογισμό.",
    "he": "פסגה בירושלים\n\nראש הממשלה נאם בירושלים על התקציב והביטחון.",
    "en": "Summit in “Zürich”\n\nThe minister’s café meeting — a first — ended early.",
}
ENCODINGS = [
    ("utf-8", "ja"),
    ("utf-8-sig", "ru"),
    ("utf-16", "zh"),  # with byte-order mark
    ("utf-32", "ko"),
    ("cp1252", "en"),
    ("latin-1", "fr"),
    ("iso-8859-15", "de"),
    ("koi8-r", "ru"),
    ("cp1251", "ru"),
    ("iso-8859-7", "el"),
    ("cp1255", "he"),
    ("shift_jis", "ja"),
    ("euc-jp", "ja"),
    ("gb18030", "zh"),
    ("big5", "zh-hant"),
    ("euc-kr", "ko"),
]


@pytest.mark.parametrize(("encoding", "lang"), ENCODINGS)
def test_text_encodings_are_decoded_exactly(encoding, lang):
    title, body = TEXTS[lang].split("\n\n")
    (art,) = read_bytes_as((TEXTS[lang] + "\n").encode(encoding), ".txt")
    assert not isinstance(art, Skipped), art
    assert (art.title, art.text.strip()) == (title, body)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_wide_encodings_without_a_byte_order_mark_are_reported(encoding):
    (item,) = read_bytes_as(TEXTS["en"].encode(encoding), ".txt")
    assert isinstance(item, Skipped) and "binary" in item.reason


def test_deeply_nested_json_is_reported():
    deep = "[" * 200_000 + "]" * 200_000
    (item,) = read_bytes_as(deep.encode(), ".json")
    assert isinstance(item, Skipped) and "malformed JSON" in item.reason
    (item,) = read_bytes_as(('{"text":' * 100_000 + '"x"' + "}" * 100_000).encode(), ".jsonl")
    assert isinstance(item, Skipped) and item.reason.startswith("line 1: malformed JSON")


def test_html_scripts_and_broken_markup_give_only_visible_text():
    html = (
        "<html><head><title>Storm report</title><script>var stolen = document.cookie;</script>"
        "<style>body{display:none}</style></head><body><div><p>The storm closed <b>three schools"
        "<p>Power returned on Friday, the utility said.<script>alert('x')</script>"
        "<img src=x onerror=alert(1)><table><tr><td>unclosed cell</body>"
    )
    (art,) = read_bytes_as(html.encode(), ".html")
    assert not isinstance(art, Skipped)
    assert "Power returned on Friday" in art.text
    assert "document.cookie" not in art.text and "alert" not in art.text and "display:none" not in art.text


def test_huge_files_are_refused_in_bounded_memory(tmp_path):
    """A 200 MB file of each kind: refused quickly, with little memory, and the good file read."""
    for suffix in (".txt", ".html", ".json", ".pdf", ".docx", ".rtf", ".jsonl", ".eml", ".mbox"):
        with (tmp_path / f"huge{suffix}").open("wb") as fh:
            fh.truncate(200 * 2**20)  # sparse: 200 MB of zero bytes, one "line"
    (tmp_path / "good.txt").write_text("Good title\n\nGood body.")
    tracemalloc.start()
    t = time.perf_counter()
    items = list(iter_corpus([tmp_path]))
    took = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    check_items(items)
    assert [i.title for i in items if not isinstance(i, Skipped)] == ["Good title"]
    reasons = {Path(i.path).suffix: i.reason for i in items if isinstance(i, Skipped)}
    assert set(reasons) == {".txt", ".html", ".json", ".pdf", ".docx", ".rtf", ".jsonl", ".eml", ".mbox"}
    assert all("too large" in r for s, r in reasons.items() if s not in (".jsonl", ".mbox"))
    assert reasons[".jsonl"] == f"line 1: longer than {MAX_LINE_BYTES // 2**20} MB"
    assert reasons[".mbox"].startswith("not an mbox mailbox")  # streamed, but read only from a 'From ' line
    assert peak < 3 * MAX_LINE_BYTES, f"peak {peak / 2**20:.0f} MB"  # bounded by the line limit, not 200 MB
    assert took < 30


def test_a_long_line_among_good_jsonl_lines(tmp_path):
    good = json.dumps({"id": "g", "title": "Good", "text": "Fine."})
    path = tmp_path / "mixed.jsonl"
    with path.open("w") as fh:
        fh.write(good + "\n" + '{"id": "big", "text": "' + "a" * (MAX_LINE_BYTES + 10) + '"}\n')
        fh.write(json.dumps({"id": "g2", "title": "Good 2", "text": "Fine too."}) + "\n")
    items = list(iter_corpus([path]))
    check_items(items)
    assert [getattr(i, "id", None) for i in items] == ["g", None, "g2"]
    assert items[1].reason.startswith("line 2: longer than")


def test_a_huge_single_line_text_indexes_in_bounded_time(tmp_path):
    words = " ".join(f"word{i % 5000}" for i in range(300_000))  # about 2.7 MB, no sentence break
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "line.txt").write_text("One line\n\n" + words)
    pipe = Pipeline(fake_settings(tmp_path / "h", chunk_size=200, chunk_overlap=20))
    t = time.perf_counter()
    report = pipe.index([tmp_path / "c"], progress=False)
    assert report.articles == 1 and report.chunks > 1000 and not report.skipped
    assert time.perf_counter() - t < 120
    article = pipe.article(pipe.search("word4242", k=1)[0].chunk.article_id)
    assert article is not None and article.text.endswith("word4999")


def test_files_vanishing_mid_run_are_reported_and_the_rest_read(tmp_path):
    for n in range(6):
        (tmp_path / f"a{n}.txt").write_text(f"Title {n}\n\nBody {n}.")
    stream = iter_corpus([tmp_path])
    first = next(stream)
    (tmp_path / "a3.txt").unlink()
    (tmp_path / "a4.txt").unlink()
    (tmp_path / "a5.txt").unlink()
    (tmp_path / "a5.txt").mkdir()  # replaced by a folder between listing and reading
    rest = list(stream)
    check_items([first, *rest])
    assert [getattr(i, "title", None) for i in [first, *rest]] == ["Title 0", "Title 1", "Title 2", None, None, None]
    assert all("cannot read" in i.reason or "no such" in i.reason for i in rest[2:])


def test_index_of_a_hostile_folder_keeps_what_was_indexed(tmp_path, corpus):
    """A folder of bad files next to good ones: exit code 3, one line per bad file, nothing lost."""
    home = tmp_path / "h"
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    before = _hits(run_rag(home, "search", "storm Marlow", "--json").stdout)
    bad = {
        "rand.txt": bytes(range(256)) * 4,
        "nul.md": b"\x00" * 100,
        "deep.json": b"[" * 100_000,
        "fake.pdf": b"%PDF-1.7 not really",
        "lines.jsonl": b'{"id": 1}\n[1,2]\n\xff\xfe\n',
        "page.html": b"<script>while(1){}</script>",
        "empty.htm": b"",
    }
    for name, data in bad.items():
        (corpus / name).write_bytes(data)
    (corpus / "loop").symlink_to(corpus)
    (corpus / "dangling.txt").symlink_to(corpus / "nowhere.txt")
    run = run_rag(home, "index", str(corpus), "--quiet")
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr
    lines = [ln.removeprefix("skipped ") for ln in run.stderr.splitlines() if ln.startswith(f"skipped {corpus}")]
    assert {Path(ln.split(":")[0]).name for ln in lines} == {*bad, "dangling.txt"}
    assert _hits(run_rag(home, "search", "storm Marlow", "--json").stdout) == before
    status = json.loads(run_rag(home, "status", "--json").stdout)
    assert status["articles"] == len(ARTICLES) and not status["interrupted"]


def _hits(out: str) -> object:
    """What a search found, without its timings or the day it was asked (two runs can
    straddle midnight)."""
    found = json.loads(out)
    found.pop("timings_ms")
    found.pop("as_of")
    return found


# -- the question path ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def pipe(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    p = Pipeline(fake_settings(tmp_path_factory.mktemp("home"), chunk_size=64, chunk_overlap=8))
    p.index([folder], progress=False)
    return p


def check_answer_or_error(pipe: Pipeline, question: str) -> str:
    try:
        answer = pipe.ask(question)
    except BadInput as exc:
        assert str(exc) and "\n" not in str(exc)
        return "error"
    for c in answer.citations:
        article = pipe.article(c.article_id)
        assert article is not None and article.text[c.start : c.end] == c.quote
        assert any(h.chunk.id == c.chunk_id for h in answer.passages)
    assert answer.text and (answer.abstained or answer.citations)
    return "abstained" if answer.abstained else "answered"


QUESTIONS = {
    "empty": ("", "error"),
    "whitespace": (" \n\t \u3000 ", "error"),
    "100 KB": ("Who is the mayor? " * 6000, "error"),
    "control characters": ("\x00\x07\x1b[31mWho is the mayor\x7f of Marlow?\x1b[0m", "answered"),
    "only controls": ("\x00\x01\x02\x1b", "error"),
    "spanish": ("¿Quién es la alcaldesa de Marlow?", None),
    "japanese": ("マーロウの市長は誰ですか？", None),
    "arabic": ("من هو رئيس بلدية مارلو؟", None),
    "emoji": ("🌪️🏘️ storm Marlow mayor? 🤔", None),
    "right-to-left override": ("\u202eWho is the mayor of Marlow?", None),
    "lone surrogate": ("Who is the mayor \ud800 of Marlow?", None),
    "sql and markup": ("'; DROP TABLE chunks; -- <script>alert(1)</script> mayor?", None),
}


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_listed_questions(pipe, name):
    question, expected = QUESTIONS[name]
    outcome = check_answer_or_error(pipe, question)
    if expected:
        assert outcome == expected


@hyp(max_examples=150, deadline=None)
@given(question=st.text(max_size=300))
def test_any_question_gets_an_answer_or_a_one_line_error(pipe, question):
    check_answer_or_error(pipe, question)


def test_index_survives_the_question_fuzzing(pipe):
    assert pipe.catalog.counts()[0] == len(ARTICLES)
    assert check_answer_or_error(pipe, "Who is the mayor of Marlow?") == "answered"


@pytest.mark.parametrize("question", ["", "   ", "x" * 100_000, "\x1b\x07\x7f"])
def test_cli_bad_questions_are_one_line_errors(tmp_path, corpus, question):
    home = tmp_path / "h"
    run_rag(home, "index", str(corpus), "--quiet")
    run = run_rag(home, "ask", question)
    assert run.returncode == 1 and run.stderr.startswith("error: ")
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


# -- damage from outside ----------------------------------------------------------------------
def test_vectors_lost_outside_a_run_are_restored_by_the_next_run(tmp_path, corpus):
    import shutil

    home = tmp_path / "h"
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    before = _hits(run_rag(home, "search", "storm Marlow", "--json", "--mode", "dense").stdout)
    shutil.rmtree(home / "chroma")  # e.g. deleted by hand, or a Chroma server reset
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    assert _hits(run_rag(home, "search", "storm Marlow", "--json", "--mode", "dense").stdout) == before


def test_a_damaged_catalog_is_a_one_line_error_and_rebuild_repairs_it(tmp_path, corpus):
    home = tmp_path / "h"
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    (home / "catalog.sqlite").write_bytes(b"not a database at all" * 100)
    for args in (("search", "storm"), ("ask", "Who is the mayor?"), ("index", str(corpus)), ("status",)):
        run = run_rag(home, *args)
        assert run.returncode == 1 and "--rebuild" in run.stderr, (args, run.stderr)
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert run_rag(home, "index", "--rebuild", str(corpus), "--quiet").returncode == 0
    assert "Jane Ortiz" in run_rag(home, "ask", "Who declared an emergency in Marlow?").stdout


def test_file_names_with_control_characters_stay_one_line(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "bad\nname\x1b[31m.txt").write_bytes(b"\x00\x01binary")
    (folder / "good.txt").write_text("Good\n\nBody.")
    run = run_rag(tmp_path / "h", "index", str(folder), "--quiet")
    assert run.returncode == 3
    lines = [ln for ln in run.stderr.splitlines() if ln.startswith("skipped")]
    assert len(lines) == 1 and "bad\\nname\\x1b[31m.txt: binary" in lines[0]


FAULTY_CLI = """
import sys
from rag.pipeline import Pipeline

def broken(self, *args, **kwargs):
    raise RuntimeError("injected fault\\nwith a second line")

Pipeline.search = Pipeline.find = broken
from rag.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_an_unexpected_error_in_the_cli_is_one_line_or_the_traceback_on_request(tmp_path, corpus, debug):
    """A bug (an exception no code expects) inside `rag search`: one line and exit 1; with
    RAG_DEBUG=1 the full traceback."""
    import subprocess
    import sys

    from tests.conftest import REPO, rag_env

    home = tmp_path / "h"
    assert run_rag(home, "index", str(corpus), "--quiet").returncode == 0
    env = {**rag_env(home), "RAG_DEBUG": debug}
    run = subprocess.run(
        [sys.executable, "-c", FAULTY_CLI, "search", "storm"], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == 1
    if debug:
        assert "Traceback (most recent call last)" in run.stderr and "RuntimeError: injected fault" in run.stderr
    else:
        assert run.stderr == (
            "error: unexpected RuntimeError: injected fault with a second line (set RAG_DEBUG=1 for the traceback)\n"
        )
