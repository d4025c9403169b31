"""A question that asks when a thing to come is ("When is the Masters?", "How many days until
the Met Gala?") is not answered with a day already past: that is an earlier edition's.

Asked on 30 March 2026, "When is the Masters?" found the 2025 guide ("set to begin Thursday,
April 10") above the week's news that the 2026 Masters "will be held April 9–12", and answered
10 April 2025. Such an answer gives way to the one the newest articles give (the last
``upcoming_days`` searched first, ``rag.timesearch``) when that one's day is not past; else the
answer abstains and says which day the articles give, and that it is past.

Past means that the day is more than ``GRACE_DAYS`` before the day asked, or before the
newest article up to it when the index stops earlier (a folder of 2017 articles asked in
2026 answers as of its newest news), and that the article it is quoted from told of it as
to come (published on or before it): a tournament under way ("April 9–12", asked on 11
April) is still to come, and "the port said on Sunday" is the day of a report, not of an
earlier edition. A date written with its year is past whenever its article was written
("Dec. 16, 1995", recalled in 2025 news of a shutdown). A question that asks for the next
one ("When is the next full moon?") has no such grace: a day before the day asked is not the
next (``NEXT_GRACE_DAYS``).

The other way round, a question about a thing past ("When did the shutdown end?") answered
with a day its article told of as to come ("If the shutdown lasts until Nov. 5, it will break
the record", written on 21 October) keeps its answer with a note that the day was still to
come when its article was written (``told_ahead``): a preview is not a report.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import replace
from datetime import date

from dateutil.relativedelta import relativedelta

from rag.answer import Answerer, day_of
from rag.answer_sentences import readable
from rag.catalog import Catalog
from rag.elapsed import when
from rag.howlong import asked
from rag.named import names_any, question_names
from rag.records import Answer, Filters, ShortAnswer
from rag.settings import Settings
from rag.timesearch import Found, drawn_from, gave_way, newest_up_to, settle, too_old
from rag.whendates import DAY_OF_MONTH, specificity

GRACE_DAYS = 30  # a day less than this before the day asked may be an edition still under way
NEXT_GRACE_DAYS = 1  # "When is the next full moon?": a day before the day asked is no next one
_NEXT = re.compile(r"\bnext\b", re.IGNORECASE)


def asks_to_come(question: str, found: Found) -> bool:
    """``question`` asks when a thing to come is, or how long until it: "When is ...?", "When
    will ...?", "How many days until ...?" (not "When did ...?", "How long ago ...?")."""
    wanted = asked(question)
    return found.ref.upcoming or (wanted is not None and wanted.ahead)


def past_day(answer: Answer, reference: date, *, told_then: bool = True, grace: int = GRACE_DAYS) -> date | None:
    """The last day ``answer``'s short answer stands for (``stated``), when it is more than
    ``grace`` days before ``reference`` and (``told_then``) its article, published on or
    before it, told of it as to come: an earlier edition's day, told in its own time. None
    when it is later, or the answer gives no day. A day its article writes without the year
    before its publication is no earlier edition's: "the port said on Sunday" tells when it
    was reported, and a recent article's day read as a year past is a misreading ("When:
    Sept. 16-18", 93 days ahead, can read as last September); a day of a month is past when
    the same day a year on is past too ("June 27-July 10" recalled in November
    2022, asked in June 2025). A date written with its year is read as written: "Dec. 16,
    1995" in 2025 news is past, not to come."""
    short, source = answer.short, drawn_from(answer)
    if answer.abstained or short is None or source is None or (told := stated(short)) is None:
        return None
    day = told[0]
    try:
        published = date.fromisoformat(source.published) if told_then and short.day and source.published else day
    except ValueError:
        return None
    if published > day and specificity(short.text) == DAY_OF_MONTH:  # "April 18" before its article: then, or a year on
        return day if (reference - (day + relativedelta(years=1))).days > grace else None
    return day if published <= day and (reference - day).days > grace else None


def stated(short: ShortAnswer) -> tuple[date, str] | None:
    """The last day ``short`` stands for, and the time it names (YYYY-MM-DD, YYYY-MM or
    YYYY): a day its article writes without the year (``ShortAnswer.day``), or a date with
    its year (``rag.elapsed.when``: "July 10, 2025"; "March 2025" to its 31st; "2025" to 31
    December). None when it names no date."""
    if short.day:
        return date.fromisoformat(short.day), short.day
    named = when(short.text, "", "")
    if named is None:
        return None
    first = named.day
    if named.precision == "year":
        return date(first.year, 12, 31), str(first.year)
    if named.precision == "month":
        return first.replace(day=monthrange(first.year, first.month)[1]), first.isoformat()[:7]
    return first, first.isoformat()


def stated_day(short: ShortAnswer) -> date | None:
    """The day ``short`` names ("April 9", "April 9, 2026"); None for a month or a year
    alone, or no date."""
    told = stated(short)
    return told[0] if told is not None and len(told[1]) == len("YYYY-MM-DD") else None


def gives_day(short: ShortAnswer) -> bool:
    """``short`` names a day ("April 9", "April 9, 2026"), not a month or a year alone."""
    return stated_day(short) is not None


def of_another(answer: Answer, question: str) -> str:
    """The names ``question`` gives ("Met Gala"), joined by "or", when none is named by the
    sentences ``answer`` quotes nor by their articles' titles: the day it gives is another
    thing's ("The 2026 Oscars will take place Sunday, March 15"). "" when one is, or the
    answer gives no short answer."""
    names = question_names(question)
    if answer.abstained or answer.short is None or not names:
        return ""
    texts = [t for c in answer.citations for t in (c.quote, c.title)]
    return "" if names_any(names, texts) else " or ".join(names)


def to_come(
    answer: Answer,
    found: Found,
    engine: Answerer,
    question: str,
    passages: int,
    catalog: Catalog,
    where: Filters,
    floor: float,
) -> tuple[Answer, Found]:
    """``answer``, or when ``question`` asks when a thing to come is: an abstention when the
    answer is of another thing (``of_another``, ``Found.unnamed``); when the answer's day is
    past (``past_day``, against the day asked or the newest article date up to it, of
    ``where``'s source; with a day's grace when it asks for the next one): the newest
    articles' answer (``found.upcoming``) when its day, however recent its article, is not
    past, it names the thing (``of_another``) and it scores at least ``floor``
    (``abstain_outside``, as a period's own answer must in ``rag.timesearch.settle``); else an
    abstention whose note names the past day, month or year (``Found.past``)."""
    as_of = found.ref.as_of
    if not found.dated or not asks_to_come(question, found):
        return answer, found
    if other := of_another(answer, question):
        return gave_way(answer, engine, question), replace(found, unnamed=other, upcoming=())
    grace = NEXT_GRACE_DAYS if _NEXT.search(question) else GRACE_DAYS
    if past_day(answer, as_of, grace=grace) is None:
        return read_ahead(answer), found
    newest = newest_up_to(catalog, as_of, where)
    reference = min(as_of, date.fromisoformat(newest)) if newest else as_of
    if (day := past_day(answer, reference, grace=grace)) is None:
        return read_ahead(answer), found
    if (newer := told_later(answer, reference, grace)) is not None:
        return read_ahead(newer), found
    if found.upcoming:
        own = engine.answer(question, readable(found.upcoming)[:passages])
        scored = own.score is not None and own.score >= floor
        to_be = own.short is not None and gives_day(own.short)
        to_be = to_be and not past_day(own, reference, told_then=False, grace=grace)
        if scored and to_be and not of_another(own, question):
            return own, replace(found, hits=found.upcoming, upcoming=())
    told = stated(answer.short) if answer.short else None
    past = told[1] if told else day.isoformat()
    return gave_way(answer, engine, question), replace(found, past=past, upcoming=())


def read_ahead(answer: Answer) -> Answer:
    """``answer`` with the day of a month its short answer gives without the year read as the
    next such day from its article's date, the thing being to come: "Halloween is celebrated
    annually on Oct. 31", written in January 2025, is 31 October 2025, not 2024."""
    short, source = answer.short, drawn_from(answer)
    if short is None or not short.day or source is None or specificity(short.text) != DAY_OF_MONTH:
        return answer
    day = day_of(short.text, short.label or "DATE", source.published, source.quote, ahead=True)
    return replace(answer, short=replace(short, day=day)) if day and day != short.day else answer


def told_later(answer: Answer, reference: date, grace: int) -> Answer | None:
    """``answer`` with its short answer drawn instead from a newer article it cites that
    writes the same words, when the day is not past there (``past_day``): "Nov. 11" of
    "Veterans Day is celebrated each year on Nov. 11" (a list of 2025's holidays), not of
    "Veterans Day is on Nov. 11" (2019). None when no such article does."""
    short, source = answer.short, drawn_from(answer)
    if short is None or short.parts or source is None:
        return None
    for cite in sorted(answer.citations, key=lambda c: c.published, reverse=True):
        if cite.published <= source.published or (at := cite.quote.find(short.text)) < 0:
            continue
        start = cite.start + at
        day = day_of(short.text, short.label or "DATE", cite.published, cite.quote)
        moved = replace(short, article_id=cite.article_id, start=start, end=start + len(short.text), citation=cite.n)
        told = replace(answer, short=replace(moved, day=day))
        if past_day(told, reference, grace=grace) is None:
            return told
    return None


_PAST_WHEN = re.compile(r"^\W*when\s+(?:did|was|were|had)\b", re.IGNORECASE)


def asks_past(question: str) -> bool:
    """``question`` asks when a thing past was, or how long ago: "When did the shutdown
    end?", "When was Super Bowl LIX?", "How many days ago ...?"."""
    wanted = asked(question)
    return bool(_PAST_WHEN.match(question)) or (wanted is not None and not wanted.ahead)


def foretold(answer: Answer) -> date | None:
    """The day ``answer``'s short answer names, when it is more than a day after its
    article's date: the article told of it as to come ("If the shutdown lasts until Nov. 5,
    it will break the record", written on 21 October; "Super Bowl LIX is set for Sunday, Feb.
    9", written in January) and does not report what happened on it. A month or a year alone
    is not read so."""
    short, source = answer.short, drawn_from(answer)
    if answer.abstained or short is None or source is None or not source.published:
        return None
    if (day := stated_day(short)) is None:
        return None
    try:
        published = date.fromisoformat(source.published)
    except ValueError:
        return None
    return day if (day - published).days > 1 else None


def told_ahead(answer: Answer, found: Found, question: str) -> Found:
    """``found`` with the day ``answer`` gives noted (``Found.foretold``) when ``question``
    asks when a thing past was (``asks_past``) and its article told of that day as to come
    (``foretold``): the answer stands, the note says it is not a report. Answering from the
    passages published after that day instead was tried and not kept (docs/EVAL.md)."""
    if not found.dated or not asks_past(question) or (day := foretold(answer)) is None:
        return found
    return replace(found, foretold=day.isoformat())


def in_time(
    answer: Answer,
    found: Found,
    s: Settings,
    engine: Answerer,
    question: str,
    passages: int,
    catalog: Catalog,
    filters: Filters | None,
) -> tuple[Answer, Found]:
    """``answer`` weighed against when it is from: the period the question names
    (``rag.timesearch.settle``), its article's age (``too_old``), the day it gives when
    the question asks of a thing to come (``to_come``), or of a thing past and the article
    told of it as to come (``told_ahead``: a note; an abstention when the day is after the
    day asked: "When did Artemis II launch?" asked on 5 April is not "Monday, April 6")."""
    answer, found = settle(answer, found, s.abstain_outside, engine, question, passages, s.period_margin)
    where = filters or Filters()
    answer, found = too_old(answer, found, s.abstain_old, catalog, where, engine, question)
    answer, found = to_come(answer, found, engine, question, passages, catalog, where, s.abstain_outside)
    found = told_ahead(answer, found, question)
    if found.after_asked:  # a thing past is on no day after the day asked
        return gave_way(answer, engine, question), found
    return answer, found
