import json
from pathlib import Path

import pytest

from rag.corpus import Skipped, iter_corpus, split_tail
from rag.dates import normalize_date
from rag.pipeline import Pipeline
from tests.conftest import RTQA, SEEDS, fake_settings, write_pdf

SEED = SEEDS / "000_0cef7acb37e66f80.txt"


def read(paths):
    items = list(iter_corpus(paths))
    return [i for i in items if not isinstance(i, Skipped)], [i for i in items if isinstance(i, Skipped)]


def test_seed_article_title_body_and_related_titles():
    (art,), skipped = read([SEED])
    assert not skipped
    assert art.title == "US-Japan 2+2 Talks Focus on Peacetime Use of Bases and Enhanced Warning Systems"
    assert "Yoshimasa Hayashi" in art.text
    for furniture in ("Previous Article", "Next Article", "Write a Comment", "Leave a Comment"):
        assert furniture not in art.text
    assert art.text.endswith("peace in the Indo-Pacific region.")
    assert art.related == (
        "Russian Security Arrests in Svatovo and Kherson: Data Transfers, Military Movements, and Sanctions",
        "Analysis of Western Strategy in Ukraine and the Emerging Battlefield Dynamics",
    )


def test_ids_are_stable_and_hash_tracks_content(tmp_path):
    (a1,), _ = read([SEEDS])
    (a2,), _ = read([SEED])
    assert a1.id == a2.id and a1.content_hash == a2.content_hash
    copy = tmp_path / SEED.name
    copy.write_text(SEED.read_text().replace("Washington", "Tokyo"))
    (a3,), _ = read([copy])
    assert a3.id == a1.id and a3.content_hash != a1.content_hash


def test_tail_is_kept_when_it_is_article_text():
    body = "A first paragraph.\n\nRead more\n\n" + "This is a long sentence of real article text. " * 8
    text, related = split_tail(body)
    assert text == body.strip() and related == ()


def test_markdown_json_jsonl_html(tmp_path):
    (tmp_path / "a.md").write_text("# Heading here\n\nBody of the markdown article.")
    (tmp_path / "b.json").write_text(
        json.dumps(
            [
                {
                    "id": "x1",
                    "title": "T1",
                    "text": "Text one.",
                    "outlet": "CNN",
                    "publish_date": "2025-03-04",
                }
            ]
        )
    )
    (tmp_path / "c.jsonl").write_text(
        json.dumps(
            {
                "doc_id": "y1",
                "title": "T2",
                "text": "Text two.",
                "source": "AP",
                "published": "2024-01-02T10:00:00Z",
            }
        )
        + "\n"
    )
    (tmp_path / "d.html").write_text(
        "<html><head><title>Council votes on budget</title></head><body><nav>Home | News</nav>"
        "<article><h1>Council votes on budget</h1><p>The city council approved the budget on Monday "
        "after a long debate about school funding and road repairs across the district.</p>"
        "<p>Councillors said the plan would be reviewed in the spring, when new figures arrive.</p>"
        "</article><script>alert(1)</script></body></html>"
    )
    arts, skipped = read([tmp_path])
    assert not skipped, skipped
    by_title = {a.title: a for a in arts}
    assert by_title["Heading here"].text == "Body of the markdown article."
    assert by_title["T1"].id == "x1" and by_title["T1"].source == "CNN" and by_title["T1"].published == "2025-03-04"
    assert by_title["T2"].id == "y1" and by_title["T2"].published == "2024-01-02"
    html = by_title["Council votes on budget"]
    assert "approved the budget" in html.text and "alert(1)" not in html.text


HARBOUR_PAGES = [
    ["Harbour reopens after storm", "The harbour in Marlow reopened on Friday.", "Ferries (two of them) resumed."],
    ["Repairs cost 2 million pounds, the council said."],
]


def test_pdf_text_layer_title_and_offsets_come_out_exactly(tmp_path):
    path = write_pdf(tmp_path / "harbour.pdf", HARBOUR_PAGES, title="Marlow harbour report")
    (art,), skipped = read([path])
    assert not skipped
    assert art.title == "Marlow harbour report"
    assert art.text == (
        "Harbour reopens after storm\nThe harbour in Marlow reopened on Friday.\nFerries (two of them) resumed."
        "\n\nRepairs cost 2 million pounds, the council said."
    )
    # without a /Title the first line is the title
    (untitled,), _ = read([write_pdf(tmp_path / "untitled.pdf", HARBOUR_PAGES)])
    assert untitled.title == "Harbour reopens after storm" and untitled.text == art.text


def test_pdf_citations_point_at_the_exact_text(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    write_pdf(folder / "harbour.pdf", HARBOUR_PAGES, title="Marlow harbour report")
    pipe = Pipeline(fake_settings(tmp_path / "h", abstain_threshold=0.2))
    assert pipe.index([folder]).articles == 1
    answer = pipe.ask("How much did the repairs of the harbour cost?")
    assert not answer.abstained and answer.citations
    # the answer's sentence is cited (among up to three, in article order), and every
    # citation's offsets point at its quote in the PDF's text
    quotes = [c.quote for c in answer.citations]
    assert "Repairs cost 2 million pounds, the council said." in quotes
    text = pipe.article(answer.citations[0].article_id).text
    for cited in answer.citations:
        assert (cited.start, cited.end) == (text.index(cited.quote), text.index(cited.quote) + len(cited.quote))
    for hit in pipe.search("harbour Marlow ferries repairs", k=5, mode="bm25"):
        assert text[hit.chunk.start : hit.chunk.end] == hit.chunk.text


def test_pdf_without_a_text_layer_is_reported(tmp_path):
    (_, skipped) = read([write_pdf(tmp_path / "blank.pdf", [[]], title="Blank report")])
    assert skipped and "no extractable text" in skipped[0].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("spaces.txt", b"   \n\n  ", "only whitespace"),
        ("binary.txt", b"\x00\x01\x02garbage", "binary"),
        ("bad-bom.txt", b"\xff\xfeA", "byte-order mark"),
        ("broken.json", b"{not json", "malformed JSON"),
        ("fake.pdf", b"this is not a pdf", "not a PDF"),
        ("trunc.pdf", b"%PDF-1.4\n1 0 obj garbage", "PDF"),
        ("notes.odt", b"PK\x03\x04", "unsupported file type"),
        ("notes.docx", b"PK\x03\x04", "unreadable Word file"),
    ],
)
def test_bad_files_are_reported_and_the_rest_is_read(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Good title\n\nGood body text.")
    arts, skipped = read([tmp_path])
    assert [a.title for a in arts] == ["Good title"]
    assert len(skipped) == 1 and skipped[0].path.endswith(name)
    assert reason in skipped[0].reason
    assert "\n" not in str(skipped[0])


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path):
    lines = [
        json.dumps({"id": "1", "title": "One", "text": "First."}),
        "{broken",
        json.dumps({"id": "3", "title": "No text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "5", "title": "Five", "text": "Fifth."}),
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines))
    arts, skipped = read([tmp_path / "c.jsonl"])
    assert [a.id for a in arts] == ["1", "5"]
    assert [s.reason.split(":")[0] for s in skipped] == ["line 2", "line 3", "line 4"]


def test_missing_path_and_symlink_loop(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "a.txt").write_text("A\n\nbody")
    arts, skipped = read([tmp_path, tmp_path / "nope"])
    assert [a.title for a in arts] == ["A"]
    assert skipped[-1].reason == "no such file or folder"


def test_dates():
    assert normalize_date("2025-1-5") == "2025-01-05"
    assert normalize_date("2025/12/31 10:00") == "2025-12-31"
    assert normalize_date("yesterday") == "" and normalize_date(None) == ""


def test_shared_realtimeqa_corpus_loads_as_is():
    if not RTQA.exists():
        pytest.skip("../shared is not beside this checkout")
    import itertools

    items = list(itertools.islice(iter_corpus([RTQA / "corpus.jsonl"]), 200))
    arts = [a for a in items if not isinstance(a, Skipped)]
    assert len(arts) == 200
    assert all(a.id.startswith("rtqa-") and a.title and a.text for a in arts)
    assert {a.source for a in arts} <= {"USA Today", "CNN", "The Week (UK)"}
    assert all(len(a.published) == 10 for a in arts)


def test_paths_are_absolute(tmp_path):
    (tmp_path / "a.txt").write_text("A\n\nbody")
    (art,), _ = read([tmp_path])
    assert Path(art.path).is_absolute()
