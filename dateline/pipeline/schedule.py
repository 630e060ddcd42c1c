"""The periodic schedule the worker runs: poll due sources, release embargoed stories, retrain routing,
send due newsletters.

The worker calls ``run_due`` every few seconds (``--interval``, 5 s by default), so an embargo is
released within seconds of its time (WIRE-2 asks for ±60 s).
"""

from __future__ import annotations

from dateline.core import clock
from dateline.desk import services as desk
from dateline.ingest.runner import run_sources
from dateline.ingest.selectors import due_sources
from dateline.newsletter.scheduling import run_due as newsletters_run_due
from dateline.publish import services as publish


def run_due(*, stable_seconds: float | None = None) -> list[str]:
    lines = poll_sources(stable_seconds=stable_seconds)
    for story in desk.stories_release_due(now=clock.now()):
        lines.append(f"released from embargo: {story.pk} {story.headline[:60]}")
    retrained = desk.router_retrain_due()
    if retrained:
        lines.append(f"routing retrained on {retrained['records']} records, {retrained['labels']} sections")
    # Digests at each newsletter's local send time; a lease keeps two workers from both sending.
    lines += newsletters_run_due()
    purged = publish.consent_records_purge_due()
    if purged:
        lines.append(f"consent records past retention deleted: {purged}")
    return lines


def poll_sources(*, stable_seconds: float | None = None) -> list[str]:
    """Poll the sources that are due (health.next_poll_at, set with back-off and jitter by ingest).

    ``stable_seconds`` overrides how long a drop-folder file must be unchanged before it is taken (DROP-1);
    the demo's worker uses a short wait so a dropped file is live within about a second.
    """
    lines = []
    sources = due_sources(now=clock.now())
    options = {} if stable_seconds is None else {"stable_seconds": stable_seconds}
    for slug, result in run_sources(sources, **options).items():
        if result.new or result.updated or result.quarantined or result.errors:
            lines.append(f"{slug}: {result.summary()}")
    return lines
