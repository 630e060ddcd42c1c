"""The page cache: whole public pages per site, path and consent variant, purged by generation.

Every site has a *generation*: its stamp file under ``<data dir>/pagegen/`` (``dateline.publish.stamps``;
0 is the network index). Publishing, updating or killing an article bumps the generation of every site
that shows it (its own pages, sister-site boxes, related teasers), so the next request in any process
misses and renders fresh (THREATS WIRE-1, L13). Old entries simply expire.

Two layers use the generation. ``dateline.publish.fastpath`` answers anonymous GET/HEAD in front of
Django from finished responses kept per process; ``cached_page`` below keeps rendered pages in the
Django cache, shared between processes, for the fast path's misses and for servers without it (the
test client, ``runserver``). ``cached_page`` also marks its responses so the fast path knows which
pages it may keep.

Public pages carry nothing per reader: their forms (newsletter, consent) are checked by origin, not
by a token (``dateline.core.origin``), so a page differs only by the reader's consent variant. The
response is ``private`` with ``Vary: Cookie``: the consent cookie holds a pseudonymous id, so a shared
cache could only keep a copy per reader, and must never hand one variant to another (THREATS WEB-9);
shared caches and CDNs serve the static export instead. Requests carrying a session cookie (editors)
are never served from nor stored in either layer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from dateline.publish import consent, stamps

PAGE_TTL = 600
# 301: an article's old slug redirecting to its current URL.
CACHED_STATUSES = frozenset({200, 301, 410})
# The attribute the fast path reads on a response: (site id, generation the page was rendered at).
MARK = "_dateline_page"


def stamp_dir() -> Path:
    return Path(settings.DATA_DIR) / "pagegen"


def generation(site_id: int) -> stamps.Generation:
    return stamps.read(stamp_dir(), site_id)


def bump(site_ids: Iterable[int]) -> None:
    """Start a new generation for these sites (0 is the network index): their cached pages are stale."""
    stamps.bump(stamp_dir(), site_ids)


def private(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _page_key(request: HttpRequest, site_id: int, gen: stamps.Generation) -> str:
    path = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"dateline:page:{site_id}:{gen[0]}.{gen[1]}:{consent.variant(request)}:{path}"


def finish(request: HttpRequest, response: HttpResponse, *, last_modified: int | None = None) -> HttpResponse:
    """Set validators and caching headers (ConditionalGetMiddleware adds the ETag from the bytes)."""
    if last_modified is not None and response.status_code == 200:
        response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        site = getattr(request, "site", None)
        site_id = site.pk if site is not None else stamps.NETWORK
        gen = generation(site_id)  # read before rendering: a bump during the render makes the page stale
        if request.method not in ("GET", "HEAD") or private(request):
            return finish(request, view(request, *args, **kwargs))
        key = _page_key(request, site_id, gen)
        entry = cache.get(key)
        if entry is not None:
            status, headers, content, csp = entry
            response = HttpResponse(content, status=status, headers=headers)
            if csp is not None:
                response._csp_config = csp  # type: ignore[attr-defined]
        else:
            response = view(request, *args, **kwargs)
            if not cacheable(response):
                return finish(request, response)
            headers = {k: v for k, v in response.items() if k in ("Content-Type", "Location")}
            cache.set(key, (response.status_code, headers, response.content,
                            getattr(response, "_csp_config", None)), PAGE_TTL)
        setattr(response, MARK, (site_id, gen))
        return finish(request, response, last_modified=stamps.last_modified(gen))

    return wrapped


def cacheable(response: HttpResponse) -> bool:
    return response.status_code in CACHED_STATUSES and not response.streaming and not response.cookies
