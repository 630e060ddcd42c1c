"""Writes of per-source health (THREATS OBS-1): last success, last error and code, failures, next poll."""

from __future__ import annotations

import logging

from dateline.core import clock
from dateline.core.urlguard import PUBLIC_MESSAGE
from dateline.ingest import polling
from dateline.ingest.models import SourceHealth
from dateline.network.models import Source

log = logging.getLogger("dateline.ingest.health")


def source_health_get(*, source: Source) -> SourceHealth:
    health, _ = SourceHealth.objects.get_or_create(source=source)
    return health


def source_health_record_success(*, source: Source, status: int | None = None, max_age: int | None = None,
                                 etag: str | None = None, last_modified: str | None = None) -> SourceHealth:
    now = clock.now()
    health = source_health_get(source=source)
    health.last_attempt_at = health.last_success_at = now
    health.consecutive_failures = 0
    health.gone_count = 0
    health.last_status = status
    if etag is not None or last_modified is not None:
        health.etag = (etag or "")[:500]
        health.last_modified = (last_modified or "")[:100]
    health.next_poll_at = polling.next_success_poll(now, poll_minutes=source.poll_minutes, max_age=max_age)
    health.save()
    return health


def source_health_record_failure(*, source: Source, code: str, detail: str, status: int | None = None,
                                 retry_after: float | None = None, public: bool = False) -> SourceHealth:
    """Record a failure. Fetch errors keep the generic text for editors (SSRF-6); the code is for admins.

    ``public`` marks details safe to show (parse errors about the document itself, never about the network).
    """
    now = clock.now()
    health = source_health_get(source=source)
    health.last_attempt_at = health.last_error_at = now
    health.consecutive_failures += 1
    health.last_error_code = code[:60]
    health.last_error = detail[:2000] if public else PUBLIC_MESSAGE
    health.last_status = status
    if code == "gone":
        health.gone_count += 1
        if health.gone_count >= polling.GONE_CONFIRMATIONS:
            health.polling_stopped = True
            log.warning("%s: 410 Gone %d times in a row; polling stopped", source.slug, health.gone_count)
    else:
        health.gone_count = 0
    health.next_poll_at = polling.next_failure_poll(now, poll_minutes=source.poll_minutes,
                                                    failures=health.consecutive_failures, retry_after=retry_after)
    health.save()
    if health.consecutive_failures == polling.ALERT_AFTER_FAILURES:
        log.error("%s: %d failures in a row, last %s (%s)", source.slug, health.consecutive_failures, code,
                  detail[:300])
    else:
        log.warning("%s: %s (%s)", source.slug, code, detail[:300])
    return health


def source_health_record_move(*, source: Source, url: str) -> None:
    """A permanent redirect, validated hop by hop, becomes the URL polled from now on (SSRF-3)."""
    health = source_health_get(source=source)
    health.current_url, health.moved_from = url[:2048], source.location[:1000]
    health.save(update_fields=["current_url", "moved_from"])


def source_health_resume(*, source: Source) -> SourceHealth:
    """An operator confirms a stopped source should be polled again."""
    health = source_health_get(source=source)
    health.polling_stopped, health.gone_count, health.next_poll_at = False, 0, None
    health.save(update_fields=["polling_stopped", "gone_count", "next_poll_at"])
    return health
