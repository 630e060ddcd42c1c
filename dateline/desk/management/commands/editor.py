"""``dateline editor``: create desk accounts with a role and site limits, list them, lift login locks."""

from __future__ import annotations

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.desk import accounts, selectors


class Command(BaseCommand):
    help = "Manage desk accounts: add (editor or chief editor, optionally limited to sites), list, unlock."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Create or update a desk account.")
        add.add_argument("username")
        role = add.add_mutually_exclusive_group()
        role.add_argument("--chief", action="store_true", help="chief editor: every site, sources, users")
        role.add_argument("--sites", default="", help="comma-separated site slugs this editor may act on "
                                                      "(default: every site)")
        add.add_argument("--email", default=None, help="address for password reset links")
        add.add_argument("--password-stdin", action="store_true",
                         help="read the password from the first line of standard input (for scripts)")
        add.add_argument("--keep-password", action="store_true", help="update role and sites only")
        sub.add_parser("list", help="List desk accounts with their role and sites.")
        unlock = sub.add_parser("unlock", help="Lift the login lock of an account after failed attempts.")
        unlock.add_argument("username")

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            for profile in selectors.editors():
                sites = ", ".join(s.slug for s in profile.sites.all()) or "all sites"
                role = "chief editor" if profile.is_chief else "editor"
                self.stdout.write(f"{profile.user.username}\t{role}\t{sites}")
            return
        if action == "unlock":
            accounts.throttle_clear(username=options["username"])
            self.stdout.write(f"{options['username']}: unlocked")
            return
        password = None
        if not options["keep_password"]:
            password = self._password(options["password_stdin"])
        sites = [s.strip() for s in options["sites"].split(",") if s.strip()]
        try:
            profile = accounts.editor_create(username=options["username"], password=password,
                                             chief=options["chief"], sites=sites, email=options["email"])
        except accounts.AccountError as exc:
            raise CommandError(str(exc))
        role = "chief editor" if profile.is_chief else "editor"
        scope = ", ".join(sites) if sites else "every site"
        self.stdout.write(f"{profile.user.username}: {role} on {scope}")

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("the passwords differ")
        if len(password) < 8:
            raise CommandError("use a password of at least 8 characters")
        return password
