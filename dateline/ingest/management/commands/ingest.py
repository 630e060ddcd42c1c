"""``dateline ingest [SOURCE…]``: run sources once and print what each brought."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.ingest.runner import run_source
from dateline.network.models import Source


class Command(BaseCommand):
    help = "Run sources once; prints per source how many items were new, updated, duplicate, quarantined."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="*", help="source slugs (default: every enabled source)")
        parser.add_argument("--stable-seconds", type=float, default=2.0,
                            help="a dropped file must be unchanged this long before it is read")

    def handle(self, *args, sources: list[str], stable_seconds: float, **options) -> None:
        qs = Source.objects.filter(slug__in=sources) if sources else Source.objects.filter(enabled=True)
        missing = set(sources) - set(qs.values_list("slug", flat=True))
        if missing:
            raise CommandError(f"unknown source(s): {', '.join(sorted(missing))}")
        for source in qs:
            r = run_source(source, stable_seconds=stable_seconds)
            self.stdout.write(f"{source.slug}: {r.new} new, {r.updated} updated, {r.duplicate} duplicate, "
                              f"{r.stale} stale, {r.quarantined} quarantined")
            for error in r.errors:
                self.stderr.write(f"  {error}")
