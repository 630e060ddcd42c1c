"""HTTP sources: conditional GET, Retry-After, back-off, 410, empty and challenge pages, health
(THREATS NET-2, NET-3, SSRF-3, SSRF-6, OBS-1) against a real loopback server."""

from __future__ import annotations

import random
import time
from datetime import timedelta

import pytest
from django.apps import apps

from dateline.core import clock
from dateline.core.urlguard import PUBLIC_MESSAGE
from dateline.ingest import polling
from dateline.ingest.models import Quarantine, RawPayload, SourceHealth, WireItem
from dateline.ingest.runner import run_source, run_sources
from dateline.ingest.selectors import due_sources, quiet_sources, source_statuses


@pytest.fixture
def http_source(make_source, feed_server):
    def make(path: str = "/feed", slug: str = "press", **fields):
        return make_source(slug, transport="http", location=feed_server.base + path,
                           allow_private=[feed_server.host_port], **fields)

    return make


def health(source) -> SourceHealth:
    return SourceHealth.objects.get(source=source)


@pytest.mark.django_db
def test_net2_conditional_get_304_writes_nothing(http_source, feed_server):
    source = http_source()
    first = run_source(source)
    assert first.new == 2
    h = health(source)
    assert h.etag == '"v1"' and h.last_modified and h.last_status == 200
    counts = (RawPayload.objects.count(), WireItem.objects.count(), Quarantine.objects.count())
    second = run_source(source)
    assert second.not_modified and (second.new, second.duplicate) == (0, 0)
    assert (RawPayload.objects.count(), WireItem.objects.count(), Quarantine.objects.count()) == counts
    assert health(source).last_status == 304 and feed_server.hits == ["/feed", "/feed"]


@pytest.mark.django_db
def test_net2_cache_control_max_age_stretches_the_next_poll(http_source):
    source = http_source("/feed?cc=max-age%3D7200", poll_minutes=5)
    before = clock.now()
    run_source(source)
    wait = health(source).next_poll_at - before
    assert timedelta(hours=2) * 0.89 <= wait <= timedelta(hours=2) * 1.11


@pytest.mark.django_db
def test_net2_retry_after_on_429_and_503_is_honoured(http_source):
    for status in (429, 503):
        source = http_source(f"/status/{status}?retry=3600", slug=f"s{status}", poll_minutes=1)
        before = clock.now()
        result = run_source(source)
        h = health(source)
        assert h.last_error_code == {429: "rate_limited", 503: "unavailable"}[status]
        assert h.next_poll_at - before >= timedelta(seconds=3599)
        assert result.errors and not WireItem.objects.filter(source=source).exists()


def test_net2_backoff_doubles_with_jitter_and_is_capped():
    now = clock.now()
    rng = random.Random(7)
    delays = [polling.next_failure_poll(now, poll_minutes=10, failures=n, rng=rng) - now for n in range(1, 12)]
    for n, delay in enumerate(delays, start=1):
        full = min(timedelta(minutes=10) * 2 ** (n - 1), polling.MAX_INTERVAL)
        assert full * 0.5 <= delay <= full
    assert delays[-1] <= polling.MAX_INTERVAL


@pytest.mark.django_db
def test_net2_consecutive_failures_back_off(http_source):
    source = http_source("/status/500", poll_minutes=10)
    for n in (1, 2, 3):
        before = clock.now()
        run_source(source)
        h = health(source)
        assert h.consecutive_failures == n and h.last_error_code == "http_500"
        assert h.next_poll_at - before >= timedelta(minutes=10) * 2 ** (n - 1) * 0.5
        [status] = source_statuses()
        assert status.alert == (n >= polling.ALERT_AFTER_FAILURES)
    assert source not in due_sources()


@pytest.mark.django_db
def test_net3_410_stops_polling_only_after_confirmation(http_source, feed_server):
    source = http_source("/status/410")
    for _ in range(polling.GONE_CONFIRMATIONS - 1):
        run_source(source)
        assert not health(source).polling_stopped
        SourceHealth.objects.filter(source=source).update(next_poll_at=None)
    run_source(source)
    assert health(source).polling_stopped and health(source).last_error_code == "gone"
    assert source not in due_sources()
    hits = len(feed_server.hits)
    assert run_source(source).errors == ["press: polling stopped after 410 Gone"]
    assert len(feed_server.hits) == hits  # not fetched again


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "code"), [("/empty", "empty_document"), ("/html", "not_a_feed"),
                                            ("/status/404", "not_a_feed")])
def test_net3_empty_challenge_and_missing_feeds_never_unpublish(http_source, feed_server, path, code):
    Story = apps.get_model("desk", "Story")  # a later stage: read through the app registry, not imported
    source = http_source(format="rss")  # a feed source: an HTML page in its place is not news
    run_source(source)
    items, stories = WireItem.objects.count(), Story.objects.count()
    source.location = feed_server.base + path
    source.save()
    result = run_source(source)
    assert result.errors and (result.new, result.updated) == (0, 0)
    assert health(source).last_error_code == code and health(source).consecutive_failures == 1
    assert WireItem.objects.count() == items and WireItem.objects.filter(is_current=True).count() == items
    assert Story.objects.count() == stories


@pytest.mark.django_db
def test_net3_html_challenge_page_on_an_auto_source_is_not_news(http_source, feed_server):
    source = http_source("/html")  # format "auto": an HTML page could pass for an article
    result = run_source(source)
    assert (result.new, result.quarantined) == (0, 1)
    assert health(source).last_error_code == "not_a_feed"
    quarantined = Quarantine.objects.get()
    assert quarantined.reason == "not_a_feed" and b"Just a moment" in bytes(quarantined.raw.data)


@pytest.mark.django_db
def test_ssrf3_permanent_redirect_updates_the_polled_url_after_validation(http_source, feed_server):
    source = http_source("/chain/1?code=301")
    run_source(source)
    h = health(source)
    assert h.current_url == feed_server.base + "/feed" and h.moved_from == source.location
    SourceHealth.objects.filter(source=source).update(next_poll_at=None)
    feed_server.hits.clear()
    run_source(source)
    assert feed_server.hits == ["/feed"]


@pytest.mark.django_db
def test_ssrf3_temporary_redirect_keeps_the_configured_url(http_source):
    source = http_source("/chain/1?code=302")
    run_source(source)
    assert health(source).current_url == ""


@pytest.mark.django_db
def test_ssrf6_refused_source_shows_editors_a_generic_error(make_source, canary):
    source = make_source("inward", transport="http", location=f"http://127.0.0.1:{canary.port}/feed")
    result = run_source(source)
    h = health(source)
    assert h.last_error_code == "addr_loopback"  # for admins and logs
    assert h.last_error == PUBLIC_MESSAGE  # for editors: refused and unreachable read the same
    assert result.errors and canary.connections == 0


@pytest.mark.django_db
def test_net2_many_slow_sources_bounded_per_host_and_others_unblocked(make_source, feed_server, stub_resolver):
    port = feed_server.server_address[1]
    resolver = stub_resolver({"slow.test": ["127.0.0.1"], "fast.test": ["127.0.0.1"]})
    slow = [make_source(f"slow{i}", transport="http", location=f"http://slow.test:{port}/slow?s=0.4&n={i}",
                        allow_private=[f"slow.test:{port}"]) for i in range(8)]
    fast = [make_source(f"fast{i}", transport="http", location=f"http://fast.test:{port}/feed?n={i}",
                        allow_private=[f"fast.test:{port}"]) for i in range(3)]
    started = time.monotonic()
    results = run_sources(slow + fast, fetch_options={"resolver": resolver}, max_workers=4, per_host=2)
    assert time.monotonic() - started < 30
    assert feed_server.max_active["slow.test"] <= 2
    assert all(not results[s.slug].errors for s in slow + fast)
    assert all(health(s).last_success_at for s in slow + fast)


@pytest.mark.django_db
def test_obs1_quiet_source_is_flagged(http_source):
    source = http_source(expected_quiet_hours=6)
    run_source(source)
    assert quiet_sources() == []
    later = clock.now() + timedelta(hours=7)
    assert quiet_sources(now=later) == [source]
    [status] = source_statuses(now=later)
    assert status.quiet and status.health.items_seen == 2 and not status.failing


@pytest.mark.django_db
def test_obs1_health_after_a_fault_names_the_code_and_counts(http_source):
    source = http_source("/hang")
    run_source(source, fetch_options={"read_timeout": 0.3})
    [status] = source_statuses()
    assert status.failing and status.health.last_error_code == "read_timeout"
    assert status.health.last_error_at and status.health.consecutive_failures == 1
