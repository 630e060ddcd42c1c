"""``dateline ingest [SOURCE…]``: run sources once and print what each brought."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from dateline.ingest.runner import count_work, run_sources
from dateline.ingest.transports.folder import STABLE_SECONDS
from dateline.network.models import Source

# Below this many files or fetches a run is quick and a bar is noise.
PROGRESS_MIN = 50


class Command(BaseCommand):
    help = ("Run sources once; prints per source how many items were new, updated, duplicate, stale and "
            "quarantined, with a progress bar on long runs.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="*", help="source slugs (default: every enabled source)")
        parser.add_argument("--stable-seconds", type=float, default=STABLE_SECONDS,
                            help="a dropped file must be unchanged this long before it is read (default %(default)s)")
        parser.add_argument("--progress", choices=["auto", "always", "never"], default="auto",
                            help=f"progress bar: auto shows it on a terminal for {PROGRESS_MIN}+ files or fetches")

    def handle(self, *args, sources: list[str], stable_seconds: float, progress: str, **options) -> None:
        qs = Source.objects.filter(slug__in=sources) if sources else Source.objects.filter(enabled=True)
        qs = qs.select_related("agency")
        missing = set(sources) - set(qs.values_list("slug", flat=True))
        if missing:
            raise CommandError(f"unknown source(s): {', '.join(sorted(missing))}")
        chosen = list(qs)
        total = count_work(chosen, stable_seconds=stable_seconds)
        disable = {"never": True, "always": False}.get(progress, None if total >= PROGRESS_MIN else True)
        with tqdm(total=total, unit="file", desc="ingest", file=sys.stderr, disable=disable,
                  dynamic_ncols=True) as bar:
            results = run_sources(chosen, stable_seconds=stable_seconds, progress=bar.update)
        for source in chosen:
            r = results[source.slug]
            note = " (not modified)" if r.not_modified else ""
            self.stdout.write(f"{source.slug}: {r.summary()}{note}")
            for error in r.errors:
                self.stderr.write(f"  {error}")
