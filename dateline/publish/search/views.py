"""The search page on every host: a site's own articles, or the whole network on the network host."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dateline.network.models import Agency
from dateline.network.selectors import network_get
from dateline.publish.search import MAX_QUERY_CHARS, QueryError, page_number, parse, search


def search_page(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    context: dict = {"site": site, "network": network_get(), "sister_boxes": [], "credits": [],
                     "q": "", "results": None, "error": "", "max_chars": MAX_QUERY_CHARS}
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
        codes = {hit.article.story.agency for hit in results.hits if hit.article.story.agency}
        context["credits"] = list(Agency.objects.filter(code__in=codes))
    response = render(request, "publish/search.html", context, status=status)
    # Result pages are endless variations of the archive: keep them out of search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
