"""THE one module that opens outbound connections (THREATS SSRF-5; an architecture test enforces it).

Every hop: check the URL (``urlguard``), resolve the name once, refuse unless EVERY address is public or the
source allows that ``host:port``, then connect to the checked address itself (pinned: no second lookup, so
DNS rebinding cannot swap it, SSRF-4) with TLS verified against the host name. Redirects are followed by
hand, at most ``max_redirects``, each hop checked again (SSRF-3). Bodies are streamed under connect, per-read
and total deadlines and capped after decompression (NET-1). Proxies from the environment are never used:
``http.client`` reads no ``HTTP_PROXY``.
"""

from __future__ import annotations

import email.utils
import heapq
import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from dateline.core.urlguard import (
    EgressError,
    EgressRefused,
    FetchFailed,
    IPAddress,
    Target,
    address_refusal,
    allowed_private,
    check_url,
    normalise_allow,
)

__all__ = ["EgressError", "EgressRefused", "FetchFailed", "FetchResult", "fetch", "check_url", "system_resolver"]

log = logging.getLogger("dateline.ingest.egress")

MAX_BYTES = 10 * 1024 * 1024  # NET-1: 10 MiB after decompression
DEFAULT_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
                  "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
USER_AGENT = "Dateline/0.1 (wire ingest; +https://github.com/dateline)"
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
_READ_CHUNK = 64 * 1024

Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every A/AAAA address of ``host`` (one lookup per hop; the result is what gets pinned)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed("dns_failed", f"{host}: {exc}")
    return list(dict.fromkeys(info[4][0] for info in infos))


@dataclass(frozen=True)
class FetchResult:
    status: int
    body: bytes
    content_type: str
    final_url: str
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None  # seconds, from a number or an HTTP-date (RFC 9110 §10.2.3)
    cache_max_age: int | None = None  # seconds, Cache-Control max-age (RFC 9111 §5.2.2.1)
    permanent_redirect: bool = False  # every hop to final_url was 301/308: the stored URL may be updated
    redirects: int = 0


def fetch(url: str, *, allow: Iterable[str] = (), etag: str | None = None, last_modified: str | None = None,
          max_bytes: int = MAX_BYTES, connect_timeout: float = 5, read_timeout: float = 10,
          total_timeout: float = 30, max_redirects: int = 5, accept: str = DEFAULT_ACCEPT,
          resolver: Resolver | None = None) -> FetchResult:
    """GET ``url`` through the guard. Non-2xx final statuses come back without a body (never echoed)."""
    allowed = normalise_allow(allow)
    resolve = resolver or system_resolver
    deadline = time.monotonic() + total_timeout
    permanent = True
    seen: set[str] = set()
    for hop in range(max_redirects + 1):
        target = check_url(url)
        if target.url in seen:
            raise FetchFailed("redirect_loop", url)
        seen.add(target.url)
        addresses = _checked_addresses(target, allowed, resolve)
        headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate", "User-Agent": USER_AGENT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = _request(target, addresses, headers, max_bytes=max_bytes, connect_timeout=connect_timeout,
                          read_timeout=read_timeout, deadline=deadline)
        if isinstance(result, _Redirect):  # the Location is resolved against this hop, then checked again
            permanent = permanent and result.status in PERMANENT
            url = urljoin(target.url, result.location)
            continue
        return FetchResult(**{**result, "final_url": target.url, "permanent_redirect": permanent and hop > 0,
                              "redirects": hop})
    raise FetchFailed("too_many_redirects", f"more than {max_redirects} redirects")


class _Watchdog:
    """One daemon thread that fires callbacks at deadlines: a thread per fetch would cost more than the fetch."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._live: set[int] = set()
        self._next = 0
        self._thread: threading.Thread | None = None

    def arm(self, deadline: float, callback: Callable[[], None]) -> int:
        with self._cond:
            self._next += 1
            heapq.heappush(self._heap, (deadline, self._next, callback))
            self._live.add(self._next)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="dateline-egress-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
            return self._next

    def disarm(self, ticket: int) -> None:
        with self._cond:
            self._live.discard(ticket)

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0][1] not in self._live:
                    heapq.heappop(self._heap)  # disarmed: drop it
                if not self._heap:
                    self._cond.wait(timeout=60)
                    continue
                deadline, ticket, callback = self._heap[0]
                delay = deadline - time.monotonic()
                if delay > 0:
                    self._cond.wait(timeout=delay)
                    continue
                heapq.heappop(self._heap)
                self._live.discard(ticket)
            callback()


_WATCHDOG = _Watchdog()


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str


def _checked_addresses(target: Target, allowed: frozenset[str], resolve: Resolver) -> list[IPAddress]:
    """Resolve once and validate EVERY address (SSRF-2); refuse the hop when any one is inward."""
    may_be_private = allowed_private(target, allowed)
    if target.literal_ip is not None:
        raw = [str(target.literal_ip)]
    else:
        raw = list(resolve(target.host, target.port))
    if not raw:
        raise FetchFailed("dns_failed", f"{target.host}: no addresses")
    addresses = []
    for text in raw:
        try:
            ip = ipaddress.ip_address(text.split("%", 1)[0])
        except ValueError:
            raise EgressRefused("addr_invalid", f"{target.host} resolved to {text!r}")
        reason = address_refusal(ip)
        if reason and not (may_be_private or f"{_bracket(ip)}:{target.port}" in allowed):
            # One inward address is enough to refuse: a name that mixes public and private answers is a
            # rebinding set-up (SSRF-4), and connecting "to the public one" would race the next lookup.
            raise EgressRefused(reason, f"{target.host_port} resolves to {ip}")
        addresses.append(ip)
    return addresses


def _bracket(ip: IPAddress) -> str:
    return f"[{ip}]" if ip.version == 6 else str(ip)


def _connection(target: Target, ip: IPAddress, connect_timeout: float) -> http.client.HTTPConnection:
    def pinned(address, timeout=None, source_address=None, **kwargs):
        return socket.create_connection((str(ip), target.port), timeout=connect_timeout)

    if target.scheme == "https":
        # SNI and certificate verification against the host name, while the socket goes to the pinned IP.
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            target.host, target.port, timeout=connect_timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=connect_timeout)
    conn._create_connection = pinned  # type: ignore[attr-defined]  # the documented hook http.client uses
    return conn


def _request(target: Target, addresses: list[IPAddress], headers: dict[str, str], *, max_bytes: int,
             connect_timeout: float, read_timeout: float, deadline: float) -> dict | _Redirect:
    conn = _connect(target, addresses, connect_timeout, deadline)
    expired = threading.Event()

    def abort() -> None:  # the TOTAL deadline: slow headers or a drip defeat per-read timeouts (NET-1)
        expired.set()
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass

    ticket = _WATCHDOG.arm(deadline, abort)
    try:
        conn.sock.settimeout(read_timeout)
        conn.request("GET", target.path, headers=headers)
        response = conn.getresponse()
        if response.status in REDIRECTS:
            location = response.getheader("Location")
            if not location:
                raise FetchFailed("redirect_invalid", f"{response.status} without Location")
            return _Redirect(response.status, location)
        body = _read_body(response, max_bytes) if 200 <= response.status < 300 else b""
        if expired.is_set():  # a close-delimited body cut short by the watchdog is not a whole body
            raise FetchFailed("total_timeout", f"{target.host_port}: over the total deadline")
        return {
            "status": response.status,
            "body": body,
            "content_type": response.getheader("Content-Type", "") or "",
            "etag": response.getheader("ETag"),
            "last_modified": response.getheader("Last-Modified"),
            "retry_after": parse_retry_after(response.getheader("Retry-After")),
            "cache_max_age": parse_max_age(response.getheader("Cache-Control")),
        }
    except EgressError:
        if expired.is_set():
            raise FetchFailed("total_timeout", f"{target.host_port}: over the total deadline")
        raise
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        if expired.is_set():
            raise FetchFailed("total_timeout", f"{target.host_port}: over the total deadline")
        if isinstance(exc, TimeoutError):
            raise FetchFailed("read_timeout", f"{target.host_port}: no data for {read_timeout:g} s")
        if isinstance(exc, http.client.IncompleteRead):
            raise FetchFailed("truncated_body", f"{target.host_port}: body shorter than its Content-Length")
        raise FetchFailed("protocol_error", f"{target.host_port}: {type(exc).__name__}: {exc}")
    finally:
        _WATCHDOG.disarm(ticket)
        conn.close()


def _connect(target: Target, addresses: list[IPAddress], connect_timeout: float,
             deadline: float) -> http.client.HTTPConnection:
    last: Exception | None = None
    for ip in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchFailed("total_timeout", f"{target.host_port}: over the total deadline")
        conn = _connection(target, ip, min(connect_timeout, remaining))
        try:
            conn.connect()
            return conn
        except ssl.SSLError as exc:
            conn.close()
            raise FetchFailed("tls_failed", f"{target.host_port}: {exc}")
        except (TimeoutError, OSError) as exc:
            conn.close()
            last = exc
    if isinstance(last, TimeoutError):
        raise FetchFailed("connect_timeout", f"{target.host_port}: no connection within {connect_timeout:g} s")
    raise FetchFailed("connect_failed", f"{target.host_port}: {last}")


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """Stream the body; the cap applies to the DECOMPRESSED size, so a gzip bomb stops at ``max_bytes``."""
    length = response.getheader("Content-Length")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchFailed("encoding_unsupported", f"Content-Encoding {encoding!r}")
    if length and length.isdigit() and encoding == "identity" and int(length) > max_bytes:
        raise FetchFailed("too_large", f"Content-Length {length} over {max_bytes} bytes")
    # wbits 47 = 32 + 15: zlib or gzip header, detected (RFC 9110 §8.4.1); raw deflate is retried below.
    inflater = zlib.decompressobj(47) if encoding != "identity" else None
    out = bytearray()
    raw_deflate_tried = False
    received = 0
    while True:
        chunk = response.read(_READ_CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes - len(out) + 1)
            except zlib.error:
                if encoding != "deflate" or raw_deflate_tried or out:
                    raise FetchFailed("encoding_invalid", "corrupt compressed body")
                raw_deflate_tried = True  # some servers send raw deflate without the zlib wrapper
                inflater = zlib.decompressobj(-15)
                chunk = inflater.decompress(chunk, max_bytes - len(out) + 1)
        out += chunk
        if len(out) > max_bytes:
            raise FetchFailed("too_large", f"body over {max_bytes} bytes")
    if not response.chunked and length and length.isdigit() and received < int(length):
        # http.client returns a short body quietly when the peer closes early; a lying length is an error.
        raise FetchFailed("truncated_body", f"{received} of {length} bytes before the connection closed")
    return bytes(out)


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def parse_max_age(value: str | None) -> int | None:
    if not value:
        return None
    for directive in value.lower().split(","):
        name, _, arg = directive.strip().partition("=")
        if name == "no-store" or name == "no-cache":
            return 0
        if name in ("max-age", "s-maxage") and arg.strip().strip('"').isdigit():
            return int(arg.strip().strip('"'))
    return None
