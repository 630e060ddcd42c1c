"""``dateline network load FILE``: create or update the network from a TOML file, idempotently."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.core.errors import ConfigError
from dateline.network import config
from dateline.network.services import network_load


class Command(BaseCommand):
    help = "Manage the network configuration (sites, sections, sources, agencies, newsletters)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Create or update the network from a TOML file; prints what changed.")
        load.add_argument("file")
        check = sub.add_parser("check", help="Validate a TOML file without changing anything.")
        check.add_argument("file")

    def handle(self, *args, action: str, file: str, **options) -> None:
        try:
            spec = config.load(file)
        except ConfigError as exc:
            raise CommandError(f"invalid network file: {exc}")
        if action == "check":
            self.stdout.write(f"{file}: valid ({len(spec.sites)} sites, {len(spec.sources)} sources)")
            return
        changes = network_load(spec=spec)
        for line in changes.lines:
            self.stdout.write(line)
        if not changes.changed:
            self.stdout.write("no changes")
