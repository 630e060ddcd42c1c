"""The ``dateline`` command: a thin front over Django management commands.

Each subcommand is a management command of the app that owns it; this table is the
explicit registry (DESIGN style 6) and the source of ``dateline --help``.
"""

from __future__ import annotations

import os
import sys

COMMANDS: dict[str, str] = {
    "demo": "Build the demo network from scratch (database, sites, wire items, articles) and serve it",
    "serve": "Serve every site of the network (gunicorn) on one machine",
    "worker": "Run queued background tasks and the periodic schedule (source polling, newsletters)",
    "network": "Load or check the network configuration TOML file",
    "ingest": "Run sources once and report new, updated, duplicate and quarantined items",
    "parse": "Parse a wire file, feed, page or URL and print its items or the error (--json); no database",
    "editor": "Add desk accounts (editor or chief editor, optionally limited to sites), list them, unlock",
    "newsletter": "Send due newsletter digests (send [--site S] [--date D]); inbound bounces; export, erase, suppress",
    "export": "Write the network as static files (pages, feeds, sitemaps) for nginx or a CDN",
    "route": "Train the router from an archive (train FILE.jsonl), retrain it, or evaluate it offline",
    "manage": "Pass the remaining arguments to Django's management commands",
}


def _usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: dateline COMMAND [ARGS…]   (dateline COMMAND --help for its options)", "", "commands:"]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += ["", "environment: DATELINE_DATA_DIR, DATABASE_URL, DATELINE_SECRET_KEY, DATELINE_DEBUG,",
              "             DATELINE_ALLOWED_HOSTS, EMAIL_URL (see README)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    if args[0] in {"--version", "version"}:
        from dateline import __version__

        print(f"dateline {__version__}")
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"dateline: unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    from django.core.management import execute_from_command_line

    if name == "manage":
        execute_from_command_line(["dateline manage", *rest])
    else:
        execute_from_command_line(["dateline", name, *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
