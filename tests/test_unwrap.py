"""Wrapped lines joined into their paragraphs (rag.unwrap): plain text, plain-text email
and PDF text layers, where a line break is the printed line's, not the paragraph's."""

import json
import textwrap
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rag.corpus import Skipped, iter_corpus
from rag.pdftext import with_gaps, without_running_lines
from rag.records import Article
from rag.sentences import sentence_spans
from rag.unwrap import unwrap, unwrap_pages, width
from research.printed_pages import print_pages
from tests.conftest import asked_over_one_file, run_rag, write_pdf

CHROMIUM = "/usr/bin/chromium"

PARAGRAPHS = [
    "The harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, "
    "the port authority said, and the first ferries left for the islands before noon.",
    "Repairs to the sea wall cost 2 million pounds, a sum the council paid from its reserves "
    "after a vote of seven to two. Councillor Amir Patel, who voted against, called the bill of the "
    "well-known contractor excessive.",
    "Harbour master Jane Ortiz said the storm was the worst since 1987 and that the new wall "
    "would hold against a surge twice the height of this one.",
]


def sentences(text: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in sentence_spans(text)]


HASH_ONE = (
    "Jews had wrapped up eight nights of Hanukkah and Hindus their Diwali lanterns in November, and the "
    "fans of the #1 bestselling author lined up at the stores in the town all week."
)
WANTED = [s for p in PARAGRAPHS for s in sentences(p)]


def wrapped(width_: int = 60) -> str:
    return "\n\n".join(textwrap.fill(p, width_) for p in PARAGRAPHS)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # wrapped at 40: each paragraph's lines joined, the blank line between paragraphs kept
        (
            "The harbour in Marlow reopened on Friday\nafter the storm that hit the coastal\n"
            "town on Tuesday, a spokesman for the\nport authority said.\n\nRepairs cost 2 million "
            "pounds, the\ncouncil said.",
            "The harbour in Marlow reopened on Friday after the storm that hit the coastal town on "
            "Tuesday, a spokesman for the port authority said.\n\nRepairs cost 2 million pounds, the council said.",
        ),
        # a hyphen or dash right after a word joins without a space
        (
            "The council approved the plan for the well-\nknown harbour of the coastal town after\n"
            "a long debate in the chamber about non-\nEuropean contractors and the cost of the\n"
            "work on the new sea wall at the quay--\nwhich was high.",
            "The council approved the plan for the well-known harbour of the coastal town after a long "
            "debate in the chamber about non-European contractors and the cost of the work on the new sea "
            "wall at the quay--which was high.",
        ),
        # a dash with a space before it keeps its space
        (
            "The council met on Tuesday and members --\nboth old and new -- voted for the plan to\n"
            "rebuild the sea wall of the harbour at\nthe north quay of the town before the\nwinter storms.",
            "The council met on Tuesday and members -- both old and new -- voted for the plan to rebuild the "
            "sea wall of the harbour at the north quay of the town before the winter storms.",
        ),
        # a number after a bullet's full line, a decimal, pipes in prose: joined; a short
        # numbered heading and a table row are not
        (
            "• Purdue will hold its annual Fan Day and exhibition on Oct.\n"
            "21. Time has not been set for the game that is shown on the\n"
            "new video screen. At 5 p.m. the storm was near latitude\n"
            "26.1 North.\n"
            "Richardson ran the 100 metres in the first heat in a time of\n"
            "10.94. She surged past the other sprinters in the heat.\n"
            "Alabama | Alaska | Arizona | Arkansas | California\n"
            "| Colorado | Delaware | Florida | Georgia | Hawaii.\n"
            "1.2. Scope\n"
            "The council said that the two of them would go on with it\n"
            "2.3 Simple parsing\n"
            "| quay | cost in pounds of the work done on it |",
            "• Purdue will hold its annual Fan Day and exhibition on Oct. 21. Time has not been set for the game "
            "that is shown on the new video screen. At 5 p.m. the storm was near latitude 26.1 North.\nRichardson "
            "ran the 100 metres in the first heat in a time of 10.94. She surged past the "
            "other sprinters in the heat. Alabama | Alaska | Arizona | Arkansas | California | Colorado | Delaware "
            "| Florida | Georgia | Hawaii.\n1.2. Scope\nThe council said that the two of them would go on with it\n"
            "2.3 Simple parsing\n| quay | cost in pounds of the work done on it |",
        ),
        # "#1" begins no heading
        (textwrap.fill(HASH_ONE, 30), HASH_ONE),
        # a paragraph a line (no width): untouched
        (
            "Storm hits coastal town\n" + "A powerful storm struck the coastal town of Marlow on Tuesday. " * 3 + "\n"
            "The mayor declared an emergency.\n" + "Winds reached 120 km/h and thousands lost power. " * 4 + "\n"
            "Schools were closed.\nThe council met on Wednesday.",
            None,
        ),
        # fewer than five lines tell no width: untouched
        ("The harbour in Marlow reopened on Friday\nafter the storm that hit the coastal\ntown.", None),
        # a list after a colon, and its items, stay on their lines; a heading stays
        (
            "# Harbour news from the coastal town\nThe council listed the repairs it has paid\n"
            "for this year in the harbour of the town:\n- the sea wall along the northern quay and\n"
            "- the ferry ramp at the southern quay and\n- the lights on the breakwater at the end",
            "# Harbour news from the coastal town\nThe council listed the repairs it has paid for this "
            "year in the harbour of the town:\n- the sea wall along the northern quay and\n"
            "- the ferry ramp at the southern quay and\n- the lights on the breakwater at the end",
        ),
        # a quoted reply, a table and a code block stay as they are
        (
            "> The harbour in Marlow reopened on the\n> Friday after the storm that hit the town\n"
            "| quay | cost in pounds of the work done |\n| north | two million pounds for the wall |\n"
            "```\nThe harbour in Marlow reopened on the\nFriday after the storm that hit the town\n```",
            None,
        ),
        # a short line ends its paragraph even without a blank line (a PDF's paragraphs)
        (
            "The harbour in Marlow reopened on Friday\nafter the storm that hit the coastal\n"
            "town on Tuesday.\nRepairs cost 2 million pounds, the\ncouncil said on Monday evening at the\n"
            "meeting.",
            "The harbour in Marlow reopened on Friday after the storm that hit the coastal town on "
            "Tuesday.\nRepairs cost 2 million pounds, the council said on Monday evening at the meeting.",
        ),
        ("", None),
        ("\n\n\n\n\n\n", None),
    ],
)
def test_unwrap(given, expected):
    assert unwrap(given) == (given if expected is None else expected)


LINE_PIECES = st.sampled_from(
    [
        "The harbour",
        " reopened",
        " on Friday",
        "-",
        "--",
        " ",
        "\n",
        "\n\n",
        "- item",
        "1. ",
        "# Head",
        "> quote",
        "```",
        ":",
        ".",
    ]
)


@given(st.lists(LINE_PIECES, max_size=80), st.integers(1, 4))
def test_unwrap_only_takes_out_line_breaks_and_the_spaces_around_them(pieces, pages):
    text = "".join(pieces)
    assert "".join(unwrap(text).split()) == "".join(text.split())
    assert unwrap(text).count("\n") <= text.count("\n")
    assert "".join(unwrap_pages([text] * pages).split()) == "".join(text.split()) * pages


def test_width_is_the_lines_length_a_long_url_aside():
    lines = ["x" * 70] * 12 + ["https://example.com/" + "a" * 200, "short"]
    assert width(lines) == 70


def test_a_paragraph_that_goes_on_to_the_next_page_is_joined_and_one_that_ends_is_not():
    first = textwrap.fill(PARAGRAPHS[0], 50).rsplit(" ", 3)[0]  # the page ends mid-sentence, on a full line
    rest = PARAGRAPHS[0][len(" ".join(first.split())) + 1 :]
    pages = [first, textwrap.fill(rest, 50) + "\n" + textwrap.fill(PARAGRAPHS[2], 50)]
    text = unwrap_pages(pages)
    assert "\n\n" not in text and sentences(text) == sentences(PARAGRAPHS[0] + "\n" + PARAGRAPHS[2])
    # a page that ends on its paragraph's short last line is a paragraph break
    ended = [textwrap.fill(PARAGRAPHS[0], 50), textwrap.fill(PARAGRAPHS[2], 50)]
    assert unwrap_pages(ended) == PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[2]


def test_wrapped_files_mail_and_pdf_are_read_in_whole_sentences(tmp_path):
    (tmp_path / "harbour.txt").write_text("Marlow harbour reopens\n\n" + wrapped(72) + "\n")
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["Date"] = (
        "Marlow harbour",
        "Coast News <n@example.com>",
        "Fri, 7 Mar 2025 08:00:00 +0000",
    )
    msg.set_content(wrapped(66) + "\n")
    (tmp_path / "harbour.eml").write_bytes(bytes(msg))
    lines = [line for p in PARAGRAPHS for line in textwrap.wrap(p, 64)]
    write_pdf(tmp_path / "harbour.pdf", [lines[:4], lines[4:]], title="Marlow harbour")
    articles = [a for a in iter_corpus([tmp_path]) if not isinstance(a, Skipped)]
    assert len(articles) == 3
    for art in articles:
        assert sentences(art.text) == WANTED, art.path


def test_answers_over_a_wrapped_pdf_cite_whole_sentences(tmp_path):
    lines = [line for p in PARAGRAPHS for line in textwrap.wrap(p, 64)]
    pipe, answer = asked_over_one_file(
        tmp_path,
        lambda folder: write_pdf(folder / "harbour.pdf", [lines[:5], lines[5:]], title="Marlow harbour"),
        "How much did the repairs to the sea wall cost?",
    )
    assert not answer.abstained and answer.citations
    quotes = [" ".join(c.quote.split()) for c in answer.citations]
    assert (
        "Repairs to the sea wall cost 2 million pounds, a sum the council paid from its reserves after a vote of seven to two."
        in quotes
    )
    assert all(q in WANTED for q in quotes), quotes
    text = pipe.article(answer.citations[0].article_id).text
    for cited in answer.citations:
        assert text[cited.start : cited.end] == cited.quote


@pytest.mark.slow
def test_a_wrapped_text_file_answers_who_with_the_real_models(tmp_path):
    """A plain-text article wrapped at 72 characters, indexed and asked with the real models:
    the short answer is the person, and the cited sentence is whole."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "harbour.txt").write_text("Marlow harbour reopens\n\n" + wrapped(72) + "\n")
    home = tmp_path / "home"
    assert run_rag(home, "index", str(folder), "--quiet", test_models=False).returncode == 0
    run = run_rag(home, "ask", "Who is the harbour master of Marlow?", "--json", test_models=False)
    assert run.returncode == 0, run.stderr[-2000:]
    answer = json.loads(run.stdout)
    assert answer["short_answer"]["text"] == "Jane Ortiz", answer["answer"]
    quotes = [" ".join(c["quote"].split()) for c in answer["citations"]]
    assert sentences(PARAGRAPHS[2])[0] in quotes and all(q in WANTED for q in quotes), quotes


def test_running_heads_and_page_numbers_come_off_a_pdfs_pages():
    body = [textwrap.wrap(p, 64) for p in PARAGRAPHS]
    pages = [
        "Marlow Gazette | Harbour\n" + "\n".join(body[0][:2]) + "\nPage 1 of 3",
        "Marlow Gazette | Harbour\n" + "\n".join(body[0][2:] + body[1][:2]) + "\nPage 2 of 3",
        "Marlow Gazette | Harbour\n" + "\n".join(body[1][2:] + body[2]) + "\nPage 3 of 3",
    ]
    kept = without_running_lines(pages)
    assert "Marlow Gazette" not in "".join(kept) and "Page" not in "".join(kept)
    assert sentences(unwrap_pages(kept)) == WANTED
    # a two-page document's head on both pages, a bare number, "- 2 -" and a roman numeral
    two = ["Harbour report\n" + "\n".join(body[0]) + "\n- 1 -", "Harbour report\niv\n" + "\n".join(body[2]) + "\n2"]
    assert without_running_lines(two) == ["\n".join(body[0]), "\n".join(body[2])]
    # a chapter's head on two pages of five, its page number changing
    said = ["The wall held.", "The ferries sailed.", "The council paid.", "The quay reopened."]
    five = [f"Chapter {1 + n // 2}: Results {n + 1}\n{line}" for n, line in enumerate(said)] + ["Index\nWalls."]
    assert without_running_lines(five) == [*said, "Index\nWalls."]
    # a line at a page's edge that only one page has is the text's
    assert without_running_lines(["Harbour report\nThe wall held.", "Storm report\nIt rained."]) == [
        "Harbour report\nThe wall held.",
        "Storm report\nIt rained.",
    ]


def test_a_word_a_typesetter_broke_is_joined_when_the_document_writes_it_whole(tmp_path):
    lines = [
        "The port authority said on Friday that the management of the harbour",
        "would pass to the council next year, and that the new manage-",
        "ment would keep the harbour open all year round for the ferries and",
        "the fishing boats of the town in all weathers, in a long-awaited, well-",
        "known decision that the council had taken after a long debate on the",
        "sea wall and on the cost of the repairs to the quays of the harbour.",
    ]
    write_pdf(tmp_path / "report.pdf", [lines])
    (art,) = list(iter_corpus([tmp_path / "report.pdf"]))
    assert "the new management would keep" in art.text  # "management" is written whole above
    assert "long-awaited, well-known decision" in art.text  # "wellknown" is not


def _spaced(subhead: str) -> list[list[str]]:
    """The paragraphs set at 64, a subhead without a full stop that fills its line above the
    last one, and an empty line (a gap, when drawn with one) between them."""
    pages: list[str] = []
    for n, p in enumerate(PARAGRAPHS):
        if n == len(PARAGRAPHS) - 1:
            pages += [subhead, ""]
        pages += [*textwrap.wrap(p, 64), ""]
    return [pages[:-1]]


SUBHEAD = "What the harbour master and the council told the meeting"


def test_a_pdfs_gaps_between_lines_end_its_paragraphs(tmp_path):
    """A subhead that fills its line and has no full stop ran into the paragraph under it: the
    plain text has no blank lines. The space the printer left above and below it now ends it."""
    write_pdf(tmp_path / "spaced.pdf", _spaced(SUBHEAD), gap=7)
    (art,) = list(iter_corpus([tmp_path / "spaced.pdf"]))
    assert not isinstance(art, Skipped)
    assert sentences(art.text) == [*WANTED[:-1], SUBHEAD, WANTED[-1]]
    assert art.text.split("\n\n") == [*PARAGRAPHS[:-1], SUBHEAD, PARAGRAPHS[-1]]


def test_lines_spaced_evenly_have_no_gaps(tmp_path):
    """Double-spaced lines, without more space between paragraphs, are read as before: the
    usual step between lines is the document's own."""
    lines = [line for line in _spaced(SUBHEAD)[0] if line]
    write_pdf(tmp_path / "double.pdf", [lines], leading=28)
    (art,) = list(iter_corpus([tmp_path / "double.pdf"]))
    assert not isinstance(art, Skipped)
    assert "\n\n" not in art.text
    assert sentences(art.text)[: len(WANTED) - 3] == WANTED[:-3]


def test_gaps_need_known_places_below_each_other():
    # the steps, in type sizes: 1.2 usually, 2.0 after the second line
    places: list[tuple[float, float] | None] = [(700.0, 10.0), (688.0, 10.0)]
    places += [(668.0 - 12 * n, 10.0) for n in range(7)]
    text = "\n".join("abcdefghi")
    assert with_gaps([(text, places)]) == ["a\nb\n\nc\nd\ne\nf\ng\nh\ni"]
    # a line printed above the one before (the next column) or at an unknown place: no gap
    column: list[tuple[float, float] | None] = [(700.0, 10.0), (688.0, 10.0)]
    column += [(760.0 - 12 * n, 10.0) for n in range(7)]
    assert with_gaps([(text, column)]) == [text]
    unknown = [*places[:2], None, *places[3:]]
    assert with_gaps([(text, unknown)]) == [text]
    # a larger type's step is measured in its size: a heading's lines are no gap, and one
    # heading again
    heading = [(760.0, 20.0), (736.0, 20.0), *places]
    assert with_gaps([("The harbour\nreopens\n" + text, heading)]) == [
        "The harbour reopens\n\n" + with_gaps([(text, places)])[0]
    ]
    # too few lines to tell the usual step
    assert with_gaps([("a\nb\nc", places[:3])]) == ["a\nb\nc"]


@pytest.mark.slow
def test_a_web_page_printed_to_pdf_by_chromium_is_read_in_its_paragraphs(tmp_path):
    """A news page saved as PDF by the browser (its header and footer on): each paragraph,
    and each subhead, a heading broken over two lines included, comes back as its own line."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: apt-get install -y chromium (.ci/run does this)")
    subhead = "What the harbour master and the council told the meeting of the harbour board"
    art = Article("a", "Marlow harbour reopens after the storm", "\n".join([*PARAGRAPHS[:-1], subhead, PARAGRAPHS[-1]]))
    print_pages([art], tmp_path, CHROMIUM)
    (read,) = list(iter_corpus([tmp_path / "00000.pdf"]))
    assert not isinstance(read, Skipped)
    lines = read.text.split("\n\n")
    assert lines[0] == art.title  # the page's own heading; the browser's header is gone
    assert lines[1:] == [*PARAGRAPHS[:-1], subhead, PARAGRAPHS[-1]]


def test_a_browsers_head_and_foot_are_taken_off_a_single_page():
    page = (
        "12/6/26, 9:28 PM Marlow harbour reopens\nMarlow harbour reopens\nThe harbour reopened on Friday.\n"
        "Read the council's notice at\nhttps://example.com/notice\nfile:///home/ann/harbour.html 1/1"
    )
    assert without_running_lines([page]) == [
        "Marlow harbour reopens\nThe harbour reopened on Friday.\nRead the council's notice at\nhttps://example.com/notice"
    ]


def test_names_set_one_under_another_in_a_larger_type_stay_apart():
    """A title page's authors, one a line in a larger type, are no heading broken over lines;
    a heading whose first line was full is."""
    body = [f"{n} " + "word " * 12 for n in range(8)]  # about 70 characters a line, 10 points
    # a paragraph's gap after the fourth line: the document has gaps
    places: list[tuple[float, float] | None] = [(700.0 - 12 * n - 12 * (n > 3), 10.0) for n in range(8)]
    names = ["Fabio Fiorina", "Simon Josefsson", "Nikos Mavrogiannopoulos"]
    stacked = [(760.0 - 17 * n, 14.0) for n in range(3)]
    text = "\n".join([*names, *body])
    assert with_gaps([(text, [*stacked, *places])])[0].split("\n")[:4] == [*names, ""]
    heading = ["What the harbour master told the council about", "the wall"]
    text = "\n".join([*heading, *body])
    assert with_gaps([(text, [*stacked[:2], *places])])[0].split("\n")[:2] == [" ".join(heading), ""]
