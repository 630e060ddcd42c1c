"""The periodic schedule the worker runs: poll due sources, send due newsletters."""

from __future__ import annotations

from datetime import timedelta

from dateline.core import clock
from dateline.ingest.models import SourceHealth
from dateline.ingest.runner import run_source
from dateline.network.models import Source
from dateline.newsletter.scheduling import run_due as newsletters_run_due


def run_due() -> list[str]:
    lines = []
    now = clock.now()
    for source in Source.objects.filter(enabled=True):
        health, _ = SourceHealth.objects.get_or_create(source=source)
        # Drop folders are cheap to scan; they are checked on every tick.
        if source.transport != "folder" and health.next_poll_at and health.next_poll_at > now:
            continue
        result = run_source(source)
        health.refresh_from_db()
        health.next_poll_at = now + timedelta(minutes=source.poll_minutes)
        health.save(update_fields=["next_poll_at"])
        if result.new or result.updated or result.quarantined:
            lines.append(f"{source.slug}: {result.new} new, {result.updated} updated, "
                         f"{result.quarantined} quarantined")
    # Digests at each newsletter's local send time; a lease keeps two workers from both sending.
    lines += newsletters_run_due()
    return lines
