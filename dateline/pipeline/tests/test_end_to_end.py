"""The foundation path: a wire file in a drop folder becomes an article page on its site's host."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from dateline.desk.models import Story
from dateline.ingest.models import RawPayload, WireItem
from dateline.network import config
from dateline.network.services import network_load
from dateline.pipeline.demo import NETWORK_FILE
from dateline.publish.models import Article

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test wire</title>
<item><guid>t-1</guid><title>Rover drives across Jezero crater on Mars</title>
<author>by AFP Staff Writers</author><pubDate>Wed, 03 Jul 2024 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The Mars rover Perseverance crossed the martian crater floor.&lt;/p&gt;</description></item>
</channel></rss>"""


@pytest.fixture
def demo_network(data_dir):
    network_load(spec=config.load(NETWORK_FILE))
    return data_dir


@pytest.mark.django_db(transaction=True)
def test_dropped_file_becomes_a_live_article_on_the_sites_host(demo_network, client):
    inbox = demo_network / "inbox" / "afp-wire"
    inbox.mkdir(parents=True)
    (inbox / "wire.xml").write_bytes(RSS)

    call_command("ingest", "afp-wire", "--stable-seconds", "0")

    item = WireItem.objects.get(guid="t-1")
    assert RawPayload.objects.get(pk=item.raw_id).data == RSS  # raw bytes kept verbatim
    story = Story.objects.get(lead_item=item)
    assert story.state == Story.State.PUBLISHED
    article = Article.objects.get(story=story)
    assert article.site.slug == "marsdaily" and article.section.slug == "mars-exploration"
    assert (inbox / "done" / "wire.xml").exists() and not (inbox / "wire.xml").exists()

    page = client.get(article.get_absolute_url(), HTTP_HOST="marsdaily.localhost:8000")
    assert page.status_code == 200
    assert "Rover drives across Jezero crater on Mars" in page.text
    # The same path on another site's host is not that site's article.
    assert client.get(article.get_absolute_url(), HTTP_HOST="moondaily.localhost").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_same_file_twice_creates_nothing_new(demo_network):
    inbox = demo_network / "inbox" / "afp-wire"
    inbox.mkdir(parents=True)
    for name in ("a.xml", "b.xml"):
        (inbox / name).write_bytes(RSS)
    call_command("ingest", "afp-wire", "--stable-seconds", "0")
    assert WireItem.objects.count() == 1 and Story.objects.count() == 1 and Article.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_network_index_lists_every_site(demo_network, client):
    page = client.get("/", HTTP_HOST="localhost:8000")
    assert page.status_code == 200
    for host in ("spacewar.localhost", "marsdaily.localhost", "astrobiology.localhost"):
        assert host in page.text


@pytest.mark.django_db(transaction=True)
def test_the_worker_picks_up_a_dropped_file_and_publishes_it(demo_network, client):
    inbox = demo_network / "inbox" / "afp-wire"
    inbox.mkdir(parents=True)
    (inbox / "drop.xml").write_bytes(RSS)

    call_command("worker", "--once", "--stable-seconds", "0")

    article = Article.objects.get(story__lead_item__guid="t-1")
    assert client.get(article.get_absolute_url(), HTTP_HOST="marsdaily.localhost").status_code == 200
