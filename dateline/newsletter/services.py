"""Writes of the newsletter stage: subscribing, confirming, leaving, erasure, suppression, issues.

Every public entry point answers the same whether or not an address is known (THREATS NL-2):
the functions here return nothing a view could turn into a different response.
"""

from __future__ import annotations

import logging
import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from dateline.core import clock
from dateline.core.text import one_line
from dateline.network.models import NewsletterConfig
from dateline.network.selectors import network_get
from dateline.newsletter import digest, limits, tokens
from dateline.newsletter.models import Issue, SendLog, Subscriber, Subscription, Suppression
from dateline.newsletter.selectors import digest_stories

log = logging.getLogger("dateline.newsletter")
CONFIRMATION_INTERVAL = timedelta(hours=24)  # at most one confirmation email per address per day (NL-1)


def mask_email(email: str) -> str:
    """For logs (THREATS NL-8): j***@e***.org."""
    local, _, domain = email.partition("@")
    name, _, tld = domain.rpartition(".")
    return f"{local[:1]}***@{name[:1]}***.{tld}" if name else f"{local[:1]}***@***"


def normalise_email(raw: str) -> str | None:
    email = one_line(raw).lower()
    if not email or len(email) > 254:
        return None
    try:
        validate_email(email)
    except ValidationError:
        return None
    return email


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email_hash=tokens.email_hash(email)).exists()


def subscription_request(*, email: str, newsletters: list[NewsletterConfig], source_page: str) -> None:
    """Record a pending subscription with its consent and queue one confirmation (double opt-in).

    The confirmation task is enqueued inside the same transaction as the rows (django-tasks-db
    stores it in this database), so both commit or neither does (THREATS DB-4).
    """
    if not newsletters or limits.blocked_domain(email) or is_suppressed(email):
        return
    from dateline.newsletter.tasks import send_confirmation

    now = clock.now()
    network = network_get()
    policy = network.privacy_policy_version if network else ""
    with transaction.atomic():
        subscriber = _subscriber_locked(email, now)
        for newsletter in newsletters:
            sub, created = Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter=newsletter,
                defaults={"created_at": now, "state": Subscription.State.PENDING})
            if not created and sub.state == Subscription.State.UNSUBSCRIBED:
                sub.state = Subscription.State.PENDING
            if sub.state == Subscription.State.PENDING:
                sub.consent_at, sub.consent_source, sub.consent_policy_version = now, source_page[:500], policy
                sub.save()
        pending = list(Subscription.objects.filter(subscriber=subscriber, state=Subscription.State.PENDING)
                       .values_list("newsletter_id", flat=True))
        recent = subscriber.confirmation_sent_at and subscriber.confirmation_sent_at > now - CONFIRMATION_INTERVAL
        if not pending or recent:
            return
        subscriber.confirmation_sent_at = now
        subscriber.confirm_nonce = secrets.token_urlsafe(12)
        subscriber.save(update_fields=["confirmation_sent_at", "confirm_nonce"])
        send_confirmation.enqueue(subscriber.pk, sorted(pending), subscriber.confirm_nonce)
    log.info("confirmation queued for %s", mask_email(email))


def _subscriber_locked(email: str, now) -> Subscriber:
    """The subscriber row for ``email``, created if needed, locked for this transaction."""
    try:
        with transaction.atomic():
            Subscriber.objects.get_or_create(email=email, defaults={"created_at": now})
    except IntegrityError:  # a concurrent request created it first
        pass
    return Subscriber.objects.select_for_update().get(email=email)


def subscription_confirm(*, token: str) -> Subscriber | None:
    """Activate the lists the token names; None when the token is bad, expired or already used."""
    claim = tokens.confirm_read(token)
    if claim is None:
        return None
    now = clock.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=claim.key).first()
        if subscriber is None or not subscriber.confirm_nonce or subscriber.confirm_nonce != claim.nonce:
            return None
        Subscription.objects.filter(subscriber=subscriber, newsletter_id__in=claim.newsletter_ids,
                                    state=Subscription.State.PENDING).update(
            state=Subscription.State.ACTIVE, confirmed_at=now)
        subscriber.confirm_nonce = ""
        # A confirmed address may ask for another list today and get its confirmation.
        subscriber.confirmation_sent_at = None
        subscriber.save(update_fields=["confirm_nonce", "confirmation_sent_at"])
    return subscriber


def subscription_unsubscribe(*, key: str, newsletter_id: int) -> None:
    """Immediate: the sender re-reads subscription states batch by batch (NL-4)."""
    Subscription.objects.filter(subscriber__key=key, newsletter_id=newsletter_id).exclude(
        state=Subscription.State.UNSUBSCRIBED).update(state=Subscription.State.UNSUBSCRIBED,
                                                      unsubscribed_at=clock.now())


def preferences_update(*, subscriber: Subscriber, wanted: set[int], source_page: str) -> None:
    """Leave unticked lists now; ticked lists need a confirmation unless already active."""
    current = {s.newsletter_id: s for s in Subscription.objects.filter(subscriber=subscriber)}
    for newsletter_id, sub in current.items():
        if newsletter_id not in wanted and sub.state != Subscription.State.UNSUBSCRIBED:
            subscription_unsubscribe(key=subscriber.key, newsletter_id=newsletter_id)
    new = [n for n in NewsletterConfig.objects.filter(pk__in=wanted, enabled=True)
           if n.pk not in current or current[n.pk].state != Subscription.State.ACTIVE]
    if new:
        subscription_request(email=subscriber.email, newsletters=new, source_page=source_page)


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything held about one subscriber (GDPR art. 15/20)."""
    subs = Subscription.objects.filter(subscriber=subscriber).select_related("newsletter")
    sends = SendLog.objects.filter(subscriber=subscriber).select_related("newsletter")
    return {
        "email": subscriber.email,
        "created_at": subscriber.created_at.isoformat(),
        "subscriptions": [{
            "newsletter": s.newsletter.name, "state": s.state,
            "consent_at": s.consent_at.isoformat() if s.consent_at else None,
            "consent_source": s.consent_source, "consent_policy_version": s.consent_policy_version,
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
        } for s in subs],
        "deliveries": [{"newsletter": r.newsletter.name, "date": r.issue_date.isoformat(), "state": r.state}
                       for r in sends],
    }


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Delete the address and everything tied to it (GDPR art. 17); a suppression stays as a hash."""
    masked = mask_email(subscriber.email)
    subscriber.delete()
    log.info("subscriber erased: %s", masked)


def suppression_add(*, email: str, reason: str, detail: str = "") -> None:
    """Hard bounce or complaint: no later send reaches the address, even after re-subscribing (NL-5)."""
    Suppression.objects.get_or_create(email_hash=tokens.email_hash(email),
                                      defaults={"reason": reason, "detail": detail[:300],
                                                "created_at": clock.now()})
    log.info("suppressed %s (%s)", mask_email(email), reason)


def issue_prepare(*, newsletter: NewsletterConfig, day: date) -> Issue:
    """The issue of ``newsletter`` for local ``day``: selected and rendered once, or skipped."""
    existing = Issue.objects.filter(newsletter=newsletter, date=day).first()
    if existing:
        return existing
    start, end = digest.issue_window(day, newsletter.send_time, newsletter.timezone)
    stories = digest_stories(newsletter=newsletter, start=start, end=end)
    sections = digest.select(stories, max_stories=newsletter.max_stories)
    count = sum(len(s.stories) for s in sections)
    now = clock.now()
    values = {"created_at": now, "story_ids": [s.story_id for sec in sections for s in sec.stories]}
    if count < newsletter.min_stories:
        values.update(state=Issue.State.SKIPPED, finished_at=now)
    else:
        site = newsletter.site
        rendered = digest.render(newsletter_name=newsletter.name, site_name=site.name, site_url=site.base_url,
                                 day=day, sections=sections, archive_url=site.absolute("/newsletter/archive/"))
        values.update(subject=rendered.subject, html=rendered.html, text=rendered.text)
    try:
        with transaction.atomic():
            return Issue.objects.create(newsletter=newsletter, date=day, **values)
    except IntegrityError:  # another scheduler prepared it first (WRK-1)
        return Issue.objects.get(newsletter=newsletter, date=day)
