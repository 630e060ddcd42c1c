"""The page cache (THREATS WEB-9, WIRE-1): shared only where nothing is per reader, purged on change."""

from __future__ import annotations

import gzip

import pytest

from dateline.desk.models import Story
from dateline.publish.services import articles_sync

pytestmark = pytest.mark.django_db
HOST = "spacewar.localhost"


@pytest.fixture
def story(sites, publish):
    return publish(headline="Cached launch story", sections=[sites["spacewar"].sections.get(slug="news")])


def test_web9_a_cached_page_is_the_same_for_every_reader_and_carries_no_token_or_cookie(story):
    from django.test import Client

    url = story.articles.get().get_absolute_url()
    page_one = Client().get(url, HTTP_HOST=HOST)
    page_two = Client().get(url, HTTP_HOST=HOST)
    assert page_one.status_code == page_two.status_code == 200
    assert page_one.content == page_two.content and page_one["ETag"] == page_two["ETag"]
    assert "csrfmiddlewaretoken" not in page_two.text and not page_two.cookies
    assert "Cookie" in page_two["Vary"] and "private" in page_two["Cache-Control"]


def test_web9_requests_with_a_session_are_neither_served_from_nor_stored_in_the_cache(client, story, monkeypatch):
    from dateline.publish.views import common

    calls = []
    original = common.render_page
    monkeypatch.setattr("dateline.publish.views.pages.render_page",
                        lambda *a, **k: calls.append(1) or original(*a, **k))
    url = story.articles.get().get_absolute_url()
    client.get(url, HTTP_HOST=HOST)
    client.get(url, HTTP_HOST=HOST)
    assert len(calls) == 1  # the second anonymous request was a cache hit
    client.cookies["sessionid"] = "editor-session"
    client.get(url, HTTP_HOST=HOST)
    client.get(url, HTTP_HOST=HOST)
    assert len(calls) == 3


def test_wire1_publish_update_and_kill_purge_every_page_that_shows_the_story(client, sites, story, publish,
                                                                           django_capture_on_commit_callbacks):
    mars_home = lambda: client.get("/", HTTP_HOST="marsdaily.localhost").text  # noqa: E731 - shows a box
    assert "Cached launch story" in client.get("/", HTTP_HOST=HOST).text and "Cached launch story" in mars_home()
    publish(headline="Second story arrives", sections=[sites["spacewar"].sections.get(slug="news")])
    assert "Second story arrives" in client.get("/", HTTP_HOST=HOST).text and "Second story arrives" in mars_home()

    Story.objects.filter(pk=story.pk).update(headline="Cached launch story, updated")
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    assert "Cached launch story, updated" in client.get("/", HTTP_HOST=HOST).text

    Story.objects.filter(pk=story.pk).update(state=Story.State.KILLED)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    assert "Cached launch story" not in client.get("/", HTTP_HOST=HOST).text
    assert "Cached launch story" not in mars_home()
    assert client.get(story.articles.get().get_absolute_url(), HTTP_HOST=HOST).status_code == 410


def test_etag_and_last_modified_answer_304_to_a_revalidating_reader(client, story):
    url = story.articles.get().get_absolute_url()
    page = client.get(url, HTTP_HOST=HOST)
    assert page["ETag"] and page["Last-Modified"]
    again = client.get(url, HTTP_HOST=HOST, HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304


def test_pages_are_gzipped_for_clients_that_accept_it(client, story):
    page = client.get(story.articles.get().get_absolute_url(), HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b"Cached launch story" in gzip.decompress(page.content)
