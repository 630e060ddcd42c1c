"""The demo network: its file, the content written for it, and `dateline demo` building it idempotently."""

from __future__ import annotations

import hashlib
import stat
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dateline.desk.models import Story
from dateline.ingest import formats
from dateline.ingest.models import Quarantine, RawPayload, WireItem
from dateline.network import config
from dateline.network.models import Site
from dateline.pipeline.demo import NETWORK_FILE
from dateline.pipeline.demo.build import EDITOR_USERNAME, demo_anchor, demo_build, demo_editor_ensure
from dateline.pipeline.demo.render import SOURCE_FORMATS, dateline, formats_for, render
from dateline.pipeline.demo.stories import STORIES, UPDATES
from dateline.publish.models import Article

ANCHOR = datetime(2024, 7, 3, 12, 0, tzinfo=UTC)  # fixed, so the dateline styles below read as examples


def test_the_demo_network_file_is_valid_with_six_sites_each_with_sections_links_and_sisters():
    spec = config.load(NETWORK_FILE)
    assert len(spec.sites) >= 6
    for site in spec.sites:
        assert site.sections and site.sisters
        assert all(section.related_links for section in site.sections)


def test_the_demo_content_has_80_items_from_six_sources_over_several_weeks():
    items = [*STORIES, *UPDATES]
    assert len(items) >= 80
    assert set(Counter(s.source for s in items)) == set(SOURCE_FORMATS)
    assert max(s.hours_ago for s in STORIES) >= 24 * 21  # archives reach back at least three weeks
    assert min(s.hours_ago for s in STORIES) < 12  # and today's newsletter has something


def test_the_demo_content_covers_every_section_and_includes_off_topic_copy():
    sections = {sec.slug for site in config.load(NETWORK_FILE).sites for sec in site.sections}
    written_for = Counter(s.expect for s in STORIES)
    assert sections <= set(written_for)
    assert written_for[""] >= 3  # off-topic items that must route nowhere


def test_the_demo_content_has_same_event_pairs_an_update_and_a_correction():
    by_key = Counter(s.key for s in STORIES)
    assert sum(1 for n in by_key.values() if n >= 2) >= 3  # the same event from two agencies
    assert any(u.version > 1 and not u.correction for u in UPDATES)
    assert any(u.version > 1 and u.correction for u in UPDATES)


@pytest.mark.parametrize(("source", "place", "expected"), [
    ("afp-wire", "Astana, Kazakhstan", "Astana, Kazakhstan (AFP) July 3, 2024 - "),
    ("upi-wire", "Washington", "WASHINGTON, July 3 (UPI) -- "),
    ("upi-wire", "Pasadena, Calif.", "PASADENA, Calif., July 3 (UPI) -- "),
    ("ians-wire", "New Delhi", "NEW DELHI, July 3 (IANS) "),
    ("esa-news", "Paris", "Paris (ESA) Jul 03, 2024 - "),
])
def test_datelines_are_written_in_each_agencys_house_style(source, place, expected):
    story = next(s for s in STORIES if s.source == source)
    assert dateline(story.__class__(**{**story.__dict__, "place": place}), ANCHOR) == expected


def test_a_jpl_release_carries_the_jpl_credit_in_its_dateline():
    story = next(s for s in STORIES if s.credit == "JPL")
    assert dateline(story, datetime(2024, 6, 28, 9, 0, tzinfo=UTC)).endswith("(JPL) Jun 28, 2024 - ")


def test_rendering_is_byte_identical_for_the_same_anchor_and_uses_three_formats():
    first = render(ANCHOR, {"rss", "newsml_g2"})
    assert [f.data for f in first] == [f.data for f in render(ANCHOR, {"rss", "newsml_g2"})]
    assert {f.format for f in first} == {"rss", "atom", "newsml_g2"}
    assert sum(f.items for f in first) == len(STORIES) + len(UPDATES)


def test_without_a_newsml_g2_parser_the_agency_source_falls_back_to_rss():
    assert formats_for({"rss"})["upi-wire"] == "rss"
    assert formats_for({"rss", "newsml_g2"})["upi-wire"] == "newsml_g2"


def _counts() -> dict[str, int]:
    return {"items": WireItem.objects.count(), "stories": Story.objects.count(),
            "articles": Article.objects.count(), "payloads": RawPayload.objects.count(),
            "quarantined": Quarantine.objects.count(), "users": get_user_model().objects.count()}


@pytest.mark.django_db
def test_the_demo_builds_80_items_from_3_formats_and_4_agencies_and_every_site_gets_articles(built_demo):
    report, data_dir = built_demo
    assert WireItem.objects.count() >= 80
    assert not Quarantine.objects.exists()
    assert len(set(WireItem.objects.values_list("source__agency__code", flat=True))) >= 4
    ingested = {f.format for f in render(demo_anchor(data_dir), set(formats.PARSERS))
                if WireItem.objects.filter(raw__sha256=hashlib.sha256(f.data).hexdigest()).exists()}
    assert ingested == {"rss", "atom", "newsml_g2"}
    for site in Site.objects.all():
        assert Article.objects.filter(site=site, status=Article.Status.LIVE).exists(), site.slug
    assert sum(r.updated for r in report.ingest.values()) == len(UPDATES)


@pytest.mark.django_db
def test_every_live_demo_article_has_related_content_even_those_published_first(built_demo):
    live = Article.objects.filter(status=Article.Status.LIVE)
    assert live.exists()
    without = [a.story.headline for a in live.select_related("story") if not a.related.exists()]
    assert without == []


@pytest.mark.django_db
def test_the_same_event_from_two_agencies_becomes_one_story(built_demo):
    sources_by_key: dict[str, list[str]] = {}
    for s in STORIES:
        sources_by_key.setdefault(s.key, []).append(s.source)
    pairs = {key: sources for key, sources in sources_by_key.items() if len(sources) == 2}
    assert pairs
    for key, sources in pairs.items():
        items = WireItem.objects.filter(guid__endswith=key, source__slug__in=sources, is_current=True)
        stories = {item.story_link.story_id for item in items}
        assert len(items) == 2 and len(stories) == 1, key


@pytest.mark.django_db
def test_off_topic_demo_items_route_nowhere(built_demo):
    off_topic = [s.headline for s in STORIES if not s.expect]
    assert Story.objects.filter(headline__in=off_topic).count() == len(off_topic)
    assert not Article.objects.filter(story__headline__in=off_topic).exists()


@pytest.mark.django_db
def test_re_running_the_demo_creates_nothing_new(built_demo):
    _, data_dir = built_demo
    before = _counts()
    again = demo_build(data_dir=data_dir, migrate=False)
    assert _counts() == before
    assert again.files_written == [] and not again.editor_created
    assert all(r.new == r.updated == r.quarantined == 0 for r in again.ingest.values())


@pytest.mark.django_db
def test_the_demo_chief_editor_password_is_generated_once_kept_private_and_opens_the_desk(built_demo, client):
    report, data_dir = built_demo
    secret = data_dir / "demo" / "editor.txt"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text().strip() == report.editor_password
    user = get_user_model().objects.get(username=EDITOR_USERNAME)
    assert user.editor.is_chief
    assert client.login(username=EDITOR_USERNAME, password=report.editor_password)
    assert client.get("/desk/", HTTP_HOST="localhost").status_code == 200


@pytest.mark.django_db
def test_a_lost_password_file_gets_a_new_password_that_works(built_demo, tmp_path):
    # The same database with a data directory that has no password file (lost, or moved).
    password, created = demo_editor_ensure(data_dir=tmp_path)
    assert not created and password == (tmp_path / "demo" / "editor.txt").read_text().strip()
    assert get_user_model().objects.get(username=EDITOR_USERNAME).check_password(password)


@pytest.mark.django_db
def test_dateline_demo_no_serve_prints_every_url_and_the_password(built_demo, capsys):
    _, data_dir = built_demo
    call_command("demo", "--no-serve", "--port", "8123")
    out = capsys.readouterr().out
    password = (data_dir / "demo" / "editor.txt").read_text().strip()
    assert "http://localhost:8123/" in out and "http://localhost:8123/desk/" in out
    for site in Site.objects.all():
        assert f"http://{site.host}:8123/" in out
    assert password in out and str(data_dir / "mail") in out
    assert "0 new, 0 updated" in out
