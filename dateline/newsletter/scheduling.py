"""Which issues are due, and sending them: shared by ``dateline newsletter send`` and the worker.

Due: the newsletter's local send time has passed today (``digest.due_date``), and today's
issue is not finished. Issues left ``sending`` by a crash or by deferred retries are resumed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from dateline.core import clock
from dateline.network.models import NewsletterConfig
from dateline.newsletter import digest
from dateline.newsletter.delivery import SendReport, issue_send
from dateline.newsletter.models import Issue
from dateline.newsletter.selectors import newsletters_enabled
from dateline.newsletter.services import issue_prepare

RESUME_DAYS = 3  # unfinished issues older than this are left alone


def due_issues(*, now: datetime | None = None, site: str | None = None, day: date | None = None) -> list[Issue]:
    now = now or clock.now()
    newsletters: list[NewsletterConfig] = list(newsletters_enabled())
    if site:
        newsletters = [n for n in newsletters if n.site.slug == site]
    issues = []
    for newsletter in newsletters:
        wanted = day or digest.due_date(now, newsletter.send_time, newsletter.timezone)
        if wanted is not None:
            issues.append(issue_prepare(newsletter=newsletter, day=wanted))
    if day is None:
        ids = {i.pk for i in issues}
        issues += [i for i in Issue.objects.filter(state=Issue.State.SENDING, newsletter__in=newsletters,
                                                   date__gte=(now - timedelta(days=RESUME_DAYS)).date())
                   if i.pk not in ids]
    return issues


def send_due(*, now: datetime | None = None, site: str | None = None, day: date | None = None,
             progress: Callable[[Issue], Callable[[int], None] | None] | None = None) -> list[tuple[Issue, SendReport]]:
    results = []
    for issue in due_issues(now=now, site=site, day=day):
        if issue.state == Issue.State.SENDING:
            results.append((issue, issue_send(issue=issue, progress=progress(issue) if progress else None)))
        else:
            results.append((issue, SendReport(issue_id=issue.pk, finished=True)))
    return results


def run_due() -> list[str]:
    """The worker's tick: one line per issue that did something."""
    lines = []
    for issue, report in send_due():
        if report.sent or report.bounced or report.deferred or report.failed:
            lines.append(f"newsletter {issue.newsletter.site.slug} {issue.date}: {report.sent} sent, "
                         f"{report.deferred} deferred, {report.bounced} bounced, {report.failed} failed")
    return lines
