"""Writes of the publish stage: keep a story's Articles in step with its accepted placements."""

from __future__ import annotations

from django.db import transaction

from dateline.core import clock
from dateline.core.text import slugify
from dateline.desk.models import Placement, Story
from dateline.publish.models import Article
from dateline.publish.signals import articles_changed


def _is_public(story: Story) -> bool:
    if story.state != Story.State.PUBLISHED:
        return False
    return not (story.embargo_until and story.embargo_until > clock.now())


@transaction.atomic
def articles_sync(*, story: Story) -> list[Article]:
    """Create, update or withdraw the story's articles; the most confident placement is canonical."""
    accepted = list(Placement.objects.filter(story=story, state=Placement.State.ACCEPTED)
                    .select_related("section", "site").order_by("-confidence", "pk"))
    existing = {a.section_id: a for a in Article.objects.filter(story=story)}
    changed: list[Article] = []
    if not _is_public(story):
        status = Article.Status.KILLED if story.state == Story.State.KILLED else Article.Status.WITHDRAWN
        for article in existing.values():
            if article.status != status:
                article.status = status
                article.save(update_fields=["status"])
                changed.append(article)
    else:
        slug = slugify(story.headline)
        wanted = {p.section_id for p in accepted}
        for index, placement in enumerate(accepted):
            article = existing.get(placement.section_id)
            values = {"site": placement.site, "slug": slug, "is_canonical": index == 0,
                      "status": Article.Status.LIVE, "updated_at": story.updated_at}
            if article is None:
                article = Article.objects.create(story=story, section=placement.section,
                                                 published_at=story.published_at, **values)
            else:
                for name, value in values.items():
                    setattr(article, name, value)
                article.save()
            changed.append(article)
        for section_id, article in existing.items():
            if section_id not in wanted and article.status == Article.Status.LIVE:
                article.status = Article.Status.WITHDRAWN
                article.save(update_fields=["status"])
                changed.append(article)
    if changed:
        transaction.on_commit(lambda: articles_changed.send(sender=Article, story=story, articles=changed))
    return changed
