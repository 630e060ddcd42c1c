"""Same-origin checks for the public forms (newsletter subscribe, consent choice).

Public pages carry no CSRF token: they are cached for every reader and written as static files by
``dateline export``, where no token can match a reader's cookie (a baked-in token made the subscribe
form fail on exported pages). These POSTs are protected instead by what browsers say about where a
request comes from (THREATS WEB-4, NL-1, GDPR-2):

1. ``Sec-Fetch-Site`` (Fetch Metadata, sent by every current browser): only ``same-origin``, or
   ``none`` (the reader's own action, e.g. a bookmark), passes; ``same-site`` does not, as a sister
   site on a sibling host is another origin.
2. Otherwise ``Origin`` (RFC 6454 section 7; sent on every cross-origin POST by browsers since 2020):
   it must be this request's own scheme and host.
3. Otherwise ``Referer``, the fallback Django's CSRF check also uses over HTTPS: same scheme and host.

A POST with none of the three is refused: no browser we can be forged through omits all of them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest


def _own_origin(request: HttpRequest) -> str:
    return f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"


def cross_origin(request: HttpRequest) -> str | None:
    """Why this request is not from one of the site's own pages, or None when it is."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return None if fetch_site in ("same-origin", "none") else f"Sec-Fetch-Site: {fetch_site[:20]}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return None if origin == _own_origin(request) else "Origin is another site"
    referer = request.headers.get("Referer")
    if referer is not None:
        parts = urlsplit(referer)
        return None if f"{parts.scheme}://{parts.netloc}" == _own_origin(request) else "Referer is another site"
    return "no Sec-Fetch-Site, Origin or Referer"
