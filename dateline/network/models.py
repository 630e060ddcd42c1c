"""The shape of the network: sites, sections, Related Links, sources, agencies, newsletters.

Loaded from a TOML file by ``dateline network load``; every stage reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Network(models.Model):
    """The single row describing the whole network (the operator, policy versions)."""

    name = models.CharField(max_length=200)
    host = models.CharField(max_length=253, help_text="Host of the network index, e.g. localhost")
    publisher = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    curation_statement = models.TextField(blank=True)
    privacy_policy_version = models.CharField(max_length=40, default="1")
    privacy_extra = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A news agency or press office whose copy the network is licensed to use."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    copyright = models.CharField(max_length=400, help_text="Footer line credited on pages showing this copy")
    priority = models.IntegerField(default=50, help_text="Higher leads a cluster of the same story")
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings found in datelines")

    class Meta:
        ordering = ["-priority", "code"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.code


class Site(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    host = models.CharField(max_length=253, unique=True)
    tagline = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=20, default="en")
    position = models.PositiveIntegerField(default=0)
    sisters = models.ManyToManyField("self", symmetrical=False, through="SisterBox", related_name="+")
    ads = models.JSONField(default=dict, blank=True, help_text="Ad slot configuration, rendered only after consent")

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def base_url(self) -> str:
        port = getattr(settings, "DATELINE_PUBLIC_PORT", None)
        suffix = f":{port}" if port and port not in (80, 443) else ""
        return f"{settings.DATELINE_PUBLIC_SCHEME}://{self.host}{suffix}"

    def absolute(self, path: str) -> str:
        return self.base_url + path


class SisterBox(models.Model):
    """Site ``site`` shows a headline box of ``sister``'s latest stories."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sister_boxes")
    sister = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["site", "sister"], name="sisterbox_unique")]


class Section(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    keywords = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Routing thresholds (confidence in [0, 1]): at or above auto → published without review.
    auto_publish_threshold = models.FloatField(default=0.9)
    review_threshold = models.FloatField(default=0.35)

    class Meta:
        ordering = ["site", "position", "slug"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="section_unique_per_site")]

    def __str__(self) -> str:
        return f"{self.site.slug}/{self.slug}"


class RelatedLink(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="related_links")
    text = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]


class Source(models.Model):
    FORMATS = [
        ("auto", "Detect from content"),
        ("rss", "RSS / Atom"),
        ("jsonfeed", "JSON Feed"),
        ("newsml_g2", "IPTC NewsML-G2"),
        ("newsml_12", "NewsML 1.2"),
        ("nitf", "IPTC NITF"),
        ("ninjs", "IPTC ninjs"),
        ("html", "HTML article page"),
        ("wiretext", "Plain wire text"),
    ]
    TRANSPORTS = [("folder", "Drop folder"), ("http", "HTTP(S) polling")]

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    format = models.CharField(max_length=20, choices=FORMATS, default="auto")
    transport = models.CharField(max_length=10, choices=TRANSPORTS, default="folder")
    location = models.CharField(max_length=1000, help_text="Folder path or http(s) URL")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources")
    copyright = models.CharField(max_length=400, blank=True)
    licence = models.CharField(max_length=400, blank=True)
    enabled = models.BooleanField(default=True)
    poll_minutes = models.PositiveIntegerField(default=15)
    expected_quiet_hours = models.FloatField(default=24, help_text="Flag the source when quiet for longer")
    allow_private = models.JSONField(
        default=list, blank=True, help_text="host:port pairs this source may reach although not public"
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class NewsletterConfig(models.Model):
    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="newsletter")
    enabled = models.BooleanField(default=True)
    name = models.CharField(max_length=200)
    from_email = models.CharField(max_length=254)
    send_time = models.TimeField(default="06:00")
    timezone = models.CharField(max_length=64, default="UTC")
    min_stories = models.PositiveIntegerField(default=3)
    max_stories = models.PositiveIntegerField(default=30)

    def __str__(self) -> str:
        return self.name
