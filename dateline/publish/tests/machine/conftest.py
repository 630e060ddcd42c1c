"""Fixtures for the machine outputs: the demo network and a factory of published stories.

``publish`` builds a story the way the desk leaves it (wire item, story, accepted placements) and
runs the publish service with its on-commit side effects (search index, export) executed.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from dateline.core import clock
from dateline.desk.models import Placement, Story
from dateline.ingest.models import RawPayload, WireItem
from dateline.network import config
from dateline.network.models import Section, Site, Source
from dateline.network.services import network_load
from dateline.publish.models import Article
from dateline.publish.services import articles_sync

_counter = itertools.count(1)
NETWORK_FILE = Path(__file__).with_name("network.toml")


@pytest.fixture
def demo_network(data_dir):
    network_load(spec=config.load(NETWORK_FILE))
    return data_dir


def _story(*, headline: str, body: str, summary: str, agency: str, published_at: datetime) -> Story:
    n = next(_counter)
    data = f"{n}:{headline}".encode()
    now = clock.now()
    raw = RawPayload.objects.create(sha256=hashlib.sha256(data).hexdigest(), data=data, size=len(data),
                                    origin=f"test-{n}", received_at=now)
    item = WireItem.objects.create(source=Source.objects.first(), guid=f"test-{n}", content_hash=raw.sha256,
                                   format="rss", raw=raw, headline=headline, body_text=body, summary=summary,
                                   agency=agency, published_at=published_at, ingested_at=now)
    return Story.objects.create(state=Story.State.PUBLISHED, lead_item=item, headline=headline, agency=agency,
                                body_html=f"<p>{body}</p>" if body else "", body_text=body, summary=summary,
                                published_at=published_at, created_at=now, modified_at=now)


@pytest.fixture
def publish(demo_network, django_capture_on_commit_callbacks):
    """publish(headline, body=…, sections=["site/section", …]) → the story's articles, canonical first."""

    def make(headline: str, body: str = "", *, sections: tuple[str, ...] = ("marsdaily/mars-exploration",),
             summary: str = "", agency: str = "afp", published_at: datetime | None = None) -> list[Article]:
        story = _story(headline=headline, body=body, summary=summary, agency=agency,
                       published_at=published_at or clock.now() - timedelta(hours=1))
        for rank, ref in enumerate(sections):
            site_slug, section_slug = ref.split("/")
            section = Section.objects.get(site__slug=site_slug, slug=section_slug)
            Placement.objects.create(story=story, site=section.site, section=section, confidence=0.99 - rank / 100,
                                     state=Placement.State.ACCEPTED)
        with django_capture_on_commit_callbacks(execute=True):
            articles_sync(story=story)
        return sorted(Article.objects.filter(story=story).select_related("site", "section", "story"),
                      key=lambda a: not a.is_canonical)

    return make


@pytest.fixture
def change_story(django_capture_on_commit_callbacks):
    """change_story(story, state=…, headline=…) saves the story and re-runs publishing with its side effects."""

    def change(story: Story, **fields) -> list[Article]:
        for name, value in fields.items():
            setattr(story, name, value)
        story.modified_at = clock.now()
        story.save()
        with django_capture_on_commit_callbacks(execute=True):
            articles_sync(story=story)
        return list(Article.objects.filter(story=story).select_related("site", "section", "story"))

    return change


def host(site_slug: str) -> str:
    return Site.objects.get(slug=site_slug).host
