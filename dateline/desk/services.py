"""Writes of the desk: wire items become stories, routing suggests placements, embargoes are released.

How a wire item finds its story (``story_from_item``):
  1. The same source and guid as a known item (``StoryKey``, unique per source + guid, DUP-1) → a new
     version of that member. Versions only move forward (DUP-3): a version not newer than the highest
     applied is kept as a ``stale`` member and changes nothing. Guids are scoped to their source, so
     another source reusing a guid never reaches this path (DUP-2).
  2. Otherwise a near-duplicate of a recent story (``clusters`` / ``dedup``: MinHash LSH) → it joins
     that story as a member; if it now leads by the documented order (``dedup.lead_key``) the story
     takes its copy and shows "Updated" — one story, one article per placement, never a second one.
     Items from sources without an agency are untrusted: they only link and never lead (DUP-2).
  3. Otherwise a new story, routed to sections.

Kills (WIRE-1): a canceled version of the lead's lineage kills the story (publish withdraws every
article); a killed story stays killed whatever arrives later. Embargoes (WIRE-2): a story whose lead
is withheld or embargoed is ``withheld`` until ``stories_release_due`` (run by the worker's schedule)
releases it; publish also refuses to show anything before ``embargo_until``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import IntegrityError, transaction

from dateline.core import clock
from dateline.desk import clusters, dedup, infovalue
from dateline.desk.models import AuditLog, Placement, RoutingExample, Story, StoryItem, StoryKey
from dateline.desk.routing import store as routing
from dateline.desk.signals import story_changed
from dateline.ingest.models import WireItem

log = logging.getLogger("dateline.desk")

COPY_FIELDS = ("headline", "subheadline", "byline", "agency", "dateline_text", "dateline_city",
               "dateline_country", "body_html", "body_text", "summary", "images")


def audit(*, story: Story | None, action: str, actor=None, from_state: str = "", to_state: str = "",
          changes: dict | None = None) -> AuditLog:
    return AuditLog.objects.create(at=clock.now(), actor=actor, actor_name=getattr(actor, "username", "system"),
                                   action=action, story=story, from_state=from_state, to_state=to_state,
                                   changes=changes or {})


def _notify(story: Story) -> None:
    transaction.on_commit(lambda: story_changed.send(sender=Story, story=story))


def item_text(item: WireItem) -> str:
    return f"{item.headline}\n{item.body_text or item.summary}"


# --- routing ------------------------------------------------------------------------------------

def story_route(*, story: Story) -> list[Placement]:
    """Score every section; keep those at or above their review threshold, auto-accept confident ones.

    Placements an editor decided (``decided_by`` set) and accepted ones are never changed here.
    """
    placements = []
    decided = {p.section_id: p for p in Placement.objects.filter(story=story)}
    for scored in routing.score(headline=story.headline, text=f"{story.summary}\n{story.body_text}"):
        section = scored.section
        existing = decided.get(section.pk)
        if existing and (existing.decided_by_id or existing.state == Placement.State.ACCEPTED):
            placements.append(existing)
            continue
        if scored.confidence < section.review_threshold:
            continue
        auto = scored.confidence >= section.auto_publish_threshold
        state = Placement.State.ACCEPTED if auto else Placement.State.SUGGESTED
        placement, _ = Placement.objects.update_or_create(
            story=story, section=section,
            defaults={"site": section.site, "confidence": scored.confidence, "state": state,
                      "explanation": list(scored.terms), "decided_at": clock.now() if auto else None},
        )
        placements.append(placement)
    return placements


def _state_from_placements(story: Story) -> str:
    states = set(Placement.objects.filter(story=story).values_list("state", flat=True))
    if Placement.State.ACCEPTED in states:
        return Story.State.PUBLISHED
    if Placement.State.SUGGESTED in states:
        return Story.State.REVIEW
    return Story.State.DROPPED


def _withheld(item: WireItem, now: datetime) -> bool:
    return item.pubstatus == "withheld" or bool(item.embargo_until and item.embargo_until > now)


# --- information value --------------------------------------------------------------------------

def _candidate(item: WireItem) -> dedup.Candidate:
    agency = item.source.agency
    return dedup.Candidate(
        priority=agency.priority if agency else None, words=len((item.body_text or item.summary).split()),
        has_byline=bool(item.byline), has_dateline=bool(item.dateline_text or item.dateline_city),
        has_images=bool(item.images), published_at=item.published_at)


def story_score(*, story: Story) -> None:
    """Recompute ``info_value`` and ``info_explain`` (saved by the caller)."""
    lead = story.lead_item
    confidences = Placement.objects.filter(story=story).exclude(state=Placement.State.REJECTED) \
        .values_list("confidence", flat=True)
    sources = StoryItem.objects.filter(story=story).exclude(role=StoryItem.Role.STALE) \
        .values_list("item__source_id", flat=True).distinct().count()
    candidate = _candidate(lead)
    facts = infovalue.Facts(topic_fit=max(confidences, default=0.0), published_at=story.published_at,
                            agency_priority=candidate.priority, urgency=lead.urgency, sources=sources,
                            completeness=dedup.completeness(candidate))
    story.info_value, story.info_explain = infovalue.score(facts, now=clock.now())


# --- lead and copy ------------------------------------------------------------------------------

def _lead_candidates(story: Story) -> list[WireItem]:
    """The newest usable version of each member lineage; untrusted linked items never lead."""
    newest: dict[tuple[int, str], WireItem] = {}
    members = (StoryItem.objects.filter(story=story).exclude(role__in=[StoryItem.Role.STALE,
                                                                        StoryItem.Role.LINKED])
               .select_related("item__source__agency"))
    for member in members:
        item = member.item
        key = (item.source_id, item.guid)
        if key not in newest or item.version > newest[key].version:
            newest[key] = item
    return [i for i in newest.values() if i.pubstatus != "canceled"]


def _copy_from(story: Story, item: WireItem) -> None:
    story.lead_item = item
    if not story.edited:
        for name in COPY_FIELDS:
            setattr(story, name, getattr(item, name))
    if item.correction:
        story.correction_note = item.correction
    story.embargo_until = item.embargo_until


def _finish(story: Story, *, before: str, action: str, copy_changed: bool, changes: dict) -> Story:
    """Shared tail of every change: embargo state, Updated time, score, audit, notify."""
    now = clock.now()
    if story.state != Story.State.KILLED:
        if _withheld(story.lead_item, now):
            story.state = Story.State.WITHHELD
        elif story.state == Story.State.WITHHELD:
            story.state = _state_from_placements(story)
        elif copy_changed and story.state in (Story.State.REVIEW, Story.State.DROPPED):
            story_route(story=story)
            story.state = _state_from_placements(story)
    if copy_changed and before == Story.State.PUBLISHED:
        story.updated_at = now  # shown as "Updated" on the article pages
    story_score(story=story)
    story.modified_at = now
    story.revision += 1
    story.save()
    audit(story=story, action=action, from_state=before, to_state=story.state, changes=changes)
    if copy_changed or story.state != before:
        _notify(story)
    return story


# --- the entry point ----------------------------------------------------------------------------

def story_from_item(*, item: WireItem) -> Story:
    """Find or make the story of a stored wire item; idempotent, safe under concurrent workers (DUP-1)."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                link = StoryItem.objects.filter(item=item).select_related("story").first()
                if link:
                    return link.story  # already handled (a replayed signal or a racing worker)
                return _place_item(item)
        except IntegrityError:
            # Another worker created the same StoryKey or StoryItem first; the retry sees its row.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _place_item(item: WireItem) -> Story:
    sig = dedup.signature(item_text(item))
    key = StoryKey.objects.filter(source_id=item.source_id, guid=item.guid).first()
    if key is None and not item.is_current:
        # A superseded version reached the desk before the current one (ingest does not announce stale
        # versions; be robust anyway): place the current version first, then record this one as stale.
        current = WireItem.objects.filter(source_id=item.source_id, guid=item.guid, is_current=True).first()
        if current is not None and not StoryItem.objects.filter(item=current).exists():
            _place_item(current)
            key = StoryKey.objects.filter(source_id=item.source_id, guid=item.guid).first()
    if key is not None:
        return _apply_version(key, item, sig)
    found = clusters.find_story(sig)
    if found is not None:
        story = Story.objects.select_for_update().get(pk=found[0])
        return _join(story, item, sig, found[1])
    return _start(item, sig)


def _add_member(story: Story, item: WireItem, sig: dedup.Signature, role: str, similarity: float = 1.0) -> None:
    StoryItem.objects.create(story=story, item=item, role=role, similarity=round(similarity, 4),
                             minhash=dedup.signature_bytes(sig), added_at=clock.now())


def _start(item: WireItem, sig: dedup.Signature) -> Story:
    now = clock.now()
    story = Story(lead_item=item, published_at=item.published_at, created_at=now, modified_at=now)
    _copy_from(story, item)
    story.save()
    StoryKey.objects.create(source_id=item.source_id, guid=item.guid, story=story, version=item.version)
    _add_member(story, item, sig, StoryItem.Role.ORIGIN)
    placements = story_route(story=story)
    if item.pubstatus == "canceled":
        story.state = Story.State.KILLED
        story.kill_reason = "Canceled by the wire"
    elif _withheld(item, now):
        story.state = Story.State.WITHHELD
    else:
        story.state = _state_from_placements(story)
    story_score(story=story)
    story.save()
    audit(story=story, action="created", to_state=story.state,
          changes={"placements": [str(p.section) for p in placements]})
    _notify(story)
    return story


def _apply_version(key: StoryKey, item: WireItem, sig: dedup.Signature) -> Story:
    story = Story.objects.select_for_update(of=("self",)).select_related("lead_item__source__agency").get(pk=key.story_id)
    before = story.state
    if item.version <= key.version or not item.is_current:
        _add_member(story, item, sig, StoryItem.Role.STALE)
        log.info("stale version %s of %s ignored (have %s)", item.version, item.guid, key.version)
        audit(story=story, action="stale_version", from_state=before, to_state=before,
              changes={"guid": item.guid, "version": item.version, "applied": key.version})
        return story
    key.version = item.version
    key.save(update_fields=["version"])
    _add_member(story, item, sig, StoryItem.Role.VERSION)
    changes = {"guid": item.guid, "version": item.version}
    if story.state == Story.State.KILLED:
        # WIRE-1: a replay or later version never resurrects a killed story.
        audit(story=story, action="after_kill", from_state=before, to_state=before, changes=changes)
        return story
    lead = story.lead_item
    is_lead_lineage = lead.source_id == item.source_id and lead.guid == item.guid
    if item.pubstatus == "canceled" and is_lead_lineage:
        story.state = Story.State.KILLED
        story.kill_reason = story.kill_reason or "Canceled by the wire"
        return _finish(story, before=before, action="killed", copy_changed=False, changes=changes)
    return _relead(story, before=before, action="wire_update", prefer=item if is_lead_lineage else None,
                   changes=changes)


def _join(story: Story, item: WireItem, sig: dedup.Signature, similarity: float) -> Story:
    before = story.state
    trusted = item.source.agency_id is not None
    StoryKey.objects.create(source_id=item.source_id, guid=item.guid, story=story, version=item.version)
    role = StoryItem.Role.DUPLICATE if trusted else StoryItem.Role.LINKED
    _add_member(story, item, sig, role, similarity)
    changes = {"item": item.pk, "similarity": round(similarity, 4), "role": role}
    if story.state == Story.State.KILLED:
        audit(story=story, action="after_kill", from_state=before, to_state=before, changes=changes)
        return story
    return _relead(story, before=before, action="near_duplicate", prefer=None, changes=changes)


def _relead(story: Story, *, before: str, action: str, prefer: WireItem | None, changes: dict) -> Story:
    """Pick the lead by the documented order; a new lead (or a new version of it) updates the copy."""
    candidates = _lead_candidates(story)
    if not candidates:
        return _finish(story, before=before, action=action, copy_changed=False, changes=changes)
    if prefer is not None and prefer.pk in {c.pk for c in candidates}:
        lead = prefer  # a new version of the lead's own copy is authoritative (corrections, new facts)
    else:
        lead = max(candidates, key=lambda i: dedup.lead_key(_candidate(i)))
    copy_changed = lead.pk != story.lead_item_id
    if copy_changed:
        changes["lead"] = lead.pk
        _copy_from(story, lead)
    return _finish(story, before=before, action=action, copy_changed=copy_changed, changes=changes)


# --- scheduled jobs -----------------------------------------------------------------------------

def stories_release_due(*, now: datetime | None = None) -> list[Story]:
    """Release withheld stories whose embargo has passed (WIRE-2; the worker runs this every tick)."""
    now = now or clock.now()
    released = []
    due = (Story.objects.filter(state=Story.State.WITHHELD, embargo_until__lte=now)
           .exclude(lead_item__pubstatus="withheld").values_list("pk", flat=True))
    for pk in list(due):
        with transaction.atomic():
            story = Story.objects.select_for_update(of=("self",)).select_related("lead_item__source__agency").get(pk=pk)
            if story.state != Story.State.WITHHELD:
                continue
            # Embargoed copy is dated when it may first be seen, not when the wire sent it.
            story.published_at = max(story.published_at, story.embargo_until or now)
            story.state = _state_from_placements(story)
            story_score(story=story)
            story.modified_at = now
            story.save()
            audit(story=story, action="embargo_released", from_state=Story.State.WITHHELD, to_state=story.state)
            _notify(story)
            released.append(story)
    return released


def router_retrain_due(*, now: datetime | None = None) -> dict:
    """Retrain the routing model when the schedule or the count of new decisions says so."""
    if routing.retrain_due(now=now or clock.now()):
        return routing.retrain()
    return {}


def routing_examples_import(*, records: list[dict], text_fields: tuple[str, ...], label_field: str,
                            replace: bool = False) -> dict:
    """Store labelled archive records as training examples; returns counts and the unknown labels."""
    sections = routing.section_lookup()
    rows, unknown = [], {}
    now = clock.now()
    for record in records:
        name = record.get(label_field)
        section = sections.get(str(name).strip().lower()) if isinstance(name, str) else None
        if section is None:
            unknown[str(name)] = unknown.get(str(name), 0) + 1
            continue
        body = "\n".join(str(record[f]) for f in text_fields if f != "headline" and isinstance(record.get(f), str))
        rows.append(RoutingExample(headline=str(record.get("headline") or "")[:500], text=body,
                                   section=section, imported_at=now))
    with transaction.atomic():
        if replace:
            RoutingExample.objects.all().delete()
        RoutingExample.objects.bulk_create(rows, batch_size=2000)
    return {"imported": len(rows), "skipped": sum(unknown.values()), "unknown_labels": unknown}


def router_retrain_due_now() -> dict:
    """Retrain the routing model now (``dateline route retrain`` / after an archive import)."""
    return routing.retrain()
