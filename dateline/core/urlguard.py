"""Pure checks behind the egress guard: which URLs and which addresses Dateline may reach.

No sockets here; ``egress`` resolves names and opens connections, and asks this module first.
THREATS SSRF-1 (schemes, userinfo, parser differentials) and SSRF-2 (inward addresses in every spelling).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# What a non-admin sees for every refused or failed fetch: refused and unreachable targets read the same,
# so the error text is no oracle for internal services (SSRF-6). Detailed codes go to logs and the admin.
PUBLIC_MESSAGE = "The URL could not be fetched (refused or unreachable)."


class EgressError(Exception):
    """Base of refusals and failures; ``reason`` is a stable code for logs, health rows and the admin."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def public_message(self) -> str:
        return PUBLIC_MESSAGE


class EgressRefused(EgressError):
    """The guard refused the URL or every address it resolves to; no connection was opened."""


class FetchFailed(EgressError):
    """The fetch was allowed but failed: timeout, reset, oversized or malformed response."""


# Explicit deny list on top of ``is_global`` (belt and braces: ``is_global`` was wrong for some ranges
# before Python 3.12.4, CVE-2024-4032). Order matters only for the reason code reported.
_DENY: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "addr_unspecified"),  # RFC 1122 "this network"; 0.0.0.0 reaches localhost on Linux
    ("127.0.0.0/8", "addr_loopback"),
    ("10.0.0.0/8", "addr_private"),  # RFC 1918
    ("172.16.0.0/12", "addr_private"),
    ("192.168.0.0/16", "addr_private"),
    ("100.64.0.0/10", "addr_cgnat"),  # RFC 6598 carrier-grade NAT
    ("169.254.0.0/16", "addr_link_local"),  # RFC 3927; 169.254.169.254 is the cloud metadata service
    ("192.0.0.0/24", "addr_reserved"),  # RFC 6890 IETF protocol assignments
    ("198.18.0.0/15", "addr_reserved"),  # RFC 2544 benchmarking
    ("224.0.0.0/4", "addr_multicast"),
    ("240.0.0.0/4", "addr_reserved"),  # incl. 255.255.255.255
    ("::/128", "addr_unspecified"),
    ("::1/128", "addr_loopback"),
    ("::ffff:0:0/96", "addr_ipv4_mapped"),  # RFC 4291: an IPv4 address wearing IPv6 clothes
    ("::/96", "addr_ipv4_compatible"),  # deprecated IPv4-compatible form
    ("64:ff9b::/96", "addr_nat64"),  # RFC 6052 well-known NAT64 prefix
    ("64:ff9b:1::/48", "addr_nat64"),  # RFC 8215 local-use NAT64
    ("2002::/16", "addr_6to4"),  # RFC 3056: embeds an arbitrary IPv4 address
    ("2001::/32", "addr_teredo"),  # RFC 4380: embeds an IPv4 address too
    ("fc00::/7", "addr_private"),  # RFC 4193 unique local
    ("fe80::/10", "addr_link_local"),
    ("fec0::/10", "addr_link_local"),  # deprecated site-local
    ("ff00::/8", "addr_multicast"),
)
DENY_NETWORKS = tuple((ipaddress.ip_network(net), code) for net, code in _DENY)

# WHATWG URL: a host whose last label is numeric is an IPv4 address in some spelling (decimal, hex, octal,
# fewer than four parts). Only the canonical dotted quad is accepted; the rest are parser-differential bait.
_NUMERIC_LAST_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_CANONICAL_QUAD = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}"
                             r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
_FORBIDDEN_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")  # controls, spaces, backslash (SSRF-1)
MAX_URL_LENGTH = 2048


def address_refusal(ip: IPAddress) -> str | None:
    """The reason code an address is refused for, or None when it is a public unicast address."""
    for network, code in DENY_NETWORKS:
        if ip.version == network.version and ip in network:
            return code
    if isinstance(ip, ipaddress.IPv6Address) and ip.scope_id:
        return "addr_link_local"
    if not ip.is_global:
        return "addr_not_global"
    return None


@dataclass(frozen=True)
class Target:
    """A checked URL: lower-case scheme and host (IDNA), explicit port, and the request target."""

    url: str
    scheme: str
    host: str
    port: int
    path: str  # path and query, fragment dropped (never sent)
    literal_ip: IPAddress | None

    @property
    def host_port(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def check_url(url: str) -> Target:
    """Validate a URL at subscribe time and before every hop (SSRF-1); raise ``EgressRefused``."""
    if not isinstance(url, str) or not url:
        raise EgressRefused("url_invalid", "empty URL")
    if len(url) > MAX_URL_LENGTH:
        raise EgressRefused("url_invalid", "URL longer than 2048 characters")
    if _FORBIDDEN_URL_CHARS.search(url):
        # Backslashes and whitespace are read differently by different URL parsers.
        raise EgressRefused("url_invalid", "URL contains a backslash, space or control character")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise EgressRefused("url_invalid", str(exc))
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise EgressRefused("scheme_refused", f"scheme {scheme or '(none)'!r} is not http or https")
    if "@" in parts.netloc:
        raise EgressRefused("userinfo_refused", "URLs with user information are refused")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise EgressRefused("url_invalid", "URL has no host")
    host, literal = _check_host(raw_host, bracketed=parts.netloc.startswith("["))
    port = port if port is not None else (443 if scheme == "https" else 80)
    if port == 0:
        raise EgressRefused("url_invalid", "port 0")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(url=url.split("#", 1)[0], scheme=scheme, host=host, port=port, path=path, literal_ip=literal)


def _check_host(host: str, *, bracketed: bool) -> tuple[str, IPAddress | None]:
    if bracketed:
        if "%" in host:
            raise EgressRefused("url_invalid", "IPv6 zone identifiers are refused")
        try:
            return host, ipaddress.IPv6Address(host)
        except ValueError:
            raise EgressRefused("url_invalid", "malformed IPv6 literal")
    if "%" in host:
        raise EgressRefused("url_invalid", "percent-encoded host")
    try:
        host = host.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:
        raise EgressRefused("url_invalid", "host is not a valid international domain name")
    if _NUMERIC_LAST_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        if not _CANONICAL_QUAD.fullmatch(host):
            raise EgressRefused("ip_noncanonical", "IPv4 address in a decimal, hex, octal or short spelling")
        return host, ipaddress.IPv4Address(host)
    if len(host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in host.split(".")):
        raise EgressRefused("url_invalid", "malformed host name")
    return host, None


def normalise_allow(allow: Iterable[str]) -> frozenset[str]:
    """``host:port`` pairs (``[::1]:8080`` for IPv6) a source may reach although they are not public."""
    out = set()
    for entry in allow:
        entry = entry.strip().lower()
        if entry:
            out.add(entry)
    return frozenset(out)


def allowed_private(target: Target, allow: frozenset[str]) -> bool:
    return target.host_port.lower() in allow
