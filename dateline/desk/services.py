"""Writes of the desk: wire items become stories, routing suggests placements, editors decide."""

from __future__ import annotations

import logging

from django.db import transaction

from dateline.core import clock
from dateline.desk.models import AuditLog, Placement, Story, StoryItem
from dateline.desk.routing import SectionProfile, keyword_scores
from dateline.desk.signals import story_changed
from dateline.ingest.models import WireItem
from dateline.network.models import Section

log = logging.getLogger("dateline.desk")

COPY_FIELDS = {
    "headline": "headline", "subheadline": "subheadline", "byline": "byline", "agency": "agency",
    "dateline_text": "dateline_text", "dateline_city": "dateline_city", "dateline_country": "dateline_country",
    "body_html": "body_html", "body_text": "body_text", "summary": "summary", "images": "images",
}


def _profiles() -> tuple[list[SectionProfile], dict[int, Section]]:
    sections = {s.pk: s for s in Section.objects.select_related("site")}
    profiles = [SectionProfile(s.pk, s.site_id, tuple(s.keywords)) for s in sections.values()]
    return profiles, sections


def audit(*, story: Story | None, action: str, actor=None, from_state: str = "", to_state: str = "",
          changes: dict | None = None) -> AuditLog:
    return AuditLog.objects.create(at=clock.now(), actor=actor, actor_name=getattr(actor, "username", "system"),
                                   action=action, story=story, from_state=from_state, to_state=to_state,
                                   changes=changes or {})


def _notify(story: Story) -> None:
    transaction.on_commit(lambda: story_changed.send(sender=Story, story=story))


def story_route(*, story: Story) -> list[Placement]:
    """Score every section and keep those above its review threshold; auto-accept the confident ones."""
    profiles, sections = _profiles()
    text = f"{story.headline}\n{story.summary}\n{story.body_text}"
    placements = []
    for score in keyword_scores(text, profiles, headline=story.headline):
        section = sections[score.key]
        if score.confidence < section.review_threshold:
            continue
        state = Placement.State.ACCEPTED if score.confidence >= section.auto_publish_threshold \
            else Placement.State.SUGGESTED
        placement, _ = Placement.objects.update_or_create(
            story=story, section=section,
            defaults={"site": section.site, "confidence": score.confidence, "state": state,
                      "explanation": list(score.terms),
                      "decided_at": clock.now() if state == Placement.State.ACCEPTED else None},
        )
        placements.append(placement)
    return placements


def _initial_state(item: WireItem, placements: list[Placement]) -> str:
    if item.pubstatus == "canceled":
        return Story.State.KILLED
    if item.pubstatus == "withheld" or (item.embargo_until and item.embargo_until > clock.now()):
        return Story.State.WITHHELD
    if not placements:
        return Story.State.DROPPED
    if any(p.state == Placement.State.ACCEPTED for p in placements):
        return Story.State.PUBLISHED
    return Story.State.REVIEW


@transaction.atomic
def story_from_item(*, item: WireItem) -> Story:
    """A new wire item starts a story; a new version of a known guid updates its story."""
    now = clock.now()
    sibling = (StoryItem.objects.select_related("story")
               .filter(item__source=item.source_id, item__guid=item.guid).exclude(item=item).first())
    if sibling:
        return story_update_from_item(story=sibling.story, item=item)
    story = Story(lead_item=item, published_at=item.published_at, embargo_until=item.embargo_until,
                  correction_note=item.correction, created_at=now, modified_at=now)
    for field, source in COPY_FIELDS.items():
        setattr(story, field, getattr(item, source))
    story.save()
    StoryItem.objects.create(story=story, item=item, added_at=now)
    placements = story_route(story=story)
    story.state = _initial_state(item, placements)
    story.save(update_fields=["state"])
    audit(story=story, action="created", to_state=story.state,
          changes={"placements": [str(p.section) for p in placements]})
    _notify(story)
    return story


@transaction.atomic
def story_update_from_item(*, story: Story, item: WireItem) -> Story:
    """A newer version of the lead wire copy: update the story (unless edited) and mark it Updated."""
    now = clock.now()
    StoryItem.objects.get_or_create(item=item, defaults={"story": story, "added_at": now})
    before = story.state
    if item.pubstatus == "canceled":
        story.state = Story.State.KILLED
        story.kill_reason = story.kill_reason or "Canceled by the wire"
    else:
        if not story.edited:
            for field, source in COPY_FIELDS.items():
                setattr(story, field, getattr(item, source))
        story.lead_item = item
        if item.correction:
            story.correction_note = item.correction
        if story.state == Story.State.PUBLISHED:
            story.updated_at = now
    story.modified_at = now
    story.revision += 1
    story.save()
    audit(story=story, action="wire_update", from_state=before, to_state=story.state,
          changes={"version": item.version})
    _notify(story)
    return story
