"""``dateline demo``: database, demo network, wire files → ingest → stories → articles, then serve."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from dateline.ingest.runner import run_source
from dateline.network import config
from dateline.network.models import Site, Source
from dateline.network.services import network_load
from dateline.pipeline.demo import NETWORK_FILE, write_demo_files


class Command(BaseCommand):
    help = "Build the demo network (idempotent) and serve it; --no-serve only builds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="build the demo without serving it")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
        parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")

    def handle(self, *args, no_serve: bool, port: int, host: str, **options) -> None:
        self.stdout.write(f"data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        changes = network_load(spec=config.load(NETWORK_FILE))
        self.stdout.write(f"network: {len(changes.lines)} change(s)" if changes.changed else "network: unchanged")
        files = write_demo_files(settings.DATA_DIR)
        self.stdout.write(f"wrote {len(files)} demo wire file(s) into {settings.DATA_DIR / 'inbox'}")
        for source in Source.objects.filter(enabled=True):
            r = run_source(source, stable_seconds=0)
            self.stdout.write(f"  {source.slug}: {r.new} new, {r.updated} updated, {r.duplicate} duplicate, "
                              f"{r.quarantined} quarantined")
        suffix = f":{port}"
        self.stdout.write("\nOpen:")
        self.stdout.write(f"  network index  http://localhost{suffix}/")
        for site in Site.objects.all():
            self.stdout.write(f"  {site.name:<16} http://{site.host}{suffix}/")
        if not no_serve:
            call_command("serve", port=port, host=host)
