"""Desk semantics seen from the public sites: one article per placement, kills (WIRE-1), embargoes (WIRE-2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dateline.desk import services
from dateline.desk.models import Story
from dateline.desk.tests.factories import make_wire
from dateline.pipeline.schedule import run_due
from dateline.publish.models import Article

HEAD = "Rover drives across Jezero crater on Mars"
BODY = ("The Mars rover Perseverance crossed the martian crater floor on Tuesday, NASA said. The rover drove "
        "almost 400 metres towards the delta at the western edge of Jezero crater, where it will look for "
        "signs of ancient microbial life in the rocks of the red planet.")
UPI_HEAD = "Perseverance crosses Jezero crater floor toward the delta"
UPI_BODY = ("NASA said the Perseverance rover crossed the floor of Jezero crater on Tuesday, driving almost 400 "
            "metres towards the delta at the western edge of the crater. The martian rover will look for signs "
            "of ancient microbial life in its rocks on the red planet.")
HOST = "marsdaily.localhost"


def public_pages(client, story: Story) -> dict[str, int | bool]:
    """Every public surface the test can reach: the article pages, the home page, the section page."""
    seen: dict[str, int | bool] = {}
    for article in Article.objects.filter(story=story).select_related("site", "section"):
        seen[article.get_absolute_url()] = client.get(article.get_absolute_url(),
                                                      HTTP_HOST=article.site.host).status_code
    seen["home"] = story.headline in client.get("/", HTTP_HOST=HOST).text
    seen["section"] = story.headline in client.get("/mars-exploration/", HTTP_HOST=HOST).text
    return seen


@pytest.mark.django_db(transaction=True)
def test_two_agencies_and_an_update_give_one_article_per_placement(network, client):
    first = services.story_from_item(item=make_wire("upi-wire", "u-1", UPI_HEAD, UPI_BODY))
    services.story_from_item(item=make_wire("afp-wire", "a-1", HEAD, BODY, byline="AFP staff"))
    services.story_from_item(item=make_wire("afp-wire", "a-1", HEAD, BODY + " Engineers said it was the "
                                            "longest drive of the month.", byline="AFP staff", version=2))
    story = Story.objects.get()
    assert story.pk == first.pk and story.members.count() == 3
    articles = list(Article.objects.filter(story=story, status=Article.Status.LIVE))
    assert articles and len({a.section_id for a in articles}) == len(articles) == Article.objects.count()
    page = client.get(articles[0].get_absolute_url(), HTTP_HOST=articles[0].site.host)
    assert page.status_code == 200 and "longest drive of the month" in page.text and "Updated" in page.text


@pytest.mark.django_db(transaction=True)
def test_wire1_a_kill_removes_the_story_from_every_page_and_a_replay_never_resurrects_it(network, client):
    story = services.story_from_item(item=make_wire("afp-wire", "k", HEAD, BODY))
    before = public_pages(client, story)
    assert before["home"] and before["section"] and 200 in before.values()

    services.story_from_item(item=make_wire("afp-wire", "k", HEAD, BODY, version=2, pubstatus="canceled"))
    story.refresh_from_db()
    assert story.state == Story.State.KILLED
    after = public_pages(client, story)
    assert after["home"] is False and after["section"] is False
    assert all(code in (404, 410) for key, code in after.items() if key.startswith("/"))

    # A later version and another agency's copy of the same event both stay dead.
    services.story_from_item(item=make_wire("afp-wire", "k", HEAD, BODY, version=3))
    services.story_from_item(item=make_wire("upi-wire", "k-upi", UPI_HEAD, UPI_BODY))
    story.refresh_from_db()
    assert story.state == Story.State.KILLED and Story.objects.count() == 1
    assert public_pages(client, story) == after


@pytest.mark.django_db(transaction=True)
def test_a_correction_shows_its_note_on_the_page(network, client):
    services.story_from_item(item=make_wire("afp-wire", "c", HEAD, BODY))
    services.story_from_item(item=make_wire("afp-wire", "c", HEAD, BODY.replace("400", "300"), version=2,
                                            correction="An earlier version gave the distance as 400 metres."))
    article = Article.objects.get(status=Article.Status.LIVE, site__host=HOST)
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST)
    assert "An earlier version gave the distance as 400 metres." in page.text and "300 metres" in page.text


@pytest.mark.django_db(transaction=True)
def test_wire2_nothing_public_before_the_embargo_and_released_by_the_schedule(network, client, time_machine):
    embargo = datetime(2024, 7, 4, 12, 0, tzinfo=UTC)
    time_machine.move_to(embargo - timedelta(hours=2))
    story = services.story_from_item(item=make_wire("afp-wire", "emb", HEAD, BODY, embargo_until=embargo))
    assert story.state == Story.State.WITHHELD
    time_machine.move_to(embargo - timedelta(seconds=30))
    run_due()
    story.refresh_from_db()
    assert story.state == Story.State.WITHHELD
    assert public_pages(client, story) == {"home": False, "section": False}  # no article exists yet

    time_machine.move_to(embargo + timedelta(seconds=5))
    assert any("released from embargo" in line for line in run_due())
    story.refresh_from_db()
    assert story.state == Story.State.PUBLISHED and story.published_at == embargo
    seen = public_pages(client, story)
    assert seen["home"] and seen["section"] and 200 in seen.values()
