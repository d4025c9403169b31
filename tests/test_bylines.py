"""Questions about an article itself ("Who wrote the article about the Marlow harbour?") are
answered from the byline at the head of the article the subject's answer cites, quoted and
cited; an article with no byline is said to name no author."""

from __future__ import annotations

import json

import pytest

from rag.bylines import AboutArticle, about_article, masthead
from rag.stated import masthead_parts
from rag.verify import verify
from tests.conftest import FERRY, HARBOUR, RTQA, asked_over_one_file, three_articles_asked


@pytest.mark.parametrize(
    ("question", "field", "subject"),
    [
        ("Who wrote the article about the Marlow harbour?", "author", "the Marlow harbour"),
        ("who wrote the news story on the strike", "author", "the strike"),
        ("Who is the author of the story about the bridge?", "author", "the bridge"),
        ("Which journalist wrote this week's article on the dog show?", "author", "the dog show this week"),
        ("Who wrote last week's story about the storm?", "author", "the storm last week"),
        ("The article about the bridge was written by whom?", "author", "the bridge"),
        ("Whose byline is on the piece about the bridge?", "author", "the bridge"),
        ("Which newspaper ran the story on the Dunmore bridge?", "outlet", "the Dunmore bridge"),
        ("Where was the article about the bridge published?", "outlet", "the bridge"),
        ("In which newspaper did the article about the strike appear?", "outlet", "the strike"),
        ("Which outlet published the news report on inflation?", "outlet", "inflation"),
        ("When was the article about the Dunmore bridge published?", "published", "the Dunmore bridge"),
        ("On what date was the story on the Marlow harbour published?", "published", "the Marlow harbour"),
        ("When did the article about the strike run?", "published", "the strike"),
    ],
)
def test_a_question_about_an_article_is_read_as_its_field_and_subject(question, field, subject):
    assert about_article(question) == AboutArticle(field, subject)


@pytest.mark.parametrize(
    "question",
    [
        "Who wrote “The Star-Spangled Banner?”",  # a work the news tells of
        "Who wrote an op-ed urging the government to scrap net zero targets?",
        "Who published the report on inflation?",  # a report is as often the news itself
        "Who wrote the story that inspired the film?",
        "Which best-selling author, whose books sold 75 million copies, died this week?",
        "A newly discovered book by which famous author is set to be published next year?",
        "Which wireless carrier reported an outage that spanned multiple states this week?",
        "Who reported on the Marlow harbour?",
        "When was the report on inflation published?",
        "When was the Declaration of Independence written?",
    ],
)
def test_a_question_about_the_news_is_not_about_an_article(question):
    assert about_article(question) is None


def test_no_shared_question_is_read_as_one_about_an_article():
    """The 868 news-quiz questions all ask about the news: none may lose its answer to a byline."""
    if not RTQA.exists():
        pytest.fail("../shared/data/realtimeqa_news is missing beside the checkout")
    rows = [json.loads(line) for line in (RTQA / "questions.jsonl").read_text().splitlines() if line.strip()]
    assert len(rows) == 868
    assert [q for r in rows if about_article(q := r.get("question_sentence") or r["question"])] == []


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("By Alice Carter and Tom Reed, Coast News", {"author": "Alice Carter and Tom Reed", "outlet": "Coast News"}),
        ("  By Francis Gardler, AP", {"author": "Francis Gardler", "outlet": "AP"}),
        ("By Alice Carter, Tom Reed and Jo Lee", {"author": "Alice Carter, Tom Reed and Jo Lee"}),
        ("By Stephanie Armour and David Hilzenrath", {"author": "Stephanie Armour and David Hilzenrath"}),
        (
            "By Alice Carter | Coast News | 7 March 2025",
            {"author": "Alice Carter", "outlet": "Coast News", "published": "7 March 2025"},
        ),
        ("7 March 2025 · Coast News", {"outlet": "Coast News", "published": "7 March 2025"}),
        ("Friday 7 March 2025, 10:42 GMT", {"published": "7 March 2025"}),
        ("Published 5:01 a.m. ET Jan. 10, 2025", {"published": "Jan. 10, 2025"}),
        ("Updated Jan. 11, 2025", {}),  # the day it was changed, not published
        ("Coast News", {}),  # an outlet alone is no masthead
        ("By Friday, the storm had passed.", {}),
        ("The storm hit.", {}),
    ],
)
def test_a_masthead_line_names_its_authors_outlet_and_date(line, named):
    assert {k: line[s:e] for k, (s, e) in masthead_parts(line).items()} == named


def test_a_masthead_is_read_among_the_opening_lines_only():
    opening = "Marlow harbour\n\nBy Alice Carter, Coast News\nFriday 7 March 2025\n\nThe harbour reopened."
    found = {k: (opening[slice(*line)], opening[slice(*name)]) for k, (line, name) in masthead(opening).items()}
    assert found == {
        "author": ("By Alice Carter, Coast News", "Alice Carter"),
        "outlet": ("By Alice Carter, Coast News", "Coast News"),
        "published": ("Friday 7 March 2025", "7 March 2025"),
    }
    assert masthead("\n".join(["A line of the story."] * 8 + ["By Alice Carter"])) == {}


def test_the_author_is_answered_from_the_byline_and_verified(tmp_path):
    pipe, answer = asked_over_one_file(
        tmp_path, lambda f: (f / "harbour.txt").write_text(HARBOUR), "Who wrote the article about the Marlow harbour?"
    )
    assert not answer.abstained and answer.short is not None
    assert answer.short.text == "Alice Carter and Tom Reed" and answer.short.label == "PERSON"
    assert answer.citations[0].quote == "By Alice Carter and Tom Reed, Coast News"
    assert verify(answer, pipe.article_text) == answer  # every quote and the short answer hold
    outlet = pipe.ask("Where was the article about the Marlow harbour published?")
    assert outlet.short is not None and outlet.short.text == "Coast News"
    when = pipe.ask("When was the article about the Marlow harbour published?")
    assert when.short is not None and (when.short.text, when.short.label) == ("7 March 2025", "DATE")
    assert when.citations[0].quote == "Friday 7 March 2025, 10:42 GMT"
    assert verify(when, pipe.article_text) == when


def test_an_article_without_a_byline_names_no_author(tmp_path):
    pipe, answer = asked_over_one_file(
        tmp_path, lambda f: (f / "ferry.txt").write_text(FERRY), "Who wrote the article about the Ashford ferry?"
    )
    assert answer.abstained and not answer.citations and answer.short is None
    assert answer.text.endswith('"Ferry timetable changes in Ashford", the article that tells of it, names no author.')
    assert answer.passages  # the article is listed as related
    undated = pipe.ask("When was the article about the Ashford ferry published?")
    assert undated.abstained and undated.text.endswith("names no date.")


def test_an_outlet_no_line_names_is_given_from_the_record(tmp_path):
    def write(folder):
        record = {"id": "f1", "title": "Ferry timetable changes in Ashford", "source": "Ashford Post"}
        record |= {"published": "2025-03-10", "text": FERRY.split("\n\n", 1)[1]}
        (folder / "ferry.jsonl").write_text(json.dumps(record) + "\n")

    pipe, answer = asked_over_one_file(tmp_path, write, "Which newspaper ran the story about the Ashford ferry?")
    assert not answer.abstained and answer.short is None
    assert answer.text.startswith(
        '"Ferry timetable changes in Ashford" (10 March 2025) was published by Ashford Post, as its metadata gives it.'
    )
    assert answer.citations[0].source == "Ashford Post"
    when = pipe.ask("When was the story about the Ashford ferry published?")
    assert when.text.startswith('"Ferry timetable changes in Ashford" was published on 10 March 2025, as its metadata')


@pytest.mark.slow
def test_who_wrote_an_article_with_the_real_models(tmp_path):
    ask = three_articles_asked(tmp_path)
    answer = ask("Who wrote the article about the Marlow harbour?")
    assert answer["short_answer"]["text"] == "Alice Carter and Tom Reed", answer["answer"]
    assert [c["quote"] for c in answer["citations"]][:1] == ["By Alice Carter and Tom Reed, Coast News"]
    answer = ask("Which newspaper ran the story on the Dunmore bridge?")
    assert answer["short_answer"]["text"] == "Valley Herald", answer["answer"]
    assert "Dunmore" in answer["citations"][1]["quote"]
    answer = ask("When was the article about the Marlow harbour published?")
    assert answer["short_answer"]["text"] == "7 March 2025", answer["answer"]
    answer = ask("Who wrote the article about the Ashford ferry?")
    assert answer["abstained"] and "names no author" in answer["answer"], answer["answer"]
    # a question about the news still never quotes the byline
    answer = ask("Who is the harbour master of Marlow?")
    assert answer["short_answer"]["text"] == "Jane Ortiz", answer["answer"]
    assert all(not c["quote"].startswith("By ") for c in answer["citations"])


@pytest.mark.parametrize(
    ("question", "earlier", "field", "subject"),
    [
        (
            "Who wrote that article?",
            "Who is the harbour master of Marlow?",
            "author",
            "Who is the harbour master of Marlow?",
        ),
        ("Where was this story published?", "Who is the harbour master?", "outlet", "Who is the harbour master?"),
        (
            "Which newspaper ran that story?",
            "Who wrote the article about the Marlow harbour?",
            "outlet",
            "Who wrote the article about the Marlow harbour?",  # asked again, it names the article
        ),
        ("Who wrote the article about it?", "Who is the harbour master?", "author", "Who is the harbour master?"),
    ],
)
def test_an_article_named_alone_is_the_one_the_question_before_was_answered_from(question, earlier, field, subject):
    assert about_article(question, earlier) == AboutArticle(field, subject, earlier=True)
    assert about_article(question) is None  # with nothing asked before, there is no article to ask about


def test_who_wrote_that_article_after_a_question_credits_its_article(tmp_path):
    pipe, first = asked_over_one_file(
        tmp_path, lambda f: (f / "harbour.txt").write_text(HARBOUR), "Who is the harbour master of Marlow?"
    )
    assert first.short is not None and first.short.text == "Jane Ortiz"
    answer = pipe.ask("Who wrote that article?", history=["Who is the harbour master of Marlow?"])
    assert answer.short is not None and answer.short.text == "Alice Carter and Tom Reed"
    assert answer.citations[1].quote == first.citations[0].quote  # the sentence the question before cited
    assert pipe.ask("Who wrote it?", history=["Who is the harbour master of Marlow?"]).short != answer.short


PAGE = """<!doctype html><html><head><title>Marlow harbour reopens after storm | Coast News</title>
<meta name="author" content="Alice Carter; Tom Reed">
<meta property="og:site_name" content="Coast News">
<meta property="article:published_time" content="2025-03-07T10:42:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Marlow harbour reopens after storm</h1>
<p class="byline">By <a href="/authors/alice">Alice Carter</a> and Tom Reed</p>
<p>The harbour in Marlow reopened on Friday after a storm that had closed it for three weeks, the port
authority said.</p>
<p>Harbour master Jane Ortiz said the new sea wall would hold. The repairs cost £2.4 million, paid by the
county council.</p>
<p>Fishing boats returned to the quay on Saturday morning, and the harbour café reopened its doors.</p>
</article></body></html>"""


def test_a_web_page_s_author_comes_from_its_metadata(tmp_path):
    """trafilatura takes the byline out of a page's text and gives it as the page's author."""
    pipe, answer = asked_over_one_file(
        tmp_path, lambda f: (f / "harbour.html").write_text(PAGE), "Who wrote the article about the Marlow harbour?"
    )
    article = pipe.article(answer.citations[0].article_id)
    assert article is not None and "By Alice Carter" not in article.text
    assert answer.text.startswith(
        '"Marlow harbour reopens after storm" (7 March 2025) was written by Alice Carter and Tom Reed, '
        "as its metadata gives it. "
    )
    assert not answer.abstained and answer.short is None and len(answer.citations) == 1


@pytest.mark.parametrize(
    ("record", "author"),
    [
        ({"author": "Alice Carter"}, "Alice Carter"),
        ({"authors": ["Alice Carter", "Tom Reed", "Jo Lee"]}, "Alice Carter, Tom Reed and Jo Lee"),
        ({"author": [{"@type": "Person", "name": "Alice Carter"}, {"name": "Tom Reed"}]}, "Alice Carter and Tom Reed"),
        (
            {"authors": ["Jeremy Herb Kylie Atwood Oren Liebermann", "Jeremy Herb", "Kylie Atwood", "Oren Liebermann"]},
            "Jeremy Herb, Kylie Atwood and Oren Liebermann",
        ),
        ({"authors": [], "byline": "By the Coast News staff"}, "By the Coast News staff"),
        ({"authors": []}, ""),
        ({"author": 7}, ""),
    ],
)
def test_a_json_record_s_author(record, author):
    from rag.jsonrecord import record_author

    assert record_author(record) == author


def test_a_text_file_s_author_header_and_a_record_s_author_are_kept(tmp_path):
    from rag.corpus import iter_corpus

    (tmp_path / "a.txt").write_text("Title: Ferry timetable changes\nAuthor: Alice Carter\n\n" + FERRY)
    rows = [{"id": "r1", "title": "Ferries", "text": FERRY, "authors": ["Tom Reed"]}]
    (tmp_path / "b.json").write_text(json.dumps(rows))
    found = {a.path.rsplit("/", 1)[-1]: a for a in iter_corpus([tmp_path])}
    assert found["a.txt"].author == "Alice Carter" and "Author:" not in found["a.txt"].text
    assert found["b.json"].author == "Tom Reed"


def test_an_index_from_before_authors_were_kept_gets_them_on_its_next_run(tmp_path):
    """The author is no part of an article's content hash: an older catalog gains the column
    and, on the next run, the authors, with nothing embedded again."""
    import sqlite3

    from rag.catalog import Catalog
    from rag.pipeline import Pipeline
    from tests.conftest import fake_settings

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps([{"id": "r1", "title": "Ferries", "text": FERRY, "author": "Tom Reed"}]))
    settings = fake_settings(tmp_path / "h")
    assert Pipeline(settings).index([folder]).added == 1
    path = settings.home / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE articles DROP COLUMN author")
    db.close()
    old = Catalog(path, readonly=True)
    article = old.article("r1")
    assert article is not None and article.author == "" and old.authors() == {"r1": ""}
    generation = old.generation()
    old.close()
    report = Pipeline(settings).index([folder])
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    cat = Catalog(path)
    assert cat.authors() == {"r1": "Tom Reed"} and cat.generation() == generation  # no passage changed
    cat.close()
