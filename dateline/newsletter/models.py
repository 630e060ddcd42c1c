"""Subscribers, subscriptions, suppressions, issues and the send log.

Addresses are personal data (THREATS NL-8): a subscriber's rows go with an erasure, while a
suppression keeps only a keyed hash of the address so a hard bounce or complaint keeps
working after the address itself is gone (NL-5).
"""

from __future__ import annotations

import secrets

from django.db import models

from dateline.network.models import NewsletterConfig


def new_key() -> str:
    return secrets.token_urlsafe(18)


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, unique=True, help_text="Normalised: trimmed, lower-cased")
    # Opaque identifier carried by tokens in links, so no link ever contains the address.
    key = models.CharField(max_length=32, unique=True, default=new_key)
    created_at = models.DateTimeField()
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # The nonce of the one confirmation link that may still be used (NL-3: single use).
    confirm_nonce = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"subscriber {self.pk}"


class Subscription(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Active"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    newsletter = models.ForeignKey(NewsletterConfig, on_delete=models.CASCADE, related_name="subscriptions")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Consent record: when, on which page, under which privacy policy version.
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(max_length=500, blank=True)
    consent_policy_version = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "newsletter"], name="subscription_unique")]
        indexes = [models.Index(fields=["newsletter", "state"])]


class Suppression(models.Model):
    class Reason(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", "Hard bounce"
        COMPLAINT = "complaint", "Complaint"
        MANUAL = "manual", "Suppressed by an operator"

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()


class Issue(models.Model):
    """One digest of one newsletter for one local date; the unique row is the once-a-day guard."""

    class State(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped (too little news)"

    newsletter = models.ForeignKey(NewsletterConfig, on_delete=models.CASCADE, related_name="issues")
    date = models.DateField(help_text="Local date in the newsletter's time zone")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENDING)
    subject = models.CharField(max_length=300, blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    story_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # Lease of the one sender working on this issue (THREATS WRK-1).
    lease_owner = models.CharField(max_length=200, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "newsletter"]
        constraints = [models.UniqueConstraint(fields=["newsletter", "date"], name="issue_once_per_day")]

    def __str__(self) -> str:
        return f"{self.newsletter} {self.date}"


class SendLog(models.Model):
    """One row per (subscriber, newsletter, issue date): a restart never sends a logged row again (NL-6)."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Handed to SMTP, answer not yet recorded"
        SENT = "sent", "Accepted by the SMTP server"
        DEFERRED = "deferred", "Temporary failure, will retry"
        BOUNCED = "bounced", "Permanent failure"
        FAILED = "failed", "Gave up after retries"
        SKIPPED = "skipped", "Not sent (unsubscribed or suppressed meanwhile)"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sends")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sends")
    newsletter = models.ForeignKey(NewsletterConfig, on_delete=models.CASCADE, related_name="+")
    issue_date = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "newsletter", "issue_date"],
                                               name="sendlog_once_per_subscriber_and_day")]
        indexes = [models.Index(fields=["issue", "state"])]
