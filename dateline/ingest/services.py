"""Writes of the ingest stage: raw bytes → RawPayload + WireItems, or Quarantine."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction

from dateline.core import clock
from dateline.core.text import clean_text, one_line
from dateline.ingest import formats
from dateline.ingest.formats.base import FormatError, ParsedItem
from dateline.ingest.models import Quarantine, RawPayload, SourceHealth, WireItem
from dateline.ingest.signals import wire_item_stored
from dateline.network.models import Source

log = logging.getLogger("dateline.ingest")


@dataclass
class IngestResult:
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    stale: int = 0
    quarantined: int = 0
    errors: list[str] = field(default_factory=list)
    items: list[WireItem] = field(default_factory=list)

    def add(self, other: IngestResult) -> None:
        for name in ("new", "updated", "duplicate", "stale", "quarantined"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        self.items += other.items


def raw_payload_store(*, data: bytes, source: Source | None, origin: str, content_type: str = "") -> RawPayload:
    digest = hashlib.sha256(data).hexdigest()
    payload = RawPayload.objects.filter(sha256=digest).first()
    if payload:
        return payload
    try:
        with transaction.atomic():
            return RawPayload.objects.create(sha256=digest, data=data, size=len(data), source=source,
                                             origin=origin[:1000], content_type=content_type[:200],
                                             received_at=clock.now())
    except IntegrityError:  # a concurrent worker stored the same bytes first
        return RawPayload.objects.get(sha256=digest)


def quarantine_add(*, source: Source | None, raw: RawPayload | None, origin: str, reason: str,
                   detail: str) -> Quarantine:
    log.warning("quarantined %s from %r: %s", reason, origin.encode("unicode_escape").decode(), detail[:200])
    return Quarantine.objects.create(source=source, raw=raw, origin=origin[:1000], reason=reason[:60],
                                     detail=clean_text(detail)[:5000], created_at=clock.now())


def _content_hash(item: ParsedItem) -> str:
    data = asdict(item)
    data.pop("warnings", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _store_item(source: Source, payload: RawPayload, fmt: str, item: ParsedItem, result: IngestResult) -> None:
    guid = one_line(item.guid)[:500]
    digest = _content_hash(item)
    existing = WireItem.objects.filter(source=source, guid=guid).order_by("-version")
    if existing.filter(content_hash=digest).exists():
        result.duplicate += 1
        return
    latest = existing.first()
    now = clock.now()
    version = item.version or ((latest.version + 1) if latest else 1)
    stale = latest is not None and item.version is not None and item.version <= latest.version
    dl = item.dateline
    row = WireItem(
        source=source, guid=guid, version=version, content_hash=digest, format=fmt, raw=payload,
        link=item.link[:1000], headline=one_line(item.headline)[:500] or "(no headline)",
        subheadline=one_line(item.subheadline)[:500], byline=one_line(item.byline)[:300],
        agency=(one_line(item.agency) or (source.agency.code if source.agency else ""))[:40],
        dateline_text=one_line(dl.text)[:300], dateline_city=one_line(dl.city)[:100],
        dateline_region=one_line(dl.region)[:100], dateline_country=one_line(dl.country)[:100],
        dateline_date=dl.date, published_at=item.published or now, updated_at=item.updated,
        language=item.language[:20], body_html=clean_text(item.body_html), body_text=clean_text(item.body_text),
        summary=clean_text(item.summary), subjects=item.subjects, keywords=item.keywords, urgency=item.urgency,
        images=[asdict(i) for i in item.images], pubstatus=item.pubstatus, embargo_until=item.embargo,
        correction=clean_text(item.correction), warnings=item.warnings, is_current=not stale, ingested_at=now,
    )
    try:
        with transaction.atomic():
            if not stale and latest is not None:
                existing.filter(is_current=True).update(is_current=False)
            row.save()
    except IntegrityError:  # the same content raced in from another worker (DUP-1)
        result.duplicate += 1
        return
    if stale:
        result.stale += 1
        log.info("stale version %s of %s ignored", version, guid)
        return
    created = latest is None
    if created:
        result.new += 1
    else:
        result.updated += 1
    result.items.append(row)
    transaction.on_commit(lambda: wire_item_stored.send(sender=WireItem, item=row, created=created))


def ingest_bytes(*, source: Source, data: bytes, origin: str, content_type: str = "") -> IngestResult:
    """Parse one document and store its items; a parse failure quarantines the raw bytes."""
    result = IngestResult()
    payload = raw_payload_store(data=data, source=source, origin=origin, content_type=content_type)
    try:
        fmt = formats.detect(data) if source.format == "auto" else source.format
        document = formats.parse(data, fmt)
    except FormatError as exc:
        quarantine_add(source=source, raw=payload, origin=origin, reason=exc.code, detail=exc.message)
        result.quarantined += 1
        result.errors.append(f"{source.slug}: {origin}: {exc.code}: {exc.message}")
        return result
    for item in document.items:
        with transaction.atomic():
            _store_item(source, payload, document.format, item, result)
    health, _ = SourceHealth.objects.get_or_create(source=source)
    health.items_seen += result.new + result.updated
    if result.new or result.updated:
        health.last_item_at = clock.now()
    health.save(update_fields=["items_seen", "last_item_at"])
    return result
