"""``dateline newsletter``: send due digests, preview one, handle subscriber requests by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from dateline.network.models import Site
from dateline.newsletter import feedback, services
from dateline.newsletter.models import Issue, SendLog, Subscription
from dateline.newsletter.scheduling import send_due
from dateline.newsletter.selectors import subscriber_by_email


class Command(BaseCommand):
    help = "Send due newsletter digests (send), or export/erase/suppress a subscriber."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="send the due digests now (or one site's/one date's)")
        send.add_argument("--site", help="only this site's newsletter (slug)")
        send.add_argument("--date", type=date.fromisoformat,
                          help="issue date (YYYY-MM-DD, the newsletter's local date); default: what is due now")
        send.add_argument("--no-progress", action="store_true", help="no progress bar")
        for name, text in (("export", "print a subscriber's data as JSON"),
                           ("erase", "delete a subscriber and all their data")):
            action = sub.add_parser(name, help=text)
            action.add_argument("email")
        suppress = sub.add_parser("suppress", help="never send to an address again (bounce, complaint)")
        suppress.add_argument("email")
        suppress.add_argument("--reason", choices=["hard_bounce", "complaint", "manual"], default="manual")
        inbound = sub.add_parser("inbound", help="act on returned mail: bounce reports (RFC 3464), complaints "
                                                 "(RFC 5965 ARF), mailto unsubscribes; one message per file")
        inbound.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"do_{action}")(**options)

    def do_send(self, *, site: str | None, date: date | None, no_progress: bool, **options) -> None:
        if site and not Site.objects.filter(slug=site).exists():
            raise CommandError(f"unknown site {site!r}")

        def bar(issue: Issue):
            if no_progress:
                return None
            total = (Subscription.objects.filter(newsletter=issue.newsletter, state=Subscription.State.ACTIVE)
                     .count() - SendLog.objects.filter(issue=issue, state=SendLog.State.SENT).count())
            progress = tqdm(total=max(total, 0), desc=f"{issue.newsletter.site.slug} {issue.date}",
                            unit="msg", file=self.stderr._out, leave=True)
            return progress.update

        results = send_due(site=site, day=date, progress=bar)
        if not results:
            self.stdout.write("nothing due")
        for issue, report in results:
            state = Issue.objects.get(pk=issue.pk).state
            if report.lease_held_elsewhere:
                detail = "being sent by another process"
            else:
                detail = (f"{report.sent} sent, {report.deferred} deferred, {report.bounced} bounced, "
                          f"{report.failed} failed, {report.skipped} skipped")
            self.stdout.write(f"{issue.newsletter.site.slug} {issue.date}: {state}; {detail}")

    def _subscriber(self, email: str):
        subscriber = subscriber_by_email(services.normalise_email(email) or "")
        if subscriber is None:
            raise CommandError("no subscriber with that address")
        return subscriber

    def do_export(self, *, email: str, **options) -> None:
        self.stdout.write(json.dumps(services.subscriber_export(subscriber=self._subscriber(email)), indent=2))

    def do_erase(self, *, email: str, **options) -> None:
        services.subscriber_erase(subscriber=self._subscriber(email))
        self.stdout.write("erased")

    def do_suppress(self, *, email: str, reason: str, **options) -> None:
        normalised = services.normalise_email(email)
        if normalised is None:
            raise CommandError("not an email address")
        services.suppression_add(email=normalised, reason=reason)
        self.stdout.write("suppressed")

    def do_inbound(self, *, files: list[Path], **options) -> None:
        for path in files:
            try:
                line = feedback.apply(feedback.parse(path.read_bytes()[:10_000_000]))
            except OSError as exc:
                line = f"unreadable ({exc.strerror})"
            self.stdout.write(f"{path.name}: {line}")
