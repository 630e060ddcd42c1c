"""What every public page shows around its content: masthead, consent banner, ads, boxes, credits."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from dateline.network.models import NewsletterConfig, Site
from dateline.network.selectors import network_get
from dateline.publish import ads, consent, selectors
from dateline.publish.cache import CSRF_MARKER
from dateline.publish.models import Article


def newsletter_lists(site: Site | None) -> list[dict]:
    """Lists offered by the call to action: only the current site's own list is ticked (GDPR-2)."""
    lists = (NewsletterConfig.objects.filter(enabled=True).select_related("site")
             .order_by("site__position", "site__slug"))
    return [{"slug": n.site.slug, "name": n.name or n.site.name, "checked": site is not None and n.site_id == site.pk}
            for n in lists]


def render_page(request: HttpRequest, template: str, context: dict, *, site: Site | None,
                articles: list[Article] = (), status: int = 200) -> HttpResponse:  # type: ignore[assignment]
    choice = consent.read(request)
    ad_slots = ads.slots(site.ads if site else {}, ads_allowed=bool(choice and choice.allows("ads")))
    full = {
        "site": site, "network": network_get(), "csrf_token": CSRF_MARKER,
        "consent_choice": choice, "ask_consent": choice is None, "purposes": consent.PURPOSES,
        "ad_slots": ad_slots, "newsletter_lists": newsletter_lists(site), "page_path": request.path,
        "sister_boxes": selectors.sister_headlines(site=site) if site else [],
        "credits": selectors.agencies_for(list(articles)),
        **context,
    }
    response = TemplateResponse(request, template, full, status=status)
    response.render()
    extra = ads.origins(ad_slots)
    if extra:
        response._csp_config = ads.csp_with(settings.SECURE_CSP, extra)  # type: ignore[attr-defined]
    return response
