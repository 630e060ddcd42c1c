"""The search page on every host: a site's own articles, or the whole network on the network host."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from dateline.publish.search import MAX_QUERY_CHARS, QueryError, page_number, parse, search
from dateline.publish.views.common import render_page


def search_page(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    context: dict = {"q": "", "results": None, "error": "", "max_chars": MAX_QUERY_CHARS}
    shown = []
    status = 200
    try:
        query = parse(request.GET.get("q", ""))
        context["q"] = query.text
        results = search(query=query, site=site, page=page_number(request.GET.get("page")))
    except QueryError as error:
        context["q"] = (request.GET.get("q") or "")[:MAX_QUERY_CHARS]
        context["error"] = error.message
        status = 400
    else:
        context["results"] = results
        shown = [hit.article for hit in results.hits]
    # The same frame as every public page: newsletter lists, sister boxes, consent banner, credits.
    response = render_page(request, "publish/search.html", context, site=site, articles=shown, status=status)
    # Result pages are endless variations of the archive: keep them out of search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
