"""Stories (one per event), their member wire items, routing placements and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dateline.ingest.models import WireItem
from dateline.network.models import Section, Site


class Story(models.Model):
    class State(models.TextChoices):
        REVIEW = "review", "Waiting for review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        WITHHELD = "withheld", "Withheld (embargo)"
        KILLED = "killed", "Killed"
        DROPPED = "dropped", "Dropped by routing"

    state = models.CharField(max_length=12, choices=State.choices, default=State.REVIEW)
    lead_item = models.ForeignKey(WireItem, on_delete=models.PROTECT, related_name="+")
    headline = models.CharField(max_length=500)
    subheadline = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    agency = models.CharField(max_length=40, blank=True)
    dateline_text = models.CharField(max_length=300, blank=True)
    dateline_city = models.CharField(max_length=100, blank=True)
    dateline_country = models.CharField(max_length=100, blank=True)
    body_html = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    images = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(help_text="Wire time of the first version")
    updated_at = models.DateTimeField(null=True, blank=True, help_text="Shown as 'Updated' after a new version")
    embargo_until = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(blank=True)
    kill_reason = models.TextField(blank=True)
    info_value = models.FloatField(default=0.0)
    info_explain = models.JSONField(default=dict, blank=True)
    edited = models.BooleanField(default=False, help_text="An editor changed the copy; wire updates don't overwrite")
    revision = models.PositiveIntegerField(default=1, help_text="Optimistic lock for concurrent edits")
    created_at = models.DateTimeField()
    modified_at = models.DateTimeField()

    class Meta:
        ordering = ["-info_value", "-published_at"]
        indexes = [models.Index(fields=["state", "-info_value"]), models.Index(fields=["-published_at"])]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.headline


class StoryItem(models.Model):
    """A wire item belonging to a story: the lead, another agency's version, or an earlier version."""

    class Role(models.TextChoices):
        ORIGIN = "origin", "Started the story"
        VERSION = "version", "New version of a member (same source and guid)"
        STALE = "stale", "Out-of-order version, ignored"
        DUPLICATE = "duplicate", "Near-duplicate from another item"
        LINKED = "linked", "Similar item from an untrusted source, linked only"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    item = models.OneToOneField(WireItem, on_delete=models.CASCADE, related_name="story_link")
    similarity = models.FloatField(default=1.0)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.ORIGIN)
    # MinHash signature of the item's text (dateline.desk.dedup.signature_bytes); rebuilds the LSH index.
    minhash = models.BinaryField(null=True, blank=True)
    added_at = models.DateTimeField(db_index=True)


class StoryKey(models.Model):
    """(source, guid) → story: the unique key that makes concurrent ingest of one item one story (DUP-1)."""

    source = models.ForeignKey("network.Source", on_delete=models.CASCADE, related_name="+")
    guid = models.CharField(max_length=500)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="keys")
    version = models.PositiveIntegerField(default=1, help_text="Highest version applied (DUP-3)")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="storykey_unique")]


class Placement(models.Model):
    """A scored suggestion or decision to show a story in a section of a site."""

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="placements")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    confidence = models.FloatField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    explanation = models.JSONField(default=list, blank=True, help_text="Terms that weighed most")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-confidence"]
        constraints = [models.UniqueConstraint(fields=["story", "section"], name="placement_unique")]


class RoutingRule(models.Model):
    """An editor's pattern that forces a section in or out. Patterns are RE2 (linear time, ROUTE-1)."""

    class Effect(models.TextChoices):
        INCLUDE = "include", "Place in the section (review)"
        EXCLUDE = "exclude", "Never place in the section"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    pattern = models.CharField(max_length=500, help_text="RE2 syntax, matched case-insensitively")
    effect = models.CharField(max_length=10, choices=Effect.choices, default=Effect.INCLUDE)
    enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.effect} {self.section}: {self.pattern}"


class RoutingExample(models.Model):
    """A labelled record of an imported archive (``dateline route train``): text → section."""

    headline = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    imported_at = models.DateTimeField()


class AuditLog(models.Model):
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField(max_length=150, default="system")
    action = models.CharField(max_length=40)
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit")
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

from dateline.desk.models_editorial import EditorProfile, LoginThrottle  # noqa: E402,F401  (desk accounts)
