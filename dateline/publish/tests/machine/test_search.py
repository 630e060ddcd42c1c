"""Full-text search per site and network-wide, on whichever database runs the tests (SQLite FTS5 or
PostgreSQL): ranked, highlighted, bounded, and in step with publishing (THREATS WIRE-1, WEB-8, HTML-5)."""

from __future__ import annotations

import pytest
from django.db import connection

from dateline.desk.models import Story
from dateline.publish.models import SearchDocument
from dateline.publish.search import BACKENDS, PER_PAGE, parse, search
from dateline.publish.tests.machine.conftest import host

pytestmark = pytest.mark.django_db


def test_the_backend_is_the_databases_own_full_text_engine():
    assert connection.vendor in BACKENDS


def test_a_site_search_finds_its_own_story_with_the_terms_highlighted(publish, client):
    publish("Perseverance rover cores a new rock sample", "The rover drilled into Jezero crater rock.")
    publish("Lunar lander touches down", "A lander reached the lunar south pole.",
            sections=("moondaily/lunar-exploration",))
    page = client.get("/search/", {"q": "rover"}, HTTP_HOST=host("marsdaily"))
    assert page.status_code == 200
    assert "Perseverance <mark>rover</mark> cores a new rock sample" in page.text
    results = page.text.split('<ol class="search-results">', 1)[1].split("</ol>", 1)[0]
    assert "Lunar lander" not in results  # the sister-site box may list it; the results may not
    assert page["X-Robots-Tag"] == "noindex"


def test_the_network_host_searches_every_site_once_per_story(publish, client):
    publish("Rover and lander meet", "A rover story on two sites.",
            sections=("marsdaily/mars-exploration", "spacewar/military-space"))
    publish("Lander trials on the Moon", "A lander.", sections=("moondaily/lunar-exploration",))
    page = client.get("/search/", {"q": "lander"}, HTTP_HOST="localhost")
    assert page.status_code == 200
    assert page.text.count('class="search-hit"') == 2
    assert "marsdaily.localhost" in page.text and "moondaily.localhost" in page.text


def test_headline_matches_rank_above_body_matches(publish):
    body_only = publish("Budget news", "Officials said the telescope budget grew.")[0]
    in_headline = publish("Telescope sees first light", "The instrument opened its cover.")[0]
    hits = search(query=parse("telescope"), site=in_headline.site).hits
    assert [h.article.pk for h in hits] == [in_headline.pk, body_only.pk]


def test_every_term_is_required(publish):
    publish("Mars rover", "wheels")
    publish("Mars orbiter", "antenna")
    site = publish("Mars helicopter", "rotor")[0].site
    assert [h.article.story.headline for h in search(query=parse("mars orbiter"), site=site).hits] == ["Mars orbiter"]


def test_html5_markup_in_a_headline_is_shown_as_text_in_results(publish, client):
    publish('<img src=x onerror=alert(1)> Rover "quoted" & co', "rover body")
    page = client.get("/search/", {"q": "rover"}, HTTP_HOST=host("marsdaily"))
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Rover</mark>" in page.text
    assert "<img src=x" not in page.text


def test_html5_a_hostile_query_is_echoed_escaped(publish, client):
    page = client.get("/search/", {"q": '"><script>alert(1)</script>'}, HTTP_HOST=host("marsdaily"))
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text


def test_web8_an_overlong_query_gets_400_and_a_clear_message(demo_network, client):
    page = client.get("/search/", {"q": "x" * 5000}, HTTP_HOST=host("marsdaily"))
    assert page.status_code == 400
    assert "please use at most 200 characters" in page.text


def test_web8_pagination_is_bounded(publish, client):
    for n in range(PER_PAGE + 2):
        publish(f"Comet sighting number {n}", "comet")
    first = client.get("/search/", {"q": "comet"}, HTTP_HOST=host("marsdaily"))
    second = client.get("/search/", {"q": "comet", "page": "2"}, HTTP_HOST=host("marsdaily"))
    assert first.text.count('class="search-hit"') == PER_PAGE and 'rel="next"' in first.text
    assert second.text.count('class="search-hit"') == 2 and 'rel="next"' not in second.text
    assert client.get("/search/", {"q": "comet", "page": "999999"}, HTTP_HOST=host("marsdaily")).status_code == 400


def test_wire1_a_killed_story_leaves_search_at_once(publish, change_story):
    article = publish("Satellite launch scrubbed", "The satellite stayed on the pad.")[0]
    assert search(query=parse("satellite"), site=article.site).total == 1
    change_story(article.story, state=Story.State.KILLED, kill_reason="legal")
    assert search(query=parse("satellite"), site=article.site).total == 0
    assert not SearchDocument.objects.filter(article__story=article.story).exists()


def test_an_edited_headline_is_searchable_under_the_new_words_only(publish, change_story):
    article = publish("Old words here", "same body")[0]
    change_story(article.story, headline="Fresh headline after edit")
    assert search(query=parse("fresh"), site=article.site).total == 1
    assert search(query=parse("old"), site=article.site).total == 0


def test_operator_syntax_and_empty_queries_never_raise(publish, client):
    publish("Rover", "rover")
    for q in ['"', "NEAR(", "*", "a:b", "-", "!!!", "'", "&|!", "\x00\x01", ""]:
        assert client.get("/search/", {"q": q}, HTTP_HOST=host("marsdaily")).status_code == 200
