"""The story view: wire copy, cluster side by side, editing with an optimistic lock, kill/unpublish/schedule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.desk.models import AuditLog, Story
from dateline.desk.tests.ui import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _form(story: Story, **changes) -> dict:
    data = {"revision": story.revision, "headline": story.headline, "byline": story.byline,
            "dateline_text": story.dateline_text, "body_html": story.body_html,
            "correction_note": story.correction_note}
    data.update(changes)
    return data


def test_story_page_shows_wire_copy_byline_dateline_and_the_cluster_with_differences(chief_client):
    story = factories.story(headline="Starship reaches orbit",
                            body="The rocket lifted off at dawn from Texas, the company said.",
                            others=("The rocket lifted off at noon from Texas, officials said.",))

    page = chief_client.get(f"/desk/story/{story.pk}/")

    assert page.status_code == 200
    assert "by AFP Staff Writers" in page.text and "PARIS, July 3 (AFP)" in page.text
    assert "2 wire items" in page.text and "UPI" in page.text
    assert '<del class="changed">dawn</del>' in page.text and '<ins class="changed">noon</ins>' in page.text


def test_saving_an_edit_sanitises_the_body_records_the_change_and_updates_the_live_article(chief_client, chief):
    story = factories.story(headline="Old headline")
    chief_client.post(f"/desk/placement/{story.placements.get().pk}/accept/")
    story.refresh_from_db()

    response = chief_client.post(f"/desk/story/{story.pk}/edit/", _form(
        story, headline="New headline", body_html='<p onclick="steal()">Safe text<script>alert(1)</script></p>',
        correction_note="An earlier version misstated the launch date."))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "New headline" and story.edited and story.revision == 2
    assert story.body_html == "<p>Safe text</p>"  # HTML-1: script and handlers gone
    assert story.correction_note == "An earlier version misstated the launch date."
    log = AuditLog.objects.get(story=story, action="edit")
    assert log.actor == chief and log.changes["headline"] == ["Old headline", "New headline"]
    links = factories.live_links(chief_client, host="marsdaily.localhost", section="mars-exploration")
    article = chief_client.get(links["New headline"], HTTP_HOST="marsdaily.localhost")
    assert "New headline" in article.text and "Safe text" in article.text


def test_the_second_save_with_a_stale_revision_is_refused_and_nothing_is_overwritten(chief_client):
    story = factories.story(headline="Original")
    first = _form(story, headline="First editor's headline")
    second = _form(story, headline="Second editor's headline")  # both read revision 1

    assert chief_client.post(f"/desk/story/{story.pk}/edit/", first).status_code == 302
    refused = chief_client.post(f"/desk/story/{story.pk}/edit/", second)

    assert refused.status_code == 409
    assert "Someone else saved this story since you opened it" in refused.text
    assert "Second editor&#x27;s headline" in refused.text  # the refused text stays in the form, not lost
    story.refresh_from_db()
    assert story.headline == "First editor's headline" and story.revision == 2
    assert AuditLog.objects.filter(story=story, action="edit").count() == 1


def test_kill_needs_a_reason_and_turns_the_article_into_410_gone(chief_client):
    story = factories.story(headline="Retracted report")
    chief_client.post(f"/desk/placement/{story.placements.get().pk}/accept/")
    url = factories.live_links(chief_client, host="marsdaily.localhost", section="mars-exploration")["Retracted report"]

    chief_client.post(f"/desk/story/{story.pk}/kill/", {"reason": ""})
    story.refresh_from_db()
    assert story.state == Story.State.PUBLISHED

    chief_client.post(f"/desk/story/{story.pk}/kill/", {"reason": "Legal request"})
    story.refresh_from_db()
    assert story.state == Story.State.KILLED and story.kill_reason == "Legal request"
    assert chief_client.get(url, HTTP_HOST="marsdaily.localhost").status_code == 410
    log = AuditLog.objects.get(story=story, action="kill")
    assert (log.from_state, log.to_state) == ("published", "killed")


def test_unpublish_takes_the_story_off_every_site(chief_client):
    story = factories.story(headline="Premature story")
    chief_client.post(f"/desk/placement/{story.placements.get().pk}/accept/")
    url = factories.live_links(chief_client, host="marsdaily.localhost", section="mars-exploration")["Premature story"]

    chief_client.post(f"/desk/story/{story.pk}/unpublish/", {"reason": "Waiting for confirmation"})

    assert chief_client.get(url, HTTP_HOST="marsdaily.localhost").status_code == 404
    assert AuditLog.objects.get(story=story, action="unpublish").changes == {"reason": "Waiting for confirmation"}


def test_schedule_sets_an_embargo_in_utc_and_clearing_it_releases(chief_client):
    story = factories.story(headline="Embargoed")
    chief_client.post(f"/desk/story/{story.pk}/schedule/", {"embargo_until": "2099-01-02T03:04"})
    story.refresh_from_db()
    assert story.embargo_until == datetime(2099, 1, 2, 3, 4, tzinfo=UTC)

    chief_client.post(f"/desk/story/{story.pk}/schedule/", {"embargo_until": ""})
    story.refresh_from_db()
    assert story.embargo_until is None


def test_an_accepted_story_under_embargo_is_not_live_until_released(chief_client):
    story = factories.story(headline="Held story")
    chief_client.post(f"/desk/story/{story.pk}/schedule/", {"embargo_until": "2099-01-02T03:04"})
    chief_client.post(f"/desk/placement/{story.placements.get().pk}/accept/")
    assert "Held story" not in factories.live_links(chief_client, host="marsdaily.localhost",
                                                    section="mars-exploration")
    chief_client.post(f"/desk/story/{story.pk}/schedule/", {"embargo_until": ""})
    assert "Held story" in factories.live_links(chief_client, host="marsdaily.localhost",
                                                section="mars-exploration")


def test_audit_log_page_shows_who_when_what_and_states(chief_client):
    story = factories.story(headline="Audited story")
    chief_client.post(f"/desk/placement/{story.placements.get().pk}/accept/")
    page = chief_client.get("/desk/audit/")
    assert page.status_code == 200
    assert "chief" in page.text and "placement_accept" in page.text and "review → published" in page.text
    assert "Audited story" in page.text
    assert "placement_accept" not in chief_client.get("/desk/audit/", {"action": "kill"}).text
