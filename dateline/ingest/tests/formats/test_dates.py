"""Dates from any wire format → aware UTC, or None with a flag; far future clamped (DATE-1)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from dateline.ingest.formats.dates import parse_date

NOW = datetime(2024, 7, 5, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-07-03T10:15:00+06:00", datetime(2024, 7, 3, 4, 15, tzinfo=UTC)),
    ("2024-07-03T10:15:00Z", datetime(2024, 7, 3, 10, 15, tzinfo=UTC)),
    ("2024-07-03T10:15:00", datetime(2024, 7, 3, 10, 15, tzinfo=UTC)),  # naive ISO is UTC
    ("2024-07-03", datetime(2024, 7, 3, tzinfo=UTC)),
    ("Wed, 03 Jul 2024 10:15:00 GMT", datetime(2024, 7, 3, 10, 15, tzinfo=UTC)),
    ("Tue, 16 Jun 2020 19:00 EDT", datetime(2020, 6, 16, 23, 0, tzinfo=UTC)),
    ("Wed, 03 Jul 2024 10:15:00 +0200", datetime(2024, 7, 3, 8, 15, tzinfo=UTC)),
    ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),  # leap second
    ("  2024-07-03T10:15:00Z \n", datetime(2024, 7, 3, 10, 15, tzinfo=UTC)),
])
def test_date1_valid_dates_become_aware_utc(value, expected):
    warnings: list[str] = []
    assert parse_date(value, warnings) == expected
    assert warnings == []


@pytest.mark.parametrize("value", [
    "0001-01-01T00:00:00Z", "garbage", "2024-02-30T10:00:00Z", "2024-07-03T10:00:00+2500",
    "Wed, 03 Jul 2024 10:15:00 +2500", "Feb 30, 2024", "2024-13-01", "-1",
    "1e309", "\x00\x00", "2024-07-03T25:00:00Z",
])
def test_date1_invalid_dates_are_none_with_a_flag_and_never_raise(value):
    warnings: list[str] = []
    assert parse_date(value, warnings) is None
    assert warnings == ["date_invalid"]


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "99999999-01-01", "2030-01-01T00:00:00Z", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_date1_far_future_is_clamped_to_now(value):
    warnings: list[str] = []
    assert parse_date(value, warnings) == NOW
    assert warnings == ["date_future_clamped"]


def test_date1_a_little_clock_skew_is_tolerated():
    assert parse_date("2024-07-05T18:00:00Z") == datetime(2024, 7, 5, 18, tzinfo=UTC)


def test_date1_embargoes_are_not_clamped():
    assert parse_date("2030-01-01T00:00:00Z", clamp=False) == datetime(2030, 1, 1, tzinfo=UTC)


def test_empty_is_none_without_a_flag():
    warnings: list[str] = []
    assert parse_date("", warnings) is None and parse_date(None, warnings) is None
    assert warnings == []
