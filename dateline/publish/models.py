"""Articles: a published story placed on a site and section, with one canonical page per story."""

from __future__ import annotations

from django.db import models

from dateline.desk.models import Story
from dateline.network.models import Section, Site


class Article(models.Model):
    class Status(models.TextChoices):
        LIVE = "live", "Live"
        WITHDRAWN = "withdrawn", "Withdrawn"
        KILLED = "killed", "Killed"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="articles")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="articles")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="articles")
    slug = models.SlugField(max_length=100)
    is_canonical = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LIVE)
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["story", "section"], name="article_unique_placement")]
        indexes = [
            models.Index(fields=["site", "status", "-published_at"]),
            models.Index(fields=["section", "status", "-published_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.site.slug}/{self.section.slug}/{self.slug}"

    def get_absolute_url(self) -> str:
        return f"/{self.section.slug}/{self.slug}-{self.pk}.html"

    @property
    def absolute_url(self) -> str:
        return self.site.absolute(self.get_absolute_url())


class RelatedArticle(models.Model):
    """Precomputed when an article is published or updated, never at request time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]


class SearchDocument(models.Model):
    """The searchable text of one live article, kept in step on ``articles_changed`` (``publish.search``).

    SQLite indexes it with an FTS5 external-content table kept current by triggers, PostgreSQL with a
    generated ``tsvector`` column under a GIN index; migration ``0002_search_document`` creates whichever
    the database has. ``site_primary`` marks one article per story and site (a story placed in two
    sections of a site is found once); ``is_canonical`` marks the one page network-wide search shows.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True,
                                   related_name="search_document")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    is_canonical = models.BooleanField()
    site_primary = models.BooleanField()
    published_at = models.DateTimeField()
    headline = models.TextField()
    body = models.TextField()
    # Scope tokens for SQLite FTS5 (``dlcanon``, ``dlsite<id>``): the engine intersects them with the
    # terms inside the index instead of filtering every match afterwards (see search/sqlite.py).
    scope = models.TextField(default="")


class ConsentRecord(models.Model):
    """Proof of a reader's consent choice (THREATS GDPR-5): when, under which policy, for which purposes.

    ``pseudonymous_id`` is the random id in the reader's consent cookie; no address, IP or user agent is
    kept. Records older than the configured retention are purged by ``consent_records_purge``.
    """

    pseudonymous_id = models.CharField(max_length=64, db_index=True)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    policy_version = models.CharField(max_length=40)
    purposes = models.JSONField(default=list, blank=True)
    action = models.CharField(max_length=20, help_text="accept_all, reject_all or custom")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.pseudonymous_id} {self.action} v{self.policy_version}"
