"""Article pages in bulk for the full export: a handful of queries per chunk of pages, not ~11 per page.

The live article view fetches one article, its canonical placement, its Related Content and its
section's Related Links, then builds the page with :func:`views.pages.article_context` and
:mod:`dateline.publish.assembly`. Here the same rows are fetched per chunk of ``CHUNK`` articles
(``iterator``: the archive is streamed, never held) and the page is built by the same two functions
into the same site frame, so an exported article page equals the live one (the tests compare them).
Only the no-consent variant is exported: a static file cannot know the reader's choice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import batched

from django.db.models import F
from django.db.models.functions import Mod

from dateline.network.models import Agency, RelatedLink, Site
from dateline.network.selectors import network_get
from dateline.publish import assembly, selectors
from dateline.publish.models import Article, RelatedArticle
from dateline.publish.views.pages import article_context

CHUNK = 500
TEMPLATE = "publish/article.html"


def _canonicals(story_ids: list[int]) -> dict[int, Article]:
    """Each story's live canonical article (``selectors.canonical_article``: the first in model order)."""
    found: dict[int, Article] = {}
    for art in (Article.objects.filter(story_id__in=story_ids, is_canonical=True, status=Article.Status.LIVE)
                .select_related("site", "section")):
        found.setdefault(art.story_id, art)
    return found


def _related(article_ids: list[int]) -> dict[int, list[Article]]:
    """Each article's stored Related Content that is still live, by rank (``selectors.related_articles``)."""
    found: dict[int, list[Article]] = defaultdict(list)
    rows = (RelatedArticle.objects.filter(article_id__in=article_ids, related__status=Article.Status.LIVE)
            .select_related("related__story", "related__site", "related__section").order_by("article_id", "rank"))
    for row in rows:
        found[row.article_id].append(row.related)
    return found


def live_articles(site: Site, *, share: int = 0, shares: int = 1):
    """The site's live articles in primary-key order; with ``shares`` > 1 only those of one share (a worker's)."""
    live = (Article.objects.filter(site=site, status=Article.Status.LIVE).select_related("story", "section")
            .order_by("pk"))
    if shares > 1:
        live = live.annotate(_share=Mod(F("pk"), shares)).filter(_share=share)
    return live


def article_pages(site: Site, *, share: int = 0, shares: int = 1) -> Iterator[tuple[str, bytes]]:
    """``(path, content)`` of each live article page of ``site`` (of one share of them)."""
    network, agencies = network_get(), list(Agency.objects.all())
    frame = assembly.shell(site=site, choice=None, newsletter_in_main=True)
    links: dict[int, list[RelatedLink]] = defaultdict(list)
    for link in RelatedLink.objects.filter(section__site=site).order_by("section_id", "position"):
        links[link.section_id].append(link)
    for chunk in batched(live_articles(site, share=share, shares=shares).iterator(chunk_size=CHUNK), CHUNK):
        canonicals = _canonicals([a.story_id for a in chunk])
        related = _related([a.pk for a in chunk])
        for art in chunk:
            art.site = site
            shown = related.get(art.pk, [])
            context = article_context(art=art, canonical=canonicals.get(art.story_id, art), related=shown,
                                      related_links=links[art.section_id], network=network, agencies=agencies)
            context["credits"] = selectors.agencies_for([art, *shown], agencies)
            path = art.get_absolute_url()
            yield path, assembly.page(frame, TEMPLATE, context, path=path).encode()
