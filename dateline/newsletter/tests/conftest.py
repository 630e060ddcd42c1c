"""Newsletter fixtures: the demo network, stories on its sites, and a real SMTP server on loopback.

``smtp_sink`` is an aiosmtpd server on 127.0.0.1 whose answers a test programs per recipient:
a code at RCPT or at DATA (421, 451, 550 …), a stall longer than the client's timeout, or a
dropped connection. Only messages it answered 250 count as delivered.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import itertools
import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from dateline.core.mailurl import mailer_from_url
from dateline.desk.models import Story
from dateline.ingest.models import RawPayload, WireItem
from dateline.network import config
from dateline.network.models import NewsletterConfig, Section, Site, Source
from dateline.network.services import network_load
from dateline.newsletter.models import Subscriber, Subscription
from dateline.publish.models import Article

_counter = itertools.count(1)
NETWORK_FILE = Path(__file__).parent / "fixtures" / "network.toml"


@dataclass
class Delivered:
    rcpt: str
    data: bytes

    @property
    def message(self):
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class SinkHandler:
    delivered: list[Delivered] = field(default_factory=list)
    # recipient → list of behaviours used one per attempt: ("rcpt", code), ("data", code), ("stall", s), ("drop",)
    rules: dict[str, list[tuple]] = field(default_factory=dict)
    on_rcpt: object = None  # called as on_rcpt(recipient, messages accepted so far)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _next(self, rcpt: str, stage: str) -> tuple | None:
        with self.lock:
            rules = self.rules.get(rcpt)
            if rules and rules[0][0] in stage:
                return rules.pop(0)
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.on_rcpt is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.on_rcpt, address, len(self.delivered))
        rule = self._next(address, ("rcpt",))
        if rule:
            return f"{rule[1]} {'4.2.0 try again later' if rule[1] < 500 else '5.1.1 no such mailbox'}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        rcpt = envelope.rcpt_tos[0]
        rule = self._next(rcpt, ("data", "stall", "drop"))
        if rule and rule[0] == "data":
            return f"{rule[1]} {'4.3.0 temporary failure' if rule[1] < 500 else '5.7.1 refused'}"
        if rule and rule[0] == "stall":
            await asyncio.sleep(rule[1])
            return "451 4.4.2 timed out"
        if rule and rule[0] == "drop":
            server.transport.close()
            return "421 4.4.2 closing"
        with self.lock:
            self.delivered.append(Delivered(rcpt=rcpt, data=envelope.original_content))
        return "250 OK queued"

    def to(self, rcpt: str) -> list[Delivered]:
        return [d for d in self.delivered if d.rcpt == rcpt]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    handler = SinkHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, data_size_limit=10_000_000)
    controller.start()
    handler.port = port
    handler.url = f"smtp://127.0.0.1:{port}/?timeout=2"
    yield handler
    controller.stop()


@pytest.fixture
def mail_to_sink(settings, smtp_sink):
    settings.MAILERS = {"default": mailer_from_url(smtp_sink.url)}
    settings.NEWSLETTER_RETRY_SECONDS = 0
    return smtp_sink


@pytest.fixture
def limits_off(settings):
    settings.NEWSLETTER_LIMITS = {name: (10**9, 3600) for name in ("ip", "block", "address", "global")}


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # Rate-limit counters live in the cache; each test starts with none.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"newsletter-{next(_counter)}"}}


@pytest.fixture
def network(data_dir):
    network_load(spec=config.load(NETWORK_FILE))
    return NewsletterConfig.objects.select_related("site").get(site__slug="marsdaily")


def make_story(site: str, headline: str, *, info_value: float = 1.0, published_at: datetime | None = None,
               section: str | None = None, summary: str = "A teaser.", dateline: str = "PASADENA, Calif.",
               status: str = Article.Status.LIVE) -> Article:
    n = next(_counter)
    when = published_at or datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    site_obj = Site.objects.get(slug=site)
    sec = Section.objects.get(site=site_obj, slug=section) if section else site_obj.sections.first()
    source = Source.objects.first()
    raw = RawPayload.objects.create(sha256=f"{n:064d}", data=b"x", size=1, source=source, origin="test",
                                    received_at=when)
    item = WireItem.objects.create(source=source, guid=f"g{n}", content_hash=f"{n:064d}", format="rss", raw=raw,
                                   headline=headline, published_at=when, ingested_at=when)
    story = Story.objects.create(state=Story.State.PUBLISHED, lead_item=item, headline=headline,
                                 dateline_text=dateline, summary=summary, published_at=when,
                                 info_value=info_value, created_at=when, modified_at=when)
    return Article.objects.create(story=story, site=site_obj, section=sec, slug=f"story-{n}", is_canonical=True,
                                  status=status, published_at=when)


def active_subscriber(email: str, newsletter: NewsletterConfig) -> Subscriber:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"created_at": now})
    Subscription.objects.update_or_create(subscriber=subscriber, newsletter=newsletter, defaults={
        "state": Subscription.State.ACTIVE, "created_at": now, "confirmed_at": now})
    return subscriber


def set_schedule(newsletter: NewsletterConfig, *, at: str = "06:30", tz: str = "America/New_York",
                 min_stories: int = 1) -> NewsletterConfig:
    newsletter.send_time = time.fromisoformat(at)
    newsletter.timezone = tz
    newsletter.min_stories = min_stories
    newsletter.save()
    return newsletter


def run_tasks() -> None:
    """Run every queued background task now, as ``dateline worker`` would."""
    call_command("db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0)


def subprocess_env(settings, sink, tmp_path) -> dict[str, str]:
    """Environment for a ``dateline`` subprocess that shares this test's database and SMTP sink."""
    import os

    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATELINE_", "DATABASE_URL", "EMAIL_URL"))}
    env.update(DATABASE_URL=url, DATELINE_SECRET_KEY=settings.SECRET_KEY, EMAIL_URL=sink.url,
               DATELINE_DATA_DIR=str(tmp_path / "sender"), PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    return env
