"""Wire items stored through the real ingest service, for desk and end-to-end tests."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.ingest.formats.base import ParsedItem
from dateline.ingest.models import WireItem
from dateline.ingest.services import raw_payload_store, wire_item_store
from dateline.ingest.versions import content_hash
from dateline.network.models import Source

WIRE_TIME = datetime(2024, 7, 3, 10, 0, tzinfo=UTC)
# Test keyword → ParsedItem field, where the WireItem name differs.
RENAMED = {"published_at": "published", "embargo_until": "embargo", "updated_at": "updated"}


def make_wire(source: str, guid: str, headline: str, body: str, **fields) -> WireItem:
    """Store one item of source ``source`` (slug) as ingest would; returns its row, current or stale.

    ``fields`` are ParsedItem fields (``version``, ``pubstatus``, ``correction``, ``byline``…); the
    WireItem names ``published_at``, ``embargo_until`` and ``updated_at`` are accepted too.
    """
    src = Source.objects.get(slug=source)
    values = {"published": WIRE_TIME, "summary": body[:200], "body_html": f"<p>{body}</p>"}
    values.update({RENAMED.get(k, k): v for k, v in fields.items()})
    parsed = ParsedItem(guid=guid, headline=headline, body_text=body, **values)
    data = repr(parsed).encode()
    payload = raw_payload_store(data=data, source=src, origin="test")
    wire_item_store(source=src, payload=payload, fmt="test", item=parsed)
    return WireItem.objects.get(source=src, content_hash=content_hash(parsed))
