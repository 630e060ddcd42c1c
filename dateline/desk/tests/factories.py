"""Stored wire items as ingest leaves them, for desk and end-to-end tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from dateline.core import clock
from dateline.ingest.models import RawPayload, WireItem
from dateline.network.models import Source

WIRE_TIME = datetime(2024, 7, 3, 10, 0, tzinfo=UTC)


def make_wire(source: str, guid: str, headline: str, body: str, **fields) -> WireItem:
    """A WireItem of source ``source`` (slug); ``fields`` override any WireItem field (version, pubstatus…)."""
    src = Source.objects.select_related("agency").get(slug=source)
    data = f"{source}|{guid}|{headline}|{body}|{sorted(fields.items())}".encode()
    digest = hashlib.sha256(data).hexdigest()
    raw = RawPayload.objects.create(sha256=digest, data=data, size=len(data), source=src, origin="test",
                                    received_at=clock.now())
    values = {"version": 1, "published_at": WIRE_TIME, "agency": src.agency.code if src.agency else "",
              "summary": body[:200], "body_html": f"<p>{body}</p>"}
    values.update(fields)
    return WireItem.objects.create(source=src, guid=guid, content_hash=digest, format="test", raw=raw,
                                   headline=headline, body_text=body, ingested_at=clock.now(), **values)
