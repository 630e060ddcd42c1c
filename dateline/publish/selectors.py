"""Public reads. Every selector takes the site explicitly (no process-wide SITE_ID).

Lists are bounded: pages are capped (``MAX_PAGES``) so no request can ask for an unbounded offset
scan (THREATS WEB-8); date archives are bounded by their day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet

from dateline.core.clock import aware_utc
from dateline.network.models import Agency, Section, Site
from dateline.publish import boxes
from dateline.publish.models import Article

PAGE_SIZE = 20
MAX_PAGES = 25
LEADS = 5
LEAD_POOL = 40
SECTION_BLOCK = 5


def live_articles(*, site: Site) -> QuerySet[Article]:
    return (Article.objects.filter(site=site, status=Article.Status.LIVE)
            .select_related("story", "section", "site").order_by("-published_at", "-pk"))


def section_articles(*, section: Section) -> QuerySet[Article]:
    return live_articles(site=section.site).filter(section=section)


def page_of(queryset: QuerySet[Article], page: int) -> tuple[list[Article], bool]:
    """One page (1-based, at most MAX_PAGES) and whether another follows."""
    start = (page - 1) * PAGE_SIZE
    rows = list(queryset[start:start + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE and page < MAX_PAGES


def home_leads(*, site: Site) -> list[Article]:
    """The most valuable of the site's recent stories (Story.info_value), newest first among equals."""
    pool = list(live_articles(site=site)[:LEAD_POOL])
    pool.sort(key=lambda a: (-a.story.info_value, -a.published_at.timestamp(), -a.pk))
    return pool[:LEADS]


def section_blocks(*, site: Site, exclude: set[int]) -> list[tuple[Section, list[Article]]]:
    blocks = []
    for section in site.sections.order_by("position", "slug"):
        latest = list(section_articles(section=section).exclude(pk__in=exclude)[:SECTION_BLOCK])
        if latest:
            blocks.append((section, latest))
    return blocks


def day_articles(*, site: Site, day: date) -> list[Article]:
    start = aware_utc(datetime.combine(day, time.min))
    return list(live_articles(site=site).filter(published_at__gte=start, published_at__lt=start + timedelta(days=1))
                [:PAGE_SIZE * MAX_PAGES])


def article_get(*, site: Site, section_slug: str, pk: int) -> Article | None:
    return (Article.objects.select_related("story", "section", "site")
            .filter(site=site, section__slug=section_slug, pk=pk).first())


def canonical_article(*, article: Article) -> Article:
    return (Article.objects.select_related("site", "section")
            .filter(story=article.story, is_canonical=True, status=Article.Status.LIVE).first() or article)


def related_articles(*, article: Article) -> list[Article]:
    """Precomputed Related Content, still live (a kill elsewhere drops it at once)."""
    return [r.related for r in article.related.filter(related__status=Article.Status.LIVE)
            .select_related("related__story", "related__site", "related__section").order_by("rank")]


class AgencyTable(list):
    """``Agency.objects.all()`` that remembers which agency each name means (the export asks per page)."""

    def __init__(self, agencies) -> None:
        super().__init__(agencies)
        self.answers: dict[str, Agency | None] = {}


def _agency_for(value: str, agencies: list[Agency]) -> Agency | None:
    """The agency a story names: by code, alias or name ("AFP", "afp", "JPL" → nasa, "Orbital Wire")."""
    answers = getattr(agencies, "answers", None)
    if answers is not None:
        if value not in answers:
            answers[value] = _agency_for(value, list(agencies))
        return answers[value]
    wanted = value.strip().lower()
    if not wanted:
        return None
    for agency in agencies:
        names = {agency.code.lower(), agency.name.lower(), *(a.lower() for a in agency.aliases or [])}
        if wanted in names:
            return agency
    return next((a for a in agencies if a.name.lower().startswith(wanted)), None)


def agencies_for(articles: list[Article], agencies: list[Agency] | None = None) -> list[Agency]:
    """Each agency whose copy the page shows, once, in the network's order (for the footer credits).
    ``agencies`` is ``Agency.objects.all()`` where the caller already holds it (the export)."""
    agencies = list(Agency.objects.all()) if agencies is None else agencies
    # By identity (``_agency_for`` answers with members of ``agencies``): a model's own hash and
    # equality cost more than the rest of this on every page.
    found = {id(agency) for a in articles if a.story.agency and (agency := _agency_for(a.story.agency, agencies))}
    return [a for a in agencies if id(a) in found]


def agency_label(code: str, agencies: list[Agency] | None = None) -> str:
    """How a dateline names the agency: as the wire did ("JPL"), a bare code as its first alias ("AFP")."""
    agency = _agency_for(code, list(Agency.objects.all()) if agencies is None else agencies) if code else None
    if agency is None or code != agency.code:
        return code if code != code.lower() else code.upper()
    return (agency.aliases or [agency.code.upper()])[0]


def sister_headlines(*, site: Site) -> list[dict]:
    return boxes.for_site(site)
