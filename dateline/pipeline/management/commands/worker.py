"""``dateline worker``: runs queued tasks (django-tasks-db) and the periodic schedule.

With ``--watch S`` it also looks into the drop folders every S seconds between schedule runs and ingests
a source as soon as a file in its folder is ready. Looking is a directory scan with no database access,
so an idle watch costs nothing; the schedule's health bookkeeping keeps its own, slower cadence.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from dateline.ingest.runner import run_sources
from dateline.ingest.transports import folder
from dateline.network.models import Source
from dateline.pipeline.schedule import run_due


def _stop(signum, frame) -> None:
    # SIGTERM (from `dateline demo`, systemd, docker stop) ends the loop like Ctrl-C, so the task
    # worker child is stopped too instead of being orphaned.
    raise KeyboardInterrupt


def folders_ready(sources: list[Source], *, stable_seconds: float) -> list[Source]:
    """Folder sources with at least one file ready to take (a directory scan, no database)."""
    ready = []
    for source in sources:
        path = folder.folder_path(source.location, settings.DATA_DIR)
        if next(iter(folder.ready_files(path, stable_seconds=stable_seconds)), None) is not None:
            ready.append(source)
    return ready


class Command(BaseCommand):
    help = "Run queued background tasks and the periodic schedule (source polling, newsletters)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between schedule runs")
        parser.add_argument("--watch", type=float, default=None,
                            help="also scan drop folders every this many seconds and ingest ready files at once")
        parser.add_argument("--stable-seconds", type=float, default=None,
                            help="take drop-folder files unchanged for this long (default: the transport's)")
        parser.add_argument("--once", action="store_true", help="run the due schedule once and exit")
        parser.add_argument("--no-tasks", action="store_true", help="do not start the task worker")

    def handle(self, *args, interval: float, watch: float | None, stable_seconds: float | None, once: bool,
               no_tasks: bool, **options) -> None:
        if once:
            self._write(run_due(stable_seconds=stable_seconds))
            return
        signal.signal(signal.SIGTERM, _stop)
        tasks = None if no_tasks else subprocess.Popen(
            [sys.executable, "-m", "dateline.pipeline.cli", "manage", "db_worker",
             "--queue-name", "*", "--interval", "1"])
        try:
            self._loop(interval, watch, stable_seconds)
        except KeyboardInterrupt:
            pass
        finally:
            if tasks:
                tasks.terminate()
                tasks.wait(timeout=30)

    def _loop(self, interval: float, watch: float | None, stable_seconds: float | None) -> None:
        stable = folder.STABLE_SECONDS if stable_seconds is None else stable_seconds
        next_run, folders = 0.0, []
        while True:
            if time.monotonic() >= next_run:
                self._write(run_due(stable_seconds=stable_seconds))
                folders = list(Source.objects.filter(enabled=True, transport="folder"))
                next_run = time.monotonic() + interval
            elif watch and (ready := folders_ready(folders, stable_seconds=stable)):
                results = run_sources(ready, stable_seconds=stable)
                self._write([f"{slug}: {r.summary()}" for slug, r in results.items()])
            time.sleep(min(watch or interval, max(0.0, next_run - time.monotonic())) or 0.01)

    def _write(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(line)
        self.stdout.flush()
