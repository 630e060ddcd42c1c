"""Resolve the request's site from its host: ``<site>.localhost`` → that site, else the network."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from dateline.network.selectors import site_for_host


class SiteMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # get_host() has already been validated against ALLOWED_HOSTS by CommonMiddleware.
        request.site = site_for_host(request.get_host())  # type: ignore[attr-defined]
        return self.get_response(request)
