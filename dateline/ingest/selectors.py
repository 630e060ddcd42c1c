"""Reads of the ingest stage: source health for the desk's sources page, quiet sources, due sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from dateline.core import clock
from dateline.ingest import polling
from dateline.ingest.models import Quarantine, SourceHealth
from dateline.network.models import Source


@dataclass(frozen=True)
class SourceStatus:
    source: Source
    health: SourceHealth | None
    quiet: bool
    quarantined: int  # unresolved quarantine entries

    @property
    def failing(self) -> bool:
        return bool(self.health and self.health.consecutive_failures)

    @property
    def alert(self) -> bool:
        """Needs an operator: failing repeatedly, stopped after 410 Gone, or quiet for too long."""
        health = self.health
        return self.quiet or bool(health and (health.polling_stopped
                                              or health.consecutive_failures >= polling.ALERT_AFTER_FAILURES))


def source_statuses(*, now: datetime | None = None) -> list[SourceStatus]:
    """Every source with its health, quiet flag and open quarantine count, in one pass (OBS-1)."""
    now = now or clock.now()
    sources = Source.objects.select_related("health").annotate(
        open_quarantine=Count("quarantined", filter=Q(quarantined__resolved=False)))
    out = []
    for source in sources:
        health = getattr(source, "health", None)
        quiet = source.enabled and polling.is_quiet(
            now, last_item_at=health.last_item_at if health else None,
            since=(health.last_success_at or health.last_attempt_at) if health else None,
            expected_quiet_hours=source.expected_quiet_hours)
        out.append(SourceStatus(source=source, health=health, quiet=quiet, quarantined=source.open_quarantine))
    return out


def quiet_sources(*, now: datetime | None = None) -> list[Source]:
    """Enabled sources with no new item for longer than their ``expected_quiet_hours``."""
    return [status.source for status in source_statuses(now=now) if status.quiet]


def due_sources(*, now: datetime | None = None) -> list[Source]:
    """Enabled sources whose next poll time has come; drop folders are cheap and always due."""
    now = now or clock.now()
    due = Q(transport="folder") | Q(health__isnull=True) | Q(health__next_poll_at__isnull=True) \
        | Q(health__next_poll_at__lte=now)
    return list(Source.objects.filter(enabled=True).filter(due).exclude(health__polling_stopped=True)
                .select_related("agency"))


def quarantine_open_count(*, source: Source | None = None) -> int:
    qs = Quarantine.objects.filter(resolved=False)
    return qs.filter(source=source).count() if source is not None else qs.count()
