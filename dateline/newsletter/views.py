"""Newsletter pages on every host: subscribe, confirm, preferences, unsubscribe, export, erase, archive.

Thin: validate at the edge, call one service, answer. Answers never depend on whether an
address is known (THREATS NL-2); state changes are POSTs (NL-3); the one-click unsubscribe
POST needs no cookie and no CSRF token (RFC 8058 section 3.2, THREATS NL-4).
"""

from __future__ import annotations

import json
import time
from datetime import date

from django.contrib.auth.decorators import user_passes_test
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dateline.core import clock, origin
from dateline.core.text import one_line
from dateline.network.models import NewsletterConfig
from dateline.network.selectors import network_get
from dateline.newsletter import digest, limits, services, tokens
from dateline.newsletter.models import Issue
from dateline.newsletter.selectors import (
    archive_issues,
    digest_stories,
    newsletter_for_site,
    newsletters_enabled,
    subscriber_by_key,
    subscriptions_of,
)

MIN_FORM_SECONDS = 2.0  # the subscribe page's time trap: humans take longer to type an address


def _context(request: HttpRequest, **extra) -> dict:
    return {"site": getattr(request, "site", None), "network": network_get(), **extra}


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _chosen(request: HttpRequest) -> list[NewsletterConfig]:
    enabled = list(newsletters_enabled())
    slugs = set(request.POST.getlist("lists")[:50])
    chosen = [n for n in enabled if n.site.slug in slugs]
    if not chosen and not slugs:
        own = newsletter_for_site(getattr(request, "site", None))
        chosen = [own] if own else []
    return chosen


def _looks_automated(request: HttpRequest) -> bool:
    if request.POST.get("website", ""):  # honeypot: hidden from people, filled in by bots
        return True
    stamp = request.POST.get("ts")
    if stamp is not None:
        age = tokens.form_age(stamp, time.time())
        return age is None or age < MIN_FORM_SECONDS
    return False


# No CSRF token: every cached and exported page carries this form, and pages hold nothing per reader
# (a token baked into an exported page matched no reader's cookie, so subscribing from it failed).
# A subscribe POST must come from the site's own pages (Sec-Fetch-Site, Origin, else Referer;
# THREATS WEB-4), and the honeypot, time trap and rate limits below still apply to it (NL-1).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and origin.cross_origin(request):
        return HttpResponseForbidden("Cross-origin request")
    if request.method == "GET":
        own = newsletter_for_site(getattr(request, "site", None))
        return render(request, "newsletter/subscribe.html", _context(
            request, newsletters=newsletters_enabled(), own=own, stamp=tokens.form_stamp(time.time())))
    email = services.normalise_email(request.POST.get("email", "")[:320])
    source = one_line(request.POST.get("source_page", "") or request.path)[:500]
    if email and not _looks_automated(request):
        if limits.subscribe_allowed(ip=_client_ip(request), email_hash=tokens.email_hash(email)):
            services.subscription_request(email=email, newsletters=_chosen(request), source_page=source)
    # The same page for a new, known, suppressed, throttled or invalid address.
    return render(request, "newsletter/subscribe_done.html", _context(request))


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":  # link scanners GET; only the button's POST confirms (NL-3)
        return render(request, "newsletter/confirm.html", _context(request, token=token))
    subscriber = services.subscription_confirm(token=token)
    return render(request, "newsletter/confirmed.html", _context(
        request, ok=subscriber is not None,
        manage=tokens.manage_token(key=subscriber.key) if subscriber else ""))


def _subscriber_or_404(token: str):
    key = tokens.manage_read(token)
    subscriber = subscriber_by_key(key) if key else None
    if subscriber is None:
        raise Http404("This link is not valid.")
    return subscriber


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber_or_404(token)
    saved = False
    if request.method == "POST":
        wanted = {int(v) for v in request.POST.getlist("newsletter")[:50] if v.isdigit()}
        services.preferences_update(subscriber=subscriber, wanted=wanted, source_page=request.path)
        saved = True
    subs = subscriptions_of(subscriber)
    rows = [(n, subs.get(n.pk)) for n in newsletters_enabled()]
    return render(request, "newsletter/preferences.html", _context(
        request, rows=rows, token=token, saved=saved, email=subscriber.email))


@csrf_exempt  # RFC 8058: the mailbox provider POSTs with no cookie and no token of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    claim = tokens.unsubscribe_read(token)
    newsletter = NewsletterConfig.objects.filter(pk=claim[1]).first() if claim else None
    if request.method == "GET":  # the footer link: a page with a button, never a change
        return render(request, "newsletter/unsubscribe.html", _context(request, newsletter=newsletter))
    if claim:
        services.subscription_unsubscribe(key=claim[0], newsletter_id=claim[1])
    # 200 with a body, no redirect (RFC 8058 section 3.2); the same for any token.
    return render(request, "newsletter/unsubscribed.html", _context(request, newsletter=newsletter))


@require_POST
def export(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber_or_404(token)
    response = HttpResponse(json.dumps(services.subscriber_export(subscriber=subscriber), indent=2),
                            content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="newsletter-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber_or_404(token)
    if request.method == "GET":
        return render(request, "newsletter/erase.html", _context(request, token=token))
    services.subscriber_erase(subscriber=subscriber)
    return render(request, "newsletter/erased.html", _context(request))


def archive(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    if site is None:
        raise Http404("No site on this host")
    return render(request, "newsletter/archive.html", _context(
        request, issues=archive_issues(site=site)[:400], newsletter=newsletter_for_site(site)))


def archive_issue(request: HttpRequest, day: str) -> HttpResponse:
    site = getattr(request, "site", None)
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise Http404("No such issue")
    issue = Issue.objects.filter(newsletter__site=site, date=when, state=Issue.State.SENT).first() if site else None
    if issue is None:
        raise Http404("No such issue")
    return HttpResponse(digest.without_footer(issue.html))


@user_passes_test(lambda u: u.is_active and u.is_staff)
def preview(request: HttpRequest) -> HttpResponse:
    """Editors see the issue as it would go out (default: the next one), without sending anything."""
    newsletter = newsletter_for_site(getattr(request, "site", None))
    if newsletter is None:
        raise Http404("No newsletter on this host")
    try:
        day = date.fromisoformat(request.GET["date"]) if "date" in request.GET else None
    except ValueError:
        raise Http404("Bad date")
    if day is None:
        now = clock.now()
        day = digest.due_date(now, newsletter.send_time, newsletter.timezone) or now.date()
    start, end = digest.issue_window(day, newsletter.send_time, newsletter.timezone)
    sections = digest.select(digest_stories(newsletter=newsletter, start=start, end=end),
                             max_stories=newsletter.max_stories)
    site = newsletter.site
    rendered = digest.render(newsletter_name=newsletter.name, site_name=site.name, site_url=site.base_url,
                             day=day, sections=sections, archive_url=site.absolute("/newsletter/archive/"))
    count = sum(len(s.stories) for s in sections)
    return render(request, "newsletter/preview.html", _context(
        request, rendered=rendered, day=day, count=count, newsletter=newsletter,
        skipped=count < newsletter.min_stories))
