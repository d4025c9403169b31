"""Short answers: the thing asked for, found verbatim in a cited sentence, checked."""

import json
from dataclasses import replace

import pytest

from eval.metrics import closest_choice, short_exact
from rag.answer import ExtractiveAnswerer, short_answer
from rag.answer_sentences import Sentence
from rag.asks import wanted
from rag.entities import NOUN_PHRASE, QUOTE, Entity, entities, quoted
from rag.evidence import agreement, counts_unit, full_names, in_titles, longer_nouns, nearness
from rag.places import demonym_country
from rag.records import Chunk, Hit, ShortAnswer
from rag.short import Candidate, candidates, title_fit
from rag.titles import asked_titles
from rag.verify import verify
from tests.conftest import indexed_one, run_rag


def test_candidates_skip_what_the_question_names_and_trim_titles():
    text = "Japanese Foreign Minister Yoshimasa Hayashi will meet Secretary of Defense Lloyd Austin in Washington."
    spans = [
        ("Japanese", "NORP"),
        ("Yoshimasa Hayashi", "PERSON"),
        ("Defense Lloyd Austin", "ORG"),
        ("Washington", "GPE"),
    ]
    ents = [Entity(text.index(t), text.index(t) + len(t), label) for t, label in spans]
    question = "Who will Yoshimasa Hayashi meet in Washington?"
    (found,) = candidates(question, wanted(question), [text], [ents])
    assert [(text[c.start : c.end], c.label) for c in found] == [("Lloyd Austin", "PERSON")]


def test_a_bracket_opened_and_not_closed_ends_a_candidate():
    text = "On June 19, 1865 (Juneteenth), enslaved people discovered they were free."
    ents = [Entity(3, text.index(")"), "DATE")]  # as the small English model tags it
    question = "When is Juneteenth?"
    (found,) = candidates(question, wanted(question), [text], [ents])
    assert [text[c.start : c.end] for c in found] == ["June 19, 1865"]
    closed = "The fund (AFF) pays."
    (found,) = candidates("Which fund pays?", wanted("Which fund pays?"), [closed], [[Entity(0, 14, "ORG")]])
    assert [closed[c.start : c.end] for c in found] == ["fund (AFF)"]


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("Who won the Boston Marathon?", ["John Korir"]),  # the runner, not where he is from
        ("Which country's runner won the Boston Marathon?", ["Kenya"]),
    ],
)
def test_a_place_after_a_persons_name_and_of_is_where_they_are_from(question, kept):
    text = "John Korir of Kenya won the Boston Marathon on Monday, ahead of the runners of Ethiopia."
    spans = [("John Korir", "PERSON"), ("Kenya", "GPE"), ("the Boston Marathon", "EVENT"), ("Ethiopia", "GPE")]
    ents = [Entity(text.index(t), text.index(t) + len(t), label) for t, label in spans]
    (found,) = candidates(question, wanted(question), [text], [ents])
    names = [text[c.start : c.end] for c in found]
    assert names[: len(kept)] == kept and "Kenya" not in names[len(kept) :]
    if question.startswith("Who"):  # "the runners of Ethiopia": no person's name before "of"
        assert "Ethiopia" in names


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Sisay Lemma of Ethiopia won the Boston Marathon.", "Sisay Lemma"),  # untagged: a person all the same
        ("Officials said Tigst Assefa of Ethiopia won.", "Tigst Assefa"),
        ("Then Tigst Assefa of Ethiopia won.", "Tigst Assefa"),  # a word that begins the sentence is no name
        ("Prime Minister of Ethiopia Abiy Ahmed congratulated the runners.", ""),  # a title, no name
        ("The Central Bank of Ethiopia congratulated the runners.", ""),  # an organisation's kind
    ],
)
def test_a_name_left_untagged_before_of_and_a_place_is_a_person(text, named):
    ents = [Entity(text.index("Ethiopia"), text.index("Ethiopia") + len("Ethiopia"), "GPE")]
    question = "Who won the Boston Marathon?"
    (found,) = candidates(question, wanted(question), [text], [ents])
    assert [text[c.start : c.end] for c in found] == ([named] if named else ["Ethiopia"])


@pytest.mark.parametrize(
    ("question", "date", "answer"),
    [
        ("When are the officials expected to gather?", "the coming weeks", "in the coming weeks"),
        ("When will the talks resume?", "next month", "within next month"),
        ("When will the talks resume?", "March 5", "March 5"),  # a day needs no preposition
        ("How long did the talks last?", "two weeks", "two weeks"),  # not a "when" question
    ],
)
def test_a_vague_time_answers_when_with_its_preposition(question, date, answer):
    text = f"Officials said the talks resume within {date}." if "next" in date else f"They meet in {date}."
    if "coming" in date:
        text = f"Senior officials are expected to gather in {date}."
    elif "two" in date:
        text = f"The talks lasted for {date}."
    ent = Entity(text.index(date), text.index(date) + len(date), "DATE")
    (found,) = candidates(question, wanted(question), [text], [[ent]])
    assert [text[c.start : c.end] for c in found] == [answer]


def test_a_profession_before_a_name_is_cut():
    question = "Which artist received the most nominations?"
    text = "Rapper Kendrick Lamar leads the nominations, ahead of Champion Petfoods."
    spans = [("Rapper Kendrick Lamar", "PERSON"), ("Champion Petfoods", "ORG")]
    assert _found(question, text, spans) == ["Kendrick Lamar", "Champion Petfoods"]


def test_a_person_asked_for_by_title_must_carry_it():
    text = "Japanese Foreign Minister Yoshimasa Hayashi and Defense Minister Yasukazu Hamada will attend."
    ents = [Entity(text.index(t), text.index(t) + len(t), "PERSON") for t in ("Yoshimasa Hayashi", "Yasukazu Hamada")]
    for question, expected in (
        ("Who is the prime minister of Japan?", []),
        ("Who is the foreign minister?", ["Yoshimasa Hayashi"]),
    ):
        (found,) = candidates(question, wanted(question), [text], [ents])
        assert [text[c.start : c.end] for c in found] == expected, question


def test_the_next_persons_titles_are_not_the_ones_before():
    """After a name, an "and" starts the next person's titles: Meloni is no British prime minister."""
    text = (
        "Ties between Italian Prime Minister Giorgia Meloni and British Prime Minister Keir Starmer, "
        "and Germany's Friedrich Merz, who stepped down as defense secretary, frayed."
    )
    names = ("Giorgia Meloni", "Keir Starmer", "Friedrich Merz")
    ents = [Entity(text.index(t), text.index(t) + len(t), "PERSON") for t in names]
    for question, expected in (
        ("Who is the UK prime minister?", ["Keir Starmer"]),
        ("Who was the defense secretary?", ["Friedrich Merz"]),  # titles after the name still count
    ):
        (found,) = candidates(question, wanted(question), [text], [ents])
        assert [text[c.start : c.end] for c in found] == expected, question


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("Who is the Prime Minister of Japan?", {"prime", "minister"}),
        ("Who is Japan's foreign minister?", {"foreign", "minister"}),
        ("Who is the U.S. Secretary of Defense?", {"secretary", "defense"}),
        ("Who is the Japanese defense minister attending the talks?", {"defense", "minister"}),
        ("Which former first lady released a memoir this week?", {"former", "first", "lady"}),
        # the title is what happened to the person, not who they are
        ("Who was elected as the next president of the International Olympic Committee?", set()),
        ("Who was elected mayor of New York City?", set()),
        ("Who won the race for mayor?", set()),
        ("Which comedian made history as the Golden Globes' first solo female host?", set()),
        # before the question word: "President Trump ... which celebrity" asks for no president
        ("President Trump has threatened the citizenship of which celebrity?", set()),
    ],
)
def test_the_titles_that_name_the_person_asked_for(question, titles):
    assert asked_titles(question) == titles


def test_a_person_elected_to_a_title_need_not_carry_it():
    question = "Who was elected as the next president of the International Olympic Committee?"
    text = "Kirsty Coventry of Zimbabwe has been elected as the first female president of the committee."
    assert _found(question, text, [("Kirsty Coventry", "PERSON")]) == ["Kirsty Coventry"]


def test_nearness_stops_at_the_neighbouring_name():
    text = "Foreign Minister Yoshimasa Hayashi and Defense Minister Yasukazu Hamada will attend."
    at = {name: text.index(name) for name in ("Yoshimasa Hayashi", "Yasukazu Hamada")}
    hayashi = Candidate(0, at["Yoshimasa Hayashi"], at["Yoshimasa Hayashi"] + 17, "PERSON", 0, "a")
    hamada = Candidate(0, at["Yasukazu Hamada"], at["Yasukazu Hamada"] + 15, "PERSON", 0, "b")
    question = "Who is the defense minister?"
    assert nearness(question, text, hamada, [hayashi, hamada]) > nearness(question, text, hayashi, [hayashi, hamada])


def _found(question, text, spans):
    ents = [Entity(text.index(t), text.index(t) + len(t), label) for t, label in spans]
    (found,) = candidates(question, wanted(question), [text], [ents])
    return [text[c.start : c.end] for c in found]


def test_a_dateline_is_where_the_story_was_filed_not_an_answer():
    question = "Where did the rocket launch from?"
    for text, place in (
        ("OSLO, Norway — A test rocket exploded after takeoff from Andoya.", "OSLO"),
        ("WASHINGTON – The rocket left from Andoya on Sunday.", "WASHINGTON"),
        ("NEW YORK − The rocket left from Andoya on Sunday.", "NEW YORK"),
    ):
        assert _found(question, text, [(place, "GPE"), ("Andoya", "GPE")]) == ["Andoya"], text
    # the dateline's dash taken into the name that follows it is cut, the name kept
    text = "NEW YORK − Zohran Mamdani has won the race for mayor of New York City."
    who = "Who was elected mayor of New York City?"
    assert _found(who, text, [("NEW YORK", "GPE"), ("− Zohran Mamdani", "PERSON")]) == ["Zohran Mamdani"]
    # a capitalised name that opens an ordinary sentence stays
    text = "NASA said the rocket left from Andoya."
    assert _found("Which agency tracked the rocket?", text, [("NASA", "ORG")]) == ["NASA"]


@pytest.mark.parametrize("named", ["the US", "the U.S.", "America", "American", "the United States"])
def test_a_country_the_question_names_under_another_name_is_no_answer(named):
    text = "In 1803, the United States paid France $15 million for the Louisiana Territory."
    question = f"In 1803, {named} bought the Louisiana Territory from which country?"
    assert _found(question, text, [("United States", "GPE"), ("France", "GPE")]) == ["France"]


def test_a_country_the_question_names_by_its_people_is_no_answer():
    question = "K-pop band BTS began their tour this week in which South Korean city?"
    text = "The tour opens in Goyang, South Korea, on April 9."
    assert _found(question, text, [("Goyang", "GPE"), ("South Korea", "GPE")]) == ["Goyang"]


def test_what_the_question_names_in_other_words_is_no_answer():
    question = "Which airline is being sued by the Department of Transportation over delayed flights?"
    text = "The DOT sued Southwest Airlines over two chronically delayed flights."
    assert _found(question, text, [("DOT", "ORG"), ("Southwest Airlines", "ORG")]) == ["Southwest Airlines"]
    question = "President Trump has threatened to revoke which celebrity’s US citizenship?"
    text = "Donald Trump said he may take away the citizenship of Rosie O’Donnell."
    assert _found(question, text, [("Donald Trump", "PERSON"), ("Rosie O’Donnell", "PERSON")]) == ["Rosie O’Donnell"]
    question = "What was the name of the dog that won best in show at the Westminster Kennel Club Dog Show?"
    text = "Monty the giant schnauzer won best in show at the 149th Westminster Kennel Club on Tuesday."
    assert _found(question, text, [("Monty", "PERSON"), ("149th Westminster Kennel Club", "ORG")]) == ["Monty"]
    # an awards show by its full name, where the question names it short
    question = "Who won best new artist at the Grammys?"
    text = "The best new artist award went to Chappell Roan at the 67th annual Grammy Awards."
    assert _found(question, text, [("Chappell Roan", "PERSON"), ("Grammy Awards", "PERSON")]) == ["Chappell Roan"]
    question = "Who won best actress at the Golden Globes?"
    text = "Demi Moore won best actress at the Golden Globe Awards ceremony."
    assert _found(question, text, [("Demi Moore", "PERSON"), ("Golden Globe Awards", "ORG")]) == ["Demi Moore"]
    # an award the question does not name stays an answer
    question = "Which ceremony did the actress host?"
    assert _found(question, "She hosted the Academy Awards.", [("the Academy Awards", "EVENT")]) == ["Academy Awards"]
    # a number the question's words come with is still a count
    assert _found("How many Kennel Club titles has he won?", "He has 3 Kennel Club titles.", [("3", "CARDINAL")]) == [
        "3"
    ]


def test_nearness_meets_other_forms_of_the_questions_words():
    text = "The samples will be returned to Earth via the Mars Sample Return program."
    earth, mars = text.index("Earth"), text.index("Mars")
    cands = [Candidate(0, earth, earth + 5, "LOC", 0, "earth"), Candidate(0, mars, mars + 4, "LOC", 0, "mars")]
    question = "NASA announced a plan to retrieve samples from which planet?"
    assert nearness(question, text, cands[1], cands) > nearness(question, text, cands[0], cands)


def test_a_how_many_question_prefers_the_number_that_counts_its_unit():
    want = wanted("How many days was the Artemis II mission?")
    assert want is not None and want.unit == "day"
    text = "Artemis II sent four astronauts on a 10-day journey around the moon."
    four, ten = text.index("four"), text.index("10")
    assert counts_unit(want, text, Candidate(0, ten, ten + 6, "DATE", 4, "10 day"))
    assert not counts_unit(want, text, Candidate(0, four, four + 4, "CARDINAL", 0, "four"))
    assert not counts_unit(wanted("Who led the mission?"), text, Candidate(0, ten, ten + 6, "DATE", 0, "10 day"))


@pytest.mark.parametrize(
    ("question", "text", "span", "label", "expected"),
    [
        ("How many days was the Artemis II mission?", "Artemis II is a 10-day mission.", "10-day", "DATE", "10"),
        (
            "How many years was he in power?",
            "He conceded on April 12 after 16 years.",
            "April 12 after 16 years",
            "DATE",
            "16",
        ),
        ("How many astronauts are on board?", "Four astronauts are on board.", "Four", "CARDINAL", "Four"),
        ("How many days did it last?", "It lasted 40 days and nights.", "40 days", "DATE", "40"),
        # hours and minutes are a TIME to spaCy
        (
            "How many hours did he speak?",
            "He spoke for 25 hours and 5 minutes.",
            "25 hours and 5 minutes",
            "TIME",
            "25",
        ),
        # without a unit in the question, the span stays whole
        ("How long did it last?", "It lasted 40 days and nights.", "40 days", "DATE", "40 days"),
        # a verb or a joining word taken into the name
        ("Which team won?", "The Florida Panthers are champions.", "Florida Panthers are", "ORG", "Florida Panthers"),
        ("Who hired them?", "U.S. Immigration and Customs did.", "U.S. Immigration and", "ORG", "U.S. Immigration"),
        # the comparison before an amount
        ("Gas fell below which level?", "Prices fell below $3 a gallon.", "below $3", "MONEY", "$3"),
        ("How many people came?", "About 5,000 people came.", "About 5,000", "CARDINAL", "5,000"),
        ("How much did it cost?", "It cost more than $1 billion.", "more than $1 billion", "MONEY", "$1 billion"),
        # the currency sign the recognizer left out
        ("How much is the bonus?", "It could rise to $5,000 per child.", "5,000", "MONEY", "$5,000"),
        ("How much is the fine?", "The fine is €88 million.", "88 million", "MONEY", "€88 million"),
        ("How many came?", "About $5 each; 5,000 came.", "5,000", "CARDINAL", "5,000"),
    ],
)
def test_a_candidate_is_cut_to_the_thing_asked_for(question, text, span, label, expected):
    """A how-many answer is the number when the question names the unit; a name or an
    amount is cut to itself."""
    assert _found(question, text, [(span, label)]) == [expected]


def test_a_possessive_is_cut_unless_it_belongs_to_the_name():
    question = "Which fast-food chain is bringing back Monopoly?"
    text = "McDonald’s is bringing back its Monopoly game."
    assert _found(question, text, [("McDonald’s", "ORG")]) == ["McDonald’s"]
    text = "Apple's new phone is out; Apple said it sold well."
    assert _found("Which company released a phone?", text, [("Apple's", "ORG")]) == ["Apple"]
    text = "Macron met King Charles' guests at Windsor Castle."
    assert _found("Whom did Macron meet?", text, [("King Charles'", "PERSON")]) == ["King Charles"]


def test_a_closing_quotation_mark_the_name_does_not_open_is_cut():
    question = "What is the name of Pantone's Color of the Year?"
    text = "Pantone has named 'Cloud Dancer' (PANTONE 11-4201) as its Color of the Year."
    assert _found(question, text, [("Cloud Dancer'", "WORK_OF_ART")]) == ["Cloud Dancer"]
    text = 'Pantone has named "Cloud Dancer" as its Color of the Year.'
    assert _found(question, text, [('"Cloud Dancer"', "WORK_OF_ART")]) == ['"Cloud Dancer"']


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (
            '"The Late Show with Stephen Colbert" aired its last episode.',
            "The Late Show",
            "Late Show with Stephen Colbert",
        ),
        ("CBS ended “The Late Show” in May.", "The Late Show", "Late Show"),
        # the words of a title are those of a title in quotation marks (rag.entities.title_word)
        ("CBS ended “Stand by Me” in May.", "Stand", "Stand by Me"),
        # a quoted sentence is no title
        ('"The Late Show is over," he said.', "The Late Show", "Late Show"),
    ],
)
def test_a_quoted_title_the_recognizer_cut_short_is_whole(text, title, expected):
    assert _found("Which talk show ended this week?", text, [(title, "WORK_OF_ART")]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a film named for a person, in quotation marks of its own: no person
        ('Zoe Saldaña got best supporting actress for Netflix\'s "Emilia Pérez."', ["Zoe Saldaña"]),
        ("Zoe Saldaña starred in “Emilia Pérez”, a musical.", ["Zoe Saldaña"]),
        # a name inside a longer quotation is still a person
        ('"Emilia Pérez is a role," Zoe Saldaña said.', ["Emilia Pérez", "Zoe Saldaña"]),
    ],
)
def test_a_name_that_is_all_of_a_quotation_is_a_title_not_a_person(text, expected):
    spans = [("Zoe Saldaña", "PERSON"), ("Emilia Pérez", "PERSON")]
    assert sorted(_found("Who won best supporting actress?", text, spans)) == sorted(expected)


def test_a_quoted_name_answers_a_question_asking_for_a_title():
    text = 'Zoe Saldaña got best supporting actress for Netflix\'s "Emilia Pérez."'
    assert _found("Which film won?", text, [("Emilia Pérez", "PERSON")]) == ["Emilia Pérez"]


def test_a_surname_tagged_an_organisation_is_no_company_where_the_texts_name_the_person():
    text = "Donald Trump attacked Amazon, and Trump said Amazon must pay."
    found = [Entity(0, 12, "PERSON"), Entity(22, 28, "ORG"), Entity(34, 39, "ORG")]  # Donald Trump, Amazon, Trump
    question = "Which company did the president attack?"
    (mine,) = candidates(question, wanted(question), [text], [found])
    assert [text[c.start : c.end] for c in mine] == ["Amazon"]
    # a question asking for a person keeps the surname to count as the full name
    question = "Who attacked Amazon?"
    (mine,) = candidates(question, wanted(question), [text], [found])
    assert "Trump" in [text[c.start : c.end] for c in mine]


def test_a_noun_phrase_that_refers_to_other_things_names_none():
    text = "The drug curbs cravings for alcohol and other substances, as others found."
    spans = [("alcohol", "NOUN"), ("other substances", "NOUN"), ("others", "NOUN")]
    assert _found("The drug reduces cravings for what?", text, spans) == ["alcohol"]


def test_a_noun_phrase_that_ranks_a_thing_names_none():
    """ "the oldest professional football club" tells of a team; it is no team's name."""
    text = "Fans call the team the Big Red, the oldest professional football club in the NFL."
    spans = [("Big Red", "NOUN"), ("oldest professional football club", "NOUN")]
    assert _found("What do fans call the team?", text, spans) == ["Big Red"]


def test_a_person_without_a_capital_letter_is_no_name():
    text = "The No. 1-ranked player beat Jannik Sinner."
    assert _found("Which tennis player won?", text, [("1-ranked", "PERSON"), ("Jannik Sinner", "PERSON")]) == [
        "Jannik Sinner"
    ]


def test_a_name_without_a_capital_letter_is_no_name_of_any_kind():
    text = "The No. 1-ranked Carlos Alcaraz beat Jannik Sinner."
    spans = [("1-ranked", "ORG"), ("Carlos Alcaraz", "PERSON")]
    assert _found("Which tennis player won?", text, spans) == ["Carlos Alcaraz"]


def test_a_person_is_named_without_a_determiner():
    """spaCy tags "the Oscar" and "the Moon" as people; "a Trump ally" names the ally, not
    Trump. A person's name takes no "the" or "a" before it."""
    text = "The Pianist star accepted the Oscar, as Adrien Brody spoke for a record time."
    spans = [("Oscar", "PERSON"), ("Adrien Brody", "PERSON")]
    assert _found("Which actor broke the record?", text, spans) == ["Adrien Brody"]
    text = "A Trump ally, Mike Lindell, lost; an Obama adviser watched."
    spans = [("Trump", "PERSON"), ("Mike Lindell", "PERSON"), ("Obama", "PERSON")]
    assert _found("Who lost the case?", text, spans) == ["Mike Lindell"]


def test_a_compound_that_modifies_the_next_word_is_no_answer():
    """ "Super Bowl-less teams" names no team; "Rolls-Royce engines" and a hyphen at the end of
    a sentence still name one."""
    text = "Closing out the list of Super Bowl-less teams is the Titans."
    spans = [("Super Bowl-less", "ORG"), ("Titans", "ORG")]
    assert _found("Which NFL team recently won the Super Bowl?", text, spans) == ["Titans"]
    text = "Rolls-Royce engines power the jet, built by Airbus-owned."
    spans = [("Rolls-Royce", "ORG"), ("Airbus-owned", "ORG")]
    assert _found("Which company makes the engines?", text, spans) == ["Rolls-Royce", "Airbus-owned"]


def test_a_holiday_is_named_not_dated():
    text = "On Monday, Oct. 20, millions marked Diwali this week, as they marked Eid al-Adha annually."
    spans = [("Monday, Oct. 20", "DATE"), ("this week", "DATE"), ("Eid al-Adha", "DATE"), ("annually", "DATE")]
    assert _found("Which holiday was celebrated this week?", text, spans) == ["Eid al-Adha"]
    assert _found("Which annual celebration is observed each June?", text, spans) == ["Eid al-Adha"]
    # a question that asks for a date keeps every date
    assert "Monday, Oct. 20" in _found("When was the holiday?", text, spans)


def test_a_plural_of_the_questions_own_word_is_no_answer():
    text = "Eagan won two golds, one of them in boxing."
    spans = [("golds", "NOUN"), ("boxing", "NOUN")]
    assert _found("In which sport did he win his gold medal?", text, spans) == ["boxing"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("A man attacked a march in which city?", ["Boulder, Colorado", "Colorado"]),
        ("Where did the attack happen?", ["Boulder, Colorado", "Colorado"]),
        # asked for the region, the town written with it is no answer
        ("In which state did the attack happen?", ["Colorado"]),
    ],
)
def test_a_town_keeps_the_state_written_after_it(question, expected):
    text = "The attack on the march in Boulder, Colorado's center shocked the city."
    spans = [("Boulder", "GPE"), ("Colorado", "GPE")]
    assert _found(question, text, spans) == expected


def test_a_member_of_the_family_the_question_names_is_an_answer():
    text = "Melania Trump released a documentary with Marc Beckman."
    spans = [("Melania Trump", "PERSON"), ("Marc Beckman", "PERSON")]
    assert _found("Which member of the Trump family released a documentary?", text, spans) == [
        "Melania Trump",
        "Marc Beckman",
    ]
    # the surname of a person the question names is still no answer
    assert _found("Who made a documentary with President Trump and his wife?", text, spans) == ["Marc Beckman"]


def test_a_country_gains_the_sentences_that_name_its_people():
    assert demonym_country("Ukrainian") == "ukraine" and demonym_country("Cubans") == "cuba"
    assert demonym_country("American") == "" and demonym_country("Republican") == ""
    spain, us = (Candidate(0, 0, 5, "GPE", 0, "spain"), Candidate(1, 0, 13, "GPE", 0, "united states"))
    found = [[spain], [us], [us], [], []]
    assert agreement(found) == {"spain": 1, "united states": 2}
    assert agreement(found, [set(), set(), set(), {"spain"}, {"spain"}]) == {"spain": 3, "united states": 2}


def test_entities_without_noun_phrases_skip_the_tagger_and_find_the_same_names():
    texts = [
        "Kirsty Coventry of Zimbabwe has been elected president of the International Olympic Committee.",
        "NEW YORK − Zohran Mamdani won the race for mayor of New York City on Nov. 4, with 50.4% of the vote.",
    ]
    alone = entities("en_core_web_sm", texts)
    with_nouns = entities("en_core_web_sm", texts, nouns=True)
    assert alone == [[e for e in es if e.label != "NOUN"] for es in with_nouns]
    assert all(alone)


def test_a_kind_with_no_entity_label_is_answered_with_a_noun_phrase():
    question = "Former President Joe Biden was recently diagnosed with which illness?"
    text = "Biden has been diagnosed with an aggressive form of prostate cancer that has spread to the bone."
    want = wanted(question)
    assert want is not None and "NOUN" in want.labels
    (found,) = candidates(question, want, [text], entities("en_core_web_sm", [text], nouns=True))
    assert "prostate cancer" in [text[c.start : c.end] for c in found]
    assert "Biden" not in [text[c.start : c.end] for c in found]  # the question names him
    # a question with an entity kind gets no noun phrases
    assert "NOUN" not in wanted("Which country hosts the summit?").labels


VENICE = (
    "Venice doubles its fee\n\nThe famed Italian destination introduced a 5 euro charge last year. "
    "This spring Venice doubled the entry fee for daytrippers to 10 euros, officials said."
)


@pytest.fixture
def venice(tmp_path, settings):
    return indexed_one(tmp_path, settings, VENICE)


def test_the_short_answer_is_a_verbatim_span_inside_a_cited_quote(venice):
    answer = venice.ask("Which popular European tourist destination doubled its entry fee for daytrippers?")
    assert not answer.abstained and answer.short is not None
    short = answer.short
    text = venice.article(short.article_id).text
    assert short.text == text[short.start : short.end] == "Venice"
    cited = next(c for c in answer.citations if c.n == short.citation)
    assert cited.start <= short.start < short.end <= cited.end and "doubled" in cited.quote


def test_verify_drops_a_short_answer_outside_its_quote(venice):
    answer = venice.ask("Which popular European tourist destination doubled its entry fee for daytrippers?")
    text = venice.article(answer.short.article_id).text
    at = text.index("Italian")
    moved = replace(answer, short=ShortAnswer("Italian", answer.short.article_id, at, at + 7, answer.short.citation))
    kept = verify(moved, venice.article_text)
    assert kept.short is None and kept.citations == answer.citations
    assert verify(answer, venice.article_text).short == answer.short
    wrong = replace(answer, short=replace(answer.short, text="Rome"))
    assert verify(wrong, venice.article_text).short is None


def test_a_list_is_written_as_english_lists_and_verified_item_by_item(tmp_path, settings):
    from rag.records import listed

    assert [listed(x) for x in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == ["", "A", "A and B", "A, B and C"]
    pipe = indexed_one(
        tmp_path,
        settings,
        "Ministers meet\n\nThe talks bring together Yoshimasa Hayashi, Yasukazu Hamada, Antony Blinken "
        "and Lloyd Austin in Washington.",
    )
    answer = pipe.ask("Who attends the talks?")
    short = answer.short
    assert short is not None and short.text == "Yoshimasa Hayashi, Yasukazu Hamada, Antony Blinken and Lloyd Austin"
    text = pipe.article(short.article_id).text
    assert [text[s:e] for s, e in short.spans] == [
        "Yoshimasa Hayashi",
        "Yasukazu Hamada",
        "Antony Blinken",
        "Lloyd Austin",
    ]
    assert verify(answer, pipe.article_text).short == short
    # the items joined any other way are not what the parts say
    assert (
        verify(
            replace(answer, short=replace(short, text=", ".join(short.text.split(" and ")))), pipe.article_text
        ).short
        is None
    )


def test_a_date_question_without_a_date_abstains(venice):
    """The passages say "this spring" and "last year": no exact date, so no answer."""
    answer = venice.ask("On what exact date did Venice double its entry fee?")
    assert answer.abstained and answer.short is None
    assert venice.ask("When did Venice double its entry fee?").short.text == "This spring"


def test_rag_ask_prints_the_short_answer_first_and_in_json(tmp_path, home):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "venice.txt").write_text(VENICE)
    assert run_rag(home, "index", str(folder), "--quiet").returncode == 0
    question = "Which popular European tourist destination doubled its entry fee for daytrippers?"
    out = json.loads(run_rag(home, "ask", question, "--json").stdout)
    short = out["short_answer"]
    assert short["text"] == "Venice" and short["citation"] in [c["n"] for c in out["citations"]]
    assert set(short) == {"text", "article_id", "start", "end", "citation"}
    plain = run_rag(home, "ask", question).stdout
    assert plain.splitlines()[0] == f"Venice [{short['citation']}]"


def test_short_answer_scoring():
    assert short_exact("the Venice", ["Venice"]) == 1.0
    names = ["Yoshimasa Hayashi", "Antony Blinken"]
    assert short_exact("Antony Blinken, Yoshimasa Hayashi", names, "all") == 1.0
    assert short_exact("Antony Blinken and Yoshimasa Hayashi", names, "all") == 1.0
    assert short_exact("Antony Blinken, Lloyd Austin and Yoshimasa Hayashi", names, "all") == 0.0
    assert short_exact("Antony Blinken", names, "all") == 0.0
    choices = ["Franklin D. Roosevelt", "Abraham Lincoln", "John F. Kennedy", "Theodore Roosevelt"]
    assert closest_choice("Lincoln", choices) == 1
    assert closest_choice("Roosevelt", choices) == 3  # closer to the shorter name
    assert closest_choice("Roosevelt", ["Franklin Roosevelt", "Theodore Roosevelt"]) is None  # a tie
    assert closest_choice("", choices) is None and closest_choice("Nixon", choices) is None


def test_a_surname_counts_as_and_is_answered_with_the_full_name():
    def person(i, key):
        return Candidate(i, 0, len(key), "PERSON", 0, key)

    found = [
        [person(0, "mcilroy")],
        [person(1, "rory mcilroy"), person(1, "scottie scheffler")],
        [person(2, "mcilroy")],
    ]
    full = full_names(found)
    assert full == {"mcilroy": "rory mcilroy"}
    assert agreement(found, (), full) == {"rory mcilroy": 3, "scottie scheffler": 1}
    # two people of one surname named as often: "Biden" stays as it is
    assert full_names([[person(0, "biden"), person(0, "jill biden"), person(0, "joe biden")]]) == {}
    # ... named more often, one is the surname alone
    found = [[person(0, "biden"), person(0, "jill biden"), person(0, "joe biden")], [person(1, "joe biden")]]
    assert full_names(found) == {"biden": "joe biden"}
    # not names that start with a word: "Academy" is neither of two
    academy = [Candidate(0, 0, 7, "ORG", 0, "academy"), Candidate(0, 8, 20, "ORG", 0, "academy president")]
    found = [academy, [Candidate(1, 0, 9, "ORG", 0, "academy of motion picture arts and sciences")] * 2]
    assert full_names(found, first_names=True) == {}


def test_a_first_name_is_answered_with_the_one_full_name_when_a_person_is_asked_for():
    def named(i, key, label="PERSON"):
        return Candidate(i, 0, len(key), label, 0, key)

    # "Kirsty's election" beside "Kirsty Coventry of Zimbabwe", both organisations to spaCy
    found = [[named(0, "kirsty", "ORG")], [named(1, "kirsty coventry", "ORG"), named(1, "zimbabwe", "GPE")]]
    assert full_names(found, first_names=True) == {"kirsty": "kirsty coventry"}
    assert full_names(found) == {}  # another kind of question: "Amazon" is no "Amazon Web Services"
    # two people of one first name: "Joe" stays as it is
    assert full_names([[named(0, "joe"), named(0, "joe biden"), named(0, "joe root")]], first_names=True) == {}
    # a name's possessive is no full name: "Sabalenka's US Open triumph" (keys drop the apostrophe)
    possessive = [[named(0, "sabalenka", "ORG")], [named(1, "sabalenka s us open", "ORG")]]
    assert full_names(possessive, first_names=True) == {}
    assert wanted("Who was elected president of the IOC?").labels[:1] == ("PERSON",)
    catch_all = wanted("NASA plans to retrieve samples from which planet?")
    assert catch_all is not None and "NOUN" in catch_all.labels  # no first names there


def test_a_noun_phrase_is_answered_with_the_compound_that_ends_with_it():
    def noun(i, key):
        return Candidate(i, 0, len(key), NOUN_PHRASE, 0, key)

    known = {"prostate cancer", "breast cancer", "whole milk"}.__contains__
    found = [
        [noun(0, "prostate cancer"), noun(0, "bone")],
        [noun(1, "cancer"), noun(1, "large bear")],
        [noun(2, "bear")],
    ]
    # a compound WordNet knows; not an adjective before a noun ("large bear")
    assert longer_nouns(found, NOUN_PHRASE, known) == {"cancer": "prostate cancer"}
    # two compounds of one noun: "cancer" stays as it is
    found[2].append(noun(2, "breast cancer"))
    assert longer_nouns(found, NOUN_PHRASE, known) == {}


@pytest.mark.parametrize(
    ("article", "question", "expected"),
    [
        # a first name alone ("Kirsty's election") is answered with the full name
        (
            "IOC elects its first female president\n\n"
            "Athletes celebrated Kirsty's election as president of the International Olympic Committee. "
            "Kirsty Coventry of Zimbabwe won the vote in Greece on Thursday.",
            "Who was elected president of the International Olympic Committee?",
            "Kirsty Coventry",
        ),
        # a noun ("cancer") is answered with the compound that names it whole
        (
            "Former president diagnosed with cancer\n\n"
            "The former president has been diagnosed with an aggressive form of prostate cancer, his office said. "
            "Doctors said the former president's cancer has a Gleason score of 9.",
            "The former president was diagnosed with which illness?",
            "prostate cancer",
        ),
    ],
)
def test_the_short_answer_is_the_whole_name(tmp_path, settings, article, question, expected):
    answer = indexed_one(tmp_path, settings, article).ask(question)
    assert answer.short is not None and answer.short.text == expected, answer


def test_a_headline_names_what_its_story_is_about():
    titles = ["Joann to close all 800 stores after bankruptcy", "Craft retailers: what shoppers should know"]
    assert in_titles(["joann"], titles) == 1
    assert in_titles(["hudson", "ohio"], titles) == 0
    assert in_titles(["craft"], titles) == 1 and in_titles(["raft"], titles) == 0  # whole words only


JOANN = (
    "Joann to close all 800 stores\n\n"
    "The fabric and craft retailer, based in Hudson, Ohio, said Wednesday it would close all 800 of its "
    "locations after filing for bankruptcy for the second time. Michaels and Hobby Lobby may gain shoppers. "
    "Joann employs about 19,000 people."
)


def test_the_headline_decides_between_names_of_one_kind(tmp_path, settings):
    pipe = indexed_one(tmp_path, settings, JOANN)
    answer = pipe.ask("Which store announced it was closing all 800 of its locations after filing for bankruptcy?")
    assert answer.short is not None and answer.short.text == "Joann"


def test_a_surname_is_answered_with_the_full_name_from_another_sentence(tmp_path, settings):
    pipe = indexed_one(
        tmp_path,
        settings,
        "The Masters ends in a playoff\n\n"
        "McIlroy completed the career grand slam on Sunday at Augusta National. "
        "Rory McIlroy, 35, beat Justin Rose on the first playoff hole.",
    )
    answer = pipe.ask("Which professional golfer completed the career grand slam last weekend?")
    assert answer.short is not None and answer.short.text == "Rory McIlroy"
    cited = next(c for c in answer.citations if c.n == answer.short.citation)
    assert "Rory McIlroy" in cited.quote


def _people(text: str, *names: str) -> list[Candidate]:
    """A person candidate for each of ``names``, where it first stands in ``text``."""
    return [Candidate(0, text.index(n), text.index(n) + len(n), "PERSON", 0, n.lower()) for n in names]


def test_the_titles_before_a_name_fit_the_titles_asked():
    text = (
        "The meeting includes Defense Minister Yasukazu Hamada, alongside U.S. Secretary of State Antony Blinken "
        "and Secretary of Defense Lloyd Austin."
    )
    people = _people(text, "Yasukazu Hamada", "Antony Blinken", "Lloyd Austin")
    asked = asked_titles("Who is the U.S. Secretary of Defense?")
    assert [title_fit(asked, text, c, people) for c in people] == [0, 0, 2]
    assert title_fit(set(), text, people[2], people) == 0  # no title asked: no evidence either way


def test_the_noun_of_the_kind_of_person_asked_fits_as_a_title():
    """ "Which congressman ...?", "Which energy fellow ...?": the person named with that noun,
    before the name or in apposition after it; no other title counts against a person then."""
    text = (
        "Congressman-elect George Santos met Senator Jane Ortiz and Jim Krane, an energy studies fellow at Rice "
        "University."
    )
    people = _people(text, "George Santos", "Jane Ortiz", "Jim Krane")
    assert [title_fit(set(), text, c, people, "congressman") for c in people] == [1, 0, 0]
    assert [title_fit(set(), text, c, people, "fellow") for c in people] == [0, 0, 1]
    assert [title_fit(set(), text, c, people) for c in people] == [0, 0, 0]  # neither asked


def test_ranking_weighs_each_candidates_evidence():
    import numpy as np

    from rag.answer import ExtractiveConfig
    from rag.ranking import FEATURES, Passage, best, evidence

    want = wanted("Which city doubled its entry fee?")
    assert want is not None
    texts = ["Venice doubled its entry fee for daytrippers.", "Tourists love Venice and Rome."]
    sources = [Passage("a1", "Venice doubles fee", 0), Passage("a2", "Italy travel", 1)]
    found = [
        [Candidate(0, 0, 6, "GPE", 0, "venice")],
        [Candidate(1, 14, 20, "GPE", 0, "venice"), Candidate(1, 25, 29, "GPE", 0, "rome")],
    ]
    rows = evidence("Which city doubled its entry fee?", want, texts, sources, np.array([3.0, 1.0]), found)
    feats = [dict(zip(FEATURES, r.features, strict=True)) for r in rows]
    assert [r.key for r in rows] == ["venice", "venice", "rome"]
    assert feats[0]["relevance"] == 3.0 and feats[2]["relevance"] == 1.0
    assert feats[0]["agreement"] == 1.0 and feats[2]["agreement"] == 0.0  # two sentences name Venice
    assert feats[0]["articles"] == 1.0 and feats[2]["articles"] == 0.0  # in two articles
    assert feats[0]["title"] == 1.0 and feats[2]["title"] == 0.0  # one headline names it
    assert feats[0]["passage"] == 0.0 and feats[2]["passage"] == 1.0
    assert feats[0]["order"] == 0.0 and feats[2]["order"] > 0.0
    weights = ExtractiveConfig().weights()
    assert len(weights) == len(FEATURES) and weights[0] == 1.0
    assert best(rows, weights) is rows[0]
    # the weights decide: relevance against a bonus for the later passage
    flipped = [0.0] * len(FEATURES)
    flipped[FEATURES.index("passage")] = 1.0
    assert best(rows, flipped) is rows[1]  # the first of equals


def test_a_place_never_ends_in_a_possessive():
    question = "Which European country elected a former fighter pilot as prime minister?"
    want = wanted(question)
    assert want is not None
    texts = ["Bulgaria’s parliament elected Rumen Radev on Sunday."]
    found = candidates(question, want, texts, [[Entity(0, 8, "GPE")]])
    assert [texts[0][c.start : c.end] for c in found[0]] == ["Bulgaria"]
    # an organisation's name can end in one, when the texts never name it without
    company = wanted("Which restaurant chain brought back its snack wrap?")
    assert company is not None
    texts = ["McDonald’s brought back the Snack Wrap."]
    found = candidates("Which restaurant chain brought back its snack wrap?", company, texts, [[Entity(0, 8, "ORG")]])
    assert [texts[0][c.start : c.end] for c in found[0]] == ["McDonald’s"]


def test_a_sentence_that_points_back_is_also_scored_with_the_one_before():
    import numpy as np

    from rag.answer_sentences import Sentence, with_antecedents
    from rag.records import Chunk, Hit

    text = (
        "A missile alert went out by mistake. The incident prompted reviews of protocols. "
        "It followed a mistake. Rain fell."
    )
    chunk = Chunk("c1", "a1", text, 0, len(text), 0, title="Alerts")
    hit = Hit(chunk, 1.0, 0)
    spans = [(0, 36), (37, 80), (81, 103), (104, 114)]
    sentences = [Sentence(hit, s, e, text[s:e]) for s, e in spans]

    class ByMistake:
        """Scores a passage by whether it names the mistake the question asks about."""

        def score(self, query, passages):
            return np.array([5.0 if "mistake" in p else -5.0 for p in passages])

    relevance = np.array([5.0, -5.0, 5.0, -5.0])
    out = with_antecedents(ByMistake(), "What did the mistake prompt?", sentences, relevance)
    assert out.tolist() == [5.0, 5.0, 5.0, -5.0]  # "The incident ..." read after its antecedent
    assert relevance.tolist() == [5.0, -5.0, 5.0, -5.0]  # the input is left as it was
    # "Rain fell." names no event of the sentence before: scored alone, though that one names
    # the mistake; a pronoun ("It followed ...") is not read with the one before either
    relevance = np.array([-5.0, -5.0, -5.0, -5.0])
    out = with_antecedents(ByMistake(), "What did the mistake prompt?", sentences, relevance)
    assert out.tolist() == [-5.0, 5.0, -5.0, -5.0]


@pytest.mark.parametrize(
    ("lines", "line", "heading"),
    [
        # the category's heading right above its winner (the Oscars' list)
        (
            ["Best picture", 'WINNER: "Anora"', '"The Brutalist"', "Best actress", 'WINNER: Mikey Madison, "Anora"'],
            4,
            "Best actress",
        ),
        # the other nominees first, each a title in quotation marks (the Tony Awards' list)
        (["Best musical", '"The Lost Boys"', 'WINNER: "Schmigadoon!"'], 2, "Best musical"),
        (["Best play", "“The Balusters”", "“Giant”", "Winner: “Liberation”"], 3, "Best play"),
        # no heading above: the list's first winner line, or another winner line in between
        (['"The Lost Boys"', 'WINNER: "Schmigadoon!"'], 1, ""),
        (["Best musical", 'WINNER: "Schmigadoon!"', 'WINNER: "Liberation"'], 2, ""),
        # a long line above is prose, not a heading
        (
            [
                "Here is the full list of the winners from the night, which was hosted by a pop singer for the first time.",
                'WINNER: "Ragtime"',
            ],
            1,
            "",
        ),
        # a line that is no winner line has no heading
        (["Best musical", '"The Lost Boys"'], 1, ""),
        (["Best musical", "The winner: nobody knew until the end."], 1, ""),
    ],
)
def test_a_winners_list_line_is_read_under_its_categorys_heading(lines, line, heading):
    from rag.answer_sentences import heading_of

    text = "\n\n".join(lines)
    start = 100  # the passage's place in its article
    chunk = Chunk("c1", "a1", text, start, start + len(text), 0, title="Winners")
    at = sum(len(x) + 2 for x in lines[:line])
    sentence = Sentence(Hit(chunk, 1.0, 0), start + at, start + at + len(lines[line]), lines[line])
    assert heading_of(sentence) == heading


def test_a_winners_list_line_is_scored_with_its_heading():
    import numpy as np

    from rag.answer_sentences import with_antecedents

    text = 'Best actor\n\nWINNER: Adrien Brody, "The Brutalist"\n\nBest actress\n\nWINNER: Mikey Madison, "Anora"'
    chunk = Chunk("c1", "a1", text, 0, len(text), 0, title="Oscars winners list")
    hit = Hit(chunk, 1.0, 0)
    first, second = text.index("WINNER: A"), text.index("WINNER: M")
    sentences = [
        Sentence(hit, first, text.index("\n\nBest actress"), text[first : text.index("\n\nBest actress")]),
        Sentence(hit, second, len(text), text[second:]),
    ]

    class ByCategory:
        """Scores a passage by whether it names the category the question asks about."""

        def score(self, query, passages):
            return np.array([5.0 if "Best actor" in p else -5.0 for p in passages])

    out = with_antecedents(ByCategory(), "Who won best actor?", sentences, np.array([-5.0, -5.0]))
    assert out.tolist() == [5.0, -5.0]  # the best actor's line, read under "Best actor"


def _named(text: str, names: list[str], label: str = "PERSON") -> list[Candidate]:
    """A candidate of ``label`` for the first place each of ``names`` stands in ``text``."""
    return [Candidate(0, text.index(n), text.index(n) + len(n), label, 0, n.lower()) for n in names]


def test_a_list_is_the_names_listed_together():
    from rag.evidence import with_list

    question = "Which Japanese areas received the erroneous missile alerts?"
    want = wanted(question)
    assert want is not None and want.plural  # "areas", a plural of a kind we know
    text = (
        "During a flight over North Korea’s Aomori Prefecture, alerts reached Hokkaido and the Tokyo metropolitan area."
    )
    names = ["North Korea", "Hokkaido", "Tokyo"]
    mine = _named(text, names, "GPE")
    listed = with_list(question, want, mine[2], mine, text)
    assert [text[c.start : c.end] for c in listed] == ["Hokkaido", "Tokyo"]
    single = wanted("Which Japanese area received the alert?")
    assert single is not None and with_list("Which Japanese area received the alert?", single, mine[1], mine, text) == [
        mine[1]
    ]


def test_a_kind_with_no_label_asked_in_the_plural_is_answered_with_the_list(tmp_path, settings):
    article = (
        "Tariffs on metals\n\nPresident Trump imposed 25% tariffs on steel and aluminum this week, "
        "the White House said on Monday."
    )
    question = "President Trump imposed tariffs this week on the imports of what metals?"
    answer = indexed_one(tmp_path, settings, article).ask(question)
    assert answer.short is not None and answer.short.text == "steel and aluminum", answer


def test_every_person_of_the_sentence_answers_who_not_which_one():
    from rag.evidence import with_list

    text = "Michelle Obama, Laura Bush and Jill Biden wrote memoirs."
    names = ["Michelle Obama", "Laura Bush", "Jill Biden"]
    mine = _named(text, names)
    question = "Who wrote memoirs?"
    assert with_list(question, wanted(question), mine[2], mine, text) == mine
    question = "Which former first lady released a memoir this week?"
    assert with_list(question, wanted(question), mine[2], mine, text) == [mine[2]]


def test_who_lists_the_people_named_together_not_those_of_another_clause():
    from rag.evidence import with_list

    question = "Who attends the meeting?"
    text = (
        "The meeting includes Foreign Minister Yoshimasa Hayashi and Defense Minister Yasukazu Hamada, "
        "alongside U.S. Secretary of State Antony Blinken and the secretary of defense, Lloyd Austin."
    )
    names = ["Yoshimasa Hayashi", "Yasukazu Hamada", "Antony Blinken", "Lloyd Austin"]
    mine = _named(text, names)
    assert with_list(question, wanted(question), mine[1], mine, text) == mine
    question = "Who won best actor?"
    text = (
        "Adrien Brody won best actor. Kieran Culkin snagged best supporting actor for A Real Pain, "
        "while Zoe Saldaña got best supporting actress, 51, and Mikey Madison best actress."
    )
    names = ["Adrien Brody", "Kieran Culkin", "Zoe Saldaña", "Mikey Madison"]
    mine = _named(text, names)
    for best in mine:  # each won an award of their own: one name, whichever is best
        assert with_list(question, wanted(question), best, mine, text) == [best]
    question = "Which two actors are reuniting?"
    text = "Lindsay Lohan and Oscar-winner Jamie Lee Curtis are reuniting."
    names = ["Lindsay Lohan", "Oscar", "Jamie Lee Curtis"]
    mine = _named(text, names)
    assert with_list(question, wanted(question), mine[2], mine, text) == mine  # then capped to the count


@pytest.mark.parametrize(
    ("question", "text", "name", "expected"),
    [
        ("Who won the US Open?", "Jannik Sinner won, defeating No. 12 seed Taylor Fritz 6-3.", "Taylor Fritz", True),
        ("Who won the US Open?", "Jannik Sinner won, defeating No. 12 seed Taylor Fritz 6-3.", "Jannik Sinner", False),
        ("Which team won the title?", "The Eagles had a 40-22 win over the Chiefs.", "Chiefs", True),
        ("Which team won the title?", "The Chiefs, who fell 40-22, were champions before.", "Chiefs", True),
        ("Who recently won the race?", "Stenhouse edged Joey Logano at the line.", "Joey Logano", True),
        ("Who won the Derby?", "Golden Tempo had a narrow victory over race favorite Renegade.", "Renegade", True),
        ("Who won the seat?", "Jane Roe defeated the bill and Ann Poe cheered.", "Ann Poe", False),
        # the question asks for the one beaten, or for no winner at all
        ("England beat which nation?", "England won, defeating Spain on penalties.", "Spain", False),
        ("Who hosted the final?", "The Eagles had a 40-22 win over the Chiefs.", "Chiefs", False),
        ("Who won the seat?", "Jane Roe won over voters and Ann Poe.", "Jane Roe", False),
        ("Who won praise?", "The role went over to Ann Poe.", "Ann Poe", False),
    ],
)
def test_the_one_beaten_is_told_apart_for_a_question_asking_who_won(question, text, name, expected):
    from rag.evidence import beaten

    c = Candidate(0, text.index(name), text.index(name) + len(name), "PERSON", 0, name.lower())
    assert beaten(question, text, c) is expected


def test_the_one_beaten_counts_against_itself_wherever_it_is_named():
    """ "defeating No. 12 seed Taylor Fritz" tells of Fritz as beaten; his other sentence ("By
    getting to the final, Fritz broke a drought") tells of no contest, and counts against him
    as much. A question that asks for no winner counts nothing."""
    import numpy as np

    from rag.answer import ExtractiveConfig
    from rag.ranking import FEATURES, Passage, best, evidence

    texts = [
        "Jannik Sinner cruised to the US Open title, defeating No. 12 seed Taylor Fritz 6-3.",
        "By getting to the final, Taylor Fritz broke a 15-year drought.",
    ]
    sources = [Passage("a1", "Sinner wins", 0), Passage("a1", "Sinner wins", 0)]

    def found() -> list[list[Candidate]]:
        return [
            [
                Candidate(i, t.index(n), t.index(n) + len(n), "PERSON", 0, n.lower())
                for n in ("Jannik Sinner", "Taylor Fritz")
                if n in t
            ]
            for i, t in enumerate(texts)
        ]

    question = "Who won the men's US Open title?"
    want = wanted(question)
    assert want is not None
    rows = evidence(question, want, texts, sources, np.array([8.0, 9.0]), found())
    lost = {(r.sentence, r.key): dict(zip(FEATURES, r.features, strict=True))["beaten"] for r in rows}
    assert lost == {(0, "jannik sinner"): 0.0, (0, "taylor fritz"): 1.0, (1, "taylor fritz"): 1.0}
    assert best(rows, ExtractiveConfig().weights()).key == "jannik sinner"
    question = "Who reached the final?"
    want = wanted(question)
    assert want is not None
    rows = evidence(question, want, texts, sources, np.array([8.0, 9.0]), found())
    assert all(dict(zip(FEATURES, r.features, strict=True))["beaten"] == 0.0 for r in rows)


def test_a_list_is_no_longer_than_the_count_the_question_names():
    from rag.evidence import capped

    text = "Freaky Friday stars Lindsay Lohan, Oscar, Jamie Lee Curtis and Freaky."
    names = ["Lindsay Lohan", "Oscar", "Jamie Lee Curtis", "Freaky"]
    mine = [Candidate(0, text.rindex(n), text.rindex(n) + len(n), "PERSON", 0, n.lower()) for n in names]
    score = {"lindsay lohan": 5.0, "oscar": 1.0, "jamie lee curtis": 4.0, "freaky": 2.0}
    two = capped("Which two actors are reuniting?", mine, mine[0], lambda c: score[c.key])
    assert [c.key for c in two] == ["lindsay lohan", "jamie lee curtis"]  # in the sentence's order
    # the best stays whatever its score; no count named: the list as it is
    assert [c.key for c in capped("Which two actors?", mine, mine[1], lambda c: score[c.key])] == [
        "lindsay lohan",
        "oscar",
    ]
    assert capped("Which actors are reuniting?", mine, mine[0], lambda c: score[c.key]) == mine


def test_a_name_the_entity_recognizer_missed_is_a_noun_phrase():
    text = "Golden Tempo is the official winner of the 2026 Kentucky Derby."
    (found,) = entities("en_core_web_sm", [text], nouns=True)
    spans = {(text[e.start : e.end], e.label) for e in found}
    assert ("Golden Tempo", "NOUN") in spans  # two proper nouns, no entity
    assert ("official winner", "NOUN") in spans
    assert not any(label == "NOUN" and "Kentucky" in span for span, label in spans)  # inside an entity


def test_a_candidate_of_the_kind_named_is_told_by_wordnet():
    import numpy as np

    from rag.answer import ExtractiveConfig
    from rag.ranking import FEATURES, Passage, best, evidence

    question = "A hockey mascot had a close encounter with which animal?"
    want = wanted(question)
    assert want is not None and NOUN_PHRASE in want.labels  # no label names an animal
    text = "Mascot Buoy met John Hayden and a black bear during the shoot."
    found = [[Candidate(0, 16, 27, "PERSON", 0, "john hayden"), Candidate(0, 34, 44, "NOUN", 10, "black bear")]]
    assert [text[c.start : c.end] for c in found[0]] == ["John Hayden", "black bear"]
    sources = [Passage("a1", "Kraken mascot", 0)]

    def rows(kind: str) -> list:
        return evidence(question, want, [text], sources, np.array([2.0]), found, kind=kind, fit_rank=True)

    fitted = [dict(zip(FEATURES, r.features, strict=True)) for r in rows("animal")]
    assert [f["fits"] for f in fitted] == [0.0, 1.0]
    assert fitted[1]["rank"] == 0.0  # a thing of the kind named counts no penalty for being no name
    weights = ExtractiveConfig().weights()
    assert best(rows("animal"), weights).key == "black bear"
    assert best(rows(""), weights).key == "john hayden"  # without the kind, the name wins
    # a kind that takes in every place tells no place from another: no evidence either way
    region = wanted("Which region's security will the talks strengthen?")
    assert region is not None
    places = [[Candidate(0, 0, 10, "GPE", 0, "washington"), Candidate(0, 15, 27, "LOC", 1, "indo pacific")]]
    texts = ["Washington and Indo-Pacific"]
    feats = evidence("Which region?", region, texts, sources, np.array([1.0]), places, kind="region")
    assert [dict(zip(FEATURES, r.features, strict=True))["fits"] for r in feats] == [0.0, 0.0]


TONYS = ("Cabaret", "The Outsiders")


def test_a_works_title_is_no_sort_of_work_to_wordnet():
    """ "Which show won best musical?" asks for one show by its title: "Cabaret" is a show to
    WordNet (a cabaret), which says nothing of which show won; a question of a kind no label
    names ("which entertainment") still reads it."""
    import numpy as np

    from rag.ranking import FEATURES, Passage, evidence

    text = 'Stars arrived for "Cabaret" before "The Outsiders" won best musical.'
    found = [[Candidate(0, text.index(t), text.index(t) + len(t), "WORK_OF_ART", 0, t.lower()) for t in TONYS]]
    sources = [Passage("a1", "Tony Awards", 0)]

    def fitted(question: str, kind: str) -> list[float]:
        want = wanted(question)
        assert want is not None
        rows = evidence(question, want, [text], sources, np.array([1.0]), found, kind=kind, fit_rank=True)
        return [dict(zip(FEATURES, r.features, strict=True))["fits"] for r in rows]

    assert fitted("Which show won best musical?", "show") == [0.0, 0.0]
    assert fitted("Which entertainment did the club stage?", "entertainment") == [1.0, 0.0]


SUMMIT = (
    "Summit venue chosen\n\n"
    "The summit will host leaders in Geneva, the city said. "
    "The summit will host talks on trade in Geneva. "
    "The summit will host a dinner in Geneva. "
    "Officials in Vienna had also wanted it."
)


@pytest.mark.parametrize("runner_up", [0, 1])
def test_the_next_best_candidate_is_cited_beside_the_short_answer(tmp_path, settings, runner_up):
    pipe = indexed_one(tmp_path, settings, SUMMIT)
    question = "Which city will host the summit?"
    config = replace(pipe.answerer("extractive").config, runner_up=runner_up)  # type: ignore[attr-defined]
    answer = ExtractiveAnswerer(lambda: pipe.reranker, config).answer(question, pipe.search(question, k=5))
    assert answer.short is not None and answer.short.text == "Geneva"
    quotes = [c.quote for c in answer.citations]
    assert len(quotes) == 3
    # the least relevant sentence, but the one naming another answer
    assert any("Vienna" in q for q in quotes) == bool(runner_up), quotes


def test_a_date_without_its_year_in_the_short_answer_names_its_day():
    """The short answer "early Sunday morning" of an article of 2 March 2025 is that Sunday,
    shown after it; a date with its year, or an answer that is no date, gets no day."""
    text = "The lander touched down early Sunday morning after six weeks in space."
    hit = Hit(Chunk("moon#0", "moon", text, 0, len(text), 0, "Lander lands", "2025-03-02"), 1.0, 1)
    sentence = Sentence(hit, 0, len(text), text)
    when = Candidate(0, text.index("early"), text.index(" after"), "TIME", 1, "early sunday morning")
    short = short_answer(sentence, [when], 1)
    assert (short.text, short.day, short.shown) == (
        "early Sunday morning",
        "2025-03-02",
        "early Sunday morning (2 March 2025)",
    )
    assert short.to_json()["day"] == "2025-03-02"
    assert (
        short_answer(replace(sentence, hit=replace(hit, chunk=replace(hit.chunk, published=""))), [when], 1).day == ""
    )
    weeks = Candidate(0, text.index("six"), text.index(" in space"), "DATE", 0, "six weeks")
    assert short_answer(sentence, [weeks], 1).day == "" and "day" not in short_answer(sentence, [weeks], 1).to_json()


def test_the_words_in_quotation_marks_without_the_marks():
    text = (
        'Missing from end zones will be "End Racism." Fans call him the “Quad God”; an aide called it '
        "‘rage bait’ in Trump’s words, and “a statement far too long to be any kind of slogan at all”."
    )
    assert [text[e.start : e.end] for e in quoted(text)] == ["End Racism", "Quad God", "rage bait"]
    assert {e.label for e in quoted(text)} == {QUOTE}
    assert quoted("Trump’s aide and the Eagles’ coach spoke.") == []  # apostrophes quote nothing
    assert quoted("It's the players' union and the fans' choice.") == []
    text = "Lookups for 'parasocial,' the dictionary said, and the coach's 'no'."
    assert [text[e.start : e.end] for e in quoted(text)] == ["parasocial", "no"]


@pytest.mark.parametrize(
    "question",
    [
        "The NFL will be removing which phrase from the end zones?",
        "What is the much-derided slogan for New Zealand's latest tourist ad campaign?",
        "The skill has earned him what nickname?",
        "Which word did Cambridge Dictionary choose as its word of the year?",
        # a name's possessive after the verb: the kind is the noun it owns
        "What was Cadillac's motto?",
        "What is Kim Jong Un's nickname?",
        # an event's theme is quoted as its title
        "What was the theme of the Met Gala?",
    ],
)
def test_a_phrase_slogan_or_nickname_asks_for_words_in_quotation_marks(question):
    want = wanted(question)
    assert want is not None and want.labels == (QUOTE,)


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # words in quotation marks that no entity or noun phrase covers
        (
            "New Zealand tourism ad draws scorn\n\n"
            "New Zealand's tourism agency launched a campaign in Australia on Monday to lure visitors. Its slogan, "
            '"Everyone must go," was widely mocked by critics in both countries, who said it sounded like an '
            "eviction notice.",
            "What is the much-derided slogan of New Zealand's new tourism campaign?",
            "Everyone must go",
        ),
        # an event's theme, not the institute named beside it
        (
            "Met Gala 2026: what to know\n\n"
            "The Costume Institute Benefit, better known as the Met Gala, takes place on Monday in New York. "
            'This year\'s Met Gala theme, "Costume Art," was chosen by the Costume Institute at the Metropolitan '
            "Museum of Art.",
            "What was the theme of the Met Gala?",
            "Costume Art",
        ),
    ],
)
def test_a_slogan_or_a_theme_is_answered_with_the_quoted_words(tmp_path, settings, text, question, expected):
    pipe = indexed_one(tmp_path, settings, text)
    answer = pipe.ask(question)
    assert answer.short is not None and answer.short.text == expected, answer


def test_an_article_naming_its_own_outlet_does_not_answer_with_it():
    import numpy as np

    from rag.answer import ExtractiveConfig
    from rag.short import not_the_outlet

    text = "The plan to stop making discs was confirmed to USA TODAY on Monday. Sony makes the PlayStation."
    question = "Which company confirmed the plan to stop making discs?"
    chunk = Chunk("a#0", "a", text, 0, len(text), 0, title="Discs", source="USA Today")

    class Same:
        def score(self, query, passages):
            return np.array([5.0 for _ in passages])

    answerer = ExtractiveAnswerer(Same, ExtractiveConfig(ner="en_core_web_sm"))
    answer = answerer.answer(question, [Hit(chunk, 5.0, 1)])
    assert answer.short is not None and answer.short.text == "Sony"  # not the outlet telling the news
    mine = [
        Candidate(0, text.index(n), text.index(n) + len(n), "ORG", 0, " ".join(n.lower().split()))
        for n in ("Sony", "USA TODAY")
    ]
    for source, kept in (("USA Today", ["Sony"]), ("CNN", ["Sony", "USA TODAY"]), ("", ["Sony", "USA TODAY"])):
        (found,) = not_the_outlet([mine], [source])
        assert [text[c.start : c.end] for c in found] == kept
    network = Candidate(0, 0, 4, "ORG", 0, "usa today network")
    assert not_the_outlet([[network]], ["USA Today"]) == [[]]
    assert not_the_outlet([[network]], ["The Week (UK)"]) == [[network]]


def test_a_title_in_quotation_marks_is_a_work_the_recognizer_missed():
    """The small pipeline reads "One Battle After Another" as a number and a noun; for a
    question that asks for a work by its title, words in title case in quotation marks are
    its title, and the entities inside give way. A quotation in lower case is no title."""
    from rag.entities import with_quoted_titles

    text = 'Dark comedy "One Battle After Another" beat "Hamnet," and won "best film of the year" praise.'
    ents = [
        Entity(text.index(t), text.index(t) + len(t), label) for t, label in (("One", "CARDINAL"), ("Battle", "NOUN"))
    ]
    ents.append(Entity(0, len("Dark comedy"), NOUN_PHRASE))
    got = [(text[e.start : e.end], e.label) for e in with_quoted_titles(text, ents)]
    assert got == [("Dark comedy", NOUN_PHRASE), ("One Battle After Another", "WORK_OF_ART"), ("Hamnet", "WORK_OF_ART")]


def test_a_film_asked_for_by_its_award_is_answered_with_its_title():
    """ "Which film won best film?" is answered with the title in quotation marks, not with
    "British" of "outstanding British film", which says only what sort of film."""
    import numpy as np

    from rag.answer import ExtractiveConfig

    text = (
        'Dark comedy "One Battle After Another" was the big winner at the BAFTA awards on Sunday. '
        "The film also won outstanding British film, but it lost out on best film."
    )
    chunk = Chunk("a#0", "a", text, 0, len(text), 0, title="Awards")

    class Same:
        def score(self, query, passages):
            return np.array([5.0 for _ in passages])

    answerer = ExtractiveAnswerer(Same, ExtractiveConfig(ner="en_core_web_sm"))
    answer = answerer.answer("Which film won best film at the BAFTA awards?", [Hit(chunk, 5.0, 1)])
    assert answer.short is not None and answer.short.text == "One Battle After Another"


@pytest.mark.parametrize(
    ("question", "text", "name"),
    [
        (
            "Which of the following was the first named storm of the 2026 Atlantic hurricane season?",
            "Tropical Storm Arthur, the first named storm of the 2026 Atlantic hurricane season, formed "
            "Wednesday morning in the Gulf of Mexico, forecasters from the National Hurricane Center announced.",
            "Arthur",
        ),
        (
            "Which hurricane made landfall on Florida's Big Bend in early August?",
            "The formation of the latest storm of the 2024 Atlantic hurricane season came just over a week "
            "after Hurricane Debby made landfall on Florida's Big Bend Monday, Aug. 5.",
            "Debby",
        ),
    ],
)
def test_a_storm_is_answered_with_its_name(question, text, name):
    """A storm is named as people are: "Which storm ...?" is answered with the name after
    the word for its kind ("Arthur" of "Tropical Storm Arthur", which the small pipeline
    leaves untagged), not with the "National Hurricane Center" that reported it, nor the
    "Atlantic" of "Atlantic hurricane season", a basin."""
    import numpy as np

    from rag.answer import ExtractiveConfig

    chunk = Chunk("a#0", "a", text, 0, len(text), 0, title="Weather")

    class Same:
        def score(self, query, passages):
            return np.array([5.0 for _ in passages])

    answerer = ExtractiveAnswerer(Same, ExtractiveConfig(ner="en_core_web_sm"))
    answer = answerer.answer(question, [Hit(chunk, 5.0, 1)])
    assert answer.short is not None and answer.short.text == name


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hurricane Milton made landfall near Siesta Key.", ["Milton"]),
        ("Storm Éowyn hit Ireland as Super Typhoon Ragasa neared Hong Kong.", ["Éowyn", "Ragasa"]),
        ("Typhoon Fung-wong and the remnants of Post-Tropical Cyclone Lee", ["Fung-wong", "Lee"]),
        ("The National Hurricane Center and the Storm Prediction Center warned of Hurricane Season.", []),
        ("A water park in Storm Lake; the Hurricane Harbor park.", []),
    ],
)
def test_a_storms_name_follows_the_word_for_its_kind(text, named):
    from rag.entities import with_storm_names

    assert [text[e.start : e.end] for e in with_storm_names(text, [])] == named


def test_a_storm_season_names_no_storm():
    from rag.entities import with_storm_names

    text = "The 2024 Atlantic hurricane season came a week after Hurricane Debby made landfall."
    season = Entity(0, text.index(" came"), "EVENT")
    assert [text[e.start : e.end] for e in with_storm_names(text, [season])] == ["Debby"]
