"""Sending one issue: lease, send log, batches, retries, bounces (THREATS NL-5, NL-6, WRK-1).

Protocol, per batch of send-log rows:
1. renew the issue's lease (only the lease holder sends; a second scheduler finds it held);
2. mark the batch ``sending`` in one statement (written before handing to SMTP);
3. re-read which subscriptions are still active and which addresses suppressed (an
   unsubscribe takes effect mid-send); for each row still wanted, send and record the answer:
   ``sent`` (through ``sentlog.SentRecorder``, which commits while the next message is
   already on its way), ``deferred`` with a back-off (4xx, dropped connection), ``bounced``
   (5xx).
A restart resumes with rows still ``queued``, ``sending`` or due ``deferred``; ``sent`` rows
are never sent again. The one crash window that can duplicate a message is between the
server's 250 answer and the commit of that row's ``sent``, at most ``sentlog.WINDOW``
messages (NL-6).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import connection
from django.db.models import F, Q

from dateline.core import clock
from dateline.newsletter import message, tokens
from dateline.newsletter.lease import lease_claim, lease_release, owner_id
from dateline.newsletter.models import Issue, SendLog, Subscriber, Subscription, Suppression
from dateline.newsletter.sentlog import SentRecorder
from dateline.newsletter.services import mask_email, suppression_add
from dateline.newsletter.transport import Transport

log = logging.getLogger("dateline.newsletter")
BATCH = 500
MAX_ATTEMPTS = 5
_LOG = SendLog._meta.db_table


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


@dataclass
class _Run:
    """What one send of one issue shares across its messages, built once."""

    issue: Issue
    owner: str
    template: message.MessageTemplate
    transport: Transport
    report: SendReport
    progress: Callable[[int], None] | None
    domain: str
    base_url: str
    dkim_key: message.DkimKey | None
    recorder: SentRecorder | None = None
    unsubscribe_signer: signing.Signer = field(default_factory=tokens.unsubscribe_signer)
    manage_signer: signing.Signer = field(default_factory=tokens.manage_signer)


def _queue_recipients(issue: Issue) -> None:
    """One send-log row per active subscriber; re-running adds only newcomers.

    One INSERT … SELECT, no rows through Python. Suppressed addresses are queued too and
    skipped at send time, where suppressions are checked anyway (one may arrive mid-send).
    """
    subscriptions = Subscription._meta.db_table
    with connection.cursor() as cursor:
        # Table names come from the models, never from input; values are parameters.
        cursor.execute(
            f"INSERT INTO {_LOG} (issue_id, subscriber_id, newsletter_id, issue_date, state, attempts, "  # noqa: S608
            f"last_error) SELECT %s, subscriber_id, newsletter_id, %s, %s, 0, '' FROM {subscriptions} "
            "WHERE newsletter_id = %s AND state = %s ON CONFLICT DO NOTHING",
            [issue.pk, connection.ops.adapt_datefield_value(issue.date), SendLog.State.QUEUED.value, issue.newsletter_id,
             Subscription.State.ACTIVE.value])


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


def _personal(run: _Run, subscriber_id: int, email: str, key: str) -> message.Personal:
    issue = run.issue
    unsubscribe = tokens.unsubscribe_token(key=key, newsletter_id=issue.newsletter_id, signer=run.unsubscribe_signer)
    manage = tokens.manage_token(key=key, signer=run.manage_signer)
    return message.Personal(
        to=email,
        unsubscribe_url=f"{run.base_url}/newsletter/unsubscribe/{unsubscribe}/",
        unsubscribe_mailto=f"mailto:unsubscribe@{run.domain}?subject=unsubscribe%20{unsubscribe}",
        preferences_url=f"{run.base_url}/newsletter/preferences/{manage}/",
        # Stable per subscriber and issue: a resend after a crash carries the same Message-ID.
        message_id=f"<digest.{issue.pk}.{subscriber_id}@{run.domain}>",
    )


def sample_message(issue: Issue, subscriber: Subscriber) -> bytes:
    """One subscriber's digest as it would be sent (previews, the benchmark's raw peer)."""
    issue = Issue.objects.select_related("newsletter__site").get(pk=issue.pk)
    template = _template(issue)
    run = _Run(issue=issue, owner="", template=template, transport=None, report=SendReport(issue_id=issue.pk),
               progress=None, domain=template.envelope_from.rpartition("@")[2] or "localhost",
               base_url=issue.newsletter.site.base_url, dkim_key=None)
    return message.personalise(template, _personal(run, subscriber.pk, subscriber.email, subscriber.key))


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
        run = _Run(issue=issue, owner=owner, template=template, transport=transport, report=report,
                   progress=progress, domain=template.envelope_from.rpartition("@")[2] or "localhost",
                   base_url=issue.newsletter.site.base_url, dkim_key=_dkim_key())
        run.recorder = SentRecorder()
        try:
            _send_rows(run)
        finally:
            run.recorder.close()  # commits every message the server accepted before returning
    finally:
        transport.close()
    pending = SendLog.objects.filter(issue=issue, state__in=[SendLog.State.QUEUED, SendLog.State.SENDING,
                                                              SendLog.State.DEFERRED])
    if not report.lease_held_elsewhere and not pending.exists():
        Issue.objects.filter(pk=issue.pk).update(state=Issue.State.SENT, finished_at=clock.now())
        report.finished = True
    lease_release(issue, owner)
    return report


def _due_rows(issue: Issue, after_pk: int) -> list[tuple[int, int, int]]:
    """(row id, subscriber id, attempts) of the next batch still to send."""
    due = Q(state__in=[SendLog.State.QUEUED, SendLog.State.SENDING]) | Q(
        state=SendLog.State.DEFERRED, next_attempt_at__lte=clock.now())
    return list(SendLog.objects.filter(due, issue=issue, pk__gt=after_pk).order_by("pk")
                .values_list("pk", "subscriber_id", "attempts")[:BATCH])


def _send_rows(run: _Run) -> None:
    issue, report = run.issue, run.report
    pacer = _Pacer(_setting("NEWSLETTER_RATE", 0))
    after = 0
    while True:
        rows = _due_rows(issue, after)
        if not rows:
            if after == 0:
                return
            # Another pass, for rows deferred with a back-off already due. Rows accepted but not
            # yet recorded are still 'sending': record them first, or they would be sent twice.
            run.recorder.flush()
            after = 0
            continue
        if not lease_claim(issue, run.owner):
            report.lease_held_elsewhere = True
            return
        after = rows[-1][0]
        SendLog.objects.filter(pk__in=[r[0] for r in rows]).update(state=SendLog.State.SENDING)
        # Re-read per batch: an unsubscribe or a suppression takes effect mid-send (NL-4, NL-5).
        people = {pk: (email, key) for pk, email, key in Subscriber.objects.filter(
            pk__in=[r[1] for r in rows], subscriptions__newsletter_id=issue.newsletter_id,
            subscriptions__state=Subscription.State.ACTIVE).values_list("pk", "email", "key")}
        hashes = {tokens.email_hash(email): pk for pk, (email, _) in people.items()}
        for suppressed in Suppression.objects.filter(email_hash__in=hashes).values_list("email_hash", flat=True):
            people.pop(hashes[suppressed], None)
        skipped = [r[0] for r in rows if r[1] not in people]
        if skipped:
            SendLog.objects.filter(pk__in=skipped).update(state=SendLog.State.SKIPPED)
            report.skipped += len(skipped)
        for row_id, subscriber_id, attempts in rows:
            if subscriber_id in people:
                email, key = people[subscriber_id]
                _send_one(run, row_id, attempts, subscriber_id, email, key)
                pacer.wait()
                if run.progress:
                    run.progress(1)


def _send_one(run: _Run, row_id: int, attempts: int, subscriber_id: int, email: str, key: str) -> None:
    report = run.report
    try:
        data = message.personalise(run.template, _personal(run, subscriber_id, email, key), run.dkim_key)
    except ValueError as exc:  # one bad row never aborts the batch (HTML-6)
        SendLog.objects.filter(pk=row_id).update(state=SendLog.State.FAILED, last_error=str(exc)[:300])
        report.failed += 1
        return
    outcome = run.transport.send(sender=run.template.envelope_from, recipient=email, data=data)
    if outcome.ok:
        run.recorder.record(row_id)
        report.sent += 1
        return
    now = clock.now()
    rows = SendLog.objects.filter(pk=row_id)
    if outcome.temporary and attempts + 1 < MAX_ATTEMPTS:
        rows.update(state=SendLog.State.DEFERRED, attempts=F("attempts") + 1, last_code=outcome.code,
                    last_error=outcome.error, next_attempt_at=now + _backoff(attempts + 1))
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
            suppression_add(email=email, reason="hard_bounce", detail=f"{outcome.code} {outcome.error}")
        log.info("bounce %s for %s", outcome.code, mask_email(email))
