"""What a question asks for: the kind of thing, one or several, and whether it must be there."""

import pytest

from rag.asks import as_asked, wanted


@pytest.mark.parametrize(
    ("question", "first", "strict"),
    [
        ("Who attends the 2+2?", "PERSON", True),
        ("Which popular European tourist destination doubled its entry fee for daytrippers?", "GPE", False),
        ("US tech stocks plummeted after the release of an AI chatbot by which Chinese company?", "ORG", False),
        ("How many teams are competing in the World Cup?", "CARDINAL", True),
        ("How much will the upgrade cost?", "MONEY", True),
        # "how much" asks for an amount: money with no noun after it, the noun's quantity with one
        ("How much did the thieves steal?", "MONEY", True),
        ("The new budget totals how much?", "MONEY", True),
        ("How much rain fell in Houston?", "QUANTITY", True),
        ("How much time is left on the clock?", "DATE", True),
        ("On what exact date will the meeting be held?", "DATE", True),
        ("When did the storm hit?", "DATE", True),
        ("Finally, when does summer officially begin in the Northern Hemisphere?", "DATE", True),
        # a clause that says when something was does not ask it
        ("In 1980, when the US team beat the Soviet Union, what was the final score?", "SCORE", False),
        ("What color should you not wear after Labor Day, when summer comes to an end?", "PERSON", False),
        ("Where did the crash occur?", "GPE", False),
        ("Which holiday coincided with his inauguration?", "EVENT", False),
        ("In which year did the first Winter Olympics take place?", "DATE", True),
        ("The largest manhunt in which state’s history ended last weekend?", "GPE", False),
        ("What is the new fee to climb Mount Everest?", "MONEY", True),
        ("What was the average price of a turkey this year?", "MONEY", True),
        # the last noun of a compound names the kind
        ("Which US drug store chain has filed for bankruptcy?", "ORG", False),
        ("What is the official deadline for most Americans to file their taxes?", "DATE", True),
        ("Trump plans to house migrants at which notorious prison site?", "FAC", False),
        ("Which prestigious film festival recently got underway?", "EVENT", False),
        # a group of people is named by a noun phrase more often than by a name
        ("Which group received $0 paychecks this week in the US?", "NOUN", False),
        # the noun of another phrase is no kind: "this year's" is not what "which horse" asks for
        ("Which horse won this year's Kentucky Derby?", "PERSON", False),
        ("Children have been accused of what in the past 10 years?", "PERSON", False),
        ("Which celebration began in Mexico City this week?", "EVENT", False),
        # a level, a milestone or a threshold is an amount; a figure is a person
        ("The average price of a gallon of gas dropped below which level this week?", "MONEY", True),
        ("The price of gas is approaching what eye-popping threshold?", "MONEY", True),
        ("Which political figure kicked off a book tour this week?", "PERSON", False),
        # a name's possessive after the verb owns the kind; another possessive noun names none
        ("Which is Europe's largest country?", "GPE", False),
        ("What was Apple's share price on Friday?", "MONEY", True),
        ("What is Apple's plan?", "PERSON", False),
    ],
)
def test_what_a_question_asks_for(question, first, strict):
    want = wanted(question)
    assert want is not None and want.labels[0] == first and want.strict == strict


def test_a_company_is_no_country():
    """ "Which AI company ..." is not answered with "U.S."."""
    assert "GPE" not in wanted("Which AI company may be headed for a stock market debut?").labels


def test_why_and_how_questions_keep_sentence_answers():
    assert wanted("Why did the council reject the budget?") is None
    assert wanted("How did the team win the final?") is None


@pytest.mark.parametrize(
    "question",
    [
        "What did Trump say about tariffs on Canada this week?",
        "What has the White House said about the strike?",
        "What did Trump tell reporters about Canada?",
        "What did the judge say?",
        "what does the study say about coffee",
        "What did Biden say in his speech?",
        "What did Trump say at the rally on Saturday?",
    ],
)
def test_what_someone_said_is_answered_by_the_sentence_not_one_thing(question):
    assert wanted(question) is None  # a short answer "Mexico" would say nothing of what was said


@pytest.mark.parametrize(
    "question",
    [
        "What did Sony say it will no longer produce for the PlayStation video game console?",
        "What did scientists say caused the outbreak?",
        "What did the mayor say was the reason for the closure?",
    ],
)
def test_a_thing_someone_said_is_still_one_thing(question):
    assert wanted(question) is not None


@pytest.mark.parametrize(
    "question", ["Who is Pete Hegseth?", "What is DOGE?", "who was Jimmy Carter", "What is Bluesky?"]
)
def test_who_or_what_a_name_is_is_answered_by_the_sentences_that_say_it(question):
    assert wanted(question) is None  # "Defense Department" is no answer to "Who is Pete Hegseth?"


@pytest.mark.parametrize(
    "question",
    [
        "Who is the Prime Minister of Japan?",
        "Who is Prime Minister of Japan?",  # a title, capitalised
        "Who Is The President?",
        "Who is President Trump?",
        "Who is Taylor Swift dating?",
        "What is Trump's plan?",
        "Who is the new pope?",
    ],
)
def test_a_title_or_more_words_still_ask_for_one_thing(question):
    assert wanted(question) is not None


def test_plural_questions_ask_for_a_list():
    assert wanted("Which two countries are holding the talks?").plural
    assert not wanted("Which country is holding the talks?").plural


@pytest.mark.parametrize(
    ("question", "asked", "head"),
    [
        ("Which of the following people did he select?", "Which people did he select?", "people"),
        ("Which of the following was the first named storm?", "What was the first named storm?", "storm"),
        (
            "Voters in which of the following states went to the polls?",
            "Voters in which states went to the polls?",
            "states",
        ),
        ("Farmers are turning to which of the following?", "Farmers are turning to which?", ""),
        ("Which country follows the rules?", "Which country follows the rules?", "country"),
    ],
)
def test_a_quizs_of_the_following_names_no_kind(question, asked, head):
    """ "Which of the following" is a quiz's way of asking "which": the kind comes after it."""
    assert as_asked(question) == asked
    assert wanted(question).head == head


@pytest.mark.parametrize(
    ("question", "head", "label"),
    [
        ("What is the name of the hurricane that closed beaches this week?", "hurricane", "EVENT"),
        ("What is the name of the deadliest typhoon to hit Asia this year?", "typhoon", "EVENT"),
        ("What is the name of the erupting volcano in Italy?", "volcano", "LOC"),
        # a capitalised word after the kind is a name, not the last word of a compound
        ("What is the name of the charity Prince Harry stood down from?", "charity", "ORG"),
        ("Which drug store chain is closing stores?", "chain", "ORG"),
        ("Which State Department official resigned?", "official", "PERSON"),
        ("What was the name of the boat halted by Israel?", "", "PERSON"),
        # "giant" before a noun describes it: a giant schnauzer is no company
        ("What was the name of the giant schnauzer that won best in show?", "", "PERSON"),
        ("Which retail giant filed for bankruptcy?", "giant", "ORG"),
        ("Which tech giant was fined?", "giant", "ORG"),
    ],
)
def test_the_name_of_a_kind_asks_for_that_kind(question, head, label):
    """ "What is the name of the hurricane ...?" asks for a hurricane."""
    want = wanted(question)
    assert (want.head, want.labels[0]) == (head, label)


def test_a_storm_is_asked_for_by_a_name_of_any_label():
    """Storms are named as people are; the small pipeline tags the name an event, a person
    or an organisation."""
    assert wanted("Which hurricane slammed into Jamaica?").labels == ("EVENT", "PERSON", "ORG")
    assert wanted("Which war ended?").labels == ("EVENT", "DATE")


@pytest.mark.parametrize(
    ("question", "labels"),
    [
        # a contest's winner or loser may be a country's team
        ("Who beat the United States in the World Cup round of 16?", ("PERSON", "ORG", "GPE")),
        ("Who won the Eurovision Song Contest?", ("PERSON", "ORG", "GPE")),
        ("Who has won the most World Cups?", ("PERSON", "ORG", "GPE")),
        # any other "who" asks for a person or an organisation
        ("Who is the president of France?", ("PERSON", "ORG")),
        ("Who attends the 2+2?", ("PERSON", "ORG")),
        ("Who said the country won the war?", ("PERSON", "ORG")),
    ],
)
def test_who_won_may_be_a_country(question, labels):
    want = wanted(question)
    assert want is not None and want.labels == labels and want.strict
