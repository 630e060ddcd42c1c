"""Mail that comes back: bounce reports, complaints and mailto unsubscribes (THREATS NL-4, NL-5).

``parse`` is pure: bytes of one message in, what it reports out.
- Delivery status notifications (RFC 3464, ``multipart/report; report-type=delivery-status``):
  ``Action: failed`` with a 5.x.x ``Status`` is a hard bounce.
- Feedback reports (ARF, RFC 5965, ``report-type=feedback-report``): ``Feedback-Type: abuse`` is
  a complaint.
- A message to the List-Unsubscribe mailto address: the subject carries the one-click token.
``apply`` turns a report into a suppression or an unsubscribe. The address comes from the
report's recipient field, else from the digest's own Message-ID (``<digest.ISSUE.SUBSCRIBER@…>``).
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage

from dateline.newsletter import services, tokens
from dateline.newsletter.models import Subscriber, Subscription

_DIGEST_ID = re.compile(r"<digest\.(\d+)\.(\d+)@[^>]+>")
_ADDRESS = re.compile(r"(?:rfc822;\s*)?<?([^<>\s;]+@[^<>\s;]+)>?", re.I)


@dataclass(frozen=True)
class Report:
    kind: str  # "hard_bounce", "soft_bounce", "complaint", "unsubscribe" or "unknown"
    recipient: str = ""
    subscriber_id: int | None = None
    token: str = ""


def _fields(part: EmailMessage) -> list[dict[str, str]]:
    """Header-style field groups of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package parses these parts into header blocks
        return [{k.lower(): str(v) for k, v in block.items()} for block in payload]
    text = payload if isinstance(payload, str) else ""
    groups = []
    for block in re.split(r"\r?\n\r?\n", text):
        fields = {}
        for line in block.splitlines():
            name, _, value = line.partition(":")
            if value:
                fields[name.strip().lower()] = value.strip()
        if fields:
            groups.append(fields)
    return groups


def _address(value: str) -> str:
    match = _ADDRESS.search(value or "")
    return match.group(1).lower() if match else ""


def _subscriber_id(message: EmailMessage) -> int | None:
    for part in message.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            inner = part.get_payload()
            text = inner[0].as_string() if isinstance(inner, list) else str(inner)
            match = _DIGEST_ID.search(text)
            if match:
                return int(match.group(2))
    return None


def parse(raw: bytes) -> Report:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    subject = str(message.get("Subject", ""))
    if message.get_content_type() != "multipart/report":
        token = subject.strip().partition(" ")[2].strip() if subject.lower().startswith("unsubscribe ") else ""
        return Report(kind="unsubscribe", token=token) if token else Report(kind="unknown")
    report_type = message.get_param("report-type", "").lower()
    subscriber_id = _subscriber_id(message)
    for part in message.walk():
        kind = part.get_content_type()
        if report_type == "feedback-report" and kind == "message/feedback-report":
            fields = {k: v for group in _fields(part) for k, v in group.items()}
            if fields.get("feedback-type", "").lower() == "abuse":
                return Report(kind="complaint", recipient=_address(fields.get("original-rcpt-to", "")),
                              subscriber_id=subscriber_id)
        if report_type == "delivery-status" and kind == "message/delivery-status":
            for fields in _fields(part)[1:] or _fields(part):  # the first group is per-message
                if fields.get("action", "").lower() == "failed":
                    hard = fields.get("status", "").startswith("5.")
                    return Report(kind="hard_bounce" if hard else "soft_bounce",
                                  recipient=_address(fields.get("final-recipient", "")),
                                  subscriber_id=subscriber_id)
    return Report(kind="unknown", subscriber_id=subscriber_id)


def apply(report: Report) -> str:
    """Act on one report; returns a line for the operator (addresses masked, THREATS NL-8)."""
    if report.kind == "unsubscribe":
        claim = tokens.unsubscribe_read(report.token)
        if claim is None:
            return "ignored: unsubscribe request without a valid token"
        services.subscription_unsubscribe(key=claim[0], newsletter_id=claim[1])
        return "unsubscribed"
    if report.kind not in ("hard_bounce", "complaint"):
        return f"ignored: {report.kind.replace('_', ' ')}"
    email_address = services.normalise_email(report.recipient) if report.recipient else None
    if email_address is None and report.subscriber_id is not None:
        subscriber = Subscriber.objects.filter(pk=report.subscriber_id).first()
        email_address = subscriber.email if subscriber else None
    if email_address is None:
        return "ignored: no recipient in the report"
    services.suppression_add(email=email_address, reason=report.kind, detail=f"{report.kind} report")
    if report.kind == "complaint":  # RFC 5965 section 1: stop mailing whoever complained, on every list
        Subscription.objects.filter(subscriber__email=email_address).exclude(
            state=Subscription.State.UNSUBSCRIBED).update(state=Subscription.State.UNSUBSCRIBED)
    return f"{report.kind.replace('_', ' ')}: {services.mask_email(email_address)} suppressed"
