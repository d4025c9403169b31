"""The relative-time resolver against fixed ``as_of`` dates: one row per expression."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.dates import describe_period
from rag.records import TimeWindow
from rag.timeref import day_named, resolve

FRI = date(2025, 1, 10)  # a Friday, the day a weekly news quiz is asked
SUN = date(2025, 3, 2)  # a Sunday
NEW_YEAR = date(2025, 1, 1)  # a Wednesday, the year's first day
MONTH_END = date(2025, 4, 30)  # a Wednesday, a month's last day

# question, as_of, window (from, to) or None, what is left to search with
CASES = [
    ("Who lay in state this week?", FRI, ("2025-01-04", "2025-01-10"), "Who lay in state?"),
    ("Which holiday coincided this past week?", FRI, ("2025-01-04", "2025-01-10"), "Which holiday coincided?"),
    ("What did the court rule earlier this week?", FRI, ("2025-01-04", "2025-01-10"), "What did the court rule?"),
    ("What happened in the past week?", FRI, ("2025-01-04", "2025-01-10"), "What happened?"),
    ("What happened last week in Gaza?", FRI, ("2024-12-28", "2025-01-03"), "What happened in Gaza?"),
    ("This week's winner?", NEW_YEAR, ("2024-12-26", "2025-01-01"), "winner?"),
    ("What happened last week?", NEW_YEAR, ("2024-12-19", "2024-12-25"), "What happened?"),
    ("Who won on Sunday?", SUN, ("2025-03-02", "2025-03-02"), "Who won?"),
    ("Who won on Sunday?", FRI, ("2025-01-05", "2025-01-06"), "Who won?"),
    ("Who won last Sunday?", SUN, ("2025-02-23", "2025-02-24"), "Who won?"),
    ("What was announced on Monday?", SUN, ("2025-02-24", "2025-02-25"), "What was announced?"),
    ("What was announced on Friday?", FRI, ("2025-01-10", "2025-01-10"), "What was announced?"),
    ("Who resigned on Wednesday?", NEW_YEAR, ("2025-01-01", "2025-01-01"), "Who resigned?"),
    ("Who resigned on Thursday?", NEW_YEAR, ("2024-12-26", "2024-12-27"), "Who resigned?"),
    ("What did he say yesterday?", FRI, ("2025-01-09", "2025-01-10"), "What did he say?"),
    ("What did he say yesterday?", NEW_YEAR, ("2024-12-31", "2025-01-01"), "What did he say?"),
    ("Which team won today?", FRI, ("2025-01-10", "2025-01-10"), "Which team won?"),
    ("What was agreed this month?", FRI, ("2025-01-01", "2025-01-10"), "What was agreed?"),
    ("What was agreed this month?", MONTH_END, ("2025-04-01", "2025-04-30"), "What was agreed?"),
    ("What rose last month?", FRI, ("2024-12-01", "2024-12-31"), "What rose?"),
    ("What rose last month?", date(2025, 3, 31), ("2025-02-01", "2025-02-28"), "What rose?"),
    ("What happened in March?", FRI, ("2024-03-01", "2024-03-31"), "What happened?"),
    ("Who was elected in March?", date(2025, 3, 20), ("2025-03-01", "2025-03-20"), "Who was elected?"),
    ("What happened in December?", NEW_YEAR, ("2024-12-01", "2024-12-31"), "What happened?"),
    ("What happened in May?", FRI, ("2024-05-01", "2024-05-31"), "What happened?"),
    ("What happened mid-March?", date(2025, 4, 1), ("2025-03-10", "2025-03-22"), "What happened?"),
    # a month or day named without its year, in a question about what is to come: the next one
    (
        "Which program could be paused in November?",
        date(2025, 10, 30),
        ("2025-10-24", "2025-10-30"),
        "Which program could be paused?",
    ),
    ("Who won in November?", date(2025, 10, 30), ("2024-11-01", "2024-11-30"), "Who won?"),
    (
        "Who is set to host the Emmys in September?",
        date(2025, 4, 17),
        ("2025-04-11", "2025-04-17"),
        "Who is set to host the Emmys?",
    ),
    ("What will happen in January?", date(2025, 12, 20), ("2025-12-14", "2025-12-20"), "What will happen?"),
    ("Who will win in March?", date(2025, 3, 10), ("2025-03-01", "2025-03-10"), "Who will win?"),
    ("Which teams will play on February 8?", date(2026, 1, 30), ("2026-01-24", "2026-01-30"), "Which teams will play?"),
    ("Which teams played on February 8?", date(2026, 1, 30), ("2025-02-08", "2025-02-09"), "Which teams played?"),
    (
        "What did the Fed say it would do in June?",
        date(2025, 7, 10),
        ("2025-06-01", "2025-06-30"),
        "What did the Fed say it would do?",
    ),
    (
        "What did they say would happen on 3 June?",
        date(2025, 7, 10),
        ("2025-06-03", "2025-06-04"),
        "What did they say would happen?",
    ),
    # a weekday without "on", as news writes it
    (
        "The nominations were announced Thursday. Which film led?",
        FRI,
        ("2025-01-09", "2025-01-10"),
        "The nominations were announced. Which film led?",
    ),
    ("Who won Sunday's election?", FRI, ("2025-01-05", "2025-01-06"), "Who won election?"),
    (
        "Which party leads ahead of the election on Sunday?",
        FRI,
        ("2025-01-04", "2025-01-10"),
        "Which party leads ahead of the election?",
    ),
    (
        "What is the name of November's supermoon?",
        date(2025, 11, 7),
        ("2025-11-01", "2025-11-07"),
        "What is the name supermoon?",
    ),
    ("Who won Super Tuesday?", FRI, None, "Who won Super Tuesday?"),
    ("What is sold on Black Friday?", FRI, None, "What is sold on Black Friday?"),
    (
        "Which holiday falls on the third Monday of February?",
        FRI,
        None,
        "Which holiday falls on the third Monday of February?",
    ),
    ("Is a Sunday a day of rest?", FRI, None, "Is a Sunday a day of rest?"),
    ("Which actress plays Wednesday?", FRI, None, "Which actress plays Wednesday?"),
    ("Who said Monday that talks had failed?", FRI, ("2025-01-06", "2025-01-07"), "Who said that talks had failed?"),
    # after a verb with its particle; the particle stays a search word
    ("Who was sworn in Monday as president?", FRI, ("2025-01-06", "2025-01-07"), "Who was sworn in as president?"),
    ("Which minister stepped down Tuesday night?", FRI, ("2025-01-07", "2025-01-08"), "Which minister stepped down?"),
    ("Who lives in Monday?", FRI, None, "Who lives in Monday?"),
    # a weekday that begins a name sets no period, and stays a search word
    ("Which comedian hosted Saturday Night Live?", FRI, None, "Which comedian hosted Saturday Night Live?"),
    ("Who starred on Monday Night Football?", FRI, None, "Who starred on Monday Night Football?"),
    ("Who owns the Sunday Times?", FRI, None, "Who owns the Sunday Times?"),
    (
        "Which team won on Thursday Night Football this week?",
        FRI,
        ("2025-01-04", "2025-01-10"),
        "Which team won on Thursday Night Football?",
    ),
    ("What did the Pope say on Sunday Night?", FRI, ("2025-01-05", "2025-01-06"), "What did the Pope say?"),
    (
        "Trump said Tuesday China had retaliated. Which goods?",
        FRI,
        ("2025-01-07", "2025-01-08"),
        "Trump said China had retaliated. Which goods?",
    ),
    # words of time with a capital within a sentence are a name: a show, a song
    ("Who co-hosts the Today show?", FRI, None, "Who co-hosts the Today show?"),
    ("Which comedian hosts The Tonight Show?", FRI, None, "Which comedian hosts The Tonight Show?"),
    ("Who anchors ABC's This Week?", FRI, None, "Who anchors ABC's This Week?"),
    ("Which band sang Yesterday?", FRI, None, "Which band sang Yesterday?"),
    ("Who hosts Last Week Tonight this week?", FRI, ("2025-01-04", "2025-01-10"), "Who hosts Last Week Tonight?"),
    ("This week, who won?", FRI, ("2025-01-04", "2025-01-10"), "who won?"),
    ("WHO WON THIS WEEK?", FRI, ("2025-01-04", "2025-01-10"), "WHO WON?"),
    ("Which band played her Sunday night set?", FRI, ("2025-01-05", "2025-01-06"), "Which band played her set?"),
    ("What changed earlier this year?", FRI, ("2025-01-01", "2025-01-10"), "What changed?"),
    ("What changed this year?", NEW_YEAR, ("2025-01-01", "2025-01-01"), "What changed?"),
    ("Who won last year?", FRI, ("2024-01-01", "2024-12-31"), "Who won?"),
    ("Who won last year?", NEW_YEAR, ("2024-01-01", "2024-12-31"), "Who won?"),
    ("What happened in 2024?", FRI, ("2024-01-01", "2024-12-31"), "What happened?"),
    ("What happened in 2023?", date(2024, 6, 1), ("2023-01-01", "2023-12-31"), "What happened?"),
    ("What happened in March 2024?", FRI, ("2024-03-01", "2024-03-31"), "What happened?"),
    ("What did the UN say since March 2024?", NEW_YEAR, ("2024-03-01", "2025-01-01"), "What did the UN say?"),
    ("What happened on 10 January?", date(2025, 2, 1), ("2025-01-10", "2025-01-11"), "What happened?"),
    ("What happened on January 10?", date(2026, 1, 5), ("2025-01-10", "2025-01-11"), "What happened?"),
    ("What happened on 10 January 2024?", FRI, ("2024-01-10", "2024-01-11"), "What happened?"),
    ("Who spoke on Jan. 3rd?", FRI, ("2025-01-03", "2025-01-04"), "Who spoke?"),
    ("What happened on 31 December?", NEW_YEAR, ("2024-12-31", "2025-01-01"), "What happened?"),
    ("Since 3 March, what?", date(2025, 3, 10), ("2025-03-03", "2025-03-10"), "what?"),
    ("What happened two weeks ago?", FRI, ("2024-12-24", "2024-12-30"), "What happened?"),
    ("What happened 3 days ago?", FRI, ("2025-01-07", "2025-01-08"), "What happened?"),
    ("What happened seven weeks ago?", FRI, ("2024-11-19", "2024-11-25"), "What happened?"),
    ("What happened fourteen days ago?", FRI, ("2024-12-27", "2024-12-28"), "What happened?"),
    (
        "Which lander touched down on the moon days ago?",
        FRI,
        ("2025-01-04", "2025-01-10"),
        "Which lander touched down on the moon?",
    ),
    ("What opened a few weeks ago?", FRI, ("2024-12-06", "2025-01-03"), "What opened?"),
    # a count asked ("how many days ago", rag.elapsed), no period of news
    ("How many days ago was the Super Bowl?", FRI, None, "How many days ago was the Super Bowl?"),
    ("How many weeks ago did the fire start?", FRI, None, "How many weeks ago did the fire start?"),
    ("Who plays this weekend?", FRI, ("2025-01-04", "2025-01-10"), "Who plays?"),
    ("Who won this weekend?", SUN, ("2025-03-01", "2025-03-02"), "Who won?"),
    ("Who won last weekend?", FRI, ("2025-01-04", "2025-01-06"), "Who won?"),
    ("Who won last weekend?", SUN, ("2025-02-22", "2025-02-24"), "Who won?"),
    ("What happened over the weekend?", date(2025, 3, 3), ("2025-03-01", "2025-03-03"), "What happened?"),
    ("Who will lead next year?", FRI, ("2025-01-04", "2025-01-10"), "Who will lead?"),
    ("What opens tomorrow?", FRI, ("2025-01-04", "2025-01-10"), "What opens?"),
    ("Who played this summer?", date(2025, 7, 1), ("2025-06-01", "2025-07-01"), "Who played?"),
    ("Who plays this summer?", date(2025, 3, 1), ("2025-02-23", "2025-03-01"), "Who plays?"),
    ("Who played this summer?", date(2025, 10, 1), ("2025-06-01", "2025-08-31"), "Who played?"),
    ("Who won last summer?", date(2025, 7, 1), ("2024-06-01", "2024-08-31"), "Who won?"),
    ("What happened this winter?", FRI, ("2024-12-01", "2025-01-10"), "What happened?"),
    ("What happened last winter?", FRI, ("2023-12-01", "2024-02-29"), "What happened?"),
    (
        "Which platform will show the Oscars in 2029?",
        FRI,
        ("2025-01-04", "2025-01-10"),
        "Which platform will show the Oscars?",
    ),
    ("What happened in March 2026?", FRI, ("2025-01-04", "2025-01-10"), "What happened?"),
    # ranges of days, read as a day is; an end without its month takes the other's
    ("What happened between 3 and 8 January?", FRI, ("2025-01-03", "2025-01-09"), "What happened?"),
    ("What happened from Jan. 3 to Jan. 8?", FRI, ("2025-01-03", "2025-01-09"), "What happened?"),
    ("Who spoke January 3-8?", FRI, ("2025-01-03", "2025-01-09"), "Who spoke?"),
    ("What happened between 6 and 12 January?", date(2025, 1, 8), ("2025-01-06", "2025-01-08"), "What happened?"),
    ("What happened from 28 December to 3 January?", FRI, ("2024-12-28", "2025-01-04"), "What happened?"),
    (
        "What happened from 28 December to 3 January 2025?",
        date(2025, 3, 1),
        ("2024-12-28", "2025-01-04"),
        "What happened?",
    ),
    ("What will happen between 3 and 8 February?", FRI, ("2025-01-04", "2025-01-10"), "What will happen?"),
    ("Who won 3-1 on Sunday?", FRI, ("2025-01-05", "2025-01-06"), "Who won 3-1?"),  # a score, not a range
    # a range that ends before it begins is none: its first day that reads as one is taken
    (
        "What happened from 29 February to 1 January 2024?",
        FRI,
        ("2024-02-29", "2024-03-01"),
        "What happened to 1 January 2024?",
    ),
    (
        "What happened from 1 March 2024 to 29 February?",
        FRI,
        ("2024-03-01", "2024-03-02"),
        "What happened to 29 February?",
    ),
    # the last N days, weeks, hours; a few, a couple; "recent"; since a weekday
    ("What happened in the last 3 days?", FRI, ("2025-01-08", "2025-01-10"), "What happened?"),
    ("What happened over the past two weeks?", FRI, ("2024-12-28", "2025-01-10"), "What happened?"),
    ("News from the past 48 hours?", FRI, ("2025-01-08", "2025-01-10"), "News?"),
    ("What happened over the past couple of weeks?", FRI, ("2024-12-28", "2025-01-10"), "What happened?"),
    ("What happened in recent weeks?", FRI, ("2024-12-21", "2025-01-10"), "What happened?"),
    ("What happened since Monday?", FRI, ("2025-01-06", "2025-01-10"), "What happened?"),
    # parts of a period: a week of a month, the start or end of one, early or late in it
    ("What happened in the first week of December?", FRI, ("2024-12-01", "2024-12-07"), "What happened?"),
    ("What happened in the last week of December?", FRI, ("2024-12-25", "2024-12-31"), "What happened?"),
    ("What happened at the end of last month?", FRI, ("2024-12-22", "2024-12-31"), "What happened?"),
    ("What happened late last year?", FRI, ("2024-09-01", "2024-12-31"), "What happened?"),
    ("What was said early this month?", date(2025, 3, 31), ("2025-03-01", "2025-03-10"), "What was said?"),
    ("What happened this past weekend?", FRI, ("2025-01-04", "2025-01-06"), "What happened?"),
    ("What happened on Sunday night?", FRI, ("2025-01-05", "2025-01-06"), "What happened?"),
    ("What happened overnight?", FRI, ("2025-01-09", "2025-01-10"), "What happened?"),
    # the day before yesterday, the week before last, parts of a calendar week, a fortnight
    ("What happened the day before yesterday?", FRI, ("2025-01-08", "2025-01-09"), "What happened?"),
    ("What happened the week before last?", FRI, ("2024-12-21", "2024-12-27"), "What happened?"),
    ("What happened early this week?", FRI, ("2025-01-06", "2025-01-09"), "What happened?"),
    ("What did he say late last week?", FRI, ("2025-01-02", "2025-01-06"), "What did he say?"),
    ("What did he say at the end of last week?", FRI, ("2025-01-02", "2025-01-06"), "What did he say?"),
    ("What did he say at the start of the week?", FRI, ("2025-01-06", "2025-01-09"), "What did he say?"),
    ("What happened in the last fortnight?", FRI, ("2024-12-28", "2025-01-10"), "What happened?"),
    # "since" before any period: from its start to as_of
    ("What happened since last Tuesday?", FRI, ("2025-01-07", "2025-01-10"), "What happened?"),
    ("What happened since last week?", FRI, ("2024-12-28", "2025-01-10"), "What happened?"),
    ("What changed since yesterday?", FRI, ("2025-01-09", "2025-01-10"), "What changed?"),
    # a stretch of months; a season or part of a year with its year
    ("What happened from January to March?", date(2025, 5, 2), ("2025-01-01", "2025-03-31"), "What happened?"),
    ("What happened between November and February?", FRI, ("2024-11-01", "2025-01-10"), "What happened?"),
    ("What happened between May and July 2024?", FRI, ("2024-05-01", "2024-07-31"), "What happened?"),
    ("Why did prices fall from may to june?", FRI, None, "Why did prices fall from may to june?"),
    ("What happened in the spring of 2024?", FRI, ("2024-03-01", "2024-05-31"), "What happened?"),
    ("What happened in summer 2024?", FRI, ("2024-06-01", "2024-08-31"), "What happened?"),
    ("What happened in winter 2025?", date(2025, 3, 10), ("2024-12-01", "2025-02-28"), "What happened?"),
    ("What happened over the summer?", date(2025, 9, 10), ("2025-06-01", "2025-08-31"), "What happened?"),
    ("What happened in late 2024?", FRI, ("2024-09-01", "2024-12-31"), "What happened?"),
    # dates in figures need their year ("9/11", "3/4" are names and fractions); "on the 4th"
    ("What happened on 2025-01-08?", FRI, ("2025-01-08", "2025-01-09"), "What happened?"),
    ("What happened on 1/8/2025?", FRI, ("2025-01-08", "2025-01-09"), "What happened?"),
    ("What happened on 1/8/25?", FRI, ("2025-01-08", "2025-01-09"), "What happened?"),
    ("What happened on 2/30/2025?", FRI, None, "What happened on 2/30/2025?"),
    ("What happened on 9/11?", FRI, None, "What happened on 9/11?"),
    ("What is 3/4 of 12?", FRI, None, "What is 3/4 of 12?"),
    ("What happened on the 4th?", FRI, ("2025-01-04", "2025-01-05"), "What happened?"),
    ("What happened on the 31st?", FRI, ("2024-12-31", "2025-01-01"), "What happened?"),
    ("What happened on the 30th?", date(2025, 3, 1), ("2025-01-30", "2025-01-31"), "What happened?"),
    ("Who won on the 4th hole?", FRI, None, "Who won on the 4th hole?"),
    # days known by name: the latest, when recent; "last" one; the coming one, ahead
    ("What happened on Thanksgiving?", date(2026, 12, 1), ("2026-11-26", "2026-11-27"), "What happened?"),
    ("Who won on Thanksgiving Day?", date(2026, 12, 1), ("2026-11-26", "2026-11-27"), "Who won?"),
    ("What happened over Thanksgiving weekend?", date(2026, 12, 1), ("2026-11-26", "2026-11-30"), "What happened?"),
    ("What happened over Labor Day weekend?", date(2025, 9, 5), ("2025-08-30", "2025-09-02"), "What happened?"),
    ("What happened last Christmas?", date(2025, 12, 25), ("2024-12-25", "2024-12-26"), "What happened?"),
    ("What happened over the holidays?", date(2026, 1, 8), ("2025-12-24", "2026-01-02"), "What happened?"),
    ("What happened on New Year's Eve?", date(2026, 1, 8), ("2025-12-31", "2026-01-01"), "What happened?"),
    ("What happened on Easter?", date(2025, 4, 25), ("2025-04-20", "2025-04-21"), "What happened?"),
    ("Who won on Election Day?", date(2024, 11, 10), ("2024-11-05", "2024-11-06"), "Who won?"),
    ("Who was shot on Christmas Eve in 2025?", date(2026, 1, 8), ("2025-12-24", "2025-12-25"), "Who was shot?"),
    ("What sold best on Black Friday?", date(2025, 12, 3), ("2025-11-28", "2025-11-29"), "What sold best?"),
    ("What happened since Thanksgiving?", date(2025, 12, 10), ("2025-11-27", "2025-12-10"), "What happened?"),
    (
        "Which stores will be open on Thanksgiving?",
        date(2025, 11, 20),
        ("2025-11-14", "2025-11-20"),
        "Which stores will be open?",
    ),
    ("Which stores are open on Thanksgiving?", date(2025, 11, 20), None, "Which stores are open on Thanksgiving?"),
    ("What happened at Christmas?", date(2026, 3, 1), None, "What happened at Christmas?"),
    (
        "Which balloon flew at the Thanksgiving Day parade?",
        date(2025, 11, 28),
        None,
        "Which balloon flew at the Thanksgiving Day parade?",
    ),
    (
        "How much do Americans eat during Thanksgiving week?",
        date(2025, 11, 25),
        None,
        "How much do Americans eat during Thanksgiving week?",
    ),
    (
        "Trump promised Christmas checks this week to which group?",
        date(2025, 12, 18),
        ("2025-12-12", "2025-12-18"),
        "Trump promised Christmas checks to which group?",
    ),
    # the day asked, in an earlier year; "this time last year": the week around it
    ("What happened on this day last year?", FRI, ("2024-01-10", "2024-01-11"), "What happened?"),
    ("What was in the news a year ago today?", FRI, ("2024-01-10", "2024-01-11"), "What was in the news?"),
    ("What happened on this date in 2024?", FRI, ("2024-01-10", "2024-01-11"), "What happened?"),
    ("Who led the polls exactly one year ago?", FRI, ("2024-01-10", "2024-01-11"), "Who led the polls?"),
    ("What happened this time last year?", FRI, ("2024-01-07", "2024-01-13"), "What happened?"),
    ("What was the news a year ago this week?", FRI, ("2024-01-04", "2024-01-10"), "What was the news?"),
    ("What happened on this day last year?", date(2024, 2, 29), ("2023-02-28", "2023-03-01"), "What happened?"),
    (
        "What happened one year ago?",
        FRI,
        ("2023-07-13", "2024-07-11"),
        "What happened?",
    ),  # about a year: half a year each side
    # no time named, or a time that is not a period of news
    (
        "Where did the first Winter Olympics take place in 1924?",
        FRI,
        None,
        "Where did the first Winter Olympics take place in 1924?",
    ),
    ("What happened on 10 January 2023?", FRI, None, "What happened on 10 January 2023?"),
    ("What happened in 2023?", FRI, None, "What happened in 2023?"),
    ("What happened in December 2023?", FRI, None, "What happened in December 2023?"),  # not last December
    (
        "Which team, champions in 1996, won on Sunday?",
        FRI,
        ("2025-01-05", "2025-01-06"),
        "Which team, champions in 1996, won?",
    ),
    ("On July 4, 1776, where did Congress meet?", FRI, None, "On July 4, 1776, where did Congress meet?"),
    (
        "Who won the most medals at the last Winter Games?",
        FRI,
        None,
        "Who won the most medals at the last Winter Games?",
    ),
    ("Savannah Guthrie returned to the “Today” show.", FRI, None, "Savannah Guthrie returned to the “Today” show."),
    ("Who attends the 2+2?", FRI, None, "Who attends the 2+2?"),
    ("Who may win the vote?", FRI, None, "Who may win the vote?"),
    ("Which Chinese company released an AI chatbot?", FRI, None, "Which Chinese company released an AI chatbot?"),
    ("What is the 149th Westminster show?", FRI, None, "What is the 149th Westminster show?"),
    # a day without its year in a question that asks how many years since: when the thing was
    (
        "How many years has it been since the Jan. 6 attack on the Capitol?",
        FRI,
        None,
        "How many years has it been since the Jan. 6 attack on the Capitol?",
    ),
    ("How many decades since the July 4 fireworks?", FRI, None, "How many decades since the July 4 fireworks?"),
    # ... but the days until one are the last week's news of it, and other units read it as before
    (
        "How many days until the Jan. 20 inauguration?",
        FRI,
        ("2025-01-04", "2025-01-10"),
        "How many days until inauguration?",
    ),
    (
        "How many days since the Jan. 7 fire began?",
        FRI,
        ("2025-01-07", "2025-01-08"),
        "How many days since fire began?",
    ),
    ("What happened on Jan. 6?", FRI, ("2025-01-06", "2025-01-07"), "What happened?"),
    # the year asked in, named with a thing of it, is this year; the year stays a search word
    ("Who won the 2025 Emmys?", date(2025, 9, 20), ("2025-01-01", "2025-09-20"), "Who won the 2025 Emmys?"),
    ("Who won Euro 2025?", FRI, ("2025-01-01", "2025-01-10"), "Who won Euro 2025?"),
    (
        "Where did Nato meet for its 2026 summit?",
        date(2026, 7, 9),
        ("2026-01-01", "2026-07-09"),
        "Where did Nato meet for its 2026 summit?",
    ),
    ("Who won the 2024 election?", FRI, None, "Who won the 2024 election?"),  # another year: no period
    ("When is the 2025 Met Gala?", date(2025, 4, 20), None, "When is the 2025 Met Gala?"),  # to come
    ("Where will the 2025 final be held?", FRI, None, "Where will the 2025 final be held?"),
    ("What is Pantone's color for 2026?", date(2025, 12, 5), None, "What is Pantone's color for 2026?"),
    ("Who won the 2025-26 season?", FRI, None, "Who won the 2025-26 season?"),
    ("What did $2025 buy?", FRI, None, "What did $2025 buy?"),
    ("How many of the 2,025 seats?", FRI, None, "How many of the 2,025 seats?"),
    ("asdf qwerty 99 zz", FRI, None, "asdf qwerty 99 zz"),
    ("on 45 Smarch", FRI, None, "on 45 Smarch"),
    ("", FRI, None, ""),
]


@pytest.mark.parametrize(("question", "as_of", "window", "query"), CASES)
def test_resolver(question: str, as_of: date, window: tuple[str, str] | None, query: str) -> None:
    ref = resolve(question, as_of)
    got = None if ref.window is None else (ref.window.start.isoformat(), ref.window.end.isoformat())
    assert got == window
    assert ref.query == query
    if ref.window is not None:
        assert ref.window.end <= as_of  # never after the day it is asked
        assert ref.window.phrase.lower() in question.lower()


def test_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("question", "recent"),
    [
        ("Who is currently the prime minister?", True),
        ("What is the latest on the strike?", True),
        ("Who founded Nvidia?", False),
    ],
)
def test_present_tense_prefers_recent(question: str, recent: bool) -> None:
    ref = resolve(question, FRI)
    assert ref.window is None and ref.recent is recent


def test_windows_widen_back_in_time_never_past_as_of() -> None:
    week = TimeWindow(date(2025, 1, 4), date(2025, 1, 10), "this week")
    wider = week.widened(FRI)
    assert wider.end == FRI and wider.days == 2 * week.days
    last_week = TimeWindow(date(2024, 12, 28), date(2025, 1, 3), "last week")
    assert last_week.widened(FRI).end > last_week.end  # later reports of last week's news
    assert last_week.widened(FRI).days == 2 * last_week.days


def test_describe() -> None:
    assert describe_period(date(2025, 1, 4), date(2025, 1, 10)) == "4 to 10 January 2025"
    assert describe_period(date(2024, 12, 28), date(2025, 1, 3)) == "28 December 2024 to 3 January 2025"
    assert describe_period(date(2025, 2, 27), date(2025, 3, 2)) == "27 February to 2 March 2025"
    assert describe_period(date(2025, 1, 10), date(2025, 1, 10)) == "10 January 2025"


_WORDS = (  # noqa: SIM905
    "between from to and through - – on in since last this past next the first week weekend month year of "
    "early late mid end start beginning Monday Sunday Friday night January Feb. February March Dec. December 1 3 8 12 28 29 "
    "30 31 45 2023 2024 2025 2029 days weeks hours months few several couple ago recent today yesterday overnight "
    "will could ahead announced said Super Tuesday's Thanksgiving Christmas Eve Day Labor Easter holidays the "
    "fortnight before spring summer winter 1/8/2025 2025-01-08 3/4 4th 31st"
).split()


@settings(max_examples=600, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=12),
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
)
def test_any_soup_of_time_words_gives_an_ordered_window_never_after_as_of(words: list[str], day: date) -> None:
    ref = resolve(" ".join(words), day)
    if ref.window is not None:
        assert ref.window.start <= ref.window.end <= day
        assert (day - ref.window.end).days <= 366  # a time long past sets no window


_MONTH_WORDS = ["January", "February", "Feb.", "March", "June", "December", "Dec."]


@settings(max_examples=300, deadline=None)
@given(
    ends=st.lists(
        st.tuples(
            st.integers(0, 32), st.sampled_from(["", *_MONTH_WORDS]), st.sampled_from(["", "2023", "2024", "2025"])
        ),
        min_size=2,
        max_size=2,
    ),
    joiner=st.sampled_from(["from {} to {}", "between {} and {}", "{}-{}", "{} – {}"]),
    month_first=st.booleans(),
    day=st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
)
def test_any_range_of_days_reads_as_an_ordered_window_or_none(
    ends: list[tuple[int, str, str]], joiner: str, month_first: bool, day: date
) -> None:
    """Days past a month's end, 29 February of any year, an end before its start: never an error."""
    parts = [" ".join(filter(None, (m, str(d), y) if month_first else (str(d), m, y))) for d, m, y in ends]
    ref = resolve("What happened " + joiner.format(*parts) + "?", day)
    if ref.window is not None:
        assert ref.window.start <= ref.window.end <= day


# a date written in an article without its year, the article's date, its sentence: the day
DAYS_NAMED = [
    ("early Sunday morning", SUN, "The lander touched down early Sunday morning.", "2025-03-02"),
    ("Tuesday night", SUN, "Democrats blocked the bill Tuesday night.", "2025-02-25"),
    ("Tuesday", SUN, "The talks will resume Tuesday.", "2025-03-04"),
    ("Monday", FRI, "He died on Monday.", "2025-01-06"),
    ("yesterday", FRI, "Officials said yesterday.", "2025-01-09"),
    ("today", FRI, "The vote is today.", "2025-01-10"),
    ("tomorrow", FRI, "The vote is tomorrow.", "2025-01-11"),
    ("Jan. 15", SUN, "It launched on Jan. 15.", "2025-01-15"),
    ("Dec. 28", NEW_YEAR, "It was signed Dec. 28.", "2024-12-28"),
    ("March 4", SUN, "The summit will open March 4.", "2025-03-04"),
    # near ahead of the article, the one to come; far ahead, the last, unless the sentence says
    # it is to come and it is nearer than twice the last; the weekday written with it decides
    ("Oct. 31", date(2014, 10, 23), "Halloween parade, Oct. 31.", "2014-10-31"),
    ("Dec. 20", date(2024, 11, 21), "Dec. 20-22.", "2024-12-20"),
    ("Sept. 16", date(2024, 11, 17), "Recalled packages: Sept. 16 - Nov. 7.", "2024-09-16"),
    ("Oct. 17", date(2020, 3, 12), "The market will run each Saturday through Oct. 17.", "2020-10-17"),
    ("Oct. 17", date(2020, 3, 12), "The market ran each Saturday through Oct. 17.", "2019-10-17"),
    ("Oct. 1", date(2025, 10, 7), "He said on Oct. 1 that layoffs would begin.", "2025-10-01"),
    ("Nov. 15", date(2024, 1, 24), "Supermoons will occur on Sept. 18, Oct. 17 and Nov. 15.", "2024-11-15"),
    ("Oct. 7", date(2025, 5, 18), 'A survivor of the Oct. 7 attacks sang "New Day Will Rise."', "2024-10-07"),
    ("July 18", date(2024, 7, 16), "The convention runs through Thursday, July 18.", "2024-07-18"),
    ("Nov. 1", date(2024, 8, 19), "Friday, Nov. 1 – at Whitman-Hanson, 7 p.m.", "2024-11-01"),
    ("Sunday, March 17", date(2018, 1, 3), "He will play on Sunday, March 17.", "2019-03-17"),
    ("Sept. 22", date(2025, 9, 6), "The equinox arrives on Monday, Sept. 22.", "2025-09-22"),
    ("May 27", date(2022, 5, 25), "A choir sings in Uvalde on Friday, May 27.", "2022-05-27"),
    ("Feb. 29", date(2025, 3, 1), "The deal closed Feb. 29.", "2024-02-29"),
    # the year the words after it say
    ("July 1", date(2020, 5, 4), "The band will headline Summerfest on July 1 next year.", "2021-07-01"),
    ("May 5", date(2025, 6, 1), "The gala was held on May 5 this year.", "2025-05-05"),
    ("Dec. 3", date(2025, 1, 10), "It opened Dec. 3 last year.", "2024-12-03"),
    ("last week", FRI, "It happened last week.", None),
    # a weekday with an ordinal names a rule, not a day
    ("first Monday in May", FRI, "The gala is always held on the first Monday in May.", None),
    ("every Sunday", FRI, "The market opens every Sunday.", None),
    ("Jan. 15, 2025", SUN, "It launched on Jan. 15, 2025.", None),
    ("2022", SUN, "It began in 2022.", None),
    ("two-week", SUN, "A two-week mission.", None),
]


@pytest.mark.parametrize(("text", "on", "sentence", "day"), DAYS_NAMED)
def test_a_date_without_its_year_is_read_against_its_articles_date(
    text: str, on: date, sentence: str, day: str | None
) -> None:
    found = day_named(text, on, sentence)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize(
    ("question", "upcoming"),
    [
        ("When is the Super Bowl?", True),
        ("When will the conclave begin?", True),
        ("When does Wimbledon start?", True),
        ("When's the next full moon?", True),
        ("When was the Declaration of Independence adopted?", False),
        ("When did the fire start?", False),
        ("Who won the Super Bowl?", False),
        ("Finally, when does summer officially begin?", False),
    ],
)
def test_a_question_that_asks_when_a_thing_to_come_is(question: str, upcoming: bool) -> None:
    assert resolve(question, FRI).upcoming is upcoming


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("When is Thanksgiving this year?", "When is Thanksgiving?"),
        ("When is the Met Gala this month?", "When is the Met Gala?"),
        ("When is the debate this week?", "When is the debate?"),
        ("When is the Super Bowl in February?", "When is the Super Bowl?"),  # February 2025, not 2024
        ("When does Lent begin in 2025?", "When does Lent begin in 2025?"),  # a year stays a search term
    ],
)
def test_a_thing_to_come_in_a_period_that_runs_on_is_the_one_to_come(question: str, query: str) -> None:
    """ "When is Thanksgiving this year?" asks for the one to come, as "When is Thanksgiving?"
    does: the newest articles first, and a past day is no answer (``rag.tocome``), rather than
    every article since 1 January, where last year's day may answer."""
    ref = resolve(question, FRI)
    assert (ref.window, ref.upcoming, ref.query) == (None, True, query)
    # a thing past in the period keeps it
    past = resolve(question.replace("When is", "When was").replace("When does", "When did"), FRI)
    assert past.window is not None and not past.upcoming


@pytest.mark.parametrize(
    ("question", "latest", "period"),
    [
        ("Who won the Super Bowl?", True, None),
        ("Which film won best picture at the Oscars?", True, None),
        ("Which NFL team recently won the Super Bowl?", True, None),
        ("Who was named Super Bowl MVP?", True, None),
        ("Who was elected mayor of New York City?", True, None),
        ("Who was the big winner at the American Music Awards?", True, None),
        ("Which team beat the Chiefs?", True, None),
        ("Which country won the most medals at the Olympics?", True, None),
        # a period named: the latest edition in it (``rag.timesearch.latest_within``)
        ("Who won the Super Bowl on Sunday?", True, "on Sunday"),
        ("Who won last year's Super Bowl?", True, "last year"),
        ("Which horse won this year's Kentucky Derby?", True, "this year"),
        # an edition named (a year named too), a record, a question of another kind
        ("Which dog won best in show at the 48th annual Harbour dog show?", False, None),
        ("Who won the 2002 Masters?", False, None),
        ("Who won Super Bowl LIX?", False, None),
        ("Which country won the 2025 Eurovision Song Contest?", False, "2025"),
        ("Which actress has won the most Oscars?", False, None),
        ("Which actress has won the most Oscars this year?", False, "this year"),
        ("Which university won its first title for the first time in history?", False, None),
        ("Who has the all-time record for wins?", False, None),
        ("Who founded Nvidia?", False, None),
        ("England beat which nation?", False, None),
        ("When is the Super Bowl?", False, None),
    ],
)
def test_a_question_that_asks_who_won_asks_for_the_latest_edition(
    question: str, latest: bool, period: str | None
) -> None:
    ref = resolve(question, FRI)
    assert ref.latest is latest
    assert (ref.window.phrase if ref.window else None) == period
