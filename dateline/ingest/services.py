"""Writes of the ingest stage: raw bytes → RawPayload + WireItems, or Quarantine.

Nothing is ever lost: the raw bytes are stored before parsing, and every failure keeps them in quarantine
with a reason code. Nothing stops the run: a bad document, a bad item or a parser bug is quarantined and
the caller goes on with the next one.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, field

from django.db import DatabaseError, IntegrityError, transaction

from dateline.core import clock
from dateline.core.text import clean_text, one_line
from dateline.ingest import formats, media
from dateline.ingest.formats.base import FormatError, ParsedItem
from dateline.ingest.models import Quarantine, RawPayload, SourceHealth, WireItem
from dateline.ingest.signals import wire_item_stored
from dateline.ingest.versions import content_hash, is_newer, normalise_guid
from dateline.network.models import Source

log = logging.getLogger("dateline.ingest")

COUNTS = ("new", "updated", "duplicate", "stale", "quarantined")


@dataclass
class IngestResult:
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    stale: int = 0
    quarantined: int = 0
    not_modified: bool = False
    no_items: int = 0  # documents that parsed but held no items (a quiet feed): accepted, nothing stored
    errors: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # reason codes of what was quarantined, in order

    def add(self, other: IngestResult) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.no_items += other.no_items
        self.errors += other.errors
        self.codes += other.codes

    @property
    def accepted(self) -> int:
        """Items (or item-less documents) taken in without quarantine."""
        return self.new + self.updated + self.duplicate + self.stale + self.no_items

    def summary(self) -> str:
        return ", ".join(f"{getattr(self, name)} {name}" for name in COUNTS)


def display_name(name: str) -> str:
    """A file name or URL safe to log and show: controls and undecodable bytes escaped (DROP-6)."""
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape for a byte that is not UTF-8
            out.append(f"\\x{code - 0xDC00:02x}")
        elif not ch.isprintable() or ch == "\\":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def raw_payload_store(*, data: bytes, source: Source | None, origin: str, content_type: str = "") -> RawPayload:
    digest = hashlib.sha256(data).hexdigest()
    payload = RawPayload.objects.filter(sha256=digest).first()
    if payload:
        return payload
    try:
        with transaction.atomic():
            return RawPayload.objects.create(sha256=digest, data=data, size=len(data), source=source,
                                             origin=display_name(origin)[:1000],
                                             content_type=one_line(content_type)[:200], received_at=clock.now())
    except IntegrityError:  # a concurrent worker stored the same bytes first
        return RawPayload.objects.get(sha256=digest)


def quarantine_add(*, source: Source | None, raw: RawPayload | None, origin: str, reason: str,
                   detail: str) -> Quarantine:
    """Keep what failed, with a reason; the same bytes failing the same way again add no second row."""
    origin = display_name(origin)[:1000]
    detail = clean_text(detail)[:5000]
    log.warning("quarantined %s: %s: %s: %s", source.slug if source else "-", origin, reason, detail[:300])
    existing = Quarantine.objects.filter(source=source, raw=raw, reason=reason[:60], resolved=False).first()
    if existing is not None and raw is not None:
        return existing
    return Quarantine.objects.create(source=source, raw=raw, origin=origin, reason=reason[:60],
                                     detail=detail, created_at=clock.now())


def _row(source: Source, payload: RawPayload, fmt: str, item: ParsedItem, guid: str, digest: str) -> WireItem:
    dl = item.dateline
    now = clock.now()
    return WireItem(
        source=source, guid=guid, content_hash=digest, format=fmt, raw=payload, declared_version=item.version,
        link=item.link[:1000], headline=one_line(item.headline)[:500] or "(no headline)",
        subheadline=one_line(item.subheadline)[:500], byline=one_line(item.byline)[:300],
        agency=(one_line(item.agency) or (source.agency.code if source.agency else ""))[:40],
        dateline_text=one_line(dl.text)[:300], dateline_city=one_line(dl.city)[:100],
        dateline_region=one_line(dl.region)[:100], dateline_country=one_line(dl.country)[:100],
        dateline_date=dl.date, published_at=item.published or now, updated_at=item.updated,
        language=item.language[:20], body_html=clean_text(item.body_html), body_text=clean_text(item.body_text),
        summary=clean_text(item.summary), subjects=item.subjects, keywords=item.keywords, urgency=item.urgency,
        images=[asdict(i) for i in item.images], pubstatus=item.pubstatus, embargo_until=item.embargo,
        correction=clean_text(item.correction), warnings=item.warnings, ingested_at=now,
    )


def wire_item_store(*, source: Source, payload: RawPayload, fmt: str, item: ParsedItem,
                    digest: str | None = None) -> str:
    """Store one parsed item idempotently; returns new / updated / duplicate / stale (DUP-1…3).

    Racing workers are settled by the database: the content constraint makes an exact repeat a no-op and
    the one-current-per-guid constraint lets one of two new versions win; the loser re-decides once.
    """
    guid = _guid(item)
    digest = digest or content_hash(item)
    # Each retry follows another worker's commit, so a handful of attempts settles any realistic race.
    attempts = 6
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return _store(source, payload, fmt, item, guid, digest)
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _announce(row: WireItem, created: bool) -> None:
    """Tell later stages, after commit. Their failure is logged, never turned into an ingest failure: the item
    is stored and stays stored (a downstream bug must not make a source look broken or re-quarantine bytes)."""
    for receiver, response in wire_item_stored.send_robust(sender=WireItem, item=row, created=created):
        if isinstance(response, Exception):
            log.error("a later stage failed on %s:%s v%s (%s)", row.source.slug, display_name(row.guid), row.version,
                      getattr(receiver, "__qualname__", receiver), exc_info=response)


def _guid(item: ParsedItem) -> str:
    return normalise_guid(item.guid, fallback=item.link or f"{item.headline}|{item.published}")


def _store(source: Source, payload: RawPayload, fmt: str, item: ParsedItem, guid: str, digest: str) -> str:
    # One read of every version of this guid (usually none or one); races are settled by the constraints.
    same_guid = WireItem.objects.filter(source=source, guid=guid)
    versions = list(same_guid.values("pk", "content_hash", "version", "declared_version", "is_current",
                                     "updated_at", "published_at"))
    if any(v["content_hash"] == digest for v in versions):
        return "duplicate"
    current = next((v for v in versions if v["is_current"]), None)
    row = _row(source, payload, fmt, item, guid, digest)
    newer = current is None or is_newer(
        version=item.version, stamp=item.updated or item.published, current_version=current["declared_version"],
        current_declared=current["declared_version"] is not None,
        current_stamp=current["updated_at"] or current["published_at"])
    if not newer:
        # Recorded for the history, never current, never announced (DUP-3).
        row.version, row.is_current = item.version or 0, False
        row.save()
        log.info("stale version of %s:%s recorded and ignored", source.slug, display_name(guid))
        return "stale"
    top = max((v["version"] for v in versions), default=0)
    row.version = item.version if item.version is not None else top + 1
    if current is not None:
        # Demote exactly the version this decision was made against. Under READ COMMITTED a plain
        # "is_current=True" update would also demote a newer version another worker committed meanwhile,
        # letting an older one win; a miss means the current version moved: decide again (retried below).
        if same_guid.filter(pk=current["pk"], is_current=True).update(is_current=False) != 1:
            raise IntegrityError("the current version changed while this one was being stored")
    row.save()
    created = current is None
    transaction.on_commit(lambda: _announce(row, created))
    return "new" if created else "updated"


def _parse(data: bytes, fmt: str, content_type: str, url: str):
    return formats.parse(data, fmt, content_type=content_type or None, url=url or None)


def ingest_bytes(*, source: Source, data: bytes, origin: str, content_type: str = "",
                 url: str = "") -> IngestResult:
    """Parse one document and store its items; any failure quarantines the raw bytes and the run goes on."""
    result = IngestResult()
    payload = raw_payload_store(data=data, source=source, origin=origin, content_type=content_type)
    where = f"{source.slug}: {display_name(origin)}"
    try:
        document = _parse(data, source.format, content_type, url)
    except FormatError as exc:
        return _quarantined(result, source, payload, origin, exc.code, exc.message)
    except RecursionError:
        return _quarantined(result, source, payload, origin, "too_deep", "document nested too deeply")
    except Exception as exc:  # a parser bug must not stop the run or lose the bytes (THREATS: never stop)
        log.exception("parser crashed on %s", where)
        return _quarantined(result, source, payload, origin, "parser_failed", f"{type(exc).__name__}: {exc}")
    if not document.items:  # a valid feed with nothing in it today is not an error; empty bytes are (formats)
        result.no_items += 1
        return result
    # Network first (images), outside any transaction; then every item of the document in one transaction,
    # each in its own savepoint: one commit per document, not per item, and one bad item still stays alone.
    prepared = []
    for item in document.items:
        # Hashed as the wire sent it: whether its images could be re-hosted never makes a new version.
        digest = content_hash(item)
        if media.enabled() and not WireItem.objects.filter(source=source, guid=_guid(item),
                                                           content_hash=digest).exists():
            item = media.rehost_images(source=source, item=item)
        prepared.append((item, digest))
    with transaction.atomic():
        for item, digest in prepared:
            try:
                outcome = wire_item_store(source=source, payload=payload, fmt=document.format, item=item,
                                          digest=digest)
            except (DatabaseError, ValueError, TypeError, OverflowError) as exc:
                label = display_name(one_line(item.guid) or item.headline)[:200]
                _quarantined(result, source, payload, f"{origin}#{label}", "item_invalid",
                             f"{type(exc).__name__}: {exc}")
                continue
            setattr(result, outcome, getattr(result, outcome) + 1)
        _count_items(source, result)
    return result


def ingest_refused(*, source: Source, data: bytes, origin: str, content_type: str, reason: str,
                   detail: str) -> IngestResult:
    """Keep bytes the transport refused to parse (e.g. a challenge page) in quarantine, with the reason."""
    payload = raw_payload_store(data=data, source=source, origin=origin, content_type=content_type)
    return _quarantined(IngestResult(), source, payload, origin, reason, detail)


def _quarantined(result: IngestResult, source: Source, payload: RawPayload, origin: str, reason: str,
                 detail: str) -> IngestResult:
    quarantine_add(source=source, raw=payload, origin=origin, reason=reason, detail=detail)
    result.quarantined += 1
    result.codes.append(reason)
    result.errors.append(f"{source.slug}: {display_name(origin)}: {reason}: {clean_text(detail)[:300]}")
    return result


def _count_items(source: Source, result: IngestResult) -> None:
    stored = result.new + result.updated
    if not stored:
        return
    health, _ = SourceHealth.objects.get_or_create(source=source)
    health.items_seen += stored
    health.last_item_at = clock.now()
    health.save(update_fields=["items_seen", "last_item_at"])
