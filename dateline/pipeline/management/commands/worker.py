"""``dateline worker``: runs queued tasks (django-tasks-db) and the periodic schedule."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandParser

from dateline.pipeline.schedule import run_due


def _stop(signum, frame) -> None:
    # SIGTERM (from `dateline demo`, systemd, docker stop) ends the loop like Ctrl-C, so the task
    # worker child is stopped too instead of being orphaned.
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run queued background tasks and the periodic schedule (source polling, newsletters)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between schedule checks")
        parser.add_argument("--stable-seconds", type=float, default=None,
                            help="take drop-folder files unchanged for this long (default: the transport's)")
        parser.add_argument("--once", action="store_true", help="run the due schedule once and exit")
        parser.add_argument("--no-tasks", action="store_true", help="do not start the task worker")

    def handle(self, *args, interval: float, stable_seconds: float | None, once: bool, no_tasks: bool,
               **options) -> None:
        if once:
            for line in run_due(stable_seconds=stable_seconds):
                self.stdout.write(line)
            return
        signal.signal(signal.SIGTERM, _stop)
        tasks = None if no_tasks else subprocess.Popen(
            [sys.executable, "-m", "dateline.pipeline.cli", "manage", "db_worker",
             "--queue-name", "*", "--interval", "1"])
        try:
            while True:
                for line in run_due(stable_seconds=stable_seconds):
                    self.stdout.write(line)
                    self.stdout.flush()
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
        finally:
            if tasks:
                tasks.terminate()
                tasks.wait(timeout=30)
