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
