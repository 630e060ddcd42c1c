"""Dates from wire formats → aware UTC, or None with a flag (DATE-1). Never raises.

Accepted: ISO 8601 / RFC 3339 (with or without offset, date only), RFC 822/1123 as used by RSS (including
US zone names like ``EDT``), and whatever else feedparser's date handlers know. Naive values are UTC.
Rejected with ``date_invalid``: garbage, impossible calendar dates (Feb 30), offsets of a day or more
(``+2500``), years before 1900. A leap second (``23:59:60``, RFC 3339 §5.6) becomes ``23:59:59``.
Values more than a day in the future are clamped to now with ``date_future_clamped``: a wrong clock at the
source must not pin an item to the top of every list or become an implicit embargo.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_tz

from dateline.core import clock

MIN_YEAR = 1900
FUTURE_TOLERANCE = timedelta(days=1)
_LEAP_SECOND = re.compile(r"(\d{2}:\d{2}):60")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})$")


def parse_date(value: object, warnings: list[str] | None = None, *, clamp: bool = True) -> datetime | None:
    """A date string (or struct_time / datetime) as aware UTC; None and a ``date_invalid`` flag otherwise."""
    flags = warnings if warnings is not None else []
    if value is None or value == "":
        return None
    try:
        result = _parse(value)
    except (ValueError, OverflowError, OSError, TypeError, IndexError):
        result = None
    if result is None or result.year < MIN_YEAR:
        _flag(flags, "date_invalid")
        return None
    return clamp_future(result, flags) if clamp else result


def clamp_future(value: datetime, warnings: list[str]) -> datetime:
    now = clock.now()
    if value > now + FUTURE_TOLERANCE:
        _flag(warnings, "date_future_clamped")
        return now
    return value


def _flag(warnings: list[str], flag: str) -> None:
    if flag not in warnings:
        warnings.append(flag)


def _parse(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, time.struct_time):
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    text = " ".join(str(value).split())[:100]
    if not text:
        return None
    text = _LEAP_SECOND.sub(r"\1:59", text)
    iso = _iso(text)
    if iso is not None:
        return iso
    if text[:1].isdigit() and re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", text):
        return None  # looked like ISO 8601 but was not a real date (Feb 30, +2500): no guessing
    parts = parsedate_tz(text)
    if parts is not None:
        offset = parts[9] or 0
        if parts[0] < MIN_YEAR or abs(offset) >= 24 * 3600:
            return None
        # Validate the calendar first: mktime would roll "30 Feb 25:61" over into March.
        local = datetime(*parts[:6], tzinfo=UTC)
        return local - timedelta(seconds=offset)
    from feedparser.datetimes import _parse_date  # the broadest set of feed date forms there is

    parsed = _parse_date(text)
    if parsed is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC)


def _iso(text: str) -> datetime | None:
    candidate = text.replace("z", "Z")
    if candidate.endswith("Z"):
        candidate = candidate[:-1] + "+00:00"
    match = _OFFSET.search(candidate)
    if match and (int(match.group(2)) > 14 or int(match.group(3)) > 59):
        return None
    try:
        value = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    return _aware(value)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
