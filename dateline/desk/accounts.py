"""Desk accounts: creating editors, and login throttling that cannot lock an editor out for good.

THREATS WEB-2. Failures are counted per account and per client address in a window; past a limit
the key is locked for a time that doubles with each further lock but never exceeds ``LOCK_MAX``.
A browser that logged in to the account before carries a signed device cookie and is not held
by the *account* lock (OWASP "device cookies"), only by its own address lock, so an attacker who
fails on purpose from elsewhere cannot keep the editor out.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.http import HttpRequest

from dateline.core import clock
from dateline.core.text import one_line
from dateline.desk.models_editorial import EditorProfile, LoginThrottle
from dateline.network.models import Site

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5      # failures per account per window before a lock
ADDRESS_LIMIT = 20     # failures per client address per window (several editors may share an office NAT)
LOCK_FIRST = timedelta(minutes=1)
LOCK_MAX = timedelta(minutes=15)
DEVICE_COOKIE = "dl_device"
DEVICE_MAX_AGE = 60 * 60 * 24 * 180
_DEVICE_SALT = "dateline.desk.device"


class AccountError(ValueError):
    pass


@transaction.atomic
def editor_create(*, username: str, password: str | None, chief: bool = False,
                  sites: list[str] | None = None, email: str | None = None) -> EditorProfile:
    """Create or update a desk account. ``sites`` (slugs) limits an editor; chiefs act on every site."""
    username = one_line(username)
    if not username:
        raise AccountError("a user name is required")
    slugs = sorted(set(sites or []))
    found = list(Site.objects.filter(slug__in=slugs))
    missing = set(slugs) - {s.slug for s in found}
    if missing:
        raise AccountError(f"unknown site(s): {', '.join(sorted(missing))}")
    if chief and slugs:
        raise AccountError("a chief editor acts on every site; leave out --sites")
    user, _ = get_user_model().objects.get_or_create(username=username)
    if password is not None:
        user.set_password(password)
    if email is not None:
        user.email = one_line(email)[:254]
    user.is_active = True
    user.save()
    profile, _ = EditorProfile.objects.update_or_create(user=user, defaults={"is_chief": chief})
    profile.sites.set(found)
    return profile


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address the trusted proxy saw when the request came through it.

    ``X-Forwarded-For`` is believed only from ``DATELINE_TRUSTED_PROXIES`` and read from the right:
    the first hop that is not itself a trusted proxy is the client (anything left of it is forgeable).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(getattr(settings, "DATELINE_TRUSTED_PROXIES", []))
    if remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote
        if hop not in trusted:
            return hop
    return remote


def _keys(username: str, address: str) -> list[tuple[str, str]]:
    return [(LoginThrottle.Scope.ACCOUNT, username.casefold()[:200]), (LoginThrottle.Scope.ADDRESS, address[:200])]


def locked_for(*, username: str, address: str, trusted_device: bool) -> timedelta | None:
    """How long this login attempt must wait, or ``None`` when it may proceed."""
    now = clock.now()
    wait = None
    for scope, key in _keys(username, address):
        if scope == LoginThrottle.Scope.ACCOUNT and trusted_device:
            continue
        row = LoginThrottle.objects.filter(scope=scope, key=key, locked_until__gt=now).first()
        if row is not None:
            left = row.locked_until - now
            wait = left if wait is None else max(wait, left)
    return wait


@transaction.atomic
def login_failed(*, username: str, address: str) -> None:
    now = clock.now()
    for scope, key in _keys(username, address):
        limit = ACCOUNT_LIMIT if scope == LoginThrottle.Scope.ACCOUNT else ADDRESS_LIMIT
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(
            scope=scope, key=key, defaults={"window_start": now})
        if now - row.window_start > WINDOW and not (row.locked_until and row.locked_until > now):
            row.failures, row.window_start = 0, now
        row.failures += 1
        if row.failures >= limit:
            # Each lock beyond the first doubles, capped: the attacker can slow guessing, never ban.
            doublings = min((row.failures - limit) // limit, 8)
            row.locked_until = now + min(LOCK_FIRST * (2 ** doublings), LOCK_MAX)
        row.save()


def login_succeeded(*, username: str) -> None:
    """Forget the account's failures, but not a running lock: a trusted device got in past it, and the
    attacker behind the lock must not get fresh attempts from that."""
    (LoginThrottle.objects.filter(scope=LoginThrottle.Scope.ACCOUNT, key=username.casefold()[:200])
     .exclude(locked_until__gt=clock.now()).delete())


def throttle_clear(*, username: str) -> int:
    """``dateline editor unlock NAME``: a chief editor lifts the account lock at once."""
    deleted, _ = LoginThrottle.objects.filter(scope=LoginThrottle.Scope.ACCOUNT,
                                              key=username.casefold()[:200]).delete()
    return deleted


def device_token(username: str) -> str:
    return signing.dumps(username.casefold(), salt=_DEVICE_SALT)


def device_trusted(request: HttpRequest, username: str) -> bool:
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        return signing.loads(token, salt=_DEVICE_SALT, max_age=DEVICE_MAX_AGE) == username.casefold()
    except signing.BadSignature:
        return False
