"""Public reads. Every selector takes the site explicitly (no process-wide SITE_ID)."""

from __future__ import annotations

from django.db.models import QuerySet

from dateline.network.models import Section, Site
from dateline.publish.models import Article


def live_articles(*, site: Site) -> QuerySet[Article]:
    return (Article.objects.filter(site=site, status=Article.Status.LIVE)
            .select_related("story", "section", "site").order_by("-published_at", "-pk"))


def section_articles(*, section: Section) -> QuerySet[Article]:
    return live_articles(site=section.site).filter(section=section)


def article_get(*, site: Site, section_slug: str, pk: int) -> Article | None:
    return (Article.objects.select_related("story", "section", "site")
            .filter(site=site, section__slug=section_slug, pk=pk).first())


def canonical_article(*, article: Article) -> Article:
    return (Article.objects.select_related("site", "section")
            .filter(story=article.story, is_canonical=True, status=Article.Status.LIVE).first() or article)


def sister_headlines(*, site: Site, per_box: int = 4) -> list[tuple[Site, list[Article]]]:
    boxes = []
    for box in site.sister_boxes.select_related("sister"):
        boxes.append((box.sister, list(live_articles(site=box.sister).filter(is_canonical=True)[:per_box])))
    return boxes
