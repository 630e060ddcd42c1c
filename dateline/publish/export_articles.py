"""Article pages and day archives in bulk for the full export: a few queries per chunk, not ~11 a page.

The live article view fetches one article, its canonical placement, its Related Content and its
section's Related Links, then builds the page with :func:`views.pages.article_context` and
:mod:`dateline.publish.assembly`. Here the same rows are fetched per chunk of ``CHUNK`` articles
(``iterator``: the archive is streamed, never held) and the page is built by the same two functions
into the same site frame, so an exported article page equals the live one (the tests compare them).
Day archives are cut from one stream of the site's articles, newest first. Only the no-consent
variant is exported: a static file cannot know the reader's choice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import batched, groupby, islice

from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import ExtractDay, Mod
from django.urls import reverse

from dateline.desk.models import Story
from dateline.network.models import Agency, RelatedLink, Section, Site
from dateline.network.selectors import network_get
from dateline.publish import assembly, selectors
from dateline.publish.models import Article, RelatedArticle
from dateline.publish.views.pages import article_context

CHUNK = 500
TEMPLATE = "publish/article.html"
ARCHIVE_TEMPLATE = "publish/archive.html"


# What an article page reads of its own story (``article_html``, ``structured_data``, the dateline):
# the rest (images, explanations, kill reason…) is never loaded. ``PageStory`` has these fields in
# this order (a test checks): a field read but not listed here fails the export's tests.
STORY_FIELDS = ("headline", "subheadline", "byline", "agency", "dateline_text", "dateline_city",
                "dateline_country", "body_html", "summary", "correction_note")
# The body text is read only where there is no summary (``summary or body_text``: the description
# tags): the database sends it for those stories alone (an empty text where the summary is shown,
# which the page never reads).
_BODY_TEXT_WHERE_NO_SUMMARY = Case(When(story__summary="", then=F("story__body_text")), default=Value(""),
                                   output_field=TextField())


@dataclass(slots=True)  # not frozen: ~90,000 are built per site, and frozen fields are set slowly
class TeaserStory:
    headline: str
    summary: str
    body_text: str  # only when there is no summary: the teaser falls back to it
    agency: str


@dataclass(slots=True)
class Teaser:
    """A Related Content teaser: what the page shows of another article (``article_html._related``)."""

    absolute_url: str
    story: TeaserStory


def section_bases() -> dict[int, str]:
    """``https://host/section-slug`` of every section of the network: an article's absolute URL is
    its section's base and ``/<slug>-<pk>.html`` (``Article.absolute_url``, without joining the site
    and section tables for every row nor building an Article and a Site for each)."""
    return {s.pk: f"{s.site.base_url}/{s.slug}" for s in Section.objects.select_related("site")}


def _canonical_urls(story_ids: list[int], bases: dict[int, str]) -> dict[int, str]:
    """Each story's live canonical URL (``selectors.canonical_article``: the first in model order)."""
    rows = (Article.objects.filter(story_id__in=story_ids, is_canonical=True, status=Article.Status.LIVE)
            .values_list("story_id", "pk", "slug", "section_id"))
    # The last one written for a story is the first in model order.
    return {story_id: f"{bases[section_id]}/{slug}-{pk}.html" for story_id, pk, slug, section_id in reversed(list(rows))}


def _related(article_ids: list[int], bases: dict[int, str]) -> dict[int, list[Teaser]]:
    """Each article's stored Related Content that is still live, by rank (``selectors.related_articles``)."""
    found: dict[int, list[Teaser]] = defaultdict(list)
    rows = (RelatedArticle.objects.filter(article_id__in=article_ids, related__status=Article.Status.LIVE)
            .order_by("article_id", "rank")
            .values_list("article_id", "related_id", "related__slug", "related__section_id",
                         "related__story__headline", "related__story__summary", "related__story__agency",
                         Case(When(related__story__summary="", then=F("related__story__body_text")), default=Value(""),
                              output_field=TextField())))
    for article_id, pk, slug, section_id, headline, summary, agency, body_text in rows:
        url = f"{bases[section_id]}/{slug}-{pk}.html"
        found[article_id].append(Teaser(url, TeaserStory(headline, summary, body_text, agency)))
    return found


def live_articles(site: Site, *, share: int = 0, shares: int = 1):
    """The site's live articles in primary-key order; with ``shares`` > 1 only those of one share (a
    worker's): value rows of ``ARTICLE_FIELDS``, then the story's ``STORY_FIELDS`` and body text."""
    live = Article.objects.filter(site=site, status=Article.Status.LIVE).order_by("pk")
    if shares > 1:
        live = live.annotate(_share=Mod(F("pk"), shares)).filter(_share=share)
    return live.values_list(*ARTICLE_FIELDS, *(f"story__{name}" for name in STORY_FIELDS), _BODY_TEXT_WHERE_NO_SUMMARY)


ARTICLE_FIELDS = ("pk", "slug", "section_id", "story_id", "published_at", "updated_at")


@dataclass(slots=True)
class PageStory:
    """What an article page reads of its story (``STORY_FIELDS`` and the body text where needed)."""

    headline: str
    subheadline: str
    byline: str
    agency: str
    dateline_text: str
    dateline_city: str
    dateline_country: str
    body_html: str
    summary: str
    correction_note: str
    body_text: str


@dataclass(slots=True)
class PageArticle:
    """What an article page reads of its article (``article_context``, ``article_html``), from one
    value row: building two model instances per page cost more than a tenth of the page."""

    pk: int
    slug: str
    section_id: int
    story_id: int
    published_at: datetime
    updated_at: datetime | None
    story: PageStory
    site: Site
    section: Section

    def get_absolute_url(self) -> str:
        return f"/{self.section.slug}/{self.slug}-{self.pk}.html"  # Article.get_absolute_url

    @property
    def absolute_url(self) -> str:
        return self.site.absolute(self.get_absolute_url())  # Article.absolute_url


def _page_articles(site: Site, sections: dict[int, Section], *, share: int, shares: int) -> Iterator[PageArticle]:
    fields = len(ARTICLE_FIELDS)
    for row in live_articles(site, share=share, shares=shares).iterator(chunk_size=CHUNK):
        yield PageArticle(*row[:fields], PageStory(*row[fields:]), site, sections[row[2]])


def article_pages(site: Site, *, share: int = 0, shares: int = 1) -> Iterator[tuple[str, bytes]]:
    """``(path, content)`` of each live article page of ``site`` (of one share of them)."""
    network, agencies = network_get(), list(Agency.objects.all())
    frame = assembly.shell(site=site, choice=None, newsletter_in_main=True)
    agencies = selectors.AgencyTable(agencies)
    sections = {s.pk: s for s in Section.objects.filter(site=site)}
    bases = section_bases()
    links: dict[int, list[RelatedLink]] = defaultdict(list)
    for link in RelatedLink.objects.filter(section__site=site).order_by("section_id", "position"):
        links[link.section_id].append(link)
    for chunk in batched(_page_articles(site, sections, share=share, shares=shares), CHUNK):
        canonicals = _canonical_urls([a.story_id for a in chunk], bases)
        related = _related([a.pk for a in chunk], bases)
        for art in chunk:
            shown = related.get(art.pk, [])
            canonical_url = canonicals.get(art.story_id) or art.absolute_url
            context = article_context(art=art, canonical_url=canonical_url, related=shown,
                                      related_links=links[art.section_id], network=network, agencies=agencies)
            context["credits"] = selectors.agencies_for([art, *shown], agencies)
            path = art.get_absolute_url()
            yield path, assembly.page(frame, TEMPLATE, context, path=path).encode()


def archive_pages(site: Site, *, share: int = 0, shares: int = 1) -> Iterator[tuple[str, bytes]]:
    """``(path, content)`` of each day archive of ``site`` (of the days of one share): the site's live
    articles streamed newest first, cut into days, each capped as ``selectors.day_articles`` is."""
    agencies = selectors.AgencyTable(Agency.objects.all())
    frame = assembly.shell(site=site, choice=None)
    sections = {s.pk: s for s in Section.objects.filter(site=site)}
    live = Article.objects.filter(site=site, status=Article.Status.LIVE).order_by("-published_at", "-pk")
    if shares > 1:  # a day's rows all go to one worker: split by day of the month (UTC, as the grouping)
        live = live.annotate(_share=Mod(ExtractDay("published_at"), shares)).filter(_share=share)
    rows = live.values_list("pk", "slug", "section_id", "published_at", "story_id", "story__headline",
                            "story__summary", "story__agency")
    listed = (Listed(pk, slug, sections[section_id], published_at, story_id, ListedStory(headline, summary, agency))
              for pk, slug, section_id, published_at, story_id, headline, summary, agency in rows.iterator(2000))
    for day, of_day in groupby(listed, key=lambda a: a.published_at.astimezone(UTC).date()):
        articles = list(islice(of_day, selectors.PAGE_SIZE * selectors.MAX_PAGES))
        _body_text_where_no_summary(articles)
        path = reverse("archive-day", kwargs={"year": day.year, "month": day.month, "day": day.day})
        context = {"day": day, "articles": articles, "credits": selectors.agencies_for(articles, agencies)}
        yield path, assembly.page(frame, ARCHIVE_TEMPLATE, context, path=path).encode()


@dataclass
class ListedStory:
    headline: str
    summary: str
    agency: str
    body_text: str = ""  # loaded only for a story without a summary


@dataclass
class Listed:
    """What a list page shows of an article (``list_html.teasers``), from one value row."""

    pk: int
    slug: str
    section: Section
    published_at: datetime
    story_id: int
    story: ListedStory

    def get_absolute_url(self) -> str:
        return f"/{self.section.slug}/{self.slug}-{self.pk}.html"  # Article.get_absolute_url


def _body_text_where_no_summary(articles: list[Listed]) -> None:
    """A teaser falls back to the body text: load it for those stories only (one query, none mostly)."""
    wanting: dict[int, list[Listed]] = defaultdict(list)
    for a in articles:
        if not a.story.summary:
            wanting[a.story_id].append(a)  # one story may be listed twice (two sections of the site)
    if wanting:
        for pk, body_text in Story.objects.filter(pk__in=wanting).values_list("pk", "body_text"):
            for a in wanting[pk]:
                a.story.body_text = body_text
