"""The page fast path: finished public pages answered in front of Django, from memory, per process.

``PageCache`` wraps Django's WSGI application (``dateline/wsgi.py``). An anonymous GET or HEAD is
looked up by (scheme, host, path and query, consent variant); a hit is answered with the stored
status, headers (CSP, nosniff, Referrer-Policy, X-Frame-Options, Vary, ETag, Last-Modified…) and
body, or its precompressed gzip body, without building a request, running middleware or touching
the database. Everything else, and every miss, goes to Django unchanged.

What may be kept is decided by Django, not guessed here: only responses that ``cached_page`` marked
(public pages, with the site and the generation they were rendered at), with status 200, 301 or 410,
setting no cookie. An entry is used only while its site's stamp file still has that generation
(one ``os.stat``), so a publish, update or kill in any process is visible on the next request
(THREATS WIRE-1), and for at most ``cache.PAGE_TTL`` seconds. Requests with a session or messages
cookie or credentials (editors) and private areas (/desk/, /admin/) always go to Django (WEB-9).

The consent variant comes from the signed consent cookie; verifying it (an HMAC) is memoised per
cookie value in a small LRU, until the value's own expiry. Pages are keyed by the cookie's policy
version and purposes; Django decides what a page shows for them (a stale version gets the banner).

The store is an LRU bounded by bytes (``DATELINE_PAGE_CACHE_MB``, 64 by default; 0 turns the fast path
off). Pages hold no secret and no reader's input, so one gzip body made once is safe to reuse (the
randomised padding Django's GZipMiddleware adds against BREACH protects secrets these pages lack).
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.http import HttpResponseBase
from django.http.cookie import parse_cookie
from django.utils.cache import parse_etags
from django.utils.http import parse_http_date_safe

from dateline.publish import cache, consent, stamps

PRIVATE_PREFIXES = ("/desk/", "/admin/")
# Django's own messages cookie (django.contrib.messages CookieStorage.cookie_name).
MESSAGES_COOKIE = "messages"
GZIP_MIN_BYTES = 200  # as Django's GZipMiddleware: smaller bodies are not worth the header
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # Django's GZipMiddleware rule
_NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary")
_DROPPED = {"content-length", "content-encoding", "etag", "vary"}


@dataclass(frozen=True, slots=True)
class Entry:
    stamp: str
    generation: stamps.Generation
    expires: float
    status: str
    status_code: int
    headers: list[tuple[str, str]]
    body: bytes
    headers_gz: list[tuple[str, str]] | None
    body_gz: bytes | None
    etag: str | None
    last_modified: int | None
    size: int


class _LRU:
    """An ordered dict bounded by the summed ``size`` of its values; one lock (gunicorn threads)."""

    def __init__(self, max_bytes: int, max_items: int | None = None) -> None:
        self.max_bytes, self.max_items = max_bytes, max_items
        self.bytes = 0
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key):
        with self._lock:
            found = self._data.get(key)
            if found is None:
                return None
            self._data.move_to_end(key)
            return found[0]

    def put(self, key, value, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._data[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes or (self.max_items and len(self._data) > self.max_items):
                _, (_, dropped) = self._data.popitem(last=False)
                self.bytes -= dropped

    def discard(self, key) -> None:
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self.bytes -= old[1]


class _Variants:
    """Consent variant per cookie value, the signature checked once per value (memoised, bounded)."""

    def __init__(self, max_items: int = 4096) -> None:
        self._memo = _LRU(max_bytes=max_items, max_items=max_items)

    def __call__(self, raw: str) -> str:
        if not raw:
            return "ask"
        hit = self._memo.get(raw)
        now = time.time()
        if hit is not None and hit[1] > now:
            return hit[0]
        choice = consent.decode(raw)
        if choice is None:
            value, until = "ask", now + cache.PAGE_TTL
        else:
            value, until = f"{choice.version}:{'+'.join(sorted(choice.purposes)) or 'none'}", consent.expires_at(raw)
        self._memo.put(raw, (value, until), 1)
        return value


def _no_write(data: bytes) -> None:
    raise RuntimeError("the page cache reads responses from their iterable only")


class PageCache:
    """WSGI middleware: ``PageCache(django_wsgi_app, stamp_dir=…, max_bytes=…)``."""

    def __init__(self, app, *, stamp_dir, max_bytes: int, session_cookie: str = "sessionid") -> None:
        self.app, self.stamp_dir = app, stamp_dir
        self.pages = _LRU(max_bytes)
        self.variant = _Variants()
        self.bypass_cookies = (session_cookie, MESSAGES_COOKIE)

    def __call__(self, environ, start_response):
        key = self.key(environ)
        if key is None:
            return self.app(environ, start_response)
        entry = self.fresh(key)
        if entry is None:
            captured: list = []
            result = self.app(environ, lambda status, headers, exc_info=None: captured.append((status, headers))
                              or _no_write)
            entry = self.entry(result, captured[0]) if captured else None
            if entry is None:
                if captured:
                    start_response(*captured[0])
                return result
            try:
                self.pages.put(key, entry, entry.size)
            finally:
                result.close()  # Django's request_finished (closes old DB connections)
        status, headers, body = self.respond(entry, environ)
        start_response(status, headers)
        return body

    def key(self, environ) -> tuple | None:
        """The store key of a request the fast path may answer, or None: it goes to Django untouched."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
            return None
        path = environ.get("PATH_INFO", "")
        host = environ.get("HTTP_HOST")
        if not host or path.startswith(PRIVATE_PREFIXES):
            return None
        raw_consent = ""
        if "HTTP_COOKIE" in environ:
            cookies = parse_cookie(environ["HTTP_COOKIE"])
            if any(name in cookies for name in self.bypass_cookies):
                return None
            raw_consent = cookies.get(consent.COOKIE, "")
        return (environ.get("wsgi.url_scheme"), environ.get("HTTP_X_FORWARDED_PROTO"), host, path,
                environ.get("QUERY_STRING", ""), self.variant(raw_consent))

    def fresh(self, key: tuple) -> Entry | None:
        """The stored entry if its site's generation is still current and it is younger than PAGE_TTL."""
        entry = self.pages.get(key)
        if entry is not None:
            if stamps.read_path(entry.stamp) == entry.generation and time.monotonic() < entry.expires:
                return entry
            self.pages.discard(key)
        return None

    def entry(self, result, captured) -> Entry | None:
        """What to keep of Django's answer (``captured``: its status line and headers), or None."""
        mark = getattr(result, cache.MARK, None)
        if mark is None or not isinstance(result, HttpResponseBase) or not cache.cacheable(result):
            return None
        status, headers = captured
        site_id, generation = mark
        encoding = result.get("Content-Encoding")
        if encoding not in (None, "gzip") or any(k.lower() == "set-cookie" for k, _ in headers):
            return None
        body = gzip.decompress(result.content) if encoding == "gzip" else result.content
        body_gz = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None
        vary = [v.strip() for k, v in headers if k.lower() == "vary" for v in v.split(",") if v.strip()]
        if body_gz is not None and "accept-encoding" not in {v.lower() for v in vary}:
            vary.append("Accept-Encoding")
        kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED]
        if vary:
            kept.append(("Vary", ", ".join(dict.fromkeys(vary))))
        etag = None
        if result.has_header("ETag"):  # ConditionalGetMiddleware's: the MD5 of the identity body
            etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
        modified = parse_http_date_safe(result["Last-Modified"]) if result.has_header("Last-Modified") else None
        plain = [*kept, *([("ETag", f'"{etag}"')] if etag else []), ("Content-Length", str(len(body)))]
        zipped = None
        if body_gz is not None:  # a weak ETag for the encoded body, as GZipMiddleware makes it
            zipped = [*kept, *([("ETag", f'W/"{etag}"')] if etag else []), ("Content-Encoding", "gzip"),
                      ("Content-Length", str(len(body_gz)))]
        size = len(body) + len(body_gz or b"") + sum(len(k) + len(v) for k, v in plain) * 2 + 512
        return Entry(stamp=stamps.path(self.stamp_dir, site_id), generation=generation,
                     expires=time.monotonic() + cache.PAGE_TTL, status=status, status_code=result.status_code,
                     headers=plain, body=body, headers_gz=zipped, body_gz=body_gz, etag=etag,
                     last_modified=modified, size=size)

    @staticmethod
    def respond(entry: Entry, environ) -> tuple[str, list[tuple[str, str]], list[bytes]]:
        """Status line, headers and body for this request: 304, HEAD and gzip decided here."""
        gz = entry.body_gz is not None and _ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", ""))
        headers = entry.headers_gz if gz else entry.headers
        if entry.status_code == 200 and _not_modified(entry, environ):
            return "304 Not Modified", [(k, v) for k, v in headers if k in _NOT_MODIFIED_HEADERS], []
        if environ["REQUEST_METHOD"] == "HEAD":
            return entry.status, headers, []
        return entry.status, headers, [entry.body_gz if gz else entry.body]


def _not_modified(entry: Entry, environ) -> bool:
    """RFC 9110 section 13.2.2: If-None-Match (weak comparison) first; If-Modified-Since only without it."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if entry.etag is None:
            return False
        tags = parse_etags(if_none_match)
        return tags == ["*"] or any(t.removeprefix("W/") == f'"{entry.etag}"' for t in tags)
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since is None or entry.last_modified is None:
        return False
    when = parse_http_date_safe(since)
    return when is not None and entry.last_modified <= when


def wrap(app):
    """The WSGI application behind the fast path as settings configure it (off when its size is 0)."""
    from django.conf import settings

    max_bytes = settings.DATELINE_PAGE_CACHE_BYTES
    if max_bytes <= 0:
        return app
    return PageCache(app, stamp_dir=cache.stamp_dir(), max_bytes=max_bytes,
                     session_cookie=settings.SESSION_COOKIE_NAME)

