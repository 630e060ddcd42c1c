"""Public pages, resolved per host by ``SiteMiddleware``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseGone, HttpResponsePermanentRedirect
from django.shortcuts import render

from dateline.network.models import Agency, Site
from dateline.network.selectors import network_get, section_get, site_list
from dateline.publish import selectors
from dateline.publish.models import Article


def _site(request: HttpRequest) -> Site:
    site = getattr(request, "site", None)
    if site is None:
        raise Http404("No site on this host")
    return site


def _credits(articles: list[Article]) -> list[Agency]:
    codes = {a.story.agency for a in articles if a.story.agency}
    return list(Agency.objects.filter(code__in=codes))


def home(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    if site is None:
        return render(request, "publish/network.html", {"network": network_get(), "sites": site_list()})
    articles = list(selectors.live_articles(site=site)[:30])
    return render(request, "publish/home.html", {
        "site": site, "network": network_get(), "articles": articles,
        "sister_boxes": selectors.sister_headlines(site=site), "credits": _credits(articles),
    })


def section(request: HttpRequest, section_slug: str) -> HttpResponse:
    site = _site(request)
    sec = section_get(site=site, slug=section_slug)
    if sec is None:
        raise Http404("No such section")
    articles = list(selectors.section_articles(section=sec)[:50])
    return render(request, "publish/section.html", {
        "site": site, "network": network_get(), "section": sec, "articles": articles,
        "sister_boxes": selectors.sister_headlines(site=site), "credits": _credits(articles),
    })


def article(request: HttpRequest, section_slug: str, slug: str, pk: int) -> HttpResponse:
    site = _site(request)
    art = selectors.article_get(site=site, section_slug=section_slug, pk=pk)
    if art is None or art.status == Article.Status.WITHDRAWN:
        raise Http404("No such article")
    if art.status == Article.Status.KILLED:
        return HttpResponseGone("This story has been withdrawn.")
    if art.slug != slug:
        return HttpResponsePermanentRedirect(art.get_absolute_url())
    related = [r.related for r in art.related.select_related("related__story", "related__site",
                                                               "related__section")[:6]]
    return render(request, "publish/article.html", {
        "site": site, "network": network_get(), "article": art, "story": art.story, "section": art.section,
        "canonical": selectors.canonical_article(article=art), "related": related,
        "related_links": list(art.section.related_links.all()),
        "sister_boxes": selectors.sister_headlines(site=site), "credits": _credits([art, *related]),
    })
