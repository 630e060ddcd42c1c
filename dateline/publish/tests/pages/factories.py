"""Build a small network and published stories through the real services (no ingest needed)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from dateline.core import clock
from dateline.desk.models import Placement, Story
from dateline.ingest.models import RawPayload, WireItem
from dateline.network.models import (
    Agency,
    Network,
    NewsletterConfig,
    RelatedLink,
    Section,
    SisterBox,
    Site,
    Source,
)
from dateline.publish.services import articles_sync


def make_network() -> dict[str, Site]:
    Network.objects.create(name="Test Network", host="localhost", publisher="Test Media",
                           curation_statement="Stories are individually curated by Test Media staff.",
                           privacy_policy_version="2024-07", contact_email="desk@test.example")
    Agency.objects.create(code="afp", name="Agence France-Presse", aliases=["AFP"],
                          copyright="Copyright Agence France-Presse. All rights reserved.")
    Agency.objects.create(code="upi", name="United Press International", aliases=["UPI"],
                          copyright="Copyright United Press International.")
    sites = {}
    for position, (slug, name) in enumerate([("spacewar", "SpaceWar"), ("marsdaily", "MarsDaily"),
                                             ("moondaily", "MoonDaily")]):
        site = Site.objects.create(slug=slug, name=name, host=f"{slug}.localhost", tagline=f"{name} news",
                                   position=position)
        for sp, sec in enumerate(["news", "analysis"]):
            section = Section.objects.create(site=site, slug=sec, title=sec.title(), position=sp)
            RelatedLink.objects.create(section=section, text=f"{name} {sec} archive",
                                       url=f"http://{slug}.localhost/{sec}/")
        NewsletterConfig.objects.create(site=site, name=f"{name} Daily", from_email=f"nl@{slug}.example")
        sites[slug] = site
    for position, sister in enumerate(["marsdaily", "moondaily"]):
        SisterBox.objects.create(site=sites["spacewar"], sister=sites[sister], position=position)
    SisterBox.objects.create(site=sites["marsdaily"], sister=sites["spacewar"])
    Source.objects.create(slug="wire", name="Test wire", location="/tmp/none")
    return sites


def make_story(*, headline: str, body_html: str = "<p>Body.</p>", body_text: str = "", sections: list[Section],
               agency: str = "afp", city: str = "", country: str = "", byline: str = "by AFP Staff Writers",
               published_at: datetime | None = None, info_value: float = 0.5, summary: str = "",
               correction: str = "", state: str = Story.State.PUBLISHED) -> Story:
    published_at = published_at or clock.now() - timedelta(hours=1)
    digest = hashlib.sha256(f"{headline}{published_at}".encode()).hexdigest()
    raw = RawPayload.objects.create(sha256=digest, data=body_html.encode(), size=len(body_html), origin="test",
                                    received_at=clock.now())
    item = WireItem.objects.create(source=Source.objects.get(slug="wire"), guid=digest, content_hash=digest,
                                   format="rss", raw=raw, headline=headline, published_at=published_at,
                                   ingested_at=clock.now())
    story = Story.objects.create(
        state=state, lead_item=item, headline=headline, byline=byline, agency=agency, dateline_city=city,
        dateline_country=country, body_html=body_html, body_text=body_text or headline, summary=summary,
        published_at=published_at, info_value=info_value, correction_note=correction,
        created_at=clock.now(), modified_at=clock.now())
    for rank, section in enumerate(sections):
        Placement.objects.create(story=story, site=section.site, section=section, confidence=1.0 - rank / 10,
                                 state=Placement.State.ACCEPTED)
    articles_sync(story=story)
    return story
