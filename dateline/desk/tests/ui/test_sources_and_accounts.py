"""The sources page (health, items per day, duplicate rate, quiet alerts) and desk accounts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dateline.core import clock
from dateline.desk import accounts
from dateline.desk.models import StoryItem
from dateline.desk.models_editorial import EditorProfile
from dateline.desk.tests.ui import factories
from dateline.ingest.models import SourceHealth
from dateline.network.models import Source

pytestmark = pytest.mark.django_db


def test_sources_page_shows_health_items_per_day_duplicate_rate_and_quiet_alert(chief_client):
    factories.story(headline="One", others=("Another agency's version",))  # afp lead + one upi joining
    upi = Source.objects.get(slug="upi-wire")
    SourceHealth.objects.create(source=upi, last_success_at=clock.now(), last_error_at=clock.now(),
                                last_error_code="http_503", last_error="Service Unavailable",
                                consecutive_failures=3)
    quiet = Source.objects.get(slug="esa-news")
    factories.wire_item(source="esa-news", headline="Old news", body="x", agency="esa", minutes_ago=60 * 24 * 5)
    Source.objects.filter(pk=quiet.pk).update(expected_quiet_hours=24)

    page = chief_client.get("/desk/sources/")

    assert page.status_code == 200
    text = page.text
    row = text[text.index(upi.name):]
    row = row[:row.index("</tr>")]
    assert "http_503" in row and "3 failures in a row" in row and "100%" in row and "Failing" in row
    afp_row = text[text.index("AFP"):]
    assert "0%" in afp_row[:afp_row.index("</tr>")]
    quiet_row = text[text.index(quiet.name):]
    assert "Quiet for more than" in quiet_row[:quiet_row.index("</tr>")]
    assert text.count('<svg class="chart"') == Source.objects.count() and "<rect" in text


def test_items_per_day_counts_each_day_of_the_last_two_weeks(chief_client):
    from dateline.desk.selectors import sources_overview

    item = factories.wire_item(headline="Old", body="x", minutes_ago=60 * 24 * 3)
    factories.wire_item(headline="New", body="y")
    rows = {r.source.slug: r for r in sources_overview()}
    per_day = dict(rows["afp-wire"].per_day)
    assert per_day[item.ingested_at.date()] == 1 and per_day[clock.now().date()] == 1
    assert len(per_day) == 14 and not rows["afp-wire"].quiet
    assert StoryItem.objects.count() == 0


def test_a_source_quiet_longer_than_expected_is_flagged(network):
    from dateline.desk.selectors import sources_overview

    factories.wire_item(headline="Stale", body="x", minutes_ago=60 * 30)
    Source.objects.filter(slug="afp-wire").update(expected_quiet_hours=24)
    assert {r.source.slug: r for r in sources_overview()}["afp-wire"].quiet
    Source.objects.filter(slug="afp-wire").update(expected_quiet_hours=48)
    assert not {r.source.slug: r for r in sources_overview()}["afp-wire"].quiet


def test_editor_command_creates_roles_and_site_limits(network, monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO("a long password\n"))
    out = StringIO()
    call_command("editor", "add", "ed", "--sites", "marsdaily,moondaily", "--password-stdin", stdout=out)
    assert out.getvalue().strip() == "ed: editor on marsdaily, moondaily"
    profile = EditorProfile.objects.get(user__username="ed")
    assert not profile.is_chief and {s.slug for s in profile.sites.all()} == {"marsdaily", "moondaily"}
    assert profile.user.check_password("a long password")

    call_command("editor", "add", "ed", "--chief", "--keep-password", stdout=StringIO())
    profile.refresh_from_db()
    assert profile.is_chief and not profile.sites.exists() and profile.user.check_password("a long password")

    listing = StringIO()
    call_command("editor", "list", stdout=listing)
    assert "ed\tchief editor\tall sites" in listing.getvalue()


def test_editor_command_refuses_unknown_sites_and_short_passwords(network, monkeypatch):
    with pytest.raises(CommandError, match="unknown site"):
        call_command("editor", "add", "ed", "--sites", "nosuchsite", "--keep-password")
    monkeypatch.setattr("sys.stdin", StringIO("short\n"))
    with pytest.raises(CommandError, match="at least 8"):
        call_command("editor", "add", "ed", "--password-stdin")


def test_editor_create_service_is_idempotent_for_the_demo(network):
    first = accounts.editor_create(username="demo", password="demo-password", chief=False, sites=["marsdaily"])
    again = accounts.editor_create(username="demo", password="demo-password", chief=False, sites=["marsdaily"])
    assert first.pk == again.pk and EditorProfile.objects.count() == 1


def test_a_chief_editor_pauses_and_resumes_a_source_and_it_is_audited(chief_client, chief):
    chief_client.post("/desk/sources/afp-wire/enabled/", {"enabled": "0"})
    assert not Source.objects.get(slug="afp-wire").enabled
    chief_client.post("/desk/sources/afp-wire/enabled/", {"enabled": "1"})
    assert Source.objects.get(slug="afp-wire").enabled
    from dateline.desk.models import AuditLog

    assert list(AuditLog.objects.filter(actor=chief).order_by("at", "pk").values_list("action", flat=True)) == [
        "source_pause", "source_resume"]
    assert "Pause" in chief_client.get("/desk/sources/").text


def test_an_editor_sees_sources_but_cannot_pause_them(mars_client):
    assert "Pause" not in mars_client.get("/desk/sources/").text
    assert mars_client.post("/desk/sources/afp-wire/enabled/", {"enabled": "0"}).status_code == 403
    assert Source.objects.get(slug="afp-wire").enabled
