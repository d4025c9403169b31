"""Where a question's own words put its answer: beside the kind it names, after its verb."""

import pytest

from rag.beside import after_governing, beside_kind
from rag.entities import tagged
from rag.levels import at_level, crossing
from rag.sentences import root
from rag.short import Candidate
from rag.slots import (
    Slots,
    after_anchor,
    after_verb,
    object_end,
    place,
    question_slots,
    read,
    respective,
)
from tests.conftest import indexed_one

NER = "en_core_web_sm"


@pytest.mark.parametrize(
    ("a", "b"),
    [("cite", "citing"), ("prompt", "prompted"), ("signal", "signals"), ("address", "addressed"),
     ("reduce", "reducing"), ("stop", "stopped"), ("focus", "focused"), ("bases", "base")],
)  # fmt: skip
def test_inflections_meet_at_their_root(a, b):
    assert root(a) == root(b)


@pytest.mark.parametrize(("a", "b"), [("bus", "bust"), ("prompt", "promote"), ("sign", "signal")])
def test_other_words_stay_apart(a, b):
    assert root(a) != root(b)


@pytest.mark.parametrize(
    ("question", "kind", "verbs"),
    [
        ("Which missile warning system is Japan improving?", ("missile", "warning", "system"), ("improv",)),
        ("What kind of dialogue is the framework explored through?", ("dialogue",), ("explor",)),
        ("Over which prefecture did the missile fly?", ("prefecture",), ("fly",)),
        ("What did the J-Alert misstep prompt?", (), ("prompt",)),  # tagged a noun, the last word counts
        ("What does closer integration signal, according to analysts?", (), ("accord", "signal")),
        ("Which newspaper reported the talks?", ("newspaper",), ()),  # the subject: no object asked
        ("Who won the election?", (), ()),
        ("What facilities could the two countries share in peacetime?", ("facilities",), ("shar",)),
        ("Which region's security is at stake?", ("region",), ()),
        # a participle the tagger calls a verb describes the kind
        ("Which incoming New York congressman admitted lying?", ("incoming", "new", "york", "congressman"), ()),
        # the verb before the question word: its object is asked for
        ("Elon Musk moved to end his deal to buy which company?", ("company",), ()),
        # a clause that describes a noun holds no verb of the question
        ("Which country will begin fining passengers who stand up too early?", ("country",), ("begin", "fin")),
        # "the name of" a kind asks for one of the kind; its clause's verb is asked about only
        # when the clause has its own subject ("the company Paul Dans runs")
        ("What was the name of the giant schnauzer that won best in show?", ("giant", "schnauzer"), ()),
        ("What is the name of the volcano that erupted in Indonesia?", ("volcano",), ()),
        ("What is the name of the company Paul Dans runs?", ("company",), ("run",)),
    ],
)
def test_a_question_names_the_kind_and_the_verb_of_its_answer(question, kind, verbs):
    slots = read(tagged(NER, question))
    assert (slots.kind, slots.verbs) == (kind, verbs)


@pytest.mark.parametrize(
    ("question", "plural"),
    [
        ("President Trump imposed tariffs on the imports of what metals?", True),
        ("What facilities could the two countries share in peacetime?", True),
        ("Which missile warning system is Japan improving?", False),
        ("Who won the election?", False),
    ],
)
def test_a_kind_named_in_the_plural_asks_for_several(question, plural):
    assert read(tagged(NER, question)).plural is plural


@pytest.mark.parametrize(
    ("kind", "text", "names"),
    [
        (("newspaper",), "A major Japanese newspaper, the Nikkei, reports this.", ["Nikkei"]),
        (("missile", "warning", "system"), "Reports indicate improvements to the J-Alert missile warning system.", ["J-Alert"]),
        (("prefecture",), "It flew over North Korea’s Aomori Prefecture on Tuesday.", ["Aomori"]),
        (("dialogue",), "They meet through a structured 2+2 dialogue.", ["2+2"]),
        (("city",), "Crowds gathered in the city of Paris.", ["Paris"]),
        (("company",), "The Chinese company DeepSeek released a chatbot.", ["DeepSeek"]),
        (("defense", "facilities"), "They share bases, ports, and other defense facilities.", ["bases, ports"]),
        (("newspaper",), "The newspaper said so. The Nikkei disagreed.", []),  # another sentence
        (("region",), "The Pacific Region And Its Future", []),  # a headline: every word is capitalised
        (("newspaper",), "The Japanese newspaper said so.", []),  # a nationality is no name
        (("charity",), "He left Sentebale, a British charity he set up.", []),
        (("company",), "The U.S. company said so.", []),
        (("song",), "Golden won Best Original Song on Sunday.", []),  # a capitalised kind is part of a name
        (("state",), "The rally filled State Farm Stadium in Glendale.", []),
        (("president",), "He served under President George W. Bush until 2009.", []),
        (("president",), "He served under the president, George W. Bush, until 2009.", ["George W. Bush"]),
        (("beverage",), "Those who drink the beverage 50 times a week", []),  # a number is no name
        # words in lower case between a place and its kind: the area, not the city
        (("japanese", "areas"), "Alerts reached Hokkaido and the Tokyo metropolitan area.", ["Tokyo metropolitan area"]),
        (("area",), "Smoke covered the Los Angeles area.", ["Los Angeles"]),
        (("area",), "Families fled Gaza and the surrounding area.", []),  # "and" is no name
        (("company",), "It sold the Tokyo electronics company.", []),  # only a place runs through
        (("team",), "Closing out the list of Super Bowl-less teams is the Titans.", []),  # it modifies "teams"
        (("player",), "The No. 1-ranked player beat Jannik Sinner.", []),
        (("fighter",), "The F-35 fighter flew.", ["F-35"]),  # a digit among signs is a name
        # a name before "the" and its kind: the kind describes it
        (("giant", "schnauzer"), "Monty the giant schnauzer was named Best in Show.", ["Monty"]),
        (("volcano",), "Officials in Italy the volcano had calmed said so.", []),  # after a preposition
        (("volcano",), "The volcano erupted.", []),
        (("company",), "But the company cut 9,000 jobs.", []),  # a word that opens a sentence
    ],
)  # fmt: skip
def test_the_name_beside_the_kind_asked_for(kind, text, names):
    assert [text[s:e] for s, e in beside_kind(Slots(kind), text, set())] == names


def test_a_name_the_question_holds_is_not_beside_its_kind():
    text = "The Chinese company DeepSeek released a chatbot."
    assert beside_kind(Slots(("company",)), text, {"deepseek"}) == []


@pytest.mark.parametrize(
    ("question", "anchor"),
    [
        ("A study found that semaglutide reduces cravings for what?", ("craving", "for")),
        ("Officers were ordered to attend a meeting this week in which state?", ("meet", "in")),  # time skipped
        ("Which city held the first parade?", None),  # the question word opens the question
    ],
)
def test_the_words_before_a_question_word_left_in_place(question, anchor):
    assert read(tagged(NER, question)).anchor == anchor


def test_a_candidate_after_the_verb_before_the_question_word_is_placed_as_it_is():
    """ "tapped to lead which government agency?": the agency after "lead" is placed, and keeps
    its own start (no "his" taken in, as an object of "what did ... prompt?" takes it)."""
    text = "Musk was tapped to lead his Department of Government Efficiency, and later ran Tesla."
    question = "Elon Musk was tapped to lead which government agency?"
    slots = read(tagged(NER, question))
    assert slots.governed == "lead" and slots.verbs == ()
    agency = Candidate(0, text.index("Department"), text.index(","), "ORG", 0, "department of government efficiency")
    tesla = Candidate(0, text.index("Tesla"), text.index("Tesla") + 5, "ORG", 0, "tesla")
    (mine,) = place(slots, question, "ORG", [text], [[agency, tesla]])
    assert [(text[c.start : c.end], c.placed) for c in mine] == [
        ("Department of Government Efficiency", True),
        ("Tesla", False),  # after another verb
    ]


def test_the_answer_follows_the_anchor_in_the_sentence():
    slots = Slots(anchor=("craving", "for"))
    text = "The drug reduced cravings for alcohol in a trial."
    assert after_anchor(slots, text, text.index("alcohol"))
    assert not after_anchor(slots, text, text.index("trial"))
    assert not after_anchor(Slots(), text, text.index("alcohol"))
    # the things an object refers to before it names one
    text = "They may also reduce cravings for other substances like alcohol, he said."
    assert after_anchor(slots, text, text.index("alcohol"))
    text = "Cravings for food rose, like alcohol use."  # no "other": food is what is craved
    assert not after_anchor(slots, text, text.index("alcohol"))


def test_the_object_named_after_the_things_it_refers_to():
    text = "The incident prompted other measures such as curfews."
    assert after_verb(Slots((), ("prompt",)), text, text.index("curfews")) == text.index("curfews")


def test_the_name_after_the_verb_before_the_question_word():
    """ "... to buy which company?" is answered by the name after "buy", whatever the tagger
    calls it; a name the question holds, or a verb in capitals, places nothing."""
    question = "Elon Musk moved to end his deal to buy which company?"
    slots = read(tagged(NER, question))
    assert slots.governed == "buy"
    text = "Musk moved Friday to end his deal to buy Twitter — and to buy the Tesla Roadster. Buy Now."
    asked = {"elon", "musk", "moved", "to", "end", "his", "deal", "buy", "which", "company"}
    assert [text[s:e] for s, e in after_governing(slots, text, asked)] == ["Twitter", "Tesla Roadster"]
    assert after_governing(slots, "They buy Musk shares.", asked) == []
    assert after_governing(read(tagged(NER, "Which company did Musk buy?")), text, asked) == []


def test_a_name_after_the_verb_runs_on_through_arabic_article():
    """ "celebrate which holiday?": "Eid al-Adha", not "Eid"."""
    slots = read(tagged(NER, "Muslims celebrated which holiday?"))
    text = "Millions will celebrate Eid al-Adha, a festival."
    assert [text[s:e] for s, e in after_governing(slots, text, set())] == ["Eid al-Adha"]


def test_the_object_of_the_verb_asked_about():
    slots = Slots((), ("prompt", "reaffirm"))
    text = "The incident prompted reviews of notification protocols. It will reaffirm these objectives."
    assert after_verb(slots, text, text.index("reviews")) == text.index("reviews")
    assert after_verb(slots, text, text.index("objectives")) == text.index("these")  # its determiner too
    assert after_verb(slots, text, text.index("notification")) is None  # no verb right before
    assert after_verb(Slots(), text, text.index("reviews")) is None
    shared = "They explore the shared use of bases."
    assert after_verb(Slots((), ("share",)), shared, shared.index("use")) is None  # an adjective, no verb
    end = object_end(text, text.index(" of notification"), {text.index("notification"): text.index(". It")})
    assert text[text.index("reviews") : end] == "reviews of notification protocols"


@pytest.mark.parametrize(
    ("question", "way"),
    [
        ("The average price of a gallon of gas dropped below which level this week?", "below"),
        ("The national average fell below which key benchmark?", "below"),
        ("The average price of gas surpassed which milestone this week?", "above"),
        ("The average price of regular gas is approaching what eye-popping threshold?", "above"),
        ("Bitcoin topped which level for the first time?", "above"),
        ("Which level is the Fed's rate at?", "either"),
    ],
)
def test_the_way_a_level_is_asked_to_have_been_crossed(question, way):
    assert crossing(question) == way


def test_an_amount_is_a_level_when_said_crossed_the_way_asked():
    text = "Prices fell below $3 a gallon to $2.97, rose over $3.10 and may hit that magical $2.99 mark."

    def level(way, amount):
        start = text.index(amount + " ") if amount == "$3" else text.index(amount)
        return at_level(way, text, start, start + len(amount))

    assert level("below", "$3") and not level("above", "$3") and level("either", "$3")
    assert level("above", "$3.10") and not level("below", "$3.10")
    assert not level("either", "$2.97")  # the price it fell to, no level
    assert level("below", "$2.99") and level("above", "$2.99")  # a mark, whichever way


def test_a_name_in_the_place_of_the_item_the_question_names_respectively():
    text = "Alex Hall and Nick Goepper won the gold and silver medals, respectively, in the slopestyle."
    hall, goepper = (
        Candidate(0, text.index(n), text.index(n) + len(n), "PERSON", 0, n.lower())
        for n in ("Alex Hall", "Nick Goepper")
    )
    assert respective({"which", "american", "won", "gold"}, text, [hall, goepper]) == {hall}
    assert respective({"who", "won", "silver"}, text, [hall, goepper]) == {goepper}
    assert respective({"who", "won", "gold", "and", "silver"}, text, [hall, goepper]) == set()  # both named
    assert respective({"who", "won", "bronze"}, text, [hall, goepper]) == set()  # neither
    plain = text.replace(", respectively,", "")
    assert respective({"which", "american", "won", "gold"}, plain, [hall, goepper]) == set()
    # the items before the names, three of each
    text = "Gold, silver and bronze went to Ana Ruiz, Li Wen and Jo Park, respectively."
    people = [
        Candidate(0, text.index(n), text.index(n) + len(n), "PERSON", 0, n.lower())
        for n in ("Ana Ruiz", "Li Wen", "Jo Park")
    ]
    assert respective({"who", "took", "bronze"}, text, people) == {people[2]}


def test_place_marks_and_widens_the_candidates_the_question_places():
    text = "Earlier, a missile flew over North Korea’s Aomori Prefecture and alarmed Tokyo."
    prefecture = Candidate(0, text.index("Aomori"), text.index(" and"), "GPE", 2, "aomori prefecture")
    tokyo = Candidate(0, text.index("Tokyo"), text.index("."), "GPE", 2, "tokyo")
    slots = read(tagged(NER, "Over which prefecture did the missile fly?"))
    (mine,) = place(slots, "Over which prefecture did the missile fly?", "GPE", [text], [[prefecture, tokyo]])
    assert [(text[c.start : c.end], c.placed) for c in mine] == [("Aomori", True), ("Tokyo", False)]


@pytest.mark.parametrize(
    ("text", "question", "short"),
    [
        (
            "A major Japanese newspaper, the Nikkei, reported the talks between Japan and the United States, "
            "citing officials in Tokyo and Washington.",
            "Which newspaper reported the talks between Japan and the United States?",
            "Nikkei",
        ),
        (
            "The misfired warning in Tokyo prompted reviews of notification protocols by the Japan Meteorological "
            "Agency.",
            "What did the misfired warning prompt?",
            "reviews of notification protocols",
        ),
        (  # the level crossed, not the amount nearer the question's words
            "Regular unleaded gas now averages $3.45 a gallon, 36 cents below year-ago levels. More than half of all "
            "fuel stations now sell gasoline below $3 per gallon.",
            "The average price of a gallon of gas in the US dropped below which level this week?",
            "$3",
        ),
        (  # the name in the place of "gold", not the one nearer the question's words
            "Americans swept the event. Alex Hall and Nick Goepper won the gold and silver medals, respectively, in "
            "the men's freeski slopestyle competition.",
            "Which American won gold in men's freeski slopestyle?",
            "Alex Hall",
        ),
        (  # the name after the verb before "which": tagged a person, asked for as a company
            "Elon Musk moved Friday afternoon to terminate his $44 billion deal to buy Twitter — the latest twist "
            "in a whirlwind process in which the billionaire Tesla CEO became the company’s biggest shareholder.",
            "Elon Musk moved on Friday to terminate his $44 billion deal to buy which company?",
            "Twitter",
        ),
    ],
)
def test_the_short_answer_is_the_one_the_question_places(tmp_path, settings, text, question, short):
    answer = indexed_one(tmp_path, settings, f"Talks and warnings\n\n{text}").ask(question)
    assert answer.short is not None and answer.short.text == short, answer


def test_a_question_without_which_what_or_whose_is_not_tagged(monkeypatch):
    import rag.slots

    monkeypatch.setattr(rag.slots, "tagged", lambda *a: pytest.fail("tagged"))
    assert question_slots(NER, "Who won the election this week?") == Slots()
    monkeypatch.undo()
    assert question_slots(NER, "Over which prefecture did the missile fly?") == Slots(("prefecture",), ("fly",))
    # a quiz's "of the following" is read past: the kind after it
    assert question_slots(NER, "Which of the following companies did the agency sue?").kind == ("companies",)
