"""Abuse limits for subscribing (THREATS NL-1): per IP, per network block, per address, overall.

Fixed-window counters in the cache. A request over any limit gets exactly the answer a
successful one gets, so limits reveal nothing about an address (NL-2).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache

from dateline.core import clock

# (requests, window in seconds); NEWSLETTER_LIMITS in settings overrides any of them.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "ip": (10, 3600),
    "block": (50, 3600),
    "address": (5, 3600),
    "global": (5000, 3600),
}

# Throwaway-mail domains refused outright; NEWSLETTER_BLOCKED_DOMAINS in settings adds more.
DEFAULT_BLOCKED_DOMAINS = frozenset({
    "mailinator.com", "guerrillamail.com", "10minutemail.com", "trashmail.com", "yopmail.com",
    "example.invalid",
})


def network_block(ip: str) -> str:
    """The /24 of an IPv4 address or the /48 of an IPv6 one (one subscriber's or host's block)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "invalid"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def blocked_domain(email: str) -> bool:
    domain = email.rpartition("@")[2].lower()
    blocked = DEFAULT_BLOCKED_DOMAINS | set(getattr(settings, "NEWSLETTER_BLOCKED_DOMAINS", ()))
    return any(domain == d or domain.endswith("." + d) for d in blocked)


def _hit(name: str, value: str, limit: int, window: int) -> bool:
    """Count one request; True while the window's count stays within the limit."""
    slot = int(clock.now().timestamp()) // window
    key = f"nl-limit:{name}:{value}:{slot}"
    if cache.add(key, 1, timeout=window + 5):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window + 5)
        count = 1
    return count <= limit


def subscribe_allowed(*, ip: str, email_hash: str) -> bool:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "NEWSLETTER_LIMITS", {})}
    # Every counter is incremented, so a flood is counted against each of its dimensions.
    checks = [
        _hit("global", "all", *limits["global"]),
        _hit("ip", ip, *limits["ip"]),
        _hit("block", network_block(ip), *limits["block"]),
        _hit("address", email_hash, *limits["address"]),
    ]
    return all(checks)
