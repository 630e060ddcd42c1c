"""Sitemaps per site (django.contrib.sitemaps): an index, section and article sitemaps split at the
protocol's limits, a Google News sitemap of the last two days, and robots.txt pointing to them.

Limits: https://www.sitemaps.org/protocol.html allows 50,000 URLs and 50 MB (uncompressed) per file.
Our longest URL is about 450 bytes (253-byte host, 60-byte section slug, 100-byte slug, id) and an
entry adds under 100 bytes of markup, so even 50,000 entries would stay under 28 MB: the URL count
always splits first. We split much earlier, at 2,000 URLs: articles are listed oldest first, so a
publish changes only the newest (last) page, and re-exporting that page after every publish must stay
well under a second (issue 6; a 17,000-URL page took seconds to render). Google News sitemaps hold articles of the last two days, at most 1,000 URLs each
(https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
Public URLs come from the Site record, never from the request's Host header (THREATS WEB-6).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

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

PROTOCOL_LIMIT = 50_000
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
    """The canonical live articles of the site, oldest first so that pages stay stable as it grows.

    Items are plain value rows (pk, slug, section slug, published, updated), not model instances:
    a page of 2,000 instances and their sections cost more than the rest of the page together.
    """

    limit = 2_000

    def items(self):
        return (Article.objects.filter(site=self.site, status=Article.Status.LIVE, is_canonical=True)
                .order_by("pk").values_list("pk", "slug", "section__slug", "published_at", "updated_at"))

    def location(self, item) -> str:
        # Article.get_absolute_url's shape without building instances (tests compare the two).
        return f"/{item[2]}/{item[1]}-{item[0]}.html"

    def lastmod(self, item) -> datetime | None:
        # DATE-1: a future wire date never becomes a future lastmod.
        return not_future(item[4] or item[3])


class NewsSitemap(_SiteSitemap):
    limit = NEWS_LIMIT

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Article) -> datetime | None:
        return not_future(item.updated_at or item.published_at)

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


def article_pages_from(site: Site, article_pk: int) -> list[str]:
    """The article sitemap pages a change to this article can alter: its page and every later one
    (a removal shifts them), plus one past the end, which a removal may have emptied."""
    sitemap = ArticleSitemap(site)
    before = sitemap.items().filter(pk__lt=article_pk).count()
    last = max(sitemap.paginator.num_pages, 1)
    return [f"/sitemaps/articles-{n}.xml" for n in range(before // sitemap.limit + 1, last + 2)]


def index(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    entries = [{"location": site.absolute(path)} for path in sitemap_locations(site)]
    return _render(request, "sitemap_index.xml", {"sitemaps": entries})


def sections(request: HttpRequest) -> HttpResponse:
    return _render(request, "sitemap.xml", {"urlset": _page(SectionSitemap(_site(request)), 1)})


ARTICLES_TEMPLATE = "publish/sitemap_articles.xml"  # the reference for articles_xml (a test compares them)
_URLSET = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def article_urls(sitemap: ArticleSitemap, page: int) -> list[tuple[str, str]]:
    """``(location, W3C date)`` of each entry of one page (``Sitemap.get_urls``' location and lastmod)."""
    try:
        rows = sitemap.paginator.page(page).object_list
    except (EmptyPage, PageNotAnInteger):
        raise Http404(f"No sitemap page {page}")
    base = f"{sitemap.get_protocol()}://{sitemap.get_domain()}"
    # W3C date (sitemaps.org): the date filter per entry costs more than this
    return [(base + sitemap.location(row), sitemap.lastmod(row).date().isoformat()) for row in rows]


def articles_xml(urls: list[tuple[str, str]]) -> str:
    """``sitemap_articles.xml`` written directly: 2,000 entries a page took the template engine
    longer than the rest of the export's fronts together. Values are escaped as autoescaping does."""
    entries = "".join(f"<url><loc>{escape(loc)}</loc><lastmod>{escape(lastmod)}</lastmod></url>\n"
                      for loc, lastmod in urls)
    return f"{_URLSET}{entries}</urlset>\n"


def articles(request: HttpRequest, page: int) -> HttpResponse:
    response = HttpResponse(articles_xml(article_urls(ArticleSitemap(_site(request)), page)), content_type=XML)
    response["X-Robots-Tag"] = "noindex"
    return response


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
