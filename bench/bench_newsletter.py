"""Digest send rate against a local SMTP sink, next to the sink's raw rate in the same run.

Dateline's figure: one issue for N subscribers, from ``send_due`` to the last 250 answer,
including selection, rendering, queueing the send log, per-recipient links, and one log
commit per message. The peer figure (the ceiling): the same sink, the same connection reuse,
pre-rendered bytes of one digest sent with ``smtplib`` and nothing else. Goal: ≥ 80 %.

The sink runs in its own process (aiosmtpd on 127.0.0.1), so it does not share the sender's
interpreter lock. ``python -m bench newsletter`` (100,000 subscribers) or ``--smoke`` (300).
"""

from __future__ import annotations

import asyncio
import smtplib
import socket
import subprocess
import sys
import time
from datetime import UTC, date, datetime

FULL, SMOKE = 100_000, 300
DAY = date(2026, 3, 10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sink_main(port: int) -> None:
    from aiosmtpd.controller import Controller

    class Accept:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = Controller(Accept(), hostname="127.0.0.1", port=port, data_size_limit=10_000_000)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()  # until the parent closes our stdin
    finally:
        controller.stop()
    asyncio.set_event_loop(None)


def _start_sink() -> tuple[subprocess.Popen, int]:
    port = _free_port()
    sink = subprocess.Popen([sys.executable, "-m", "bench.bench_newsletter", "--sink", str(port)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert sink.stdout.readline().strip() == "ready"
    return sink, port


def _setup(n: int):
    import django

    django.setup()
    from django.core.management import call_command

    from dateline.desk.models import Story
    from dateline.ingest.models import RawPayload, WireItem
    from dateline.network import config
    from dateline.network.models import NewsletterConfig, Source
    from dateline.network.services import network_load
    from dateline.newsletter.models import Subscriber, Subscription
    from dateline.pipeline.demo import NETWORK_FILE
    from dateline.publish.models import Article

    call_command("migrate", interactive=False, verbosity=0)
    network_load(spec=config.load(NETWORK_FILE))
    newsletter = NewsletterConfig.objects.select_related("site").get(site__slug="marsdaily")
    newsletter.min_stories = 1
    newsletter.save()
    source, site = Source.objects.first(), newsletter.site
    for i in range(12):
        when = datetime(2026, 3, 10, 2, i, tzinfo=UTC)
        raw = RawPayload.objects.create(sha256=f"{i:064d}", data=b"x", size=1, source=source, origin="bench",
                                        received_at=when)
        item = WireItem.objects.create(source=source, guid=f"bench-{i}", content_hash=f"{i:064d}", format="rss",
                                       raw=raw, headline=f"Rover sample cache {i}", published_at=when,
                                       ingested_at=when)
        story = Story.objects.create(
            state=Story.State.PUBLISHED, lead_item=item, headline=f"Rover drives to sample cache number {i}",
            dateline_text="PASADENA, Calif.", summary="The rover crossed the crater floor to the cache. " * 4,
            published_at=when, info_value=i, created_at=when, modified_at=when)
        Article.objects.create(story=story, site=site, section=site.sections.first(), slug=f"rover-{i}",
                               is_canonical=True, published_at=when)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    Subscriber.objects.bulk_create([Subscriber(email=f"reader{i:06d}@example.org", key=f"k{i:06d}", created_at=now)
                                    for i in range(n)], batch_size=5000)
    Subscription.objects.bulk_create([Subscription(subscriber_id=pk, newsletter=newsletter, created_at=now,
                                                   state=Subscription.State.ACTIVE, confirmed_at=now)
                                      for pk in Subscriber.objects.values_list("pk", flat=True)], batch_size=5000)
    return newsletter


class _RawProbe:
    """The peer, sampled between Dateline's messages so that both see the same machine load.

    Every ``every`` digests Dateline sends, this sends ``size`` pre-rendered messages on its own
    reused connection and keeps the time apart; Dateline's time excludes these slices.
    """

    def __init__(self, port: int, data: bytes, every: int, size: int) -> None:
        self.client = smtplib.SMTP("127.0.0.1", port)
        self.data, self.every, self.size = data, every, size
        self.seen = self.count = 0
        self.seconds = 0.0

    def __call__(self, sent: int) -> None:
        self.seen += sent
        if self.seen % self.every == 0:
            self.sample()

    def sample(self) -> None:
        started = time.perf_counter()
        for _ in range(self.size):
            self.count += 1
            self.client.sendmail("newsletters@orbitalwire.example", [f"raw{self.count:06d}@example.org"], self.data)
        self.seconds += time.perf_counter() - started

    def close(self) -> None:
        self.client.quit()


def run(smoke: bool) -> dict:
    n = SMOKE if smoke else FULL
    sink, port = _start_sink()
    try:
        newsletter = _setup(n)
        from django.conf import settings

        from dateline.core.mailurl import mailer_from_url
        from dateline.newsletter import delivery
        from dateline.newsletter.models import Subscriber
        from dateline.newsletter.services import issue_prepare

        settings.MAILERS = {"default": mailer_from_url(f"smtp://127.0.0.1:{port}/?timeout=30")}
        started = time.perf_counter()
        issue = issue_prepare(newsletter=newsletter, day=DAY)  # select and render: part of Dateline's time
        prepared = time.perf_counter() - started
        # The peer's bytes: this issue's digest for one subscriber, exactly as Dateline sends it.
        data = delivery.sample_message(issue, Subscriber.objects.first())
        probe = _RawProbe(port, data, every=50 if smoke else 500, size=25 if smoke else 100)
        probe.sample()  # one slice before Dateline starts, so that even a tiny run has a peer figure
        before = probe.seconds
        started = time.perf_counter()
        report = delivery.issue_send(issue=issue, progress=probe)
        elapsed = prepared + time.perf_counter() - started - (probe.seconds - before)
        assert report.finished and report.sent == n, report
        probe.close()
    finally:
        sink.stdin.close()
        sink.wait(timeout=30)
    rate, raw = n / elapsed, probe.count / probe.seconds
    ratio = rate / raw
    print(f"   subscribers {n:,}; message {len(data):,} bytes")
    print(f"   dateline digest send: {rate:,.0f} msg/s ({elapsed:.1f} s, of which {prepared:.2f} s selecting "
          "and rendering)")
    print(f"   sink raw rate (pre-rendered, smtplib, {probe.count:,} messages sampled between Dateline's): "
          f"{raw:,.0f} msg/s")
    print(f"   ratio {ratio:.0%} (goal >= 80%)")
    return {"subscribers": n, "message_bytes": len(data), "send_rate": round(rate, 1), "raw_rate": round(raw, 1),
            "raw_messages": probe.count, "ratio": round(ratio, 3), "seconds": round(elapsed, 2)}


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--sink":
    _sink_main(int(sys.argv[2]))
