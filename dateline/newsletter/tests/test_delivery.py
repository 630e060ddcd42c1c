"""Delivering a digest through a real SMTP server on loopback (THREATS NL-4, NL-5, NL-6, NL-7, HTML-6)."""

from __future__ import annotations

import logging
import shutil
import subprocess
from datetime import UTC, date, datetime

import dkim
import pytest
import time_machine

from dateline.newsletter import services
from dateline.newsletter.delivery import issue_send
from dateline.newsletter.models import Issue, SendLog, Subscription, Suppression
from dateline.newsletter.scheduling import send_due
from dateline.newsletter.tests.conftest import active_subscriber, make_story, set_schedule

pytestmark = pytest.mark.django_db(transaction=True)
DAY = date(2026, 3, 10)
SEND_AT = datetime(2026, 3, 10, 10, 31, tzinfo=UTC)  # 06:31 in New York (EDT since 8 March)


@pytest.fixture
def issue_day(network):
    set_schedule(network)
    make_story("marsdaily", "Rover finds layered rocks", info_value=5)
    make_story("marsdaily", "Orbiter maps ice", info_value=9)
    return network


def send(at: datetime = SEND_AT):
    with time_machine.travel(at, tick=True):
        return send_due(site="marsdaily")


def test_nl4_every_digest_carries_rfc8058_headers_that_work_without_cookies(issue_day, mail_to_sink, client):
    active_subscriber("reader@example.org", issue_day)
    [(issue, report)] = send()
    assert report.sent == 1 and report.finished
    message = mail_to_sink.to("reader@example.org")[0].message
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = [part.strip(" <>") for part in message["List-Unsubscribe"].split(",")]
    assert https.startswith("http://marsdaily.localhost/newsletter/unsubscribe/") and mailto.startswith("mailto:")
    assert "reader" not in https  # opaque token, no address in the URL
    assert message["Subject"].startswith("OrbitalMars Daily, 10 Mar 2026: Orbiter maps ice")
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert html.index("Orbiter maps ice") < html.index("Rover finds layered rocks")  # ranked by info value
    assert https in html and https in text and "@@DATELINE" not in html + text
    assert 'style="' in html and "<style" not in html  # CSS inlined for mail clients

    # The mailbox provider's one-click POST: no cookie, no CSRF token, no redirect.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    path = https.split("marsdaily.localhost", 1)[1]
    answer = strict.post(path, {"List-Unsubscribe": "One-Click"}, HTTP_HOST="marsdaily.localhost")
    assert answer.status_code == 200 and not answer.cookies
    assert Subscription.objects.get(subscriber__email="reader@example.org").state == "unsubscribed"


def test_nl4_the_footer_get_link_shows_a_button_and_changes_nothing(issue_day, mail_to_sink, client):
    active_subscriber("reader@example.org", issue_day)
    send()
    message = mail_to_sink.to("reader@example.org")[0].message
    path = message["List-Unsubscribe"].split(",")[0].strip(" <>").split("localhost", 1)[1]
    page = client.get(path, HTTP_HOST="marsdaily.localhost")
    assert page.status_code == 200 and "<button" in page.text
    assert Subscription.objects.get(subscriber__email="reader@example.org").state == "active"


def test_nl6_421_and_451_are_retried_with_backoff_and_delivered_once(issue_day, mail_to_sink):
    for name in ("a", "b", "c"):
        active_subscriber(f"{name}@example.org", issue_day)
    mail_to_sink.rules["a@example.org"] = [("data", 451)]
    mail_to_sink.rules["b@example.org"] = [("rcpt", 421), ("data", 421)]
    [(issue, report)] = send()
    assert report.finished and report.sent == 3 and report.deferred == 3
    for name in ("a", "b", "c"):
        assert len(mail_to_sink.to(f"{name}@example.org")) == 1
    row = SendLog.objects.get(subscriber__email="b@example.org")
    assert row.state == "sent" and row.attempts == 3


def test_nl6_a_stalled_server_and_a_dropped_connection_are_temporary_failures(issue_day, mail_to_sink):
    active_subscriber("slow@example.org", issue_day)
    active_subscriber("drop@example.org", issue_day)
    active_subscriber("fine@example.org", issue_day)
    mail_to_sink.rules["slow@example.org"] = [("stall", 3)]  # longer than the client's 2 s timeout
    mail_to_sink.rules["drop@example.org"] = [("drop",)]
    [(issue, report)] = send()
    assert report.finished
    for name in ("slow", "drop", "fine"):
        assert len(mail_to_sink.to(f"{name}@example.org")) == 1, name


def test_nl6_a_server_that_keeps_failing_temporarily_leaves_the_row_failed_after_five_attempts(
        issue_day, mail_to_sink):
    active_subscriber("full@example.org", issue_day)
    mail_to_sink.rules["full@example.org"] = [("data", 452)] * 10
    [(issue, report)] = send()
    row = SendLog.objects.get(subscriber__email="full@example.org")
    assert row.state == "failed" and row.attempts == 5 and row.last_code == 452
    assert Issue.objects.get(pk=issue.pk).state == "sent"


def test_nl6_with_a_real_backoff_deferred_rows_wait_for_a_later_run(issue_day, mail_to_sink, settings):
    settings.NEWSLETTER_RETRY_SECONDS = 300
    active_subscriber("later@example.org", issue_day)
    mail_to_sink.rules["later@example.org"] = [("data", 451)]
    [(issue, report)] = send()
    assert not report.finished and Issue.objects.get(pk=issue.pk).state == "sending"
    [(_, again)] = send(datetime(2026, 3, 10, 10, 40, tzinfo=UTC))
    assert again.finished and len(mail_to_sink.to("later@example.org")) == 1


def test_nl5_a_550_bounce_suppresses_the_address_even_after_it_subscribes_again(issue_day, mail_to_sink, client):
    active_subscriber("gone@example.org", issue_day)
    active_subscriber("here@example.org", issue_day)
    mail_to_sink.rules["gone@example.org"] = [("rcpt", 550)]
    [(issue, report)] = send()
    assert report.bounced == 1 and report.sent == 1
    assert SendLog.objects.get(subscriber__email="gone@example.org").state == "bounced"
    assert Suppression.objects.filter(reason="hard_bounce").count() == 1

    # Re-subscribing creates nothing and sends nothing; an already-active row is skipped at send.
    services.subscription_request(email="gone@example.org", newsletters=[issue_day], source_page="/")
    make_story("marsdaily", "Another day", published_at=datetime(2026, 3, 11, 2, tzinfo=UTC))
    send(datetime(2026, 3, 11, 10, 31, tzinfo=UTC))
    assert len(mail_to_sink.to("gone@example.org")) == 0 and len(mail_to_sink.to("here@example.org")) == 2


def test_nl5_a_complaint_suppresses_for_all_later_sends(issue_day, mail_to_sink):
    active_subscriber("angry@example.org", issue_day)
    services.suppression_add(email="angry@example.org", reason="complaint")
    [(issue, report)] = send()
    assert mail_to_sink.to("angry@example.org") == [] and report.sent == 0


def test_html6_crlf_in_headlines_never_reaches_a_header_and_one_bad_row_never_aborts_the_batch(
        network, mail_to_sink):
    set_schedule(network)
    make_story("marsdaily", "Injected\r\nBcc: victim@example.org\r\nSubject: pwned", info_value=10)
    for i in range(3):
        active_subscriber(f"r{i}@example.org", network)
    bad = active_subscriber("r1@example.org", network)
    # An address that slipped into the database with a line break (never accepted by the form).
    type(bad).objects.filter(pk=bad.pk).update(email="r1@example.org\r\nBcc: x@example.org")
    [(issue, report)] = send()
    assert report.sent == 2 and report.failed == 1
    for delivered in mail_to_sink.delivered:
        message = delivered.message
        assert message["Bcc"] is None and "\n" not in message["Subject"]
        assert message["Subject"].endswith("Injected Bcc: victim@example.org Subject: pwned")


def test_nl7_dkim_signature_covers_from_subject_and_the_unsubscribe_headers_and_verifies(
        issue_day, mail_to_sink, settings, tmp_path):
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl is needed to make a test RSA key")
    key = tmp_path / "dkim.pem"
    subprocess.run([openssl, "genrsa", "-traditional", "-out", str(key), "1024"], check=True, capture_output=True)
    public = subprocess.run([openssl, "rsa", "-in", str(key), "-pubout", "-outform", "DER"], check=True,
                            capture_output=True).stdout
    settings.NEWSLETTER_DKIM = {"domain": "orbitalwire.example", "selector": "nl", "key_file": str(key)}
    active_subscriber("signed@example.org", issue_day)
    send()
    data = mail_to_sink.to("signed@example.org")[0].data
    import base64

    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)

    def dns(name, timeout=5):
        assert name == b"nl._domainkey.orbitalwire.example."
        return record

    assert dkim.verify(data, dnsfunc=dns)
    signature = dkim.DKIM(data)
    signed = data.split(b"\r\n\r\n", 1)[0].split(b"h=", 1)[1].split(b";", 1)[0].replace(b"\r\n", b"").replace(b" ", b"")
    for header in (b"from", b"subject", b"list-unsubscribe", b"list-unsubscribe-post"):
        assert header in signed.lower().split(b":")
    # Tampering with the one-click header breaks the signature.
    assert not dkim.verify(data.replace(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                                        b"List-Unsubscribe-Post: List-Unsubscribe=One-Clack"), dnsfunc=dns)
    assert signature is not None


def test_nl8_logs_mask_addresses(issue_day, mail_to_sink, caplog):
    active_subscriber("private.person@example.org", issue_day)
    mail_to_sink.rules["private.person@example.org"] = [("rcpt", 550)]
    with caplog.at_level(logging.INFO, logger="dateline.newsletter"):
        send()
        services.subscription_request(email="another.person@example.org", newsletters=[issue_day],
                                      source_page="/")
    assert caplog.records and "private.person" not in caplog.text and "another.person" not in caplog.text
    assert "p***@e***.org" in caplog.text


def test_an_issue_with_too_few_stories_is_skipped_and_nothing_is_sent(network, mail_to_sink):
    set_schedule(network, min_stories=3)
    make_story("marsdaily", "Only one")
    active_subscriber("reader@example.org", network)
    [(issue, report)] = send()
    assert issue.state == "skipped" and mail_to_sink.delivered == []


def test_an_issue_is_sent_once_however_often_the_sender_runs(issue_day, mail_to_sink):
    active_subscriber("reader@example.org", issue_day)
    send(), send()
    issue = Issue.objects.get()
    issue_send(issue=issue)
    assert len(mail_to_sink.delivered) == 1


def test_nl6_the_send_log_records_when_each_message_was_accepted(issue_day, mail_to_sink):
    active_subscriber("reader@example.org", issue_day)
    send()
    row = SendLog.objects.get()
    assert row.state == "sent" and row.issue_date == DAY and row.last_code == 250 and row.attempts == 1
    assert row.sent_at.tzinfo is not None and abs(row.sent_at - SEND_AT).total_seconds() < 60
