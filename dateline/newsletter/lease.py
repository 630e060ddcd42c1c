"""The lease on an issue: only its holder sends it (THREATS WRK-1).

Taken and renewed with one conditional UPDATE, atomic on SQLite and PostgreSQL alike; it
lapses after NEWSLETTER_LEASE_SECONDS, or at once when its holder was a process of this host
that no longer exists (a sender killed with SIGKILL is resumed without waiting).
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from dateline.core import clock
from dateline.newsletter.models import Issue


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _owner_dead(owner: str) -> bool:
    """A lease held by a process of this host that no longer exists (killed sender) is free."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def lease_claim(issue: Issue, owner: str) -> bool:
    """Take or renew the issue's lease with one conditional UPDATE (atomic on both backends)."""
    now = clock.now()
    until = now + timedelta(seconds=getattr(settings, "NEWSLETTER_LEASE_SECONDS", 120))
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_owner=owner)
    if Issue.objects.filter(pk=issue.pk, state=Issue.State.SENDING).filter(free).update(
            lease_owner=owner, lease_until=until):
        return True
    current = Issue.objects.filter(pk=issue.pk).values_list("lease_owner", flat=True).first()
    if current and _owner_dead(current):
        return bool(Issue.objects.filter(pk=issue.pk, lease_owner=current).update(
            lease_owner=owner, lease_until=until))
    return False


def lease_release(issue: Issue, owner: str) -> None:
    Issue.objects.filter(pk=issue.pk, lease_owner=owner).update(lease_owner="", lease_until=None)
