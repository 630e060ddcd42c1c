"""The periodic schedule the worker runs: poll due sources, send due newsletters."""

from __future__ import annotations

from dateline.core import clock
from dateline.ingest.runner import run_sources
from dateline.ingest.selectors import due_sources
from dateline.newsletter.scheduling import run_due as newsletters_run_due


def run_due() -> list[str]:
    lines = poll_sources()
    # Digests at each newsletter's local send time; a lease keeps two workers from both sending.
    lines += newsletters_run_due()
    return lines


def poll_sources() -> list[str]:
    """Poll the sources that are due (health.next_poll_at, set with back-off and jitter by ingest)."""
    lines = []
    sources = due_sources(now=clock.now())
    for slug, result in run_sources(sources).items():
        if result.new or result.updated or result.quarantined or result.errors:
            lines.append(f"{slug}: {result.summary()}")
    return lines
