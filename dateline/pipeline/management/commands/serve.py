"""``dateline serve``: gunicorn serving every site of the network on one machine."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandParser


def _has_control_socket() -> bool:
    from gunicorn import config

    return any(s.name == "control_socket_disable" for s in config.KNOWN_SETTINGS)


def gunicorn_argv(*, host: str, port: int, workers: int = 2, threads: int = 4, access_log: bool = True) -> list[str]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [sys.executable, "-m", "gunicorn", "dateline.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--threads", str(threads), "--timeout", "30", "--graceful-timeout", "20"]
    if access_log:
        argv += ["--access-logfile", "-"]
    # Newer gunicorn opens one control socket per user (~/.gunicorn/gunicorn.ctl); two servers on one
    # machine (several networks, a benchmark beside the demo) would fight over it, and nothing here uses it.
    if _has_control_socket():
        argv.append("--no-control-socket")
    return argv


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
        argv = gunicorn_argv(host=host, port=port, workers=workers, threads=threads)
        self.stdout.write(f"serving on http://localhost:{port}/ (Ctrl-C to stop)")
        sys.stdout.flush()
        os.execv(sys.executable, argv)
