"""Ingested material: raw payloads kept verbatim, normalised wire items, quarantine, source health."""

from __future__ import annotations

from django.db import models

from dateline.network.models import Source


class RawPayload(models.Model):
    """Bytes exactly as received, kept for reprocessing and for quarantine review."""

    sha256 = models.CharField(max_length=64, unique=True)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    origin = models.CharField(max_length=1000, help_text="File name or URL it came from")
    content_type = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField()


class WireItem(models.Model):
    PUBSTATUS = [("usable", "Usable"), ("withheld", "Withheld"), ("canceled", "Canceled")]

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    guid = models.CharField(max_length=500)
    # The version the wire declares (NewsML/ninjs), else our own sequence; 0 marks a late arrival that
    # carried no version and was older than the current one (recorded, never current: DUP-3).
    version = models.PositiveIntegerField(default=1)
    declared_version = models.PositiveIntegerField(null=True, blank=True, help_text="As the wire stated it")
    content_hash = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    raw = models.ForeignKey(RawPayload, on_delete=models.PROTECT, related_name="items")
    link = models.URLField(max_length=1000, blank=True)
    headline = models.CharField(max_length=500)
    subheadline = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    agency = models.CharField(max_length=40, blank=True)
    dateline_text = models.CharField(max_length=300, blank=True)
    dateline_city = models.CharField(max_length=100, blank=True)
    dateline_region = models.CharField(max_length=100, blank=True)
    dateline_country = models.CharField(max_length=100, blank=True)
    dateline_date = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=20, blank=True)
    body_html = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    subjects = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    images = models.JSONField(default=list, blank=True)
    pubstatus = models.CharField(max_length=10, choices=PUBSTATUS, default="usable")
    embargo_until = models.DateTimeField(null=True, blank=True)
    correction = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    is_current = models.BooleanField(default=True, help_text="The newest version of this guid")
    ingested_at = models.DateTimeField()

    class Meta:
        constraints = [
            # Same bytes twice create nothing new (DUP-1); a new version is a new row.
            models.UniqueConstraint(fields=["source", "guid", "content_hash"], name="wireitem_unique_content"),
            # Exactly one current version per (source, normalised guid), even with racing workers (DUP-1).
            models.UniqueConstraint(fields=["source", "guid"], condition=models.Q(is_current=True),
                                    name="wireitem_one_current"),
        ]
        indexes = [models.Index(fields=["source", "guid", "-version"]), models.Index(fields=["-published_at"])]

    def __str__(self) -> str:
        return f"{self.source.slug}:{self.guid} v{self.version}"


class Quarantine(models.Model):
    """Input that could not be ingested: the raw bytes stay, with a reason an editor can read."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="quarantined")
    raw = models.ForeignKey(RawPayload, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    origin = models.CharField(max_length=1000)
    reason = models.CharField(max_length=60)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField()
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "quarantine"

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """What went wrong, naming the source, the file or URL and the reason (never the raw bytes)."""
        source = self.source.slug if self.source else "(no source)"
        return f"{source}: {self.origin}: {self.reason}: {self.detail[:300]}"


class SourceHealth(models.Model):
    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="health")
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_error_code = models.CharField(max_length=60, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    items_seen = models.PositiveIntegerField(default=0)
    last_item_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Last HTTP status")
    # A validated permanent redirect (SSRF-3): polled instead of ``moved_from``, as long as the source's
    # configured location is still ``moved_from`` (a new configuration wins).
    current_url = models.CharField(max_length=2048, blank=True)
    moved_from = models.CharField(max_length=1000, blank=True)
    gone_count = models.PositiveSmallIntegerField(default=0, help_text="Consecutive 410 Gone answers")
    polling_stopped = models.BooleanField(default=False, help_text="Stopped after a confirmed 410 Gone")

    class Meta:
        verbose_name_plural = "source health"

    def __str__(self) -> str:
        return f"health of {self.source.slug}"


class MediaAsset(models.Model):
    """An image re-hosted at ingest (THREATS HTML-7): stored under its SHA-256, served from a signed path."""

    sha256 = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_url = models.CharField(max_length=2000)
    fetched_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.content_type})"
