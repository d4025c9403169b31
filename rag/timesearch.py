"""Search within the period a question names: its articles first, a wider period when they hold nothing on the
question, and never an article published after the day the question is asked (``as_of``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from rag.answer import Answerer, abstain
from rag.answer_sentences import readable
from rag.asked_numbers import unstated
from rag.catalog import Catalog
from rag.dates import human_date, named_time
from rag.records import Answer, Citation, Filters, Hit, SearchMode, TimeWindow, hit_json, listed
from rag.retrieve import Retriever
from rag.settings import Settings
from rag.timeref import TimeRef

OLD_DAYS = 30  # an answer from an article older than this (and outside the asked period) says when


@dataclass(frozen=True)
class Found:
    """What a time-aware search found, and where in time it looked."""

    hits: tuple[Hit, ...]
    ref: TimeRef
    window: TimeWindow | None = None  # the period searched last (wider than asked when widened)
    widened: int = 0  # how many times the asked-for period was doubled
    outside: bool = False  # nothing on the question in the period: hits from any date up to as_of
    held: bool = True  # the index holds dated articles from the period (widened as far as allowed)
    newest: str = ""  # when it holds none: the newest article date up to as_of ("" when none is dated)
    period: tuple[Hit, ...] = ()  # when outside: the best the period held (the last one searched)
    dated: bool = True  # False: read without a date (as_of 'none', RAG_TIME_AWARE=false)
    unstated: tuple[str, ...] = ()  # the question's numbers an answer from another time did not quote
    # when outside: the period's passages a search shows before every date's (``lifted``)
    first: tuple[Hit, ...] = ()
    stale: str = ""  # the date of the article an answer quoted first, when it gave way as old and weak
    upcoming: tuple[Hit, ...] = ()  # asks when a thing to come is: the last ``upcoming_days``' passages
    past: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY an answer gave, when it gave way as past for a thing to come
    foretold: str = ""  # a past thing's day an answer gave, to come when its article was written (or asked)
    unnamed: str = ""  # the question's names, when the sentence found for a thing to come named none (``rag.tocome``)

    @property
    def asked_on(self) -> str:
        """``as_of`` as the JSON of a search or an answer gives it: "" when read without a date."""
        return self.ref.as_of.isoformat() if self.dated else ""

    @property
    def shown(self) -> tuple[Hit, ...]:
        """The hits as a search shows them: the period's passages that score near every
        date's best (``first``) ahead of those, as many as ``hits``, ranked anew."""
        if not self.first:
            return self.hits
        ids = {h.chunk.id for h in self.first}
        order = [*self.first, *(h for h in self.hits if h.chunk.id not in ids)][: len(self.hits)]
        return tuple(replace(h, rank=n) for n, h in enumerate(order, start=1))

    @property
    def after_asked(self) -> bool:
        """The day an answer to a question of a thing past gives (``foretold``) is after the day asked."""
        return self.foretold > self.ref.as_of.isoformat()

    @property
    def elsewhere(self) -> bool:
        """The index holds articles from the period, none on the question: hits from other times."""
        return self.outside and self.held

    @property
    def empty(self) -> bool:
        """Nothing from the period, and every hit is dated (so from another time): no answer."""
        return not self.held and all(h.chunk.published for h in self.hits)

    def notes(self) -> tuple[str, ...]:
        """What the reader should know about the dates searched, one line each."""
        lines = self._searched()
        if self.stale:
            old = human_date(date.fromisoformat(self.stale))
            lines = (*lines, f"no answer from an older article that matches weakly: the best, from {old}")
        if self.unnamed:
            lines = (*lines, f"no answer: the sentences found do not name {self.unnamed}")
        if self.past:
            kind, named = named_time(self.past)
            lines = (*lines, f"nothing to come: the {kind} the articles give, {named}, is past")
        if self.foretold:
            day = human_date(date.fromisoformat(self.foretold))
            after = f"no answer: the day the articles give, {day}, is after the day asked"
            ahead = f"the day given, {day}, was still to come when its article was written"
            lines = (*lines, after if self.after_asked else ahead)
        return lines

    def _searched(self) -> tuple[str, ...]:
        asked = self.ref.window
        if asked is None:
            return () if self.window is None else (f"the newest articles first: from {self.window.describe()}",)
        lines = [f"{asked.phrase!r} read as articles from {asked.describe()}"]
        if not self.held:
            lines.append(nothing_from(asked, self.ref.as_of, self.newest))
        elif self.elsewhere and self.window is not None and self.first:
            lines.append(
                f"little on this from {self.window.describe()}: its best passages first, "
                f"then every article up to {human_date(self.ref.as_of)}"
            )
        elif self.elsewhere and self.window is not None:
            lines.append(
                f"nothing on this from {self.window.describe()}: "
                f"searched every article up to {human_date(self.ref.as_of)}"
            )
            if self.unstated:
                said = listed(self.unstated)
                lines.append(f"no answer from other dates: the sentences found there do not state {said}")
        elif self.widened and self.window is not None:
            lines.append(f"too little from {asked.describe()}: widened to {self.window.describe()}")
        return tuple(lines)


def nothing_from(period: TimeWindow, as_of: date, newest: str) -> str:
    """The note for a period the index holds no article from: what it holds up to ``as_of``
    (``newest``: its newest article date, "" when none is dated)."""
    until = human_date(as_of)
    held = (
        f"its newest article up to {until} is from {human_date(date.fromisoformat(newest))}"
        if newest
        else f"it holds no dated article up to {until}"
    )
    return f"the index holds no articles from {period.describe()}; {held}"


@dataclass(frozen=True)
class Steps:
    """How a period is searched (``Settings``: ``time_floor``, ``time_steps``, ``recent_days``,
    ``upcoming_days``, ``time_depth``, ``period_margin``, ``abstain_outside``)."""

    floor: float  # the best passage of a period must score this (reranked), or it widens
    steps: int  # how many times a period is doubled before every date is searched
    recent_days: int = 0  # present tense ("currently", "latest"): the last so many days first (0: not)
    upcoming_days: int = 0  # when a thing to come is ("When is the Super Bowl?"): the same (0: not)
    depth: int = 0  # fused candidates the cross-encoder reorders in a period (0: the retriever's)
    # a period under the floor: its passages shown first when they score at least `outside`
    # and no more than `margin` below every date's best (None: never; ``lifted``)
    margin: float | None = None
    outside: float = 0.0
    latest_days: int = 0  # asks who won, no period ("Who won the Super Bowl?"): the last so many days first (0: not)
    latest_steps: int = 0  # ... doubled so many times at most
    latest_floor: float = 0.0  # ... while their best passage scores below this
    latest_depth: int = 0  # ... where this many fused candidates are all reranked (0: as in a period)

    @classmethod
    def of(cls, s: Settings) -> Steps:
        return cls(
            s.time_floor,
            s.time_steps,
            s.recent_days,
            s.upcoming_days,
            s.time_depth,
            s.period_margin,
            s.abstain_outside,
            s.latest_days,
            s.latest_steps,
            s.latest_floor,
            s.latest_depth,
        )


def search_in_time(
    retriever: Retriever,
    catalog: Catalog,
    ref: TimeRef,
    k: int,
    mode: SearchMode,
    filters: Filters,
    timings: dict[str, float],
    how: Steps,
) -> Found:
    """``k`` hits for ``ref.query`` published up to ``ref.as_of``, from ``ref.window`` when the
    question names one: doubled up to ``how.steps`` times while its best hit scores below
    ``how.floor`` (reranked) or it holds fewer than ``k`` hits; then from any date up to
    ``as_of``. A question in the present tense ("currently", "latest") tries the last
    ``how.recent_days`` days so, and one that asks when a thing to come is ("When is the Super
    Bowl?": its news is that of the weeks before it) the last ``how.upcoming_days``; those
    days are not widened. One that asks who won and names no period ("Who won the Super
    Bowl?": the latest edition) tries the last ``how.latest_days``, doubled up to
    ``how.latest_steps`` times while its best hit scores below ``how.latest_floor``, where the
    cross-encoder scores all of ``how.latest_depth`` fused candidates (a past edition's winner
    is as clear a match as the latest's), as it does in a period a question that asks who won
    names ("Which horse won this year's Kentucky Derby?": the preview is no answer, however
    clearly it matches). Inside other periods the cross-encoder reorders ``how.depth`` fused
    candidates at most."""
    base = filters.up_to(ref.as_of)
    memo: dict[str, float] = {}  # a passage met again in a wider period is not scored again
    window, floor, steps, depth, probe = ref.window, how.floor, how.steps, how.depth, None
    days = max(how.recent_days if ref.recent else 0, how.upcoming_days if ref.upcoming else 0)
    if ref.latest and how.latest_depth and (window is not None or how.latest_days > 0):
        depth, probe = how.latest_depth, 0  # who won, in the latest edition's days or a period named
    if window is None and ref.latest and how.latest_days > 0:  # the latest edition: widened as a period
        window, steps = TimeWindow(ref.as_of - timedelta(days=how.latest_days - 1), ref.as_of, ""), how.latest_steps
        floor = how.latest_floor
    elif window is None and days > 0:  # not widened: beyond those days, any date alike
        window, steps = TimeWindow(ref.as_of - timedelta(days=days - 1), ref.as_of, ""), 0
    if window is None:
        return Found(tuple(retriever.search(ref.query, k, mode, base, timings, memo)), ref)
    held = False  # the index holds some article from a period tried
    period: list[Hit] = []
    for step in range(steps + 1):
        if catalog.published_between(window.start.isoformat(), window.end.isoformat()):
            held = True
            hits = retriever.search(ref.query, k, mode, base.within(window), timings, memo, depth, probe)
            if _enough(hits, k, mode, floor):
                return Found(tuple(hits), ref, window, step)
            period = hits
        if step < steps:
            window = window.widened(ref.as_of)
    hits = retriever.search(ref.query, k, mode, base, timings, memo)
    if ref.window is None:  # the newest articles hold nothing on it: any date, as for any question
        return Found(tuple(hits), ref, upcoming=tuple(period) if ref.upcoming else ())
    if held:
        first = lifted(period, hits, how)
        return Found(tuple(hits), ref, window, steps, outside=True, period=tuple(period), first=first)
    newest = catalog.newest_published(ref.as_of.isoformat())
    return Found(tuple(hits), ref, window, steps, outside=True, held=False, newest=newest)


def lifted(period: Sequence[Hit], hits: Sequence[Hit], how: Steps) -> tuple[Hit, ...]:
    """The passages of a period under the floor that a search shows before every date's: those
    the cross-encoder scored at least ``how.outside`` and no more than ``how.margin`` below
    every date's best, the rule ``settle`` applies to the answers' sentences. "NASA revealed a
    timeline this week for which future project?" (asked on 26 March 2026) finds the week's
    moon base article at 2.7, under the floor, and a 2022 Artemis article at 4.1: the answer
    comes from the week, and so does the search's first passage."""
    if how.margin is None or not period or not hits or hits[0].stage != "rerank":
        return ()
    bar = max(hits[0].score - how.margin, how.outside)
    return tuple(h for h in period if h.stage == "rerank" and h.score >= bar)


def settle(
    answer: Answer,
    found: Found,
    outside_floor: float,
    engine: Answerer,
    question: str,
    passages: int,
    margin: float = 0.0,
) -> tuple[Answer, Found]:
    """``engine``'s answer to ``question`` weighed against the time it comes from. Drawn from
    another time than the period asked for (``found.elsewhere``), the period's best
    ``passages`` are answered from too, and that answer is given when its best sentence scores
    at least ``outside_floor`` and no more than ``margin`` below the other's: a passage scores
    the question's words taken out of their period, a sentence the whole question, so the
    week's article can hold the answer though not the better passage ("Which US city was the
    center of a major immigration crackdown this week?" is that week's Minneapolis, not the
    Chicago of the October before). Otherwise the answer from another time abstains when its
    best sentence scores under ``outside_floor`` or its quotes do not state a number the
    question states (``unstated``: "a 7.5 magnitude earthquake this week" is not the
    magnitude 8.2 quake of 2014), and then the period's answer is given if it scores no lower.
    An answer without a score (an LLM's) gives way to the period's only when it abstains
    (docs/EVAL.md, "The period's own answer", "Numbers the question states", "The period's
    answer within a margin")."""
    score = answer.score
    found = replace(found, first=())  # an answer shows the passages it quotes, not a search's order
    if not found.elsewhere:
        return answer, found
    if not answer.abstained:
        low = score is not None and score < outside_floor
        missing = unstated(found.ref.query, [c.quote for c in answer.citations])
        if low or missing:
            answer = gave_way(answer, engine, question)
            found = replace(found, unstated=tuple(missing))
    if not found.period or (score is None and not answer.abstained):
        return answer, found  # nothing to weigh it against; an LLM's answer (no score) stands
    floor: float | None = None  # an LLM's abstention: the period's answer stands if it answers
    if score is not None:
        floor = max(score - margin, outside_floor)
        if answer.abstained:
            floor = min(floor, score)
    own = engine.answer(question, readable(found.period)[:passages])
    if not own.abstained and (floor is None or (own.score is not None and own.score >= floor)):
        return own, replace(found, hits=found.period, outside=False, period=())
    return answer, found


def _enough(hits: list[Hit], k: int, mode: SearchMode, floor: float) -> bool:
    if not hits:
        return False
    if mode == "rerank" and hits[0].stage == "rerank":
        return hits[0].score >= floor
    return len(hits) >= k


def found_json(question: str, mode: SearchMode, found: Found, timings: dict[str, float]) -> dict[str, Any]:
    """A search as JSON: ``rag search --json``, ``GET /api/search``."""
    return {
        "question": question,
        "mode": mode,
        "as_of": found.asked_on,
        "time_window": None if found.ref.window is None else found.ref.window.to_json(),
        "time_notes": list(found.notes()),
        "hits": [hit_json(h) for h in found.shown],
        "timings_ms": {k: round(v, 1) for k, v in timings.items()},
    }


def outdated(answer: Answer, found: Found, newest: str) -> str:
    """The publication date of the article ``answer`` quotes first (its best sentence), when
    it is ``_old_quote`` against ``newest`` (the newest article date up to the day asked); ""
    otherwise. Such an answer must score ``abstain_old`` (docs/EVAL.md, "Answers from old
    articles"): an unanswerable question is most often answered from an old article on a
    near subject."""
    quoted = None if answer.abstained or not answer.citations else answer.citations[0]
    try:
        first = _old_quote(quoted, found, date.fromisoformat(newest)) if newest else None
    except ValueError:
        return ""
    return "" if first is None else first.isoformat()


def too_old(
    answer: Answer, found: Found, floor: float, catalog: Catalog, where: Filters, engine: Answerer, question: str
) -> tuple[Answer, Found]:
    """``answer``, or an abstention when it scores under ``floor`` and quotes first an article
    ``outdated`` against the newest article up to the day asked (and the filters' ``until``,
    of their source)."""
    if not found.dated or answer.score is None or answer.score >= floor:
        return answer, found
    newest = newest_up_to(catalog, found.ref.as_of, where)
    if not (stale := outdated(answer, found, newest)):
        return answer, found
    return gave_way(answer, engine, question), replace(found, stale=stale)


def gave_way(answer: Answer, engine: Answerer, question: str) -> Answer:
    """An abstention in place of ``answer``, from its passages, keeping its score."""
    return replace(abstain(question, answer.passages, engine.mode), score=answer.score)


def newest_up_to(catalog: Catalog, as_of: date, where: Filters) -> str:
    """The newest article date up to ``as_of`` and ``where``'s ``until`` (of its source's)."""
    day = as_of.isoformat()
    return catalog.newest_published(min(day, where.until or day, where.as_of or day), where.source)


def age_note(answer: Answer, found: Found) -> tuple[str, ...]:
    """'reported on 2 March 2024' when the article the answer is drawn from (``drawn_from``)
    is much older than the question and outside the period it names."""
    published = _old_quote(drawn_from(answer), found, found.ref.as_of)
    return () if published is None else (f"reported on {human_date(published)}",)


def drawn_from(answer: Answer) -> Citation | None:
    """The citation an answer is drawn from: its short answer's, else its first (None: an abstention)."""
    if answer.abstained or not answer.citations:
        return None
    n = answer.short.citation if answer.short is not None else answer.citations[0].n
    return next((c for c in answer.citations if c.n == n), answer.citations[0])


def _old_quote(source: Citation | None, found: Found, reference: date) -> date | None:
    """The publication date of the article of citation ``source``, when it is more than
    ``OLD_DAYS`` before ``reference`` and not from the period the question names (None for
    no citation or an undated article: nothing says it is old)."""
    if source is None or not source.published:
        return None
    try:
        published = date.fromisoformat(source.published)
    except ValueError:
        return None
    window = found.ref.window
    if (reference - published).days <= OLD_DAYS or (window is not None and published >= window.start):
        return None
    return published
