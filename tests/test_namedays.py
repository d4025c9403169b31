"""Days known by name: their dates in the US calendar, and every way of writing one."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rag.namedays import NAMES, PATTERN, day_in, key_of, span

# (key, year, day): published calendars
KNOWN = [
    ("Thanksgiving Day", 2024, "2024-11-28"),
    ("Thanksgiving Day", 2025, "2025-11-27"),
    ("Thanksgiving Day", 2026, "2026-11-26"),
    ("black friday", 2025, "2025-11-28"),
    ("cyber monday", 2025, "2025-12-01"),
    ("Easter Sunday", 2024, "2024-03-31"),
    ("Easter Sunday", 2025, "2025-04-20"),
    ("Good Friday", 2026, "2026-04-03"),
    ("Memorial Day", 2025, "2025-05-26"),
    ("Memorial Day", 2026, "2026-05-25"),
    ("Labor Day", 2025, "2025-09-01"),
    ("Martin Luther King Jr. Day", 2025, "2025-01-20"),
    ("Washington's Birthday", 2025, "2025-02-17"),
    ("Mother's Day", 2025, "2025-05-11"),
    ("Father's Day", 2025, "2025-06-15"),
    ("Columbus Day", 2025, "2025-10-13"),
    ("election", 2024, "2024-11-05"),
    ("election", 2026, "2026-11-03"),
    ("Independence Day", 2025, "2025-07-04"),
    ("Christmas Eve", 2025, "2025-12-24"),
]


@pytest.mark.parametrize(("key", "year", "day"), KNOWN)
def test_known_dates(key: str, year: int, day: str) -> None:
    assert day_in(key, year).isoformat() == day


@pytest.mark.parametrize("year", range(2000, 2041))
def test_every_name_has_a_day_every_year_in_its_season(year: int) -> None:
    for _, key in NAMES:
        day = day_in(key, year)
        assert day.year == year
        start, end = span(key, year)
        assert start == day and end > day
        for part in ("weekend", "week", "holiday"):
            start, end = span(key, year, part)
            assert start <= day < end and (end - start).days <= 10
    assert day_in("Thanksgiving Day", year).weekday() == 3  # a Thursday
    assert 22 <= day_in("Thanksgiving Day", year).day <= 28
    assert day_in("Memorial Day", year).weekday() == 0 and day_in("Memorial Day", year).day > 24
    assert day_in("election", year).weekday() == 1 and 2 <= day_in("election", year).day <= 8


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Thanksgiving", "Thanksgiving Day"),
        ("thanksgiving day", "Thanksgiving Day"),
        ("New Year’s Eve", "New Year's Eve"),
        ("New Years", "New Year's Day"),
        ("Presidents Day", "Washington's Birthday"),
        ("St. Patrick's Day", "Saint Patrick's Day"),
        ("MLK Day", "Martin Luther King Jr. Day"),
        ("the Fourth of July", "Independence Day"),
        ("Christmas", "Christmas Day"),
        ("Christmas Eve", "Christmas Eve"),
        ("the holiday season", "holidays"),
    ],
)
def test_each_way_of_writing_a_name(written: str, key: str) -> None:
    assert re.fullmatch(PATTERN, written, re.IGNORECASE)
    assert key_of(written) == key


def test_a_monday_holidays_weekend_is_its_long_weekend() -> None:
    assert span("Labor Day", 2025, "weekend") == (date(2025, 8, 30), date(2025, 9, 2))
    assert span("Thanksgiving Day", 2025, "weekend") == (date(2025, 11, 27), date(2025, 12, 1))
    assert span("Christmas Day", 2025, "holidays") == (date(2025, 12, 25), date(2026, 1, 2))
