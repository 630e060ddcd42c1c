"""Bounce reports, complaints and mailto unsubscribes coming back (THREATS NL-4, NL-5).

The report messages are written for the project in the shapes of RFC 3464 (delivery status)
and RFC 5965 (ARF feedback reports).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from dateline.newsletter import feedback, services, tokens
from dateline.newsletter.models import Subscription
from dateline.newsletter.tests.conftest import active_subscriber

ORIGINAL = ("From: OrbitalMars Daily <newsletters@orbitalwire.example>\r\nTo: {to}\r\n"
            "Subject: OrbitalMars Daily\r\nMessage-ID: <digest.7.{sid}@orbitalwire.example>\r\n")


def dsn(to: str, sid: int, action: str = "failed", status: str = "5.1.1") -> bytes:
    return ("From: MAILER-DAEMON@mx.example.net\r\nTo: newsletters@orbitalwire.example\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
            "--R\r\nContent-Type: text/plain\r\n\r\nThe mail system could not deliver your message.\r\n"
            "--R\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.example.net\r\n\r\n"
            f"Final-Recipient: rfc822; {to}\r\nAction: {action}\r\nStatus: {status}\r\n"
            "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
            "--R\r\nContent-Type: text/rfc822-headers\r\n\r\n" + ORIGINAL.format(to=to, sid=sid) +
            "\r\n--R--\r\n").encode()


def arf(to: str, sid: int, with_recipient: bool = True) -> bytes:
    rcpt = f"Original-Rcpt-To: {to}\r\n" if with_recipient else ""
    return ("From: fbl@isp.example\r\nTo: fbl@orbitalwire.example\r\nSubject: FW: OrbitalMars Daily\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=feedback-report; boundary="F"\r\n\r\n'
            "--F\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
            "--F\r\nContent-Type: message/feedback-report\r\n\r\n"
            f"Feedback-Type: abuse\r\nUser-Agent: ISP-FBL/1.0\r\nVersion: 1\r\n{rcpt}\r\n"
            "--F\r\nContent-Type: message/rfc822\r\n\r\n" + ORIGINAL.format(to=to, sid=sid) +
            "\r\nDigest body\r\n--F--\r\n").encode()


def test_parse_reads_hard_and_soft_bounces_complaints_and_mailto_unsubscribes():
    assert feedback.parse(dsn("gone@example.org", 3)) == feedback.Report(
        kind="hard_bounce", recipient="gone@example.org", subscriber_id=3)
    assert feedback.parse(dsn("full@example.org", 4, action="delayed", status="4.2.2")).kind == "unknown"
    assert feedback.parse(dsn("full@example.org", 4, status="4.2.2")).kind == "soft_bounce"
    assert feedback.parse(arf("angry@example.org", 5)) == feedback.Report(
        kind="complaint", recipient="angry@example.org", subscriber_id=5)
    mail = b"From: reader@example.org\r\nTo: unsubscribe@orbitalwire.example\r\nSubject: unsubscribe k.1:sig\r\n\r\n"
    assert feedback.parse(mail) == feedback.Report(kind="unsubscribe", token="k.1:sig")
    assert feedback.parse(b"Subject: hello\r\n\r\nhi\r\n").kind == "unknown"


@pytest.mark.django_db
def test_nl5_a_hard_bounce_report_suppresses_and_a_complaint_also_unsubscribes_everywhere(network):
    gone = active_subscriber("gone@example.org", network)
    angry = active_subscriber("angry@example.org", network)
    assert "suppressed" in feedback.apply(feedback.parse(dsn("gone@example.org", gone.pk)))
    # An ARF report without Original-Rcpt-To: the digest's Message-ID names the subscriber.
    line = feedback.apply(feedback.parse(arf("angry@example.org", angry.pk, with_recipient=False)))
    assert line == "complaint: a***@e***.org suppressed"
    assert services.is_suppressed("gone@example.org") and services.is_suppressed("angry@example.org")
    assert Subscription.objects.get(subscriber=angry).state == "unsubscribed"
    assert Subscription.objects.get(subscriber=gone).state == "active"  # suppressed at send time instead


@pytest.mark.django_db
def test_nl4_the_mailto_unsubscribe_takes_effect_with_the_token_from_the_digest(network, tmp_path, capsys):
    reader = active_subscriber("reader@example.org", network)
    token = tokens.unsubscribe_token(key=reader.key, newsletter_id=network.pk)
    (tmp_path / "unsub.eml").write_bytes(
        f"From: reader@example.org\r\nTo: unsubscribe@orbitalwire.example\r\nSubject: unsubscribe {token}\r\n\r\n"
        .encode())
    (tmp_path / "forged.eml").write_bytes(b"Subject: unsubscribe abc:def\r\n\r\n")
    call_command("newsletter", "inbound", str(tmp_path / "unsub.eml"), str(tmp_path / "forged.eml"))
    out = capsys.readouterr().out
    assert "unsub.eml: unsubscribed" in out and "forged.eml: ignored" in out
    assert Subscription.objects.get(subscriber=reader).state == "unsubscribed"
