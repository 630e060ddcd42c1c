"""HTML-8: a raw page's base, refresh, og:image, feed links, images and frames are never fetched."""

from __future__ import annotations

import json
import time
from dataclasses import asdict

from dateline.ingest import formats
from dateline.ingest.tests.formats.conftest import fixture_bytes


def test_html8_nothing_in_a_page_is_fetched_and_no_file_leaks(canary_listener, canary_file):
    path, token = canary_file
    raw = (fixture_bytes("html", "article.html").replace(b"CANARY_URL", canary_listener.url.encode())
           .replace(b"file:///etc/passwd", f"file://{path}".encode()))
    document = formats.parse(raw, url="https://observatory.dateline.test/news/first-light")
    time.sleep(0.05)
    assert canary_listener.connections == 0
    assert token not in json.dumps([asdict(i) for i in document.items], default=str)


def test_html8_json_ld_breakout_does_not_reach_the_body():
    raw = fixture_bytes("html", "article.html").replace(b"CANARY_URL", b"http://127.0.0.1:9")
    [item] = formats.parse(raw).items
    assert "alert(1)" not in item.body_html and "<script" not in item.body_html
    assert "<iframe" not in item.body_html
