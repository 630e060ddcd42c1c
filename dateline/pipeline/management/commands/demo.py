"""``dateline demo``: build the demo network (idempotent), print where to look, then serve it with a worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from dateline.network.models import Site
from dateline.pipeline.demo.build import demo_build
from dateline.pipeline.management.commands.serve import gunicorn_argv

# While the demo serves, the worker scans the drop folders this often and takes files unchanged for this
# long (DROP-1: writers that rename a finished .tmp file into place are never read half-written), so a
# dropped file is live within about a second.
WATCH_SECONDS = 0.1
STABLE_SECONDS = 0.25


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Build the demo network (idempotent) and serve it; --no-serve only builds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="build the demo without serving it")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
        parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")

    def handle(self, *args, no_serve: bool, port: int, host: str, **options) -> None:
        data_dir = settings.DATA_DIR
        self.stdout.write(f"data directory: {data_dir}")
        report = demo_build(data_dir=data_dir)
        self.stdout.write(f"network: {len(report.network_changes)} change(s)" if report.network_changes
                          else "network: unchanged")
        self.stdout.write(f"wire files: {len(report.files_written)} written into {data_dir / 'inbox'}, "
                          f"{report.files_skipped} already ingested")
        for slug, r in report.ingest.items():
            self.stdout.write(f"  {slug:<12} {r.new} new, {r.updated} updated, {r.duplicate} duplicate, "
                              f"{r.quarantined} quarantined")
        self._print_urls(port, report)
        if not no_serve:
            self._serve(host, port)

    def _print_urls(self, port: int, report) -> None:
        suffix = "" if port == 80 else f":{port}"
        self.stdout.write("\nOpen:")
        self.stdout.write(f"  network index    http://localhost{suffix}/")
        for site in Site.objects.all():
            self.stdout.write(f"  {site.name:<16} http://{site.host}{suffix}/")
        self.stdout.write(f"  editorial desk   http://localhost{suffix}/desk/   user {report.editor_username!r}, "
                          f"password {report.editor_password!r}"
                          f"{' (created now)' if report.editor_created else ''}")
        self.stdout.write(f"  outgoing mail    {settings.DATA_DIR / 'mail'}")
        self.stdout.write(f"  drop a wire file into {settings.DATA_DIR / 'inbox'}/<source>/ and it goes live")

    def _serve(self, host: str, port: int) -> None:
        # Public URLs (sister boxes, feeds, emails) carry the port; both children inherit it.
        os.environ.setdefault("DATELINE_PUBLIC_PORT", str(port))
        worker = subprocess.Popen([sys.executable, "-m", "dateline.pipeline.cli", "worker",
                                   "--watch", str(WATCH_SECONDS), "--stable-seconds", str(STABLE_SECONDS)])
        self.stdout.write(f"\nserving on http://localhost:{port}/ with a worker polling the drop folders "
                          "(Ctrl-C to stop)")
        self.stdout.flush()
        server = subprocess.Popen(gunicorn_argv(host=host, port=port))
        signal.signal(signal.SIGTERM, _stop)
        try:
            server.wait()
        except KeyboardInterrupt:
            # Ctrl-C reaches gunicorn from the terminal too; a SIGTERM to this process alone does not.
            server.send_signal(signal.SIGINT)
        finally:
            for child in (server, worker):
                if child.poll() is None:
                    child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
