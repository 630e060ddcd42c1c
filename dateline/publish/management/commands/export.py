"""``dateline export DIR [--site S …] [--workers N]``: write the network as static files."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.network.models import Site
from dateline.publish.export import export_all


class Command(BaseCommand):
    help = "Write every site (DIR/<host>/…: pages, feeds, sitemaps, robots.txt) as static files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path, help="export directory (created if missing)")
        parser.add_argument("--site", action="append", default=[], metavar="SLUG",
                            help="export only this site (repeatable); default: every site and the network index")
        parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 8),
                            help="processes rendering pages in parallel (default: CPU count, at most 8)")

    def handle(self, *args, directory: Path, site: list[str], workers: int, **options) -> None:
        sites = None
        if site:
            sites = list(Site.objects.filter(slug__in=site))
            missing = set(site) - {s.slug for s in sites}
            if missing:
                raise CommandError(f"unknown site(s): {', '.join(sorted(missing))}")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        directory.mkdir(parents=True, exist_ok=True)
        report = export_all(root=directory, sites=sites, workers=workers)
        for error in report.errors[:20]:
            self.stderr.write(f"  {error}")
        self.stdout.write(
            f"exported {report.pages} pages ({report.bytes / 1e6:.1f} MB) to {directory} in {report.seconds:.1f} s:"
            f" {report.pages_per_second:.0f} pages/s; {report.removed} removed, {report.skipped} skipped")
        if report.errors:
            raise CommandError(f"{len(report.errors)} page(s) failed")
