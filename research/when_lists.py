"""Questions a user asks of a news archive about when a thing is, each asked on a day across
the RealTime QA corpus: the first line of each answer (the short answer and the day it stands
for) and its time notes, one line per question, to compare two builds (docs/EVAL.md, "When
is it this year? The day beside its name, the next such day").

    RAG_HOME=<full index> python -m research.when_lists --list holidays > holidays.txt
    # the same in a checkout of another commit, then: diff the two

Lists: ``holidays`` (20), ``this_year`` (12: "When is ... this year?"), ``events`` (40),
``past`` (20: "When did ...?", "When was ...?"), ``winners`` (22: "Who won this year's ...?"
asked months after the edition).
"""

from __future__ import annotations

import argparse

from rag import Pipeline, Settings
from rag.records import answer_text

HOLIDAYS = """When is Thanksgiving?|2025-11-01
When is Thanksgiving this year?|2024-11-10
When is Easter?|2025-03-20
When is Memorial Day?|2025-05-10
When is Labor Day?|2025-08-20
When is Mother's Day?|2025-04-28
When is Juneteenth?|2026-06-10
When is Presidents Day?|2025-02-05
When is Father's Day?|2024-06-01
When is Halloween?|2025-10-10
When is Daylight Saving Time?|2025-03-01
When does daylight saving time end?|2025-10-20
When is Black Friday?|2024-11-15
When is Election Day?|2024-10-20
When is Super Bowl Sunday?|2026-01-25
When is Martin Luther King Jr. Day?|2026-01-10
When is Columbus Day?|2025-10-01
When is Veterans Day?|2025-11-02
When is Rosh Hashanah?|2025-09-10
When does Ramadan start?|2026-02-05"""

THIS_YEAR = """When is Thanksgiving this year?|2024-11-10
When is the Met Gala this year?|2025-04-15
When is Easter this year?|2025-03-20
When is the Super Bowl this year?|2025-01-15
When is the Kentucky Derby this year?|2025-04-10
When is Mother's Day this year?|2025-04-28
When are the Oscars this year?|2026-02-20
When is the Masters this year?|2026-03-30
When is Juneteenth this year?|2025-06-01
When is the Boston Marathon this year?|2025-04-01
When is Presidents Day this year?|2026-02-01
When is Labor Day this year?|2025-08-20"""

EVENTS = """When is the Super Bowl?|2025-01-20
When are the Oscars?|2025-02-10
When are the Grammys?|2025-01-22
When is the Met Gala?|2025-04-15
When is the Masters?|2026-03-30
When is the Kentucky Derby?|2025-04-20
When is Wimbledon?|2025-06-10
When is the Boston Marathon?|2025-04-01
When is the US Open?|2025-08-10
When is the World Cup?|2026-05-01
When is the G7 summit?|2025-06-01
When is the NATO summit?|2025-06-10
When is the next Fed meeting?|2025-07-15
When is Coachella?|2025-03-20
When is Eurovision?|2025-05-01
When are the Emmys?|2025-09-01
When are the Golden Globes?|2025-12-20
When are the Tony Awards?|2025-05-20
When is the Daytona 500?|2025-02-01
When is the Indy 500?|2025-05-10
When is the NBA Finals?|2025-05-25
When is the World Series?|2025-10-10
When is the Final Four?|2025-03-25
When is the next full moon?|2025-06-02
When is Prime Day?|2025-06-25
When is tax day?|2025-03-15
When is Election Day?|2024-10-20
When is the State of the Union?|2025-02-20
When is the inauguration?|2025-01-05
When will the conclave begin?|2025-04-28
When is the next total solar eclipse?|2024-03-20
When is the Tour de France?|2025-06-20
When is the Westminster dog show?|2025-01-25
When is the Army-Navy game?|2025-12-01
When is the Rose Parade?|2025-12-20
When is Black Friday this year?|2024-11-10
When is the Super Bowl this year?|2026-01-20
When are the Oscars this year?|2025-02-10
When is the Met Gala in May?|2025-04-15
When is the NFL draft this year?|2025-04-01"""

PAST = """When was the Declaration of Independence adopted?|2025-07-03
When did the Titanic sink?|2025-04-15
When did the Boston Marathon bombing happen?|2025-04-15
When was Pope Francis elected?|2025-04-22
When did Hurricane Katrina hit?|2025-08-29
When did the Berlin Wall fall?|2024-11-09
When was Super Bowl LIX?|2025-02-20
When did the government shutdown end?|2025-11-20
When did Elon Musk buy Twitter?|2023-01-10
When did Queen Elizabeth II die?|2022-09-20
When did Jimmy Carter die?|2025-01-10
When was Charlie Kirk shot?|2025-09-15
When did the Louvre heist happen?|2025-10-25
When did the Kamchatka earthquake strike?|2025-08-05
When did Russia invade Ukraine?|2022-03-10
When was the Oklahoma City bombing?|2025-04-19
When did the Palisades fire start?|2025-01-20
When did Artemis II launch?|2026-04-05
When was the first Thanksgiving?|2024-11-20
When did Juneteenth become a federal holiday?|2025-06-19"""

# who won an event's edition of the year asked in, asked months after it
WINNERS = """Who won this year's Super Bowl?|2025-06-01
Which film won best picture at this year's Oscars?|2025-07-01
Who won album of the year at this year's Grammys?|2025-05-01
Who won this year's Masters?|2025-08-01
Which horse won this year's Kentucky Derby?|2025-08-01
Which country won this year's Eurovision?|2025-09-01
Which team won this year's NBA championship?|2025-09-01
Which team won this year's Stanley Cup?|2025-10-01
Who won this year's Wimbledon men's title?|2025-10-01
Which team won this year's World Series?|2025-12-10
Who won this year's Nobel Peace Prize?|2025-12-15
Which dog won Best in Show at this year's Westminster dog show?|2025-06-01
Who won this year's Daytona 500?|2025-06-01
Who won this year's Tour de France?|2025-10-01
Who won this year's Boston Marathon?|2025-08-01
Which show won best drama at this year's Emmys?|2025-11-01
Who won this year's US Open women's title?|2025-11-01
Who won this year's Super Bowl?|2026-05-01
Which film won best picture at this year's Oscars?|2026-06-01
Which horse won this year's Kentucky Derby?|2026-06-15
Who won this year's Masters?|2026-06-01
Which country won this year's Eurovision Song Contest?|2026-07-01"""

LISTS = {"holidays": HOLIDAYS, "this_year": THIS_YEAR, "events": EVENTS, "past": PAST, "winners": WINNERS}


def asked(name: str) -> list[tuple[str, str]]:
    """The (question, day asked) pairs of list ``name``."""
    return [(q, day) for q, day in (line.split("|") for line in LISTS[name].splitlines())]


def line(pipe: Pipeline, question: str, day: str) -> str:
    """``question`` asked on ``day``: the answer's first line, then its notes."""
    answer = pipe.ask(question, as_of=day)
    first = answer_text(answer).splitlines()[0]
    return f"{day} | {question} => {first} {' '.join(f'({n})' for n in answer.time_notes)}".rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", choices=sorted(LISTS), required=True)
    args = parser.parse_args()
    pipe = Pipeline(Settings.load())
    for question, day in asked(args.list):
        print(line(pipe, question, day), flush=True)


if __name__ == "__main__":
    main()
