"""The page fast path in front of Django (THREATS WEB-9, WIRE-1): a hit is the miss's exact response,
any process's publish, update or kill is seen at once, editors and private areas never touch it."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse

from dateline.desk.models import Story
from dateline.publish import cache, consent, stamps
from dateline.publish.fastpath import _LRU, PageCache, wrap
from dateline.publish.services import articles_sync

HOST = "spacewar.localhost"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                    "Cross-Origin-Opener-Policy", "Cache-Control", "Vary", "ETag", "Last-Modified", "Content-Type")


class Django:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self) -> None:
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        # As Django's test client does: the test's transaction must survive the end of each request
        # (the test client connects these again after each of its own requests).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        return self.handler(environ, start_response)


@pytest.fixture
def django_app(db):
    try:
        yield Django()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def app(django_app):
    return PageCache(django_app, stamp_dir=cache.stamp_dir(), max_bytes=8 * 1024 * 1024)


def call(app, path: str, *, method: str = "GET", host: str = HOST, **headers) -> tuple[int, dict, bytes]:
    """One request through a WSGI app: (status, headers, body); headers as HTTP_* environ keys."""
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": host,
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
               "wsgi.errors": sys.stderr, **headers}
    started: list = []
    result = app(environ, lambda status, response_headers, exc_info=None: started.append((status, response_headers)))
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    status, response_headers = started[0]
    return int(status.split()[0]), dict(response_headers), body


@pytest.fixture
def story(sites, publish):
    return publish(headline="Fast path launch story", sections=[sites["spacewar"].sections.get(slug="news")])


def test_web9_a_hit_is_byte_identical_to_the_miss_with_the_same_security_headers(app, django_app, story):
    url = story.articles.get().get_absolute_url()
    miss = call(app, url)
    hit = call(app, url)
    assert django_app.calls == 1  # the hit never reached Django
    assert miss[0] == hit[0] == 200 and miss[2] == hit[2] and b"Fast path launch story" in hit[2]
    assert miss[1] == hit[1]
    for name in SECURITY_HEADERS:
        assert hit[1][name], name
    assert "frame-ancestors 'self'" in hit[1]["Content-Security-Policy"] and hit[1]["X-Frame-Options"] == "DENY"
    # And the same as Django's own answer without the fast path.
    direct = call(django_app, url)
    assert direct[2] == hit[2]
    for name in SECURITY_HEADERS:
        assert direct[1][name] == hit[1][name], name


def test_wire1_a_bump_in_another_process_is_seen_by_the_next_request(app, django_app, story):
    site_id = story.articles.get().site_id
    call(app, "/", host=HOST)
    call(app, "/", host=HOST)
    assert django_app.calls == 1
    code = "import sys; from dateline.publish import stamps; stamps.bump(sys.argv[1], [int(sys.argv[2])])"
    subprocess.run([sys.executable, "-c", code, str(cache.stamp_dir()), str(site_id)], check=True,
                   env={**os.environ, "PYTHONPATH": os.getcwd()})
    call(app, "/", host=HOST)
    assert django_app.calls == 2


def test_wire1_publish_update_and_kill_reach_the_fast_path_at_once(app, sites, story, publish,
                                                                  django_capture_on_commit_callbacks):
    url = story.articles.get().get_absolute_url()
    assert b"Fast path launch story" in call(app, "/")[2] and call(app, url)[0] == 200
    publish(headline="A second story arrives", sections=[sites["spacewar"].sections.get(slug="news")])
    assert b"A second story arrives" in call(app, "/")[2]

    Story.objects.filter(pk=story.pk).update(headline="Fast path launch story, updated")
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    moved = call(app, url)  # the headline gave the article a new slug: the old URL redirects
    assert moved[0] == 301 and b"Fast path launch story, updated" in call(app, moved[1]["Location"])[2]
    assert b"Fast path launch story, updated" in call(app, "/")[2]
    url = moved[1]["Location"]

    Story.objects.filter(pk=story.pk).update(state=Story.State.KILLED)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    assert b"Fast path launch story" not in call(app, "/")[2]
    assert call(app, url)[0] == 410


def test_web9_editors_with_a_session_never_get_nor_fill_cached_pages(app, django_app, story):
    url = story.articles.get().get_absolute_url()
    call(app, url, HTTP_COOKIE="sessionid=editor-session")
    call(app, url, HTTP_COOKIE="sessionid=editor-session; dl_consent=x")
    assert django_app.calls == 2
    call(app, url)  # the first anonymous request: nothing was stored for the editor
    assert django_app.calls == 3
    call(app, url, HTTP_COOKIE="sessionid=editor-session")
    call(app, url, HTTP_AUTHORIZATION="Basic ZWRpdG9yOnNlY3JldA==")
    assert django_app.calls == 5


def test_web9_private_areas_and_non_get_requests_always_reach_django(app, django_app, story):
    for _ in range(2):
        call(app, "/desk/login/")
        call(app, "/", method="POST")
        call(app, "/privacy/settings/")  # shows the reader's own choice: not a cached page
    assert django_app.calls == 6


def test_etag_and_last_modified_answer_304(app, story):
    url = story.articles.get().get_absolute_url()
    status, headers, _ = call(app, url)
    etag = headers["ETag"]
    assert call(app, url, HTTP_IF_NONE_MATCH=etag)[:1] == (304,)
    assert call(app, url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}')[0] == 304  # weak comparison (RFC 9110)
    assert call(app, url, HTTP_IF_NONE_MATCH='"other"')[0] == 200
    not_modified = call(app, url, HTTP_IF_MODIFIED_SINCE=headers["Last-Modified"])
    assert not_modified[0] == 304 and not_modified[2] == b"" and not_modified[1]["ETag"] == etag
    assert call(app, url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")[0] == 200


def test_the_gzip_body_goes_only_to_clients_that_accept_it(app, story):
    url = story.articles.get().get_absolute_url()
    plain = call(app, url)
    zipped = call(app, url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain[1] and zipped[1]["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped[2]) == plain[2] and len(zipped[2]) < len(plain[2]) / 2
    assert int(zipped[1]["Content-Length"]) == len(zipped[2]) and int(plain[1]["Content-Length"]) == len(plain[2])
    assert "Accept-Encoding" in zipped[1]["Vary"] and "Accept-Encoding" in plain[1]["Vary"]
    assert zipped[1]["ETag"] == "W/" + plain[1]["ETag"]
    assert "Content-Encoding" not in call(app, url, HTTP_ACCEPT_ENCODING="identity")[1]


def test_head_answers_the_headers_without_the_body(app, story):
    url = story.articles.get().get_absolute_url()
    call(app, url)
    status, headers, body = call(app, url, method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000


def test_gdpr1_cached_pages_differ_per_consent_variant(app, django_app, sites, story, client, monkeypatch):
    from dateline.publish.tests.pages.test_consent import AD_SCRIPT, _choose

    site = sites["spacewar"]
    site.ads = {"sidebar": {"script": AD_SCRIPT, "house": "Advertise with SpaceWar", "house_url": "/privacy/"}}
    site.save()
    url = story.articles.get().get_absolute_url()
    _choose(client, "reject_all")
    rejected = f"{consent.COOKIE}={client.cookies[consent.COOKIE].value}"
    _choose(client, "accept_all")
    accepted = f"{consent.COOKIE}={client.cookies[consent.COOKIE].value}"
    forged = f"{consent.COOKIE}=v=2024-07;p=ads"
    checks = []
    monkeypatch.setattr(consent, "decode", lambda raw, real=consent.decode: checks.append(raw) or real(raw))
    pages = {}
    for name, cookie in (("ask", ""), ("rejected", rejected), ("accepted", accepted), ("forged", forged)):
        pages[name] = call(app, url, HTTP_COOKIE=cookie)[2]
        assert call(app, url, HTTP_COOKIE=cookie)[2] == pages[name]  # the second one is a hit
    assert django_app.calls == 3  # a forged cookie is no choice: it shares the banner page with no cookie
    assert b'<section class="consent"' in pages["ask"] and AD_SCRIPT.encode() not in pages["ask"]
    assert b'<section class="consent"' not in pages["rejected"] and AD_SCRIPT.encode() not in pages["rejected"]
    assert b"Advertise with SpaceWar" in pages["rejected"]
    assert b'<section class="consent"' not in pages["accepted"] and AD_SCRIPT.encode() in pages["accepted"]
    assert pages["forged"] == pages["ask"]
    # Each cookie value's signature: checked once by the fast path (then memoised) and once by Django's render
    # on the miss; the hits checked nothing.
    assert checks.count(accepted.split("=", 1)[1]) == 2 and checks.count(rejected.split("=", 1)[1]) == 2


def _marked(stamp_dir, status: int = 200, body: bytes = b"x" * 1000, cookie: bool = False):
    """A stand-in for Django: a response marked as cached_page marks it (site 7, its current generation)."""

    def app(environ, start_response):
        app.calls += 1
        response = HttpResponse(body, status=status, content_type="text/html")
        if cookie:
            response.set_cookie("tracking", "1")
        setattr(response, cache.MARK, (7, stamps.read(stamp_dir, 7)))
        response.close = lambda: None  # no request_finished: no database behind this stand-in
        start_response(f"{status} {response.reason_phrase}", [*response.items(), *(
            ("Set-Cookie", c.OutputString()) for c in response.cookies.values())])
        return response

    app.calls = 0
    return app


@pytest.mark.parametrize(("status", "cookie", "kept"), [
    (200, False, True), (301, False, True), (410, False, True),
    (404, False, False), (500, False, False), (200, True, False),
])
def test_only_200_301_and_410_responses_setting_no_cookie_are_kept(tmp_path, status, cookie, kept):
    inner = _marked(tmp_path, status, cookie=cookie)
    app = PageCache(inner, stamp_dir=tmp_path, max_bytes=1 << 20)
    first, second = call(app, "/page/"), call(app, "/page/")
    assert first[0] == second[0] == status
    assert inner.calls == (1 if kept else 2) and len(app.pages) == (1 if kept else 0)
    assert ("Set-Cookie" in second[1]) is cookie  # a response that sets one reaches the reader unchanged


def test_the_store_stays_within_its_byte_bound_and_drops_the_least_recently_used(tmp_path):
    app = PageCache(_marked(tmp_path, body=os.urandom(20_000)), stamp_dir=tmp_path, max_bytes=100_000)
    for n in range(50):
        call(app, f"/page-{n}/")
        assert app.pages.bytes <= 100_000
    assert 0 < len(app.pages) < 50

    lru = _LRU(max_bytes=10)
    for key in "abcd":
        lru.put(key, key, 3)
    assert lru.get("a") is None and lru.get("b") == "b" and lru.bytes == 9
    lru.put("e", "e", 3)  # "b" was used last: "c" is the oldest now
    assert lru.get("c") is None and lru.get("b") == "b" and lru.bytes == 9
    lru.put("huge", "huge", 11)  # larger than the whole store: never kept
    assert lru.get("huge") is None and lru.bytes == 9


def test_the_size_setting_switches_the_fast_path_off(settings):
    inner = object()
    settings.DATELINE_PAGE_CACHE_BYTES = 0
    assert wrap(inner) is inner
    settings.DATELINE_PAGE_CACHE_BYTES = 1 << 20
    assert isinstance(wrap(inner), PageCache)
