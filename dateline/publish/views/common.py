"""What every public page shows around its content: masthead, consent banner, ads, boxes, credits.

Pages are assembled from their site's frame and their own parts (``dateline.publish.assembly``), the
same way the static export builds them.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from dateline.network.models import Site
from dateline.publish import ads, assembly, consent, selectors
from dateline.publish.models import Article


def render_page(request: HttpRequest, template: str, context: dict, *, site: Site | None,
                articles: list[Article] = (), status: int = 200) -> HttpResponse:  # type: ignore[assignment]
    frame = assembly.shell(site=site, choice=consent.read(request),
                           newsletter_in_main=bool(context.get("newsletter_in_main")))
    html = assembly.page(frame, template, {"credits": selectors.agencies_for(list(articles)), **context},
                         path=request.path)
    response = HttpResponse(html, status=status)
    extra = ads.origins(list(frame.ad_slots))
    if extra:
        response._csp_config = ads.csp_with(settings.SECURE_CSP, extra)  # type: ignore[attr-defined]
    return response
