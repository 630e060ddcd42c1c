"""Reads of the newsletter stage."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from dateline.core.text import one_line
from dateline.network.models import NewsletterConfig, Site
from dateline.newsletter.digest import DigestStory, teaser
from dateline.newsletter.models import Issue, Subscriber, Subscription
from dateline.publish.models import Article


def newsletters_enabled() -> QuerySet[NewsletterConfig]:
    return NewsletterConfig.objects.filter(enabled=True).select_related("site").order_by("site__position", "pk")


def newsletter_for_site(site: Site | None) -> NewsletterConfig | None:
    if site is None:
        return None
    return NewsletterConfig.objects.filter(site=site, enabled=True).select_related("site").first()


def subscriber_by_key(key: str) -> Subscriber | None:
    return Subscriber.objects.filter(key=key).first()


def subscriber_by_email(email: str) -> Subscriber | None:
    # Exact match, never LIKE/icontains: an address with % or _ matches only itself (THREATS NL-1).
    return Subscriber.objects.filter(email=email).first()


def subscriptions_of(subscriber: Subscriber) -> dict[int, Subscription]:
    return {s.newsletter_id: s for s in Subscription.objects.filter(subscriber=subscriber)}


def digest_stories(*, newsletter: NewsletterConfig, start: datetime, end: datetime) -> list[DigestStory]:
    """Live articles of the newsletter's site published in [start, end), one per story.

    A story placed in two sections of one site appears once, under its canonical placement
    when that is on this site, else under its first placement here.
    """
    articles = (Article.objects.filter(site=newsletter.site, status=Article.Status.LIVE,
                                       published_at__gte=start, published_at__lt=end)
                .select_related("story", "section", "site").order_by("-is_canonical", "pk"))
    by_story: dict[int, DigestStory] = {}
    for article in articles:
        if article.story_id in by_story:
            continue
        story = article.story
        by_story[article.story_id] = DigestStory(
            story_id=story.pk, headline=one_line(story.headline), dateline=one_line(story.dateline_text),
            teaser=teaser(story.summary or story.subheadline or story.body_text),
            url=article.absolute_url, section=one_line(article.section.title),
            section_position=article.section.position, info_value=story.info_value,
            published_at=article.published_at,
        )
    return list(by_story.values())


def archive_issues(*, site: Site) -> QuerySet[Issue]:
    return Issue.objects.filter(newsletter__site=site, state=Issue.State.SENT).order_by("-date")
