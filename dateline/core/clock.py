"""Aware-UTC time for every stage. Tests freeze it with time-machine."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def aware_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC (wire formats that omit an offset mean UTC in practice)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
