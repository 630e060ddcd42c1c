"""The privacy statement of each site, the privacy settings page and the one consent POST (GDPR-2…4)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dateline.core import origin
from dateline.network.models import Agency
from dateline.publish import ads, consent, services
from dateline.publish.cache import cached_page, finish
from dateline.publish.views.common import render_page

ACTIONS = {"accept_all", "reject_all", "custom"}


@cached_page
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    hosts = sorted({a.script.split("/")[2] for a in _all_slots(site)})
    return render_page(request, "publish/privacy.html", {
        "cookie_name": consent.COOKIE, "ad_hosts": hosts, "agencies": Agency.objects.all(),
        "retention_days": consent.MAX_AGE_SECONDS // 86400,
    }, site=site)


def _all_slots(site) -> list[ads.AdSlot]:
    return [s for s in ads.slots(site.ads if site else {}, ads_allowed=True) if s.script]


@require_GET
def privacy_settings(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    return finish(request, render_page(request, "publish/privacy_settings.html", {}, site=site))


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "/")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()) and target.startswith("/"):
        return target
    return "/"  # THREATS WEB-5: never redirect off the site


# No CSRF token: the banner is on every cached and exported page, which carry nothing per reader.
# A forged "Accept all" would be consent not given, so the POST must come from the site's own pages
# (Sec-Fetch-Site, Origin, else Referer; THREATS WEB-4, GDPR-2).
@csrf_exempt
@require_POST
def consent_choose(request: HttpRequest) -> HttpResponse:
    """Record the reader's choice; the only code path that sets the consent cookie (GDPR-2)."""
    if origin.cross_origin(request):
        return HttpResponseForbidden("Cross-origin request")
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return HttpResponse("Choose 'Accept all', 'Reject all' or 'Save choices'.", status=400,
                            content_type="text/plain")
    if action == "accept_all":
        purposes = list(consent.PURPOSES)
    elif action == "reject_all":
        purposes = []
    else:
        purposes = [p for p in request.POST.getlist("purposes") if p in consent.PURPOSES]
    previous = consent.read(request)
    choice = consent.Choice(version=consent.policy_version(), purposes=frozenset(purposes),
                            pid=previous.pid if previous else consent.new_pid())
    services.consent_record(pseudonymous_id=choice.pid, site=getattr(request, "site", None),
                            policy_version=choice.version, purposes=purposes, action=action)
    response = HttpResponseRedirect(_safe_next(request), status=303)
    consent.write(response, choice)
    return response
