"""Ingest transports: what the egress guard and the idempotent store cost over their lower bounds.

1. HTTP: GETs of one feed from a loopback server through ``egress.fetch`` (URL check, resolution, address
   checks, pinned connection, streaming with deadlines) against bare ``http.client`` GETs of the same URL.
2. Drop folder: files of generated RSS ingested by ``run_source`` (stable-file checks, raw payload, parse,
   idempotent store, health, move to done/) against ``formats.parse`` of the same bytes with no database.

Only the ingest stage is measured: later stages' receivers are disconnected for the run.
"""

from __future__ import annotations

import http.client
import os
import time
from pathlib import Path


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _rss(file_no: int, items: int) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench wire</title>']
    for i in range(items):
        parts.append(
            f"<item><guid>bench-{file_no}-{i}</guid><title>Launch {file_no}-{i} of a weather satellite</title>"
            f"<description>&lt;p&gt;CAPE CANAVERAL (UPI) -- Satellite {file_no}-{i} reached orbit on "
            f"Tuesday after a launch from Florida.&lt;/p&gt;</description>"
            f"<pubDate>Tue, 02 Jul 2024 10:{i % 60:02}:00 GMT</pubDate></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def bench_http(n: int) -> dict:
    from dateline.ingest.tests.loopback import FeedServer
    from dateline.ingest.transports import egress

    with FeedServer() as server:
        url, allow = server.base + "/feed", [server.host_port]
        egress.fetch(url, allow=allow)  # warm-up
        started = time.perf_counter()
        for _ in range(n):
            assert egress.fetch(url, allow=allow).status == 200
        guarded = n / (time.perf_counter() - started)
        port = server.server_address[1]
        started = time.perf_counter()
        for _ in range(n):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/feed")
            response = conn.getresponse()
            response.read()
            conn.close()
            assert response.status == 200
        bare = n / (time.perf_counter() - started)
    print(f"   HTTP GET via egress.fetch: {guarded:,.0f} fetches/s; bare http.client: {bare:,.0f} fetches/s; "
          f"ratio {guarded / bare:.2f}")
    return {"egress_fetches_per_s": round(guarded), "bare_fetches_per_s": round(bare),
            "ratio": round(guarded / bare, 3)}


def bench_folder(files: int, items: int) -> dict:
    from django.conf import settings

    from dateline.ingest import formats
    from dateline.ingest.runner import run_source
    from dateline.ingest.signals import wire_item_stored
    from dateline.network.models import Source

    source, _ = Source.objects.get_or_create(slug="bench-folder", defaults={"name": "Bench",
                                                                            "location": "inbox/bench-folder"})
    inbox = Path(settings.DATA_DIR) / "inbox" / "bench-folder"
    inbox.mkdir(parents=True, exist_ok=True)
    payloads = [_rss(f, items) for f in range(files)]
    past = time.time() - 60
    for f, data in enumerate(payloads):
        path = inbox / f"bench-{f:05}.xml"
        path.write_bytes(data)
        os.utime(path, (past, past))
    started = time.perf_counter()
    for data in payloads:
        formats.parse(data, "rss")
    parse_s = time.perf_counter() - started
    receivers, wire_item_stored.receivers = wire_item_stored.receivers, []
    try:
        started = time.perf_counter()
        result = run_source(source, stable_seconds=0)
        ingest_s = time.perf_counter() - started
    finally:
        wire_item_stored.receivers = receivers
    assert result.new == files * items, result.summary()
    total = files * items
    print(f"   drop folder: {files} files, {total} items: run_source {total / ingest_s:,.0f} items/s "
          f"({files / ingest_s:,.1f} files/s); formats.parse alone {total / parse_s:,.0f} items/s; "
          f"ratio {parse_s / ingest_s:.2f}")
    return {"files": files, "items": total, "ingest_items_per_s": round(total / ingest_s),
            "parse_items_per_s": round(total / parse_s), "ratio": round(parse_s / ingest_s, 3)}


def run(smoke: bool) -> dict:
    _django()
    return {"http": bench_http(20 if smoke else 500),
            "folder": bench_folder(*((5, 10) if smoke else (200, 20)))}
