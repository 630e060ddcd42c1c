"""Feeds out per site and per section: RSS 2.0, Atom and JSON Feed 1.1, valid, stable ids, hostile-proof
(THREATS OUT-1, HTML-5, WIRE-1, DATE-1)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import jsonschema
import pytest

from dateline.core import clock
from dateline.desk.models import Story
from dateline.network.models import Section
from dateline.publish.feeds import FEEDS, MAX_BODY_CHARS
from dateline.publish.tests.machine.conftest import host
from dateline.publish.tests.machine.xmlcheck import reparse

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(Path(__file__).with_name("jsonfeed-1.1.schema.json").read_text())
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Rover ]]> <img src=x onerror=alert(1)> \x01\x1b[31m\x7f\ufffe\uffff & "quotes" end'


def fetch(client, path: str, site: str = "marsdaily"):
    response = client.get(path, HTTP_HOST=host(site))
    assert response.status_code == 200, (path, response.status_code)
    return response


def assert_valid(response) -> list:
    """Well-formed and valid for its format; returns the items as feedparser or JSON sees them."""
    if response["Content-Type"].startswith("application/feed+json"):
        feed = json.loads(response.content)
        jsonschema.validate(feed, SCHEMA)
        for item in feed["items"]:
            datetime.fromisoformat(item["date_published"])  # RFC 3339
        return feed["items"]
    reparse(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.entries


def test_every_format_is_served_per_site_and_per_section_with_its_media_type(publish, client):
    publish("Rover finds clays", "Clay minerals in the crater.")
    types = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml",
             "feed.json": "application/feed+json"}
    assert set(FEEDS) == set(types)
    for name, media_type in types.items():
        for path in (f"/feeds/{name}", f"/feeds/mars-exploration/{name}"):
            response = fetch(client, path)
            assert response["Content-Type"].startswith(media_type)
            entries = assert_valid(response)
            assert [e["title"] for e in entries] == ["Rover finds clays"]


def test_a_section_feed_holds_only_its_section_and_a_site_feed_each_story_once(publish, client):
    publish("In both sections", "x", sections=("marsdaily/mars-exploration", "marsdaily/mars-science"))
    publish("Science only", "x", sections=("marsdaily/mars-science",))
    site = [e["title"] for e in assert_valid(fetch(client, "/feeds/rss.xml"))]
    science = [e["title"] for e in assert_valid(fetch(client, "/feeds/mars-science/rss.xml"))]
    exploration = [e["title"] for e in assert_valid(fetch(client, "/feeds/mars-exploration/rss.xml"))]
    assert sorted(site) == ["In both sections", "Science only"]
    assert sorted(science) == ["In both sections", "Science only"]
    assert exploration == ["In both sections"]


def test_item_ids_never_change_when_headline_slug_or_section_change(publish, change_story, client):
    article = publish("First headline", "body")[0]
    before = {name: assert_valid(fetch(client, f"/feeds/{name}"))[0]["id"] for name in FEEDS}
    assert before["rss.xml"] == f"tag:marsdaily.localhost,{article.published_at:%Y-%m-%d}:article-{article.pk}"
    change_story(article.story, headline="A completely different headline")
    article.refresh_from_db()
    article.section = Section.objects.get(site=article.site, slug="mars-science")
    article.save()
    after = {name: assert_valid(fetch(client, f"/feeds/{name}"))[0] for name in FEEDS}
    assert {name: entry["id"] for name, entry in after.items()} == before
    assert after["rss.xml"]["link"].endswith(f"/mars-science/a-completely-different-headline-{article.pk}.html")


def test_out1_html5_hostile_text_keeps_every_feed_well_formed_and_escaped(publish, client):
    publish(HOSTILE, "<p>Body with ]]&gt; inside</p>", summary=HOSTILE)
    publish("Huge story", "word " * (MAX_BODY_CHARS // 4), summary="A short summary of a huge story.")
    for name in FEEDS:
        for path in (f"/feeds/{name}", f"/feeds/mars-exploration/{name}"):
            response = fetch(client, path)
            entries = assert_valid(response)
            assert len(response.content) < 2 * MAX_BODY_CHARS + 10_000  # the huge body went out as its summary
            titles = {e["title"] for e in entries}
            assert 'Rover ]]> <img src=x onerror=alert(1)> [31m & "quotes" end' in titles
            if name != "feed.json":
                assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content  # HTML-5: literal, escaped
                assert b"<img" not in response.content


def test_out1_corpus_titles_and_summaries_republished_make_valid_feeds(publish, client, corpus):
    files = sorted(p for folder in ("rss", "atom") for p in (corpus / folder).rglob("*")
                   if p.is_file() and p.suffix in {".xml", ".rss", ".atom", ".rdf"})
    published = 0
    for path in files:
        for entry in feedparser.parse(path.read_bytes()).entries[:3]:
            title = (entry.get("title") or "").strip()[:400]
            if title and published < 50:
                publish(title, summary=(entry.get("summary") or "")[:2000], body=(entry.get("summary") or "")[:5000])
                published += 1
    assert published >= 30
    for name in FEEDS:
        assert len(assert_valid(fetch(client, f"/feeds/{name}"))) == 30


def test_wire1_a_killed_story_is_gone_from_every_feed(publish, change_story, client):
    article = publish("Story to be killed", "body")[0]
    publish("Story that stays", "body")
    change_story(article.story, state=Story.State.KILLED)
    for name in FEEDS:
        for path in (f"/feeds/{name}", f"/feeds/mars-exploration/{name}"):
            assert [e["title"] for e in assert_valid(fetch(client, path))] == ["Story that stays"]


def test_date1_a_future_wire_date_is_never_a_future_feed_date(publish, client):
    publish("From the future", "body", published_at=clock.now() + timedelta(days=400))
    for name in FEEDS:
        entry = assert_valid(fetch(client, f"/feeds/{name}"))[0]
        if name == "feed.json":
            when = datetime.fromisoformat(entry["date_published"])
        else:
            when = datetime(*entry["published_parsed"][:6], tzinfo=clock.now().tzinfo)
        assert when <= clock.now()


def test_feeds_exist_only_for_sites_and_their_sections(demo_network, client):
    assert client.get("/feeds/rss.xml", HTTP_HOST="localhost").status_code == 404
    assert client.get("/feeds/no-such-section/rss.xml", HTTP_HOST=host("marsdaily")).status_code == 404
    assert client.get("/feeds/lunar-exploration/rss.xml", HTTP_HOST=host("marsdaily")).status_code == 404


def test_public_urls_come_from_the_site_record_not_the_host_header(publish, client):
    publish("Rover", "body")
    response = client.get("/feeds/atom.xml", HTTP_HOST="marsdaily.localhost:31337")
    assert b"31337" not in response.content and b"http://marsdaily.localhost/" in response.content
