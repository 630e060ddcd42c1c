"""Pure polling policy: when to poll a source next (THREATS NET-2, NET-3).

Success: the source's interval, stretched to honour Cache-Control max-age. Failure: exponential back-off
with jitter, never sooner than a Retry-After the server sent. Jitter spreads many sources so they do not
all hit the network (and one host) in the same second.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

MAX_INTERVAL = timedelta(hours=24)  # no source waits longer than a day, whatever it asks
MAX_RETRY_AFTER = timedelta(days=7)
GONE_CONFIRMATIONS = 3  # 410 Gone this many times in a row stops polling (one 410 may be a mistake)
QUIET_FLOOR = timedelta(minutes=1)
ALERT_AFTER_FAILURES = 3  # one failed poll is weather; three in a row is an operator's problem (OBS-1)


def next_success_poll(now: datetime, *, poll_minutes: int, max_age: int | None,
                      rng: random.Random | None = None) -> datetime:
    rng = rng or random
    interval = timedelta(minutes=max(1, poll_minutes))
    if max_age:
        interval = max(interval, timedelta(seconds=max_age))
    interval = min(interval, MAX_INTERVAL)
    return now + interval * rng.uniform(0.9, 1.1)


def next_failure_poll(now: datetime, *, poll_minutes: int, failures: int, retry_after: float | None = None,
                      rng: random.Random | None = None) -> datetime:
    """Back-off doubles per consecutive failure, capped at a day, with jitter in [50 %, 100 %]."""
    rng = rng or random
    base = timedelta(minutes=max(1, poll_minutes))
    backoff = min(base * (2 ** min(max(failures - 1, 0), 16)), MAX_INTERVAL)
    delay = max(backoff * rng.uniform(0.5, 1.0), QUIET_FLOOR)
    if retry_after is not None:
        delay = max(delay, min(timedelta(seconds=retry_after), MAX_RETRY_AFTER))
    return now + delay


def is_quiet(now: datetime, *, last_item_at: datetime | None, since: datetime | None,
             expected_quiet_hours: float) -> bool:
    """A source with no new item for longer than it is expected to be quiet (OBS-1)."""
    reference = last_item_at or since
    if reference is None or expected_quiet_hours <= 0:
        return False
    return now - reference > timedelta(hours=expected_quiet_hours)
