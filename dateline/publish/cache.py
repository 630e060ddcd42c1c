"""The page cache: whole public pages per site, path and consent variant, purged by generation.

Every site has a *generation* (the time its pages last changed) in the Django cache. A page is stored
under ``(site, generation, consent variant, path)``; publishing, updating or killing an article bumps
the generation of every site that shows it (its own pages, sister-site boxes, related teasers), so the
next request misses and renders fresh (THREATS WIRE-1, L13). Old entries simply expire.

Pages carry a per-reader CSRF token (the newsletter form), so what is cached holds a marker in its
place, swapped for the reader's token on the way out; the response is ``private`` with
``Vary: Cookie`` so no shared cache can hand one reader's page to another (THREATS WEB-9). Requests
carrying a session cookie (editors) are never served from nor stored in the cache.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from dateline.publish import consent

CSRF_MARKER = "dl-csrf-token-placeholder"
PAGE_TTL = 600
_CACHED_STATUSES = {200, 410}


def _gen_key(site_id: int) -> str:
    return f"dateline:pagegen:{site_id}"


def generation(site_id: int) -> float:
    value = cache.get(_gen_key(site_id))
    if value is None:
        value = time.time()
        if not cache.add(_gen_key(site_id), value, None):
            value = cache.get(_gen_key(site_id), value)
    return float(value)


def bump(site_ids: Iterable[int]) -> None:
    """Start a new generation for these sites (0 is the network index): their cached pages are stale."""
    now = time.time()
    for site_id in set(site_ids) | {0}:
        cache.set(_gen_key(site_id), now, None)


def _private(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _page_key(request: HttpRequest, site_id: int, gen: float) -> str:
    path = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"dateline:page:{site_id}:{gen!r}:{consent.variant(request)}:{path}"


def finish(request: HttpRequest, response: HttpResponse, *, last_modified: float | None = None) -> HttpResponse:
    """Put the reader's CSRF token in, set validators and caching headers."""
    if not response.streaming and CSRF_MARKER.encode() in response.content:
        template = response.content
        secret = request.META.get("CSRF_COOKIE", "")
        token = get_token(request)
        response.content = template.replace(CSRF_MARKER.encode(), token.encode())
        # The ETag names the page and the reader's CSRF secret, not the masked token that differs each time.
        digest = hashlib.sha256(template + secret.encode()).hexdigest()[:32]
        if secret:
            response["ETag"] = f'"{digest}"'
    if last_modified is not None and response.status_code == 200:
        response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        site = getattr(request, "site", None)
        site_id = site.pk if site is not None else 0
        gen = generation(site_id)
        if request.method not in ("GET", "HEAD") or _private(request):
            return finish(request, view(request, *args, **kwargs))
        key = _page_key(request, site_id, gen)
        entry = cache.get(key)
        if entry is not None:
            status, content_type, content, csp = entry
            response = HttpResponse(content, status=status, content_type=content_type)
            if csp is not None:
                response._csp_config = csp  # type: ignore[attr-defined]
        else:
            response = view(request, *args, **kwargs)
            if response.status_code in _CACHED_STATUSES and not response.streaming and not response.cookies:
                cache.set(key, (response.status_code, response["Content-Type"], response.content,
                                getattr(response, "_csp_config", None)), PAGE_TTL)
        return finish(request, response, last_modified=gen)

    return wrapped
