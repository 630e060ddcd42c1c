"""Keep the search documents in step with articles: live articles in, anything else out at once."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from dateline.core.text import clean_text, one_line
from dateline.desk.models import Story
from dateline.publish.models import Article, SearchDocument

# A body longer than this adds index size but no findability (wire copy is rarely a tenth of it).
MAX_BODY_CHARS = 100_000


def _documents(articles: Iterable[Article]) -> list[SearchDocument]:
    """One document per live article; per story and site one is primary (canonical first, then oldest)."""
    live = sorted((a for a in articles if a.status == Article.Status.LIVE),
                  key=lambda a: (a.story_id, a.site_id, not a.is_canonical, a.pk))
    documents, seen = [], set()
    for article in live:
        story = article.story
        key = (article.story_id, article.site_id)
        primary = key not in seen
        scope = " ".join([*(["dlcanon"] if article.is_canonical else []),
                          *([f"dlsite{article.site_id}"] if primary else [])])
        documents.append(SearchDocument(
            article=article, site_id=article.site_id, is_canonical=article.is_canonical,
            site_primary=primary, published_at=article.published_at, scope=scope,
            headline=one_line(story.headline),
            body=clean_text(" ".join(filter(None, [story.subheadline, story.summary, story.body_text])))
            [:MAX_BODY_CHARS],
        ))
        seen.add(key)
    return documents


@transaction.atomic
def search_index_sync(*, story: Story) -> int:
    """Re-index the story's articles; killed or withdrawn ones leave the index in this transaction."""
    articles = list(Article.objects.filter(story=story).select_related("story"))
    SearchDocument.objects.filter(article__story=story).delete()
    documents = _documents(articles)
    SearchDocument.objects.bulk_create(documents)
    return len(documents)


def search_index_rebuild(*, batch_size: int = 2000) -> int:
    """Rebuild every document from the live articles, in bounded batches."""
    SearchDocument.objects.all().delete()
    count = 0
    story_ids = list(Article.objects.filter(status=Article.Status.LIVE)
                     .values_list("story_id", flat=True).distinct().order_by("story_id"))
    for start in range(0, len(story_ids), batch_size):
        chunk = story_ids[start:start + batch_size]
        with transaction.atomic():
            articles = Article.objects.filter(story_id__in=chunk).select_related("story")
            documents = _documents(articles)
            SearchDocument.objects.bulk_create(documents)
        count += len(documents)
    return count
