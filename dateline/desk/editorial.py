"""Editors' actions on stories and placements.

Each action is one atomic function that writes an ``AuditLog`` row and sends
``desk.signals.story_changed`` on commit (the pipeline then brings the articles in step).
Decisions set ``Placement.decided_by``: the router learns from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import nh3
from django.db import transaction
from django.db.models import F

from dateline.core import clock
from dateline.core.text import clean_text, one_line
from dateline.desk.models import AuditLog, Placement, Story
from dateline.desk.signals import story_changed
from dateline.ingest.sanitize import sanitize_html
from dateline.network.models import Section, Source


class EditorialError(Exception):
    """An action that cannot be done as asked; the message is shown to the editor."""


class StaleRevision(EditorialError):
    pass


@dataclass(frozen=True)
class CopyEdit:
    headline: str
    byline: str
    dateline_text: str
    body_html: str
    correction_note: str


def sanitize_body(html: str) -> str:
    """Editors paste HTML: the same allowlist as wire bodies (THREATS HTML-1…4)."""
    return sanitize_html(html)


def _text_of(html: str) -> str:
    return one_line(nh3.clean(html, tags=set()))


def _audit(*, story: Story | None, actor, action: str, from_state: str = "", to_state: str = "",
           changes: dict | None = None) -> AuditLog:
    return AuditLog.objects.create(at=clock.now(), actor=actor, actor_name=getattr(actor, "username", "system"),
                                   action=action, story=story, from_state=from_state, to_state=to_state,
                                   changes=changes or {})


def _notify(story: Story) -> None:
    transaction.on_commit(lambda: story_changed.send(sender=Story, story=story))


def _locked(story_id: int) -> Story:
    return Story.objects.select_for_update().get(pk=story_id)


def _set_state(story: Story, state: str) -> None:
    story.state = state
    story.modified_at = clock.now()
    story.save(update_fields=["state", "modified_at"])


def _after_decision(story: Story) -> None:
    """The story's state follows its placements: any accepted → published; none left → rejected."""
    states = set(Placement.objects.filter(story=story).values_list("state", flat=True))
    if story.state in (Story.State.KILLED, Story.State.WITHHELD):
        return
    if Placement.State.ACCEPTED in states:
        if story.state != Story.State.PUBLISHED:
            _set_state(story, Story.State.PUBLISHED)
    elif Placement.State.SUGGESTED in states:
        if story.state == Story.State.PUBLISHED:
            _set_state(story, Story.State.REVIEW)
    elif story.state in (Story.State.REVIEW, Story.State.PUBLISHED):
        _set_state(story, Story.State.REJECTED)


def _decide(placement: Placement, state: str, actor) -> None:
    placement.state = state
    placement.decided_by = actor
    placement.decided_at = clock.now()
    placement.save(update_fields=["state", "decided_by", "decided_at"])


@transaction.atomic
def placement_accept(*, placement: Placement, actor) -> Placement:
    story = _locked(placement.story_id)
    placement = Placement.objects.select_for_update().select_related("section").get(pk=placement.pk)
    if story.state == Story.State.KILLED:
        raise EditorialError("A killed story cannot be published.")
    before = story.state
    _decide(placement, Placement.State.ACCEPTED, actor)
    _after_decision(story)
    _audit(story=story, actor=actor, action="placement_accept", from_state=before, to_state=story.state,
           changes={"placement": str(placement.section), "confidence": round(placement.confidence, 3)})
    _notify(story)
    return placement


@transaction.atomic
def placement_reject(*, placement: Placement, actor) -> Placement:
    story = _locked(placement.story_id)
    placement = Placement.objects.select_for_update().select_related("section").get(pk=placement.pk)
    before = story.state
    _decide(placement, Placement.State.REJECTED, actor)
    _after_decision(story)
    _audit(story=story, actor=actor, action="placement_reject", from_state=before, to_state=story.state,
           changes={"placement": str(placement.section)})
    _notify(story)
    return placement


@transaction.atomic
def placement_move(*, placement: Placement, section: Section, actor) -> Placement:
    """Place the story in ``section`` instead: the old suggestion is rejected, the new one accepted."""
    story = _locked(placement.story_id)
    placement = Placement.objects.select_for_update().select_related("section").get(pk=placement.pk)
    if story.state == Story.State.KILLED:
        raise EditorialError("A killed story cannot be published.")
    before = story.state
    if placement.section_id != section.pk:
        _decide(placement, Placement.State.REJECTED, actor)
    target, _ = Placement.objects.get_or_create(
        story=story, section=section, defaults={"site_id": section.site_id, "confidence": 1.0})
    _decide(target, Placement.State.ACCEPTED, actor)
    _after_decision(story)
    _audit(story=story, actor=actor, action="placement_move", from_state=before, to_state=story.state,
           changes={"placement": [str(placement.section), str(section)]})
    _notify(story)
    return target


@transaction.atomic
def story_edit(*, story: Story, actor, revision: int, edit: CopyEdit) -> Story:
    """Save an editor's copy. The save is refused when someone else saved since ``revision`` was read."""
    new = {"headline": one_line(edit.headline)[:500], "byline": one_line(edit.byline)[:300],
           "dateline_text": one_line(edit.dateline_text)[:300], "body_html": sanitize_body(edit.body_html),
           "correction_note": clean_text(edit.correction_note).strip()}
    if not new["headline"]:
        raise EditorialError("A headline is required.")
    current = _locked(story.pk)
    if current.revision != revision:
        raise StaleRevision(
            f"Someone else saved this story since you opened it (revision {current.revision}, yours "
            f"{revision}). Nothing was saved; reload to see their version, then make your change again.")
    changes = {name: [getattr(current, name), value] for name, value in new.items()
               if getattr(current, name) != value}
    if not changes:
        return current
    new["body_text"] = _text_of(new["body_html"])
    updated = Story.objects.filter(pk=story.pk, revision=revision).update(
        **new, edited=True, revision=F("revision") + 1, modified_at=clock.now(),
        **({"updated_at": clock.now()} if current.state == Story.State.PUBLISHED else {}))
    if updated != 1:  # cannot happen under the row lock; kept as the last line of defence
        raise StaleRevision("This story changed while saving; nothing was saved.")
    current.refresh_from_db()
    _audit(story=current, actor=actor, action="edit", from_state=current.state, to_state=current.state,
           changes={k: [_short(a), _short(b)] for k, (a, b) in changes.items()})
    _notify(current)
    return current


def _short(value: str, limit: int = 300) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _state_change(story: Story, *, actor, action: str, state: str, changes: dict, note: str = "") -> Story:
    current = _locked(story.pk)
    before = current.state
    current.state = state
    current.modified_at = clock.now()
    current.revision += 1
    for name, value in changes.items():
        setattr(current, name, value)
    current.save()
    logged = {k: "" if v is None else str(v) for k, v in changes.items()}
    _audit(story=current, actor=actor, action=action, from_state=before, to_state=state,
           changes={**logged, **({"reason": note} if note else {})})
    _notify(current)
    return current


@transaction.atomic
def story_reject(*, story: Story, actor) -> Story:
    """Not for any site: every pending suggestion is rejected (the router learns from each)."""
    if _locked(story.pk).state not in (Story.State.REVIEW, Story.State.DROPPED, Story.State.WITHHELD):
        raise EditorialError("Only a story waiting for review can be rejected; unpublish or kill it instead.")
    for placement in Placement.objects.select_for_update().filter(story=story, state=Placement.State.SUGGESTED):
        _decide(placement, Placement.State.REJECTED, actor)
    return _state_change(story, actor=actor, action="reject", state=Story.State.REJECTED, changes={})


def _reason(reason: str) -> str:
    reason = one_line(reason)[:1000]
    if not reason:
        raise EditorialError("Give a reason; readers and the audit log see it.")
    return reason


@transaction.atomic
def story_kill(*, story: Story, actor, reason: str) -> Story:
    """Withdraw for legal or accuracy reasons: every article answers 410 Gone."""
    return _state_change(story, actor=actor, action="kill", state=Story.State.KILLED,
                         changes={"kill_reason": _reason(reason)})


@transaction.atomic
def story_unpublish(*, story: Story, actor, reason: str) -> Story:
    """Take the story off every site (404), keeping it for a later decision."""
    if _locked(story.pk).state != Story.State.PUBLISHED:
        raise EditorialError("Only a published story can be unpublished.")
    return _state_change(story, actor=actor, action="unpublish", state=Story.State.REJECTED, changes={},
                         note=_reason(reason))


@transaction.atomic
def story_schedule(*, story: Story, actor, embargo_until: datetime | None) -> Story:
    """Hold the story until ``embargo_until`` (or release it at once with ``None``)."""
    if embargo_until is not None and embargo_until.tzinfo is None:
        raise EditorialError("The embargo time needs a time zone.")
    return _state_change(story, actor=actor, action="schedule", state=_locked(story.pk).state,
                         changes={"embargo_until": embargo_until})


BULK_ACTIONS = ("accept", "reject")


def stories_bulk(*, stories: list[Story], action: str, actor, site_ids: set[int] | None = None) -> list[str]:
    """Accept each story's best suggestion (on ``site_ids`` when given), or reject each story; one
    transaction per story so one refusal does not undo the rest. Returns the refusals."""
    if action not in BULK_ACTIONS:
        raise EditorialError(f"Unknown bulk action {action!r}.")
    refused = []
    for story in stories:
        try:
            if action == "accept":
                pending = story.placements.filter(state=Placement.State.SUGGESTED)
                if site_ids is not None:
                    pending = pending.filter(site_id__in=site_ids)
                best = pending.order_by("-confidence").first()
                if best is None:
                    raise EditorialError("no suggestion to accept")
                placement_accept(placement=best, actor=actor)
            else:
                story_reject(story=story, actor=actor)
        except EditorialError as exc:
            refused.append(f"{story.headline}: {exc}")
    return refused


@transaction.atomic
def source_set_enabled(*, source: Source, enabled: bool, actor) -> Source:
    """A chief editor pauses a misbehaving source or resumes it; the poller skips disabled sources."""
    source = Source.objects.select_for_update().get(pk=source.pk)
    if source.enabled != enabled:
        source.enabled = enabled
        source.save(update_fields=["enabled"])
        _audit(story=None, actor=actor, action="source_resume" if enabled else "source_pause",
               changes={"source": source.slug})
    return source
