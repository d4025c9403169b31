"""What a text, Markdown or PDF article states about itself (rag.stated): its date above all,
so that "this week" and ``as_of`` hold for a folder of plain-text news as for a feed."""

from __future__ import annotations

import json

import pytest

from rag.corpus import Skipped, iter_corpus
from rag.stated import date_in_name, dated_line, read_head
from tests.conftest import SEEDS, fake_settings, run_rag, write_pdf

# (the file's lines, its name) -> the date it states ("" for none)
DATES = [
    (["---", "title: Talks", "date: 2025-01-10", "---", "Body."], "a.md", "2025-01-10"),
    (["---", "date: 2025-01-10T08:30:00Z", "---", "# Talks", "Body."], "a.md", "2025-01-10"),
    (["---", "published: January 10, 2025 5:00 PM", "---", "Body."], "a.md", "2025-01-10"),
    (["", "---", "pubDate: '10 Jan 2025'", "---", "Body."], "a.md", "2025-01-10"),
    (["---", "title: Talks", "---", "One.", "Two.", "Three.", "Four.", "January 10, 2025"], "a.md", ""),  # too far down
    (["---", "tags: [news]", "---", "Talks", "10 January 2025", "Body."], "a.md", "2025-01-10"),
    (["Talks", "Date: 10 January 2025", "", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Published: Jan. 10, 2025", "Source: Reuters", "Body."], "a.txt", "2025-01-10"),
    (["Title: Talks", "Date: 2025/01/10", "", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "By Jane Doe | January 10, 2025", "", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "By Jane Doe · 10 Jan 2025", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Friday, 10 January 2025", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Published 5:01 a.m. ET Jan. 10, 2025", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Published 5:01 a.m. Jan. 10, 2025", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Updated 3:24 PM EST, Sun January 12, 2025", "Published Jan. 10, 2025", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Updated 3:24 PM EST, Sun January 12, 2025", "Body."], "a.txt", "2025-01-12"),  # only the update
    (["Talks", "Posted on 2025-01-10", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "Sat, 11 Jan 2025 10:00:00 GMT", "Body."], "a.txt", "2025-01-11"),
    (["Talks", "10th January 2025", "Body."], "a.txt", "2025-01-10"),
    (["Talks", "", "", "Intro line.", "Second line.", "January 10, 2025"], "a.txt", "2025-01-10"),  # fourth line
    (["Talks", "One.", "Two.", "Three.", "Four.", "January 10, 2025"], "a.txt", ""),  # fifth: too far down
    (["Talks", "Body."], "2025-01-10-talks.txt", "2025-01-10"),
    (["Talks", "Body."], "20250110_talks.md", "2025-01-10"),
    (["Talks", "Body."], "talks_2025.01.10.pdf", "2025-01-10"),
    (["Talks", "Date: 10 January 2025", "Body."], "2024-03-01-talks.txt", "2025-01-10"),  # the text's own first
    (["Talks", "Body."], "000_0cef7acb37e66f80.txt", ""),  # the seed: no date anywhere
    (["Talks", "Body."], "0cef20250110ab.txt", ""),  # digits inside a hex id
    (["Talks", "Body."], "20250110abcd-talks.txt", ""),  # an upload's digest that opens with digits
    (["Talks", "Body."], "3f0c9e21ab45-2025-01-10-talks.txt", "2025-01-10"),  # an upload's stored name
    (["Talks", "Body."], "2025-02-30-talks.txt", ""),  # no such day
    (["Talks", "01/02/2025", "Body."], "a.txt", ""),  # day-first or month-first: ambiguous
    (["Talks", "Date: sometime soon", "Body."], "a.txt", ""),
    (
        ["Talks", "The summit will be held on March 3, 2026 in Tokyo, officials said on Monday after talks."],
        "a.txt",
        "",
    ),
    (["Talks", "Match report: 10 January 2025", "Body."], "a.txt", ""),  # a label we do not know
    (["Talks", "Body."], "a.txt", ""),
    ([""], "a.txt", ""),
]


@pytest.mark.parametrize(("lines", "name", "expected"), DATES)
def test_the_date_an_article_states(lines, name, expected):
    stated, _ = read_head(lines, name)
    assert stated.published == expected


def test_front_matter_gives_title_source_and_url_and_leaves_the_text():
    lines = ["---", 'title: "Talks in Tokyo"', "source: Reuters", "url: https://example.com/t", "---", "Body."]
    stated, rest = read_head(lines, "a.md")
    assert (stated.title, stated.source, stated.url) == ("Talks in Tokyo", "Reuters", "https://example.com/t")
    assert rest == ["Body."]


def test_header_lines_leave_the_text_and_a_date_line_stays():
    stated, rest = read_head(["Talks", "Date: 10 January 2025", "Source: Reuters", "", "Body."], "a.txt")
    assert (stated.published, stated.source) == ("2025-01-10", "Reuters")
    assert rest == ["Talks", "", "Body."]
    _, rest = read_head(["Talks", "January 10, 2025", "Body."], "a.txt")
    assert rest == ["Talks", "January 10, 2025", "Body."]


def test_front_matter_of_other_keys_leaves_the_text_and_a_rule_stays():
    stated, rest = read_head(["---", "tags: [news]", "layout: post", "---", "# Talks", "Body."], "a.md")
    assert stated.title == "" and rest == ["# Talks", "Body."]
    _, rest = read_head(["---", "Talks", "---", "Body."], "a.md")  # a rule, not front matter
    assert rest == ["---", "Talks", "---", "Body."]


def test_a_title_line_alone_is_no_header():
    stated, rest = read_head(["Title: a film", "Body."], "a.txt")
    assert stated.title == "" and rest == ["Title: a film", "Body."]


def test_helpers_read_what_they_are_given():
    assert dated_line(["", "  ", "Published: 2025-01-10"]) == "2025-01-10"
    assert dated_line([]) == ""
    assert date_in_name("notes-1999-12-31.txt") == "1999-12-31"
    assert date_in_name("report-1812-06-18.txt") == ""  # before 1900: not a news date


def read_folder(folder):
    items = list(iter_corpus([folder]))
    assert not [i for i in items if isinstance(i, Skipped)]
    return {a.path.rsplit("/", 1)[-1]: a for a in items if not isinstance(a, Skipped)}


def test_text_and_markdown_files_are_dated_and_the_seed_stays_as_it_was(tmp_path):
    (tmp_path / "talks.md").write_text(
        "---\ntitle: Talks in Tokyo\ndate: 2025-01-10\nsource: Reuters\n---\n# Talks in Tokyo\n\nThe ministers met.\n"
    )
    (tmp_path / "show.txt").write_text("Dog show crowns Moss\nPublished: 12 Feb 2025\n\nMoss, a terrier, won.\n")
    (tmp_path / "2024-02-13-show.txt").write_text("Dog show crowns Sable\n\nSable, a poodle, won.\n")
    arts = read_folder(tmp_path)
    talks = arts["talks.md"]
    assert (talks.title, talks.published, talks.source, talks.text) == (
        "Talks in Tokyo",
        "2025-01-10",
        "Reuters",
        "The ministers met.",
    )
    assert (arts["show.txt"].published, arts["show.txt"].text) == ("2025-02-12", "Moss, a terrier, won.")
    assert arts["2024-02-13-show.txt"].published == "2024-02-13"
    (seed,) = read_folder(SEEDS).values()
    assert seed.published == "" and seed.title.startswith("US-Japan 2+2 Talks")


@pytest.mark.slow
def test_a_folder_of_text_files_answers_this_week_from_that_week(tmp_path):
    """Dates stated three ways in plain-text files, indexed and asked with the real models:
    "this week" reads each race from its own week, and no file dated after the day asked is
    cited."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "korir.txt").write_text(
        "John Korir wins the Boston Marathon\nDate: 21 April 2025\n\n"
        "John Korir of Kenya won the Boston Marathon on Monday in 2 hours, 4 minutes and 45 seconds.\n"
    )
    (folder / "2024-04-15-lemma.txt").write_text(
        "Sisay Lemma wins the Boston Marathon\n\n"
        "Sisay Lemma of Ethiopia won the Boston Marathon on Monday in 2 hours, 6 minutes and 17 seconds.\n"
    )
    (folder / "chebet.md").write_text(
        "---\ndate: 2023-04-17\n---\n# Evans Chebet wins the Boston Marathon again\n\n"
        "Evans Chebet of Kenya won the Boston Marathon on Monday in 2 hours, 5 minutes and 54 seconds.\n"
    )
    home = tmp_path / "home"
    assert run_rag(home, "index", str(folder), "--quiet", test_models=False).returncode == 0
    status = json.loads(run_rag(home, "status", "--json", test_models=False).stdout)
    assert (status["oldest"], status["newest"], status["undated"]) == ("2023-04-17", "2025-04-21", 0)
    question = "Who won the Boston Marathon this week?"
    winners = {"John Korir", "Sisay Lemma", "Evans Chebet"}
    for as_of, winner in (("2025-04-23", "John Korir"), ("2024-04-17", "Sisay Lemma"), ("2023-04-19", "Evans Chebet")):
        run = run_rag(home, "ask", question, "--as-of", as_of, "--json", test_models=False)
        assert run.returncode == 0, run.stderr[-2000:]
        answer = json.loads(run.stdout)
        assert not answer["abstained"] and winner in answer["answer"], (as_of, answer["answer"])
        assert not any(other in answer["answer"] for other in winners - {winner}), answer["answer"]
        window = answer["time_window"]
        assert window is not None and window["to"] == as_of
        assert all(window["from"] <= c["published"] <= as_of for c in answer["citations"]), answer["citations"]


def test_a_pdf_is_dated_by_its_date_line_or_its_name(tmp_path):
    pages = [["Harbour reopens after storm", "Published 14 March 2025", "The harbour in Marlow reopened."]]
    (art,) = read_folder(write_pdf(tmp_path / "harbour.pdf", pages).parent).values()
    assert art.published == "2025-03-14" and "Published 14 March 2025" in art.text  # a date line stays
    (tmp_path / "harbour.pdf").unlink()
    write_pdf(tmp_path / "2025-03-15-harbour.pdf", [pages[0][::2]])
    (art,) = read_folder(tmp_path).values()
    assert art.published == "2025-03-15"


def test_json_records_name_their_date_in_the_fields_news_tools_use(tmp_path):
    records = [
        {
            "id": "n1",
            "title": "A",
            "text": "Alpha.",
            "publishedAt": "2025-01-10T08:00:00Z",
            "source": {"name": "Reuters"},
        },
        {"id": "n2", "title": "B", "text": "Beta.", "pubDate": "Fri, 10 Jan 2025 08:00:00 GMT"},
        {"id": "n3", "title": "C", "text": "Gamma.", "datePublished": "10 January 2025"},
        {"id": "n4", "title": "D", "text": "Delta.", "published": "soon", "publish_date": "2025-01-10"},
        {"id": "n5", "title": "E", "text": "Epsilon.", "published": "01/02/2025"},
    ]
    (tmp_path / "news.json").write_text(json.dumps(records))
    arts = {}
    for item in iter_corpus([tmp_path]):
        assert not isinstance(item, Skipped)
        arts[item.id] = item
    assert [arts[k].published for k in ("n1", "n2", "n3", "n4", "n5")] == ["2025-01-10"] * 4 + [""]
    assert arts["n1"].source == "Reuters" and arts["n2"].source == ""


def test_status_and_the_chat_say_which_dates_the_index_holds_and_how_many_are_undated(tmp_path):
    from rag.pipeline import Pipeline
    from ui.render import stats_markdown

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "2024-02-13-sable.txt").write_text("Sable wins\n\nSable, a poodle, won the show.\n")
    (folder / "moss.md").write_text("---\ndate: 2025-02-11\n---\nMoss wins\n\nMoss, a terrier, won the show.\n")
    (folder / "notes.txt").write_text("Club notes\n\nThe club meets on Fridays.\n")
    pipe = Pipeline(fake_settings(tmp_path / "home"))
    assert pipe.status().undated == 0 and pipe.status().newest == ""  # no index yet
    pipe.index([folder])
    status = pipe.status()
    assert (status.oldest, status.newest, status.undated) == ("2024-02-13", "2025-02-11", 1)
    shown = stats_markdown(status)
    assert "Published 13 February 2024 to 11 February 2025 · 1 undated" in shown
    (folder / "notes.txt").unlink()
    pipe.index([folder])
    assert pipe.status().undated == 0 and "undated" not in stats_markdown(pipe.status())


def test_a_web_page_without_a_date_in_its_metadata_is_dated_by_its_text_or_name(tmp_path):
    story = "<p>The harbour in Marlow reopened on Friday after the storm, the council said in a statement.</p>" * 3
    page = "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>{}</article></body></html>"
    (tmp_path / "harbour.html").write_text(page.format("<p>Published March 14, 2025</p>" + story))
    (tmp_path / "2025-03-15-ferry.html").write_text(page.format(story.replace("harbour", "ferry")))
    arts = read_folder(tmp_path)
    assert arts["harbour.html"].published == "2025-03-14"
    assert arts["2025-03-15-ferry.html"].published == "2025-03-15"
