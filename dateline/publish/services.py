"""Writes of the publish stage: keep a story's Articles in step with its accepted placements."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import transaction

from dateline.core import clock
from dateline.core.text import slugify
from dateline.desk.models import Placement, Story
from dateline.network.models import Site
from dateline.publish import boxes, cache, related
from dateline.publish.models import Article, ConsentRecord, RelatedArticle
from dateline.publish.signals import articles_changed

# Related content compares a story with the network's recent canonical articles, newest first.
RELATED_WINDOW_DAYS = 120
RELATED_CANDIDATES = 3000
RELATED_PER_ARTICLE = 6
_TEXT_CHARS = 4000  # the opening of a story carries its topic; the tail only adds cost


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


def _doc_text(headline: str, summary: str, body: str) -> str:
    # The headline counts twice: it names the topic in the fewest words.
    return f"{headline}\n{headline}\n{summary}\n{body[:_TEXT_CHARS]}"


# Term counts of candidate articles, by (article, story version): tokenised once per process.
_TERMS = related.TermCache()


def _candidate_terms(versions: dict[int, object]) -> None:
    missing = _TERMS.missing(versions)
    for start in range(0, len(missing), 500):
        chunk = missing[start:start + 500]
        rows = Article.objects.filter(pk__in=chunk).values_list("pk", "story__headline", "story__summary",
                                                                "story__body_text")
        texts = {pk: _doc_text(h, s, b) for pk, h, s, b in rows}
        keys = [pk for pk in chunk if pk in texts]
        _TERMS.put(keys, versions, [texts[pk] for pk in keys])


@transaction.atomic
def related_refresh(*, story: Story) -> int:
    """Recompute the Related Content of the story's live articles; returns the rows written."""
    articles = list(Article.objects.filter(story=story))
    RelatedArticle.objects.filter(article__in=articles).delete()
    live = [a for a in articles if a.status == Article.Status.LIVE]
    if not live:
        return 0
    # Recency is measured from the story's own time, so an archived story updated today is compared
    # with its contemporaries, and a fresh one with the last months.
    when = story.published_at
    window = timedelta(days=RELATED_WINDOW_DAYS)
    rows = list(Article.objects.filter(status=Article.Status.LIVE, is_canonical=True,
                                       published_at__gte=when - window, published_at__lte=when + window)
                .exclude(story=story).order_by("-published_at", "-pk")
                .values_list("pk", "story__modified_at", "published_at")[:RELATED_CANDIDATES])
    _candidate_terms({pk: version for pk, version, _ in rows})
    keys = [pk for pk, _, _ in rows]
    target = related.term_counts([_doc_text(story.headline, story.summary, story.body_text)])
    ranked = related.rank_rows(target[0], keys, _TERMS.matrix(keys), [at for _, _, at in rows], now=when,
                               limit=RELATED_PER_ARTICLE)
    RelatedArticle.objects.bulk_create([
        RelatedArticle(article=article, related_id=pk, score=score, rank=rank)
        for article in live for rank, (pk, score) in enumerate(ranked)
    ])
    return len(live) * len(ranked)


def sister_boxes_refresh(*, articles: list[Article]) -> list[int]:
    """Refresh the headline boxes of every site that shows one of these articles' sites."""
    return boxes.refresh({a.site_id for a in articles})


def pages_purge(*, articles: list[Article]) -> set[int]:
    """Invalidate the cached pages of every site that can show these articles (WIRE-1: kills included)."""
    site_ids = {a.site_id for a in articles}
    site_ids |= set(Site.objects.filter(sister_boxes__sister_id__in=site_ids).values_list("pk", flat=True))
    site_ids |= set(RelatedArticle.objects.filter(related__in=articles).values_list("article__site_id", flat=True))
    cache.bump(site_ids)
    return site_ids


def consent_record(*, pseudonymous_id: str, site: Site | None, policy_version: str, purposes: list[str],
                   action: str) -> ConsentRecord:
    return ConsentRecord.objects.create(pseudonymous_id=pseudonymous_id, site=site, policy_version=policy_version,
                                        purposes=sorted(purposes), action=action, created_at=clock.now())


def consent_records_purge_due() -> int | None:
    """The retention purge, at most once an hour across workers (a cache key is the lease)."""
    if not django_cache.add("dateline:consent-purge", 1, 3600):
        return None
    return consent_records_purge()


def consent_records_purge(*, older_than_days: int | None = None) -> int:
    """Delete consent records past their retention (default DATELINE_CONSENT_RETENTION_DAYS, 400 days)."""
    days = older_than_days or getattr(settings, "DATELINE_CONSENT_RETENTION_DAYS", 400)
    deleted, _ = ConsentRecord.objects.filter(created_at__lt=clock.now() - timedelta(days=days)).delete()
    return deleted
