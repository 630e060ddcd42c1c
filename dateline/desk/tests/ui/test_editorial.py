"""Editorial services: each action is atomic, audited, labels the router's training data and tells the
pipeline once, after commit."""

from __future__ import annotations

import pytest

from dateline.desk import editorial
from dateline.desk.models import AuditLog, Placement, Story
from dateline.desk.signals import story_changed
from dateline.desk.tests.ui import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent():
    calls = []

    def receiver(sender, story, **kwargs):
        calls.append((story.pk, story.state))

    story_changed.connect(receiver, dispatch_uid="test-editorial")
    yield calls
    story_changed.disconnect(dispatch_uid="test-editorial")


def test_each_action_sends_story_changed_once_after_commit(network, chief, sent):
    story = factories.story(headline="Signal story")
    editorial.placement_accept(placement=story.placements.get(), actor=chief)
    assert sent == [(story.pk, Story.State.PUBLISHED)]


def test_taking_off_the_only_accepted_placement_withdraws_the_story(network, chief, chief_client):
    story = factories.story(headline="Taken off")
    placement = editorial.placement_accept(placement=story.placements.get(), actor=chief)
    assert "Taken off" in factories.live_links(chief_client, host="marsdaily.localhost", section="mars-exploration")

    editorial.placement_reject(placement=placement, actor=chief)

    story.refresh_from_db()
    assert story.state == Story.State.REJECTED
    assert "Taken off" not in factories.live_links(chief_client, host="marsdaily.localhost",
                                                   section="mars-exploration")


def test_a_killed_story_cannot_be_published_again(network, chief):
    story = factories.story(headline="Dead story")
    editorial.story_kill(story=story, actor=chief, reason="Hoax")
    with pytest.raises(editorial.EditorialError, match="killed"):
        editorial.placement_accept(placement=story.placements.get(), actor=chief)
    assert Story.objects.get(pk=story.pk).state == Story.State.KILLED


def test_every_decision_names_the_editor_for_the_router_to_learn_from(network, chief):
    story = factories.story(headline="Labels", suggestions=(("marsdaily/mars-exploration", 0.6),
                                                            ("spacewar/superpowers", 0.4)))
    mars, war = story.placements.order_by("-confidence")
    editorial.placement_accept(placement=mars, actor=chief)
    editorial.placement_reject(placement=war, actor=chief)
    assert set(Placement.objects.values_list("state", "decided_by")) == {
        (Placement.State.ACCEPTED, chief.pk), (Placement.State.REJECTED, chief.pk)}
    assert list(AuditLog.objects.filter(story=story, actor=chief).values_list("action", flat=True)
                .order_by("at", "pk")) == ["placement_accept", "placement_reject"]


def test_a_refused_edit_writes_nothing_at_all(network, chief, sent):
    story = factories.story(headline="Kept")
    edit = editorial.CopyEdit(headline="Lost", byline="", dateline_text="", body_html="", correction_note="")
    with pytest.raises(editorial.StaleRevision):
        editorial.story_edit(story=story, actor=chief, revision=story.revision + 5, edit=edit)
    assert Story.objects.get(pk=story.pk).headline == "Kept"
    assert not AuditLog.objects.filter(story=story).exists() and sent == []


def test_unpublish_and_kill_need_a_reason(network, chief):
    story = factories.story(headline="Reasons")
    editorial.placement_accept(placement=story.placements.get(), actor=chief)
    for service in (editorial.story_unpublish, editorial.story_kill):
        with pytest.raises(editorial.EditorialError, match="reason"):
            service(story=story, actor=chief, reason="   ")
    assert Story.objects.get(pk=story.pk).state == Story.State.PUBLISHED
