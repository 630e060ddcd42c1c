"""Sitemaps per site (django.contrib.sitemaps): an index, section and article sitemaps split at the
protocol's limits, a Google News sitemap of the last two days, and robots.txt pointing to them.

Limits: https://www.sitemaps.org/protocol.html allows 50,000 URLs and 50 MB (uncompressed) per file.
Our longest URL is about 450 bytes (253-byte host, 60-byte section slug, 100-byte slug, id) and an
entry adds under 100 bytes of markup, so 50,000 entries stay under 28 MB: the URL count always splits
first. Google News sitemaps hold articles of the last two days, at most 1,000 URLs each
(https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
Public URLs come from the Site record, never from the request's Host header (THREATS WEB-6).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from dateline.core import clock
from dateline.core.text import one_line
from dateline.network.models import Section, Site
from dateline.publish.feeds import not_future, xml_text
from dateline.publish.models import Article

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
XML = "application/xml; charset=utf-8"


class _SiteSitemap(Sitemap):
    def __init__(self, site: Site) -> None:
        self.site = site

    def get_protocol(self, protocol: str | None = None) -> str:
        return settings.DATELINE_PUBLIC_SCHEME

    def get_domain(self, site=None) -> str:
        return self.site.base_url.split("://", 1)[1]


class SectionSitemap(_SiteSitemap):
    """The home page and every section front."""

    def items(self) -> list[Section | None]:
        return [None, *Section.objects.filter(site=self.site).order_by("position", "slug")]

    def location(self, item: Section | None) -> str:
        return f"/{item.slug}/" if item else "/"


class ArticleSitemap(_SiteSitemap):
    """The canonical live articles of the site, oldest first so that pages stay stable as it grows."""

    limit = 50_000

    def items(self):
        return (Article.objects.filter(site=self.site, status=Article.Status.LIVE, is_canonical=True)
                .select_related("section").only("pk", "slug", "published_at", "updated_at", "section__slug")
                .order_by("pk"))

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Article) -> datetime | None:
        # DATE-1: a future wire date never becomes a future lastmod.
        return not_future(item.updated_at or item.published_at)


class NewsSitemap(ArticleSitemap):
    limit = NEWS_LIMIT

    def items(self):
        since = clock.now() - NEWS_WINDOW
        return (Article.objects.filter(site=self.site, status=Article.Status.LIVE, is_canonical=True,
                                       published_at__gte=since)
                .select_related("section", "story").order_by("-published_at", "-pk"))


def _site(request: HttpRequest) -> Site:
    site = getattr(request, "site", None)
    if site is None:
        raise Http404("Sitemaps are per site")
    return site


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    response = TemplateResponse(request, template, context, content_type=XML)
    response["X-Robots-Tag"] = "noindex"
    return response


def _page(sitemap: Sitemap, page: int) -> list[dict]:
    try:
        return sitemap.get_urls(page=page)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(f"No sitemap page {page}")


def sitemap_locations(site: Site) -> list[str]:
    """Every sitemap of the site, as listed by its index (the export writes the same set)."""
    pages = max(ArticleSitemap(site).paginator.num_pages, 1)
    return ["/sitemaps/sections.xml", *[f"/sitemaps/articles-{n}.xml" for n in range(1, pages + 1)],
            "/sitemaps/news.xml"]


def index(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    entries = [{"location": site.absolute(path)} for path in sitemap_locations(site)]
    return _render(request, "sitemap_index.xml", {"sitemaps": entries})


def sections(request: HttpRequest) -> HttpResponse:
    return _render(request, "sitemap.xml", {"urlset": _page(SectionSitemap(_site(request)), 1)})


def articles(request: HttpRequest, page: int) -> HttpResponse:
    return _render(request, "sitemap.xml", {"urlset": _page(ArticleSitemap(_site(request)), page)})


def news(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    sitemap = NewsSitemap(site)
    urls = _page(sitemap, 1) if sitemap.items().exists() else []
    for url in urls:
        url["title"] = one_line(xml_text(url["item"].story.headline))
        url["published"] = not_future(url["item"].published_at)
    return _render(request, "publish/sitemap_news.xml", {
        "urlset": urls, "publication": one_line(xml_text(site.name)), "language": site.language})


def robots_txt(request: HttpRequest) -> HttpResponse:
    """robots.txt per host (RFC 9309): everything may be crawled but search results; sitemaps listed."""
    site = getattr(request, "site", None)
    lines = ["User-agent: *", "Disallow: /search/", "Disallow: /admin/", "Disallow: /desk/"]
    if site is not None:
        lines += ["", f"Sitemap: {site.absolute('/sitemap.xml')}", f"Sitemap: {site.absolute('/sitemaps/news.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
