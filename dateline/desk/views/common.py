"""Helpers shared by the desk views: safe redirects (THREATS WEB-5) and action results."""

from __future__ import annotations

from urllib.parse import unquote

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str = "") -> str:
    """The ``next`` of the request when it stays on this host, else ``fallback`` (the inbox).

    ``url_has_allowed_host_and_scheme`` rejects ``//evil``, ``/\\evil``, ``https:evil``, ``javascript:``
    and the like; only same-host paths are kept, so a crafted link cannot bounce an editor elsewhere.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # Only absolute paths on this host; the percent-decoded form is checked too (``%2F%2Fevil``).
    if candidate.startswith("/") and all(
            url_has_allowed_host_and_scheme(c, allowed_hosts={request.get_host()}, require_https=request.is_secure())
            for c in (candidate, unquote(candidate))):
        return candidate
    return fallback or reverse("desk:inbox")


def back(request: HttpRequest, fallback: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request, fallback))


def refused(request: HttpRequest, message: str, fallback: str = "") -> HttpResponseRedirect:
    messages.error(request, message)
    return back(request, fallback)
