"""Background tasks (django.tasks, django-tasks-db backend): the confirmation email.

Sent by the worker, never in the request, so an SMTP failure cannot change what the
subscriber's browser sees (THREATS NL-2, Django CVE-2024-45231).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task

from dateline.core.text import one_line
from dateline.network.models import NewsletterConfig
from dateline.newsletter import tokens
from dateline.newsletter.models import Subscriber

log = logging.getLogger("dateline.newsletter")


@task(queue_name="newsletter")
def send_confirmation(subscriber_id: int, newsletter_ids: list[int], nonce: str) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    # A newer request replaced the link, or the address was confirmed or erased meanwhile.
    if subscriber is None or subscriber.confirm_nonce != nonce:
        return False
    newsletters = list(NewsletterConfig.objects.filter(pk__in=newsletter_ids).select_related("site"))
    if not newsletters:
        return False
    site = newsletters[0].site
    token = tokens.confirm_token(key=subscriber.key, newsletter_ids=newsletter_ids, nonce=nonce)
    # Links come from the Site record, never from a request's Host header (THREATS WEB-6).
    link = site.absolute(f"/newsletter/confirm/{token}/")
    names = ", ".join(one_line(n.name) for n in newsletters)
    body = (f"Someone, probably you, asked to receive {names}.\n\n"
            f"To confirm, open this link and press the button on the page:\n{link}\n\n"
            "The link works for 48 hours. If you did not ask for this, ignore this message:\n"
            "without confirmation nothing will be sent to you.\n")
    message = EmailMessage(subject=one_line(f"Confirm your subscription to {names}")[:200], body=body,
                           from_email=newsletters[0].from_email or settings.DEFAULT_FROM_EMAIL,
                           to=[subscriber.email])
    mailers.default.send_messages([message])
    return True
