"""Sending one issue: lease, send log, batches, retries, bounces (THREATS NL-5, NL-6, WRK-1).

Protocol, per batch of send-log rows:
1. renew the issue's lease (only the lease holder sends; a second scheduler finds it held);
2. mark the batch ``sending`` in one statement (written before handing to SMTP);
3. for each row, re-read whether the subscription is still active and the address not
   suppressed (unsubscribes take effect mid-send), send, and record the answer at once:
   ``sent``, ``deferred`` with a back-off (4xx, dropped connection), ``bounced`` (5xx).
A restart resumes with rows still ``queued``, ``sending`` or due ``deferred``; ``sent`` rows
are never sent again. The one crash window that can duplicate a message is between the
server's 250 answer and the commit of that row's ``sent`` (NL-6).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q

from dateline.core import clock
from dateline.newsletter import message, tokens
from dateline.newsletter.models import Issue, SendLog, Subscriber, Subscription, Suppression
from dateline.newsletter.services import mask_email, suppression_add
from dateline.newsletter.transport import Transport

log = logging.getLogger("dateline.newsletter")
BATCH = 500
MAX_ATTEMPTS = 5


def _setting(name: str, default):
    return getattr(settings, name, default)


@dataclass
class SendReport:
    issue_id: int
    sent: int = 0
    deferred: int = 0
    bounced: int = 0
    failed: int = 0
    skipped: int = 0
    lease_held_elsewhere: bool = False
    finished: bool = False
    errors: list[str] = field(default_factory=list)


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
    until = now + timedelta(seconds=_setting("NEWSLETTER_LEASE_SECONDS", 120))
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


def _queue_recipients(issue: Issue) -> None:
    """One send-log row per active, unsuppressed subscriber; re-running adds only newcomers."""
    suppressed = set(Suppression.objects.values_list("email_hash", flat=True))
    active = (Subscription.objects.filter(newsletter_id=issue.newsletter_id, state=Subscription.State.ACTIVE)
              .values_list("subscriber_id", "subscriber__email").order_by("subscriber_id"))
    rows = [SendLog(issue=issue, subscriber_id=sid, newsletter_id=issue.newsletter_id, issue_date=issue.date)
            for sid, email in active.iterator(chunk_size=2000)
            if not suppressed or tokens.email_hash(email) not in suppressed]
    SendLog.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _template(issue: Issue) -> message.MessageTemplate:
    newsletter = issue.newsletter
    domain = newsletter.from_email.rpartition("@")[2] or "localhost"
    return message.build_template(
        subject=issue.subject, from_name=newsletter.name, from_email=newsletter.from_email,
        list_id=f"{newsletter.name} <{newsletter.site.slug}.newsletter.{domain}>",
        text=issue.text, html=issue.html, boundary=f"dateline-{issue.pk}-{uuid.uuid4().hex}")


def _dkim_key() -> message.DkimKey | None:
    config = _setting("NEWSLETTER_DKIM", None)
    if not config:
        return None
    with open(config["key_file"], "rb") as handle:
        return message.DkimKey(domain=config["domain"], selector=config["selector"], private_key=handle.read())


def _personal(issue: Issue, subscriber: Subscriber, domain: str) -> message.Personal:
    site = issue.newsletter.site
    unsubscribe = tokens.unsubscribe_token(key=subscriber.key, newsletter_id=issue.newsletter_id)
    return message.Personal(
        to=subscriber.email,
        unsubscribe_url=site.absolute(f"/newsletter/unsubscribe/{unsubscribe}/"),
        unsubscribe_mailto=f"mailto:unsubscribe@{domain}?subject=unsubscribe%20{unsubscribe}",
        preferences_url=site.absolute(f"/newsletter/preferences/{tokens.manage_token(key=subscriber.key)}/"),
        # Stable per subscriber and issue: a resend after a crash carries the same Message-ID.
        message_id=f"<digest.{issue.pk}.{subscriber.pk}@{domain}>",
    )


def _backoff(attempts: int) -> timedelta:
    base = _setting("NEWSLETTER_RETRY_SECONDS", 300)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


class _Pacer:
    """Throttle to NEWSLETTER_RATE messages per second (0: as fast as the server answers)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.next = time.monotonic()

    def wait(self) -> None:
        if self.interval:
            now = time.monotonic()
            if now < self.next:
                time.sleep(self.next - now)
            self.next = max(now, self.next) + self.interval


def issue_send(*, issue: Issue, owner: str | None = None, progress: Callable[[int], None] | None = None,
               transport: Transport | None = None) -> SendReport:
    """Send (or resume) one issue; returns what happened. Safe to run from any number of processes."""
    owner = owner or owner_id()
    report = SendReport(issue_id=issue.pk)
    if issue.state != Issue.State.SENDING:
        report.finished = True
        return report
    if not lease_claim(issue, owner):
        report.lease_held_elsewhere = True
        return report
    issue = Issue.objects.select_related("newsletter__site").get(pk=issue.pk)
    transport = transport or Transport()
    try:
        _queue_recipients(issue)
        template = _template(issue)
        _send_rows(issue, owner, template, transport, report, progress)
    finally:
        transport.close()
    pending = SendLog.objects.filter(issue=issue, state__in=[SendLog.State.QUEUED, SendLog.State.SENDING,
                                                              SendLog.State.DEFERRED])
    if not report.lease_held_elsewhere and not pending.exists():
        Issue.objects.filter(pk=issue.pk).update(state=Issue.State.SENT, finished_at=clock.now())
        report.finished = True
    lease_release(issue, owner)
    return report


def _due_rows(issue: Issue, after_pk: int) -> list[SendLog]:
    due = Q(state__in=[SendLog.State.QUEUED, SendLog.State.SENDING]) | Q(
        state=SendLog.State.DEFERRED, next_attempt_at__lte=clock.now())
    return list(SendLog.objects.filter(due, issue=issue, pk__gt=after_pk).order_by("pk")[:BATCH])


def _send_rows(issue, owner, template, transport, report, progress) -> None:
    domain = template.envelope_from.rpartition("@")[2] or "localhost"
    dkim_key = _dkim_key()
    pacer = _Pacer(_setting("NEWSLETTER_RATE", 0))
    after = 0
    while True:
        rows = _due_rows(issue, after)
        if not rows:
            if after == 0:
                return
            after = 0  # another pass for rows deferred with a back-off that is already due
            continue
        if not lease_claim(issue, owner):
            report.lease_held_elsewhere = True
            return
        after = rows[-1].pk
        ids = [r.pk for r in rows]
        SendLog.objects.filter(pk__in=ids).update(state=SendLog.State.SENDING)
        subscribers = {s.pk: s for s in Subscriber.objects.filter(pk__in=[r.subscriber_id for r in rows])}
        active = set(Subscription.objects.filter(subscriber_id__in=subscribers, newsletter_id=issue.newsletter_id,
                                                 state=Subscription.State.ACTIVE)
                     .values_list("subscriber_id", flat=True))
        hashes = {tokens.email_hash(s.email): pk for pk, s in subscribers.items()}
        suppressed = {hashes[h] for h in Suppression.objects.filter(email_hash__in=hashes)
                      .values_list("email_hash", flat=True)}
        for row in rows:
            subscriber = subscribers.get(row.subscriber_id)
            if subscriber is None or row.subscriber_id not in active or row.subscriber_id in suppressed:
                SendLog.objects.filter(pk=row.pk).update(state=SendLog.State.SKIPPED)
                report.skipped += 1
                continue
            _send_one(issue, row, subscriber, template, transport, domain, dkim_key, report)
            pacer.wait()
            if progress:
                progress(1)


def _send_one(issue, row, subscriber, template, transport, domain, dkim_key, report) -> None:
    try:
        data = message.personalise(template, _personal(issue, subscriber, domain), dkim_key)
    except ValueError as exc:  # one bad row never aborts the batch (HTML-6)
        SendLog.objects.filter(pk=row.pk).update(state=SendLog.State.FAILED, last_error=str(exc)[:300])
        report.failed += 1
        return
    outcome = transport.send(sender=template.envelope_from, recipient=subscriber.email, data=data)
    now = clock.now()
    rows = SendLog.objects.filter(pk=row.pk)
    if outcome.ok:
        rows.update(state=SendLog.State.SENT, sent_at=now, attempts=F("attempts") + 1, last_code=outcome.code)
        report.sent += 1
    elif outcome.temporary and row.attempts + 1 < MAX_ATTEMPTS:
        rows.update(state=SendLog.State.DEFERRED, attempts=F("attempts") + 1, last_code=outcome.code,
                    last_error=outcome.error, next_attempt_at=now + _backoff(row.attempts + 1))
        report.deferred += 1
    elif outcome.temporary:
        rows.update(state=SendLog.State.FAILED, attempts=F("attempts") + 1, last_code=outcome.code,
                    last_error=outcome.error)
        report.failed += 1
    else:
        rows.update(state=SendLog.State.BOUNCED, attempts=F("attempts") + 1, last_code=outcome.code,
                    last_error=outcome.error)
        report.bounced += 1
        if outcome.hard_bounce:
            suppression_add(email=subscriber.email, reason="hard_bounce", detail=f"{outcome.code} {outcome.error}")
        log.info("bounce %s for %s", outcome.code, mask_email(subscriber.email))
