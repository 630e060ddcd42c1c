"""``dateline serve``: gunicorn serving every site of the network on one machine."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve every site of the network with gunicorn (http://<site>.localhost:PORT/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, port: int, host: str, workers: int, threads: int, **options) -> None:
        # Public URLs (sister boxes, feeds, emails) carry the port the network is served on.
        os.environ.setdefault("DATELINE_PUBLIC_PORT", str(port))
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        argv = [sys.executable, "-m", "gunicorn", "dateline.wsgi:application", "--bind", bind,
                "--workers", str(workers), "--threads", str(threads), "--access-logfile", "-",
                "--timeout", "30", "--graceful-timeout", "20"]
        self.stdout.write(f"serving on http://localhost:{port}/ (Ctrl-C to stop)")
        sys.stdout.flush()
        os.execv(sys.executable, argv)
