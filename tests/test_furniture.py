"""The publisher's furniture inside an article (newsletter pitches, "Read more here.") is
never quoted in an answer: it shares the article's title, so the cross-encoder scores it as
high as the story's own sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.answer_sentences import candidate_sentences, readable
from rag.records import Chunk, Hit
from rag.sentences import furniture, is_furniture, is_stamp, punkt_spans, sentence_spans, zones_joined
from tests.conftest import asked_over_one_file


@pytest.mark.parametrize(
    "sentence",
    [
        "SUBSCRIBE & SAVE Sign up for The Week's Free Newsletters From our morning news briefing to a weekly "
        "Good News Newsletter, get the best of The Week delivered directly to your inbox.",
        "From our morning news briefing to a weekly Good News Newsletter, get the best of The Week delivered "
        "directly to your inbox.",
        "Subscribe to The Week Escape your echo chamber.",
        "Read more here.",
        "Read more: Republicans are beefing with Trump over beef",
        "See more here.",
        "Click here to reload the page.",
        "Click on the state to see locations in that area or scroll through the list:",
        "Click for your 2025 NCAA Tournament printable bracket",
        "Editor's note: Click here for the latest updates on Kroger stores closures.",
        "Sign up for USA TODAY's On Politics newsletter for breaking news and exclusive analysis.",
        "What the Trump administration means for you: Sign up for USA TODAY's On Politics newsletter.",
        "Sign up for his weekly newsletter, Translating Politics, here.",
        "To get updates on the British Royal Family sent to your inbox, sign up for CNN's Royal News newsletter.",
        "Get CNN Health's weekly newsletter Sign up here to get The Results Are In with Dr.",
        "Sign up to receive USA TODAY's movie and TV recommendations right in your inbox.",
        "Support local journalism: Subscribe to azcentral.",
        "Subscribe to the Carlsbad Current-Argus.",
        "Sign up",
        "To read more columns like this, go to the opinion front page or follow us on twitter @USATopinion.",
    ],
)
def test_furniture_is_recognised(sentence):
    assert is_furniture(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sky Brown has become the UK's first skateboarding world champion at the age of just 14.",
        "See more than 6,000 instruments from every corner of the globe.",
        "The newspaper lost 20,000 subscribers last year as readers moved online.",
        "Substack said its writers earn more from paid newsletters than ever.",
        "Users can click a button to report the post, the company said.",
        "Read the full ruling, the judge told the court on Monday.",
        "Scammers sent emails to thousands of inboxes posing as the IRS.",
        "The campaign said 90,000 volunteers signed up to knock on doors.",
        "Sign up for Peacock to stream every event of the Games live.",
        "Tap water in the city is safe to drink again, officials said on Friday.",
        "Clicking through the menus took longer than the old app.",
        "Subscribe to Netflix's cheaper plan and the ads come back.",
    ],
)
def test_news_is_not_furniture(sentence):
    assert not is_furniture(sentence)


def _hit(title: str, text: str, article: str = "a") -> Hit:
    chunk = Chunk(f"{article}#0", article, text, 0, len(text), 0, title, "2023-02-13", f"{article}.txt")
    return Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")


def test_furniture_is_no_sentence_to_cite():
    text = (
        "Sky Brown has become the UK's first skateboarding world champion at the age of just 14. "
        "Subscribe to The Week Escape your echo chamber. "
        "Get the facts behind the news, plus analysis from multiple perspectives. "
        "From our morning news briefing to a weekly Good News Newsletter, get the best of The Week delivered "
        "directly to your inbox. "
        "Olympic silver medallist Kokona Hiraki led until the final round."
    )
    hit = _hit("Sky Brown becomes UK's first skateboarding world champion", text)
    assert len(sentence_spans(text)) == 5
    # the pitch's slogan, between two sentences of furniture, goes with them
    cited = [s.text for s in candidate_sentences([hit])]
    assert cited == [
        "Sky Brown has become the UK's first skateboarding world champion at the age of just 14.",
        "Olympic silver medallist Kokona Hiraki led until the final round.",
    ]
    # a passage of furniture alone takes no place among those answered from
    only = _hit("The Week", "Subscribe to The Week Escape your echo chamber. Read more here.", "b")
    assert readable([only, hit]) == [hit]


def test_a_sentence_between_two_of_furniture_is_furniture():
    text = "Read more here. The storm closed the port on Monday. Sign up for our weather newsletter here."
    spans = sentence_spans(text)
    assert furniture(text, spans) == {0, 1, 2}
    # beside one sentence of furniture only, a sentence stays the story's
    assert furniture(text, spans[1:]) == {1}


def test_furniture_supports_no_claim_of_the_llm_answerer():
    from rag.llm import best_support

    text = "The harbour wall broke in the storm. Sign up for our storm newsletter here."
    found = best_support("Readers can sign up for the storm newsletter here.", text)
    assert found is not None and text[found[1] : found[2]] == "The harbour wall broke in the storm."


def test_a_live_blog_update_is_quoted_from_after_its_header():
    """ "9:03 am ET June 12, 2026 Share this update" opens each update of a live blog, run into
    its first sentence: the sentence is quoted from after it, at the right offsets."""
    text = (
        "The match starts at 9 p.m.\n\n"
        "9:03 am ET June 12, 2026 Share this update Paraguay coach Gustavo Alfaro said his players "
        "had achieved something special.\n\n"
        "11:17 pm ET August 11, 2025 Share this update Flood warning extended. The rivers rose."
    )
    hit = _hit("World Cup highlights", text)
    cited = candidate_sentences([hit])
    assert [s.text for s in cited] == [
        "The match starts at 9 p.m.",
        "Paraguay coach Gustavo Alfaro said his players had achieved something special.",
        "Flood warning extended.",
        "The rivers rose.",
    ]
    assert all(text[s.start : s.end] == s.text for s in cited)  # offsets into the article (chunk at 0)
    # a time without the share button is the story's
    plain = _hit("Storm", "At 9:03 am ET June 12, 2026 Share prices fell sharply on the news.")
    assert [s.text for s in candidate_sentences([plain])] == [plain.chunk.text]
    # the LLM answerer's claim check quotes the same sentence
    from rag.llm import best_support

    found = best_support("Alfaro said his players achieved something special.", text)
    assert found is not None and text[found[1] : found[2]] == cited[1].text


def test_a_label_run_into_a_sentence_is_not_quoted() -> None:
    """ "AI-assisted summary" opens a page's summary, run into its first sentence: the
    sentence is quoted from after it; the label alone is never quoted."""
    text = (
        "AI-assisted summary Zohran Mamdani has been elected the next mayor of New York City.\n\n"
        "AI-assisted summary\n\nThe count ended at midnight."
    )
    cited = candidate_sentences([_hit("Mayor", text)])
    assert [s.text for s in cited] == [
        "Zohran Mamdani has been elected the next mayor of New York City.",
        "The count ended at midnight.",
    ]
    assert all(text[s.start : s.end] == s.text for s in cited)


@pytest.mark.parametrize(
    ("sentence", "stamp"),
    [
        ("May 2, 2026 Updated May 3, 2026, 1:44 p.m.", True),
        ("Updated Oct. 29, 2025, 8:00 p.m.", True),
        ("Updated Oct. 29, 2025, 8:00 p.m. ET", True),
        ("June 17, 2026, 7:48 a.m.", True),
        ("Feb. 28, 2026 Updated March 1, 2026, 8:16 p.m.", True),
        ("Published 6:02 a.m. ET Feb. 2, 2025", True),
        ("3:27 p.m.", True),
        ("(9:45 a.m.)", True),
        # a date alone may be the event's; a timeline entry and a time in a sentence are news
        ("April 12, 2016.", False),
        ("June 19, 1865, is the most crucial day in African American history.", False),
        ("7:09 p.m.: The crowd of about 400 protesters began to march.", False),
        ("The meeting starts at 3:30 p.m.", False),
        ("Updated", False),
        ("Updated rules take effect May 3, 2026.", False),
    ],
)
def test_a_time_stamp_is_recognised(sentence, stamp):
    assert is_stamp(sentence) is stamp


def test_a_pages_time_stamp_is_never_quoted():
    """ "May 2, 2026 Updated May 3, 2026, 1:44 p.m." tells when the page was written: quoted, it
    answered "Who won the Kentucky Derby in May?" with the month's own words."""
    text = (
        "May 2, 2026 Updated May 3, 2026, 1:44 p.m.\n\n"
        "Golden Tempo won the 2026 Kentucky Derby.\n\n"
        "6:15 p.m.\n\n"
        "7:09 p.m.: The horses reached the gate."
    )
    cited = [s.text for s in candidate_sentences([_hit("Kentucky Derby results", text)])]
    assert cited == ["Golden Tempo won the 2026 Kentucky Derby.", "7:09 p.m.: The horses reached the gate."]


def test_a_sentence_broken_before_its_time_zone_is_quoted_whole():
    """nltk's Punkt ends a sentence at "p.m." before "ET": sentence_spans keeps the two halves
    one sentence, spans an older index stored are joined when quoted, and a page's stamp with
    its zone is still a stamp."""
    text = (
        "The game starts at 7 p.m. ET on ABC, hosted at Amalie Arena. CT scans were done.\n\n"
        "June 3, 2026, 1:05 p.m. ET\n\n"
        "The plan cancels the Gateway lunar space station."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The game starts at 7 p.m. ET on ABC, hosted at Amalie Arena.",
        "CT scans were done.",
        "June 3, 2026, 1:05 p.m. ET",
        "The plan cancels the Gateway lunar space station.",
    ]
    # Punkt's own spans, as an index built before the join stored them:
    # "... at 7 p.m." | "ET on ABC, ..." | "CT scans ..." | "June 3, 2026, 1:05 p.m." | "ET" | "The plan ..."
    starts = [0, text.index("ET on"), text.index("CT"), text.index("June"), text.index("ET\n"), text.index("The plan")]
    ends = [text.index(" ET on"), text.index(" CT"), text.index("\n"), text.index(" ET\n"), text.index("ET\n") + 2]
    stored = tuple(zip(starts, [*ends, len(text)], strict=True))
    for spans in (None, stored):
        chunk = replace(_hit("Lightning game", text).chunk, sentences=spans)
        cited = [s.text for s in candidate_sentences([Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")])]
        assert cited == [
            "The game starts at 7 p.m. ET on ABC, hosted at Amalie Arena.",
            "CT scans were done.",
            "The plan cancels the Gateway lunar space station.",
        ]


def test_a_sentence_broken_after_no_before_its_number_is_quoted_whole():
    """Punkt ends a sentence at "No." before its number; the halves are one sentence, read
    whole or from an older index's spans. "No." that ends an answer, or a line, still ends it."""
    text = (
        "Sinner, the No. 1-ranked player, cruised to the title on Sunday, defeating No. 12 seed Taylor Fritz. "
        "Asked if he would retire, he said no. 12 fans cheered.\nThe car was No.\n12 laps remained."
    )
    want = [
        "Sinner, the No. 1-ranked player, cruised to the title on Sunday, defeating No. 12 seed Taylor Fritz.",
        "Asked if he would retire, he said no.",
        "12 fans cheered.",
        "The car was No.",
        "12 laps remained.",
    ]
    assert [text[s:e] for s, e in sentence_spans(text)] == want
    stored = tuple(punkt_spans(text))  # as an index built before the join stored them
    assert len(stored) > len(want)
    chunk = replace(_hit("US Open final", text).chunk, sentences=stored)
    assert [s.text for s in candidate_sentences([Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")])] == want


def test_a_sentence_broken_after_a_title_before_a_name_is_quoted_whole():
    """Punkt ends a sentence at "Gov." or "Sens." before the name; the halves are one
    sentence, read whole or from an older index's spans, and a line break still ends one."""
    text = (
        "Michigan Gov. Rick Snyder appointed a manager. Other signers include Sens. Sherrod Brown and Ted Cruz. "
        "The late Army Command Sgt. Maj. Bennie Adkins was honored.\nThe letter was signed by the Gov.\nNobody else signed."
    )
    want = [
        "Michigan Gov. Rick Snyder appointed a manager.",
        "Other signers include Sens. Sherrod Brown and Ted Cruz.",
        "The late Army Command Sgt. Maj. Bennie Adkins was honored.",
        "The letter was signed by the Gov.",
        "Nobody else signed.",
    ]
    assert [text[s:e] for s, e in sentence_spans(text)] == want
    stored = tuple(punkt_spans(text))
    assert len(stored) > len(want)
    chunk = replace(_hit("Signers", text).chunk, sentences=stored)
    assert [s.text for s in candidate_sentences([Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")])] == want


def test_a_time_zone_is_not_joined_across_a_paragraph_break():
    """ "CT" opening a paragraph after one that ends at "3 p.m." is a new sentence, read whole
    or from an older index's spans."""
    text = "The clinic closes at 3 p.m.\nCT scans are done in the morning.\n\nET remains the zone of the listing."
    want = ["The clinic closes at 3 p.m.", "CT scans are done in the morning.", "ET remains the zone of the listing."]
    assert [text[s:e] for s, e in sentence_spans(text)] == want
    assert [text[s:e] for s, e in zones_joined(text, sentence_spans(text))] == want


def test_a_sentence_end_that_lost_its_space_ends_the_sentence():
    """Pages joined without a space ("the state funeral.Huddled") hold two sentences, cut by
    sentence_spans and, for spans an older index stored whole, when quoted; an address, "vs."
    and initials are no sentence end."""
    text = (
        "Mourners lined the streets outside the state funeral.Huddled in heavy coats, they waited for hours."
        "“We came from Chicago,” one said.Others left early.\n\n"
        "Visit www.Shakespeare.org for tickets. Michigan vs.Ohio State is on Saturday. The U.S.Army band played."
    )
    want = [
        "Mourners lined the streets outside the state funeral.",
        "Huddled in heavy coats, they waited for hours.",
        "“We came from Chicago,” one said.",
        "Others left early.",
        "Visit www.Shakespeare.org for tickets.",
        "Michigan vs.Ohio State is on Saturday.",
        "The U.S.Army band played.",
    ]
    assert [text[s:e] for s, e in sentence_spans(text)] == want
    stored = ((0, text.index("\n")), (text.index("Visit"), len(text)))  # one span per paragraph
    for spans in (None, stored):
        chunk = replace(_hit("Funeral", text).chunk, sentences=spans)
        cited = [s.text for s in candidate_sentences([Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")])]
        assert cited[:4] == want[:4], cited


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("7 March 2025 · Coast News", True),
        ("By Alice Carter and Tom Reed, Coast News", True),
        ("Friday 7 March 2025, 10:42 GMT", True),
        ("March 7, 2025 at 10:42 a.m. ET", True),
        ("Reuters | March 7, 2025", True),
        ("BY RANDALL CHASE AP Business Writer", True),
        ("By Judge Juan Escobar/Tejano Talks", True),
        ("Originally published Sept. 15, 2013", True),
        ("THURSDAY, MAY 19, 2016", True),
        # an outlet's name alone may be a heading; a date with a claim is news
        ("Coast News", False),
        ("Feb. 18, 2025: Crawford has labeled Schimel soft on crime.", False),
        ("7 March 2025 - The harbour reopened", False),
        ("The harbour reopened on 7 March 2025.", False),
        ("By Friday, the storm had passed.", False),
        ("by the end of March 2025", False),
    ],
)
def test_a_masthead_line_is_recognised(line, head):
    from rag.stated import is_masthead

    assert is_masthead(line) is head


MASTHEAD = (
    "By Alice Carter and Tom Reed, Coast News\n"
    "Friday 7 March 2025, 10:42 GMT\n\n"
    "The harbour in Marlow reopened on Friday, the port authority said.\n\n"
    "Harbour master Jane Ortiz said the new sea wall would hold.\n\n"
    "Tuesday, March 11, 2025\n\n"
    "The ferries to the islands sailed again."
)


def test_a_masthead_above_the_story_is_never_quoted():
    """ "7 March 2025 · Coast News" above a text file's story was cited beside the answer to
    "Who is the harbour master of Marlow?", its byline too: both share the article's title,
    which the cross-encoder reads beside every sentence."""
    chunk = Chunk("a#0", "a", MASTHEAD, 0, len(MASTHEAD), 0, "Marlow harbour reopens", "2025-03-07", "a.txt")
    cited = [s.text for s in candidate_sentences([Hit(chunk=chunk, score=1.0, rank=1, stage="rerank")])]
    # a date line further down (a timeline's day) is the story's
    assert cited == [
        "The harbour in Marlow reopened on Friday, the port authority said.",
        "Harbour master Jane Ortiz said the new sea wall would hold.",
        "Tuesday, March 11, 2025",
        "The ferries to the islands sailed again.",
    ]
    # only the article's opening has a masthead: a later passage's lines are its story
    later = replace(chunk, id="a#1", position=1)
    assert len(candidate_sentences([Hit(chunk=later, score=1.0, rank=1, stage="rerank")])) == 6


def test_a_masthead_supports_no_claim_of_the_llm_answerer():
    from rag.llm import best_support

    text = "By Alice Carter, Coast News\n\nThe storm closed the harbour."
    found = best_support("Alice Carter wrote for Coast News.", text, opening=True)
    assert found is not None and text[found[1] : found[2]] == "The storm closed the harbour."
    found = best_support("Alice Carter wrote for Coast News.", text)
    assert found is not None and text[found[1] : found[2]] == "By Alice Carter, Coast News"


def test_an_answer_over_a_text_file_cites_no_masthead(tmp_path):
    def write(folder):
        (folder / "harbour.txt").write_text("Marlow harbour reopens\n\n" + MASTHEAD)

    _, answer = asked_over_one_file(tmp_path, write, "Who is the harbour master of Marlow?")
    assert not answer.abstained and answer.citations
    quotes = [c.quote for c in answer.citations]
    assert "Harbour master Jane Ortiz said the new sea wall would hold." in quotes
    assert not {"By Alice Carter and Tom Reed, Coast News", "Friday 7 March 2025, 10:42 GMT"} & set(quotes)
