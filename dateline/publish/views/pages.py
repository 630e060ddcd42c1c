"""Home, section, date archive and article pages; the friendly 404 and the 410 of a killed story."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from dateline.network.models import Agency, Network
from dateline.network.selectors import network_get, section_get, site_list
from dateline.publish import selectors, structured_data
from dateline.publish.cache import cached_page
from dateline.publish.models import Article
from dateline.publish.views.common import render_page


def _site(request: HttpRequest):
    site = getattr(request, "site", None)
    if site is None:
        raise Http404("No site on this host")
    return site


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or len(raw) > 3 or not 1 <= int(raw) <= selectors.MAX_PAGES:
        raise Http404("No such page")  # bounded pagination (THREATS WEB-8)
    return int(raw)


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    site = getattr(request, "site", None)
    if site is None:
        return render_page(request, "publish/network.html", {"sites": site_list()}, site=None)
    leads = selectors.home_leads(site=site)
    blocks = selectors.section_blocks(site=site, exclude={a.pk for a in leads})
    shown = [*leads, *(a for _, arts in blocks for a in arts)]
    return render_page(request, "publish/home.html", {"leads": leads, "blocks": blocks}, site=site,
                       articles=shown)


@cached_page
def section(request: HttpRequest, section_slug: str) -> HttpResponse:
    site = _site(request)
    sec = section_get(site=site, slug=section_slug)
    if sec is None:
        raise Http404("No such section")
    page = _page_number(request)
    articles, has_next = selectors.page_of(selectors.section_articles(section=sec), page)
    if page > 1 and not articles:
        raise Http404("No such page")
    return render_page(request, "publish/section.html", {
        "section": sec, "articles": articles, "page": page, "has_next": has_next,
        "related_links": list(sec.related_links.all()),
    }, site=site, articles=articles)


@cached_page
def archive_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    site = _site(request)
    try:
        when = date(year, month, day)
    except ValueError:
        raise Http404("No such date")
    articles = selectors.day_articles(site=site, day=when)
    return render_page(request, "publish/archive.html", {"day": when, "articles": articles}, site=site,
                       articles=articles)


def dateline_line(article: Article, agencies: list[Agency] | None = None) -> str:
    """"Astana, Kazakhstan (AFP) July 3, 2024" from the story's dateline fields, not from its body."""
    story = article.story
    place = ", ".join(p for p in (story.dateline_city, story.dateline_country) if p)
    if not place and story.dateline_text:
        return story.dateline_text
    agency = f"({selectors.agency_label(story.agency, agencies)})" if story.agency else ""
    when = f"{article.published_at:%B} {article.published_at.day}, {article.published_at.year}"
    return " ".join(p for p in (place, agency, when) if p)


def _share_links(url: str, headline: str) -> list[tuple[str, str]]:
    """Plain links: nothing loads from a social network unless the reader clicks (GDPR-1)."""
    u, t = quote(url, safe=""), quote(headline, safe="")
    return [
        ("Email", f"mailto:?subject={t}&body={u}"),
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ("Reddit", f"https://www.reddit.com/submit?url={u}&title={t}"),
    ]


@cached_page
def article(request: HttpRequest, section_slug: str, slug: str, pk: int) -> HttpResponse:
    site = _site(request)
    art = selectors.article_get(site=site, section_slug=section_slug, pk=pk)
    if art is None or art.status == Article.Status.WITHDRAWN:
        raise Http404("No such article")
    if art.status == Article.Status.KILLED:
        return render_page(request, "publish/gone.html", {}, site=site, status=410)
    if art.slug != slug:
        return HttpResponsePermanentRedirect(art.get_absolute_url())
    canonical = selectors.canonical_article(article=art)
    related = selectors.related_articles(article=art)
    context = article_context(art=art, canonical_url=canonical.absolute_url, related=related,
                              related_links=list(art.section.related_links.all()), network=network_get())
    return render_page(request, "publish/article.html", context, site=site, articles=[art, *related])


def article_context(*, art: Article, canonical_url: str, related: list, related_links: list,
                    network: Network | None, agencies: list[Agency] | None = None) -> dict:
    """The article page's own context, from rows the caller fetched (one by one live, in bulk by the export)."""
    story, site = art.story, art.site
    line = dateline_line(art, agencies)
    author = selectors.agency_label(story.agency, agencies) if story.agency else (story.byline or site.name)
    return {
        "article": art, "story": story, "newsletter_in_main": True, "section": art.section,
        "canonical_url": canonical_url, "dateline": line, "related": related, "related_links": related_links,
        "share_links": _share_links(canonical_url, story.headline),
        "json_ld": structured_data.news_article(article=art, canonical_url=canonical_url, network=network,
                                                author=author, dateline=line),
        "meta_tags": structured_data.open_graph(article=art, site=site, canonical_url=canonical_url),
    }


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    site = getattr(request, "site", None)
    return render_page(request, "publish/not_found.html", {}, site=site, status=404)
