"""Preferences, export and erasure (THREATS NL-8), the public archive and the editors' preview."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dateline.network.models import NewsletterConfig
from dateline.newsletter import services, tokens
from dateline.newsletter.models import SendLog, Subscriber, Subscription, Suppression
from dateline.newsletter.scheduling import send_due
from dateline.newsletter.tests.conftest import active_subscriber, make_story, set_schedule

pytestmark = pytest.mark.django_db(transaction=True)
HOST = "marsdaily.localhost"


def manage_path(kind: str, subscriber: Subscriber) -> str:
    return f"/newsletter/{kind}/{tokens.manage_token(key=subscriber.key)}/"


def test_preferences_page_leaves_unticked_lists_at_once_and_asks_confirmation_for_new_ones(
        network, client, limits_off):
    subscriber = active_subscriber("reader@example.org", network)
    page = client.get(manage_path("preferences", subscriber), HTTP_HOST=HOST)
    assert page.status_code == 200 and "reader@example.org" in page.text
    moon = NewsletterConfig.objects.get(site__slug="moondaily")
    client.post(manage_path("preferences", subscriber), {"newsletter": [str(moon.pk)]}, HTTP_HOST=HOST)
    states = {s.newsletter.site.slug: s.state for s in Subscription.objects.filter(subscriber=subscriber)}
    assert states == {"marsdaily": "unsubscribed", "moondaily": "pending"}


def test_a_forged_management_token_is_a_404(network, client):
    active_subscriber("reader@example.org", network)
    assert client.get("/newsletter/preferences/abc:def/", HTTP_HOST=HOST).status_code == 404
    assert client.post("/newsletter/erase/abc:def/", HTTP_HOST=HOST).status_code == 404


def test_nl8_export_returns_everything_held_about_the_subscriber(network, client):
    subscriber = active_subscriber("reader@example.org", network)
    assert client.get(manage_path("export", subscriber), HTTP_HOST=HOST).status_code == 405  # a POST only
    response = client.post(manage_path("export", subscriber), HTTP_HOST=HOST)
    assert response["Content-Disposition"].startswith("attachment") and response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["email"] == "reader@example.org"
    assert data["subscriptions"][0]["newsletter"] == "OrbitalMars Daily"
    assert {"consent_at", "consent_source", "consent_policy_version"} <= set(data["subscriptions"][0])


def test_nl8_erasure_removes_the_address_everywhere_but_a_suppression_survives_as_a_hash(
        network, client, mail_to_sink):
    set_schedule(network)
    make_story("marsdaily", "A story")
    subscriber = active_subscriber("leaving@example.org", network)
    mail_to_sink.rules["leaving@example.org"] = [("rcpt", 550)]
    with time_machine.travel(datetime(2026, 3, 10, 10, 31, tzinfo=UTC), tick=True):
        send_due(site="marsdaily")
    assert client.get(manage_path("erase", subscriber), HTTP_HOST=HOST).status_code == 200  # a confirm page
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    client.post(manage_path("erase", subscriber), HTTP_HOST=HOST)
    assert not Subscriber.objects.exists() and not Subscription.objects.exists() and not SendLog.objects.exists()
    suppression = Suppression.objects.get()
    assert "leaving" not in suppression.email_hash + suppression.detail
    assert services.is_suppressed("leaving@example.org")


def test_the_command_exports_erases_and_suppresses(network, capsys):
    active_subscriber("cli@example.org", network)
    call_command("newsletter", "export", "CLI@example.org")
    assert json.loads(capsys.readouterr().out)["email"] == "cli@example.org"
    call_command("newsletter", "erase", "cli@example.org")
    assert not Subscriber.objects.exists()
    call_command("newsletter", "suppress", "spam-trap@example.org", "--reason", "complaint")
    assert services.is_suppressed("spam-trap@example.org")


def test_the_archive_lists_sent_issues_without_personal_links(network, client, mail_to_sink):
    set_schedule(network)
    make_story("marsdaily", "Archived headline")
    active_subscriber("reader@example.org", network)
    with time_machine.travel(datetime(2026, 3, 10, 10, 31, tzinfo=UTC), tick=True):
        send_due(site="marsdaily")
    index = client.get("/newsletter/archive/", HTTP_HOST=HOST)
    assert index.status_code == 200 and "/newsletter/archive/2026-03-10/" in index.text
    issue = client.get("/newsletter/archive/2026-03-10/", HTTP_HOST=HOST)
    assert issue.status_code == 200 and "Archived headline" in issue.text
    assert "unsubscribe" not in issue.text.lower() and "@@DATELINE" not in issue.text
    assert client.get("/newsletter/archive/2026-03-11/", HTTP_HOST=HOST).status_code == 404
    assert client.get("/newsletter/archive/2026-03-10/", HTTP_HOST="moondaily.localhost").status_code == 404


def test_the_preview_is_for_editors_only_and_sends_nothing(network, client, mail_to_sink):
    set_schedule(network)
    make_story("marsdaily", "Preview headline", published_at=datetime(2026, 3, 10, 2, tzinfo=UTC))
    active_subscriber("reader@example.org", network)
    assert client.get("/newsletter/preview/?date=2026-03-10", HTTP_HOST=HOST).status_code == 302  # to login
    editor = get_user_model().objects.create_user("ed", password="pw-long-enough-1", is_staff=True)
    client.force_login(editor)
    page = client.get("/newsletter/preview/?date=2026-03-10", HTTP_HOST=HOST)
    assert page.status_code == 200 and "Preview headline" in page.text
    assert mail_to_sink.delivered == [] and not SendLog.objects.exists()
