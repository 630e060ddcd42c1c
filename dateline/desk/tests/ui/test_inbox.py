"""The inbox: stories waiting for a decision, by information value, with filters and one-click actions."""

from __future__ import annotations

import pytest

from dateline.desk.models import AuditLog, Placement, Story
from dateline.desk.tests.ui import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_inbox_lists_waiting_stories_by_information_value_with_suggestions(chief_client):
    factories.story(headline="Low value story", info_value=0.2)
    factories.story(headline="High value story", info_value=0.9)
    factories.story(headline="Already published", info_value=1.0, state=Story.State.PUBLISHED)

    page = chief_client.get("/desk/")

    assert page.status_code == 200
    text = page.text
    assert text.index("High value story") < text.index("Low value story")
    assert "Already published" not in text
    assert "OrbitalMars › " in text and "62%" in text


def test_inbox_filters_by_site_source_state_and_search(chief_client):
    factories.story(headline="Rover on Mars", suggestions=(("marsdaily/mars-exploration", 0.6),))
    factories.story(headline="Lander on the Moon", suggestions=(("moondaily/lunar-exploration", 0.6),))

    assert "Lander" not in chief_client.get("/desk/", {"site": "marsdaily"}).text
    assert "Rover" in chief_client.get("/desk/", {"site": "marsdaily"}).text
    assert "Rover" not in chief_client.get("/desk/", {"q": "lander"}).text
    assert "Lander" in chief_client.get("/desk/", {"q": "lander"}).text
    assert "Rover" not in chief_client.get("/desk/", {"source": "upi-wire"}).text
    assert "Rover" not in chief_client.get("/desk/", {"state": "published"}).text


def test_accepting_a_suggestion_publishes_the_article_on_its_site(chief_client, chief):
    story = factories.story(headline="Perseverance finds organic molecules")
    placement = story.placements.get()

    response = chief_client.post(f"/desk/placement/{placement.pk}/accept/", {"next": "/desk/"})

    assert response.status_code == 302 and response["Location"] == "/desk/"
    placement.refresh_from_db()
    story.refresh_from_db()
    assert placement.state == Placement.State.ACCEPTED and placement.decided_by == chief
    assert placement.decided_at is not None
    assert story.state == Story.State.PUBLISHED
    links = factories.live_links(chief_client, host="marsdaily.localhost", section="mars-exploration")
    page = chief_client.get(links["Perseverance finds organic molecules"], HTTP_HOST="marsdaily.localhost")
    assert page.status_code == 200 and "Perseverance finds organic molecules" in page.text
    log = AuditLog.objects.get(story=story, action="placement_accept")
    assert (log.actor, log.from_state, log.to_state) == (chief, "review", "published")


def test_moving_to_another_section_rejects_the_suggestion_and_publishes_there(chief_client):
    story = factories.story(headline="Europa plumes seen again")
    placement = story.placements.get()
    target = factories.Section.objects.get(site__slug="outerplanets", slug="giant-planets")

    chief_client.post(f"/desk/placement/{placement.pk}/move/", {"section": target.pk})

    placement.refresh_from_db()
    assert placement.state == Placement.State.REJECTED
    moved = story.placements.get(section=target)
    assert moved.state == Placement.State.ACCEPTED
    assert "Europa plumes seen again" in factories.live_links(chief_client, host="outerplanets.localhost",
                                                              section="giant-planets")
    assert "Europa plumes seen again" not in factories.live_links(chief_client, host="marsdaily.localhost",
                                                                  section="mars-exploration")


def test_rejecting_a_story_rejects_every_suggestion_and_leaves_the_inbox(chief_client, chief):
    story = factories.story(headline="Press release about nothing",
                            suggestions=(("marsdaily/mars-exploration", 0.5), ("spacewar/superpowers", 0.4)))

    chief_client.post(f"/desk/story/{story.pk}/reject/", {"next": "/desk/"})

    story.refresh_from_db()
    assert story.state == Story.State.REJECTED
    assert set(story.placements.values_list("state", "decided_by")) == {(Placement.State.REJECTED, chief.pk)}
    assert "Press release about nothing" not in chief_client.get("/desk/").text
    assert "Press release" not in str(factories.live_links(chief_client, host="marsdaily.localhost",
                                                           section="mars-exploration"))


def test_bulk_accept_publishes_each_selected_story_on_its_best_suggestion(chief_client):
    one = factories.story(headline="First", suggestions=(("marsdaily/mars-exploration", 0.7),
                                                         ("spacewar/superpowers", 0.4)))
    two = factories.story(headline="Second", suggestions=(("moondaily/lunar-exploration", 0.6),))
    untouched = factories.story(headline="Third")

    chief_client.post("/desk/bulk/", {"action": "accept", "story": [one.pk, two.pk]})

    assert "First" in factories.live_links(chief_client, host="marsdaily.localhost", section="mars-exploration")
    assert "First" not in factories.live_links(chief_client, host="spacewar.localhost", section="superpowers")
    assert "Second" in factories.live_links(chief_client, host="moondaily.localhost", section="lunar-exploration")
    untouched.refresh_from_db()
    assert untouched.state == Story.State.REVIEW


def test_bulk_reject(chief_client):
    one, two = factories.story(headline="First"), factories.story(headline="Second")
    chief_client.post("/desk/bulk/", {"action": "reject", "story": [one.pk, two.pk]})
    assert set(Story.objects.values_list("state", flat=True)) == {Story.State.REJECTED}


def test_inbox_pages_are_capped_web8(chief_client):
    factories.story(headline="Only story")
    assert chief_client.get("/desk/", {"page": "99999999"}).status_code == 200
    assert chief_client.get("/desk/", {"q": "x" * 5000}).status_code == 200
