"""Stories for desk tests, built on the demo network: wire items, clusters and suggested placements."""

from __future__ import annotations

import hashlib
import itertools
import re
from datetime import timedelta
from pathlib import Path

from dateline.core import clock
from dateline.desk.accounts import editor_create
from dateline.desk.models import Placement, Story, StoryItem
from dateline.ingest.models import RawPayload, WireItem
from dateline.network import config
from dateline.network.models import Section, Source
from dateline.network.services import network_load

# The demo network's file, read as data: the desk may not import the pipeline layer above it.
NETWORK_FILE = Path(__file__).resolve().parents[3] / "pipeline" / "demo" / "network.toml"
PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def load_network() -> None:
    network_load(spec=config.load(NETWORK_FILE))


def wire_item(*, source: str = "afp-wire", headline: str, body: str, guid: str | None = None, version: int = 1,
              agency: str = "afp", minutes_ago: int = 30) -> WireItem:
    n = next(_seq)
    data = f"{guid}-{n}-{body}".encode()
    raw = RawPayload.objects.create(sha256=hashlib.sha256(data).hexdigest(), data=data, size=len(data),
                                    origin=f"test-{n}.xml", received_at=clock.now())
    when = clock.now() - timedelta(minutes=minutes_ago)
    return WireItem.objects.create(
        source=Source.objects.get(slug=source), guid=guid or f"test-{n}", version=version,
        content_hash=hashlib.sha256(data).hexdigest(), format="rss", raw=raw, headline=headline,
        byline=f"by {agency.upper()} Staff Writers", agency=agency, dateline_text="PARIS, July 3 (AFP)",
        published_at=when, body_html=f"<p>{body}</p>", body_text=body, summary=body[:120], ingested_at=when)


def story(*, headline: str, body: str = "The rover crossed the crater floor on Tuesday, engineers said.",
          suggestions: tuple[tuple[str, float], ...] = (("marsdaily/mars-exploration", 0.62),),
          info_value: float = 0.5, state: str = Story.State.REVIEW, others: tuple[str, ...] = ()) -> Story:
    """A story waiting for review with suggested placements ("site/section", confidence) and, for each
    text in ``others``, another agency's version in its cluster."""
    item = wire_item(headline=headline, body=body)
    now = clock.now()
    s = Story.objects.create(lead_item=item, headline=headline, byline=item.byline, agency="afp",
                             dateline_text=item.dateline_text, body_html=item.body_html, body_text=body,
                             summary=item.summary, published_at=item.published_at, info_value=info_value,
                             state=state, created_at=now, modified_at=now)
    StoryItem.objects.create(story=s, item=item, added_at=now)
    for other in others:
        version = wire_item(source="upi-wire", headline=headline, body=other, agency="upi")
        StoryItem.objects.create(story=s, item=version, similarity=0.8, added_at=now + timedelta(seconds=1))
    for key, confidence in suggestions:
        site, slug = key.split("/")
        section = Section.objects.get(site__slug=site, slug=slug)
        Placement.objects.create(story=s, site=section.site, section=section, confidence=confidence)
    return s


def editor(username: str, *, chief: bool = False, sites: list[str] | None = None):
    return editor_create(username=username, password=PASSWORD, chief=chief, sites=sites or []).user


def live_links(client, *, host: str, section: str) -> dict[str, str]:
    """Headline → article URL of what a reader sees on a section page of a site (publish stage output,
    read over HTTP because the desk may not import the publish layer)."""
    page = client.get(f"/{section}/", HTTP_HOST=host)
    assert page.status_code == 200
    return {m.group(2): m.group(1) for m in re.finditer(r'href="(/[^"]+\.html)"[^>]*>\s*([^<]+?)\s*</a>', page.text)}
