"""The egress guard: every outbound fetch is checked, pinned, bounded (THREATS SSRF-1…6, NET-1).

Real loopback servers answer; a canary listener proves that refused targets never see a connection.
Timing bounds are generous: the CI box has two loaded cores.
"""

from __future__ import annotations

import time

import pytest

from dateline.core.urlguard import PUBLIC_MESSAGE, check_url
from dateline.ingest.tests.loopback import ETAG, RSS, Canary
from dateline.ingest.transports import egress
from dateline.ingest.transports.egress import EgressRefused, FetchFailed


def fetch_ok(server, path, **kwargs):
    return egress.fetch(server.base + path, allow=[server.host_port], **kwargs)


# --- SSRF-1: schemes, user information, parser differentials --------------------------------------------

@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "scheme_refused"),
    ("gopher://127.0.0.1:25/_HELO", "scheme_refused"),
    ("dict://127.0.0.1:11211/stat", "scheme_refused"),
    ("ftp://example.org/feed.xml", "scheme_refused"),
    ("jar:http://example.org/a.jar!/", "scheme_refused"),
    ("data:text/xml,<rss/>", "scheme_refused"),
    ("javascript:alert(1)", "scheme_refused"),
    ("//example.org/feed", "scheme_refused"),
    ("http://user:pass@example.org/feed", "userinfo_refused"),
    ("http://example.org@127.0.0.1/feed", "userinfo_refused"),
    ("http://example.org\\@127.0.0.1/", "url_invalid"),
    ("http://127.0.0.1\\.example.org/", "url_invalid"),
    ("http://exa mple.org/", "url_invalid"),
    ("http://example.org/\r\nX-Injected: 1", "url_invalid"),
    ("http:///feed", "url_invalid"),
    ("http://example.org:99999/", "url_invalid"),
    ("http://%31%32%37.0.0.1/", "url_invalid"),
    ("http://[fe80::1%25eth0]/", "url_invalid"),
])
def test_ssrf1_refuses_schemes_userinfo_and_parser_differentials(url, reason):
    with pytest.raises(EgressRefused) as exc:
        egress.fetch(url, resolver=lambda host, port: ["93.184.216.34"])
    assert exc.value.reason == reason


def test_ssrf1_fragment_is_dropped_and_never_decides_the_host():
    target = check_url("http://Example.ORG:8080/feed?x=1#@127.0.0.1/")
    assert (target.host, target.port, target.path) == ("example.org", 8080, "/feed?x=1")
    assert target.url == "http://Example.ORG:8080/feed?x=1"


# --- SSRF-2: inward addresses in every spelling; no socket is opened ------------------------------------

INWARD = [
    ("http://127.0.0.1:{canary}/", "addr_loopback"),
    ("http://127.0.0.2:{canary}/", "addr_loopback"),
    ("http://localhost:{canary}/", "addr_loopback"),
    ("http://2130706433:{canary}/", "ip_noncanonical"),
    ("http://0x7f000001:{canary}/", "ip_noncanonical"),
    ("http://0x7f.0.0.1:{canary}/", "ip_noncanonical"),
    ("http://0177.0.0.1:{canary}/", "ip_noncanonical"),
    ("http://127.1:{canary}/", "ip_noncanonical"),
    ("http://0:{canary}/", "ip_noncanonical"),
    ("http://0.0.0.0:{canary}/", "addr_unspecified"),
    ("http://[::1]:{canary}/", "addr_loopback"),
    ("http://[::]:{canary}/", "addr_unspecified"),
    ("http://[::ffff:127.0.0.1]:{canary}/", "addr_ipv4_mapped"),
    ("http://[::ffff:7f00:1]:{canary}/", "addr_ipv4_mapped"),
    ("http://[::127.0.0.1]:{canary}/", "addr_ipv4_compatible"),
    ("http://[2002:7f00:1::]:{canary}/", "addr_6to4"),
    ("http://[64:ff9b::7f00:1]:{canary}/", "addr_nat64"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "addr_teredo"),
    ("http://169.254.169.254/latest/meta-data/", "addr_link_local"),
    ("http://[fe80::1]/", "addr_link_local"),
    ("http://100.64.0.1/", "addr_cgnat"),
    ("http://10.0.0.1/", "addr_private"),
    ("http://172.16.5.4/", "addr_private"),
    ("http://192.168.1.1/", "addr_private"),
    ("http://[fc00::1]/", "addr_private"),
    ("http://224.0.0.1/", "addr_multicast"),
    ("http://255.255.255.255/", "addr_reserved"),
    ("http://inward.example:{canary}/", "addr_private"),
    ("http://mixed.example:{canary}/", "addr_loopback"),
    ("http://metadata.example/", "addr_link_local"),
]


@pytest.mark.parametrize(("url", "reason"), INWARD)
def test_ssrf2_inward_addresses_refused_in_every_spelling_before_any_connection(url, reason, canary,
                                                                                 stub_resolver):
    resolver = stub_resolver({
        "localhost": ["127.0.0.1"],
        "inward.example": ["10.1.2.3"],
        "mixed.example": ["93.184.216.34", "127.0.0.1"],  # one inward answer refuses the whole name
        "metadata.example": ["169.254.169.254"],
    })
    with pytest.raises(EgressRefused) as exc:
        egress.fetch(url.format(canary=canary.port), resolver=resolver, connect_timeout=1)
    assert exc.value.reason == reason
    time.sleep(0.1)
    assert canary.connections == 0


def test_ssrf2_real_resolver_refuses_localhost(canary):
    with pytest.raises(EgressRefused) as exc:
        egress.fetch(f"http://localhost:{canary.port}/")
    assert exc.value.reason == "addr_loopback"
    assert canary.connections == 0


def test_ssrf2_allowlisted_host_port_may_be_private(feed_server):
    result = fetch_ok(feed_server, "/feed")
    assert result.status == 200
    assert result.body == RSS
    assert result.final_url == feed_server.base + "/feed"


def test_ssrf2_allowlist_is_per_port(feed_server, canary):
    with pytest.raises(EgressRefused):
        egress.fetch(f"http://127.0.0.1:{canary.port}/", allow=[feed_server.host_port])
    assert canary.connections == 0


# --- SSRF-3: redirects ------------------------------------------------------------------------------------

def test_ssrf3_redirect_to_refused_address_never_connects(feed_server, canary):
    with pytest.raises(EgressRefused) as exc:
        fetch_ok(feed_server, f"/redirect?to=http://127.0.0.1:{canary.port}/feed")
    assert exc.value.reason == "addr_loopback"
    time.sleep(0.1)
    assert canary.connections == 0


def test_ssrf3_redirect_to_other_scheme_refused(feed_server):
    with pytest.raises(EgressRefused) as exc:
        fetch_ok(feed_server, "/redirect?to=file:///etc/passwd")
    assert exc.value.reason == "scheme_refused"


def test_ssrf3_five_redirects_followed_six_refused(feed_server):
    assert fetch_ok(feed_server, "/chain/5").redirects == 5
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/chain/6")
    assert exc.value.reason == "too_many_redirects"


def test_ssrf3_redirect_loop_detected(feed_server):
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/loop")
    assert exc.value.reason == "redirect_loop"


def test_ssrf3_permanent_redirect_reported_only_when_every_hop_is_permanent(feed_server):
    permanent = fetch_ok(feed_server, "/chain/2?code=301")
    assert permanent.permanent_redirect and permanent.final_url == feed_server.base + "/feed"
    assert fetch_ok(feed_server, "/chain/2?code=308").permanent_redirect
    mixed = fetch_ok(feed_server, "/redirect?code=301&to=/chain/1")
    assert not mixed.permanent_redirect
    assert not fetch_ok(feed_server, "/feed").permanent_redirect


# --- SSRF-4: DNS rebinding --------------------------------------------------------------------------------

def test_ssrf4_connection_pinned_to_the_checked_address(feed_server, stub_resolver):
    port = feed_server.server_address[1]
    try:
        second = Canary("127.0.0.2", port)
    except OSError:
        pytest.skip("cannot listen on 127.0.0.2 here")
    with second:
        resolver = stub_resolver({"rebind.example": [["127.0.0.1"], ["127.0.0.2"]]})
        result = egress.fetch(f"http://rebind.example:{port}/feed", allow=[f"rebind.example:{port}"],
                              resolver=resolver)
        assert result.status == 200
        assert resolver.calls == ["rebind.example"]  # one lookup per hop, and it is the one used
        time.sleep(0.1)
        assert second.connections == 0


def test_ssrf4_same_host_redirect_is_resolved_and_checked_again(feed_server, stub_resolver):
    port = feed_server.server_address[1]
    # The allowlisted address answers first; the redirect back to the same name must not reuse that check.
    resolver = stub_resolver({"flip.example": [["127.0.0.1"], ["10.0.0.7"]]})
    with pytest.raises(EgressRefused) as exc:
        egress.fetch(f"http://flip.example:{port}/redirect?to=/feed", allow=[feed_server.host_port],
                     resolver=resolver)
    assert exc.value.reason == "addr_private"
    assert resolver.calls == ["flip.example", "flip.example"]
    assert feed_server.hits == ["/redirect"]


# --- SSRF-6: no oracle -------------------------------------------------------------------------------------

def test_ssrf6_refused_and_closed_port_read_the_same_to_non_admins(canary):
    closed = canary.port
    canary.__exit__()  # nothing listens there any more
    with pytest.raises(EgressRefused) as refused:
        egress.fetch("http://10.0.0.1/feed")
    with pytest.raises(FetchFailed) as unreachable:
        egress.fetch(f"http://127.0.0.1:{closed}/feed", allow=[f"127.0.0.1:{closed}"], connect_timeout=2)
    assert refused.value.public_message == unreachable.value.public_message == PUBLIC_MESSAGE
    assert refused.value.reason == "addr_private" and unreachable.value.reason == "connect_failed"


def test_ssrf6_error_bodies_are_never_returned(feed_server):
    result = fetch_ok(feed_server, "/status/500")
    assert result.status == 500 and result.body == b""


# --- NET-1: deadlines and caps ----------------------------------------------------------------------------

def test_net1_hanging_server_hits_read_timeout(feed_server):
    started = time.monotonic()
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/hang", read_timeout=0.5)
    assert exc.value.reason == "read_timeout"
    assert time.monotonic() - started < 8


@pytest.mark.parametrize("path", ["/slow-headers", "/drip"])
def test_net1_slow_headers_and_drip_hit_the_total_deadline(feed_server, path):
    started = time.monotonic()
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, path, read_timeout=5, total_timeout=1.0)
    assert exc.value.reason == "total_timeout"
    assert time.monotonic() - started < 8


def test_net1_endless_chunked_body_is_capped(feed_server):
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/endless", max_bytes=1024 * 1024)
    assert exc.value.reason == "too_large"


def test_net1_oversized_content_length_refused_before_reading(feed_server):
    started = time.monotonic()
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/oversized")
    assert exc.value.reason == "too_large"
    assert time.monotonic() - started < 8


def test_net1_gzip_bomb_capped_after_decompression(feed_server):
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/bomb")
    assert exc.value.reason == "too_large"


def test_net1_gzip_body_decompressed(feed_server):
    assert fetch_ok(feed_server, "/gzip").body == RSS


def test_net1_lying_content_length_is_a_truncated_body(feed_server):
    with pytest.raises(FetchFailed) as exc:
        fetch_ok(feed_server, "/lying")
    assert exc.value.reason == "truncated_body"


def test_tls_to_a_plain_http_port_fails_cleanly(feed_server):
    with pytest.raises(FetchFailed) as exc:
        egress.fetch(f"https://127.0.0.1:{feed_server.server_address[1]}/feed", allow=[feed_server.host_port])
    assert exc.value.reason in {"tls_failed", "protocol_error", "connect_failed"}


# --- conditional GET, Retry-After, Cache-Control (NET-2) ---------------------------------------------------

def test_net2_conditional_get_returns_304_without_body(feed_server):
    first = fetch_ok(feed_server, "/feed")
    assert first.etag == ETAG and first.last_modified and first.cache_max_age == 600
    again = fetch_ok(feed_server, "/feed", etag=first.etag)
    assert (again.status, again.body) == (304, b"")
    by_date = fetch_ok(feed_server, "/feed", last_modified=first.last_modified)
    assert by_date.status == 304


def test_net2_retry_after_seconds_and_http_date():
    assert egress.fetch  # the parsers are what fetch uses for every response
    assert egress.parse_retry_after("120") == 120.0
    assert 0 < egress.parse_retry_after("Wed, 21 Oct 2099 07:28:00 GMT") > 1e6
    assert egress.parse_retry_after("soon") is None
    assert egress.parse_max_age("public, max-age=300") == 300
    assert egress.parse_max_age("no-store") == 0
    assert egress.parse_max_age(None) is None


def test_net2_429_reports_retry_after(feed_server):
    result = fetch_ok(feed_server, "/status/429?retry=90")
    assert (result.status, result.retry_after) == (429, 90.0)
