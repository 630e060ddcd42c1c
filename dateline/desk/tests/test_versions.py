"""Versions, near-duplicates and kills: one story per event, whatever order the wire sends things in."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from dateline.desk import services
from dateline.desk.models import Story, StoryItem

AFP_HEAD = "SpaceX launches 23 Starlink satellites from Cape Canaveral"
AFP_BODY = ("SpaceX launched 23 Starlink internet satellites from Cape Canaveral Space Force Station on Tuesday "
            "evening, the company said. The Falcon 9 rocket lifted off at 8:31 pm local time and its first stage "
            "landed on the droneship A Shortfall of Gravitas in the Atlantic Ocean about eight minutes later. "
            "It was the 14th flight for the booster.")
UPI_HEAD = "Falcon 9 lofts 23 more Starlink satellites, booster lands on droneship"
UPI_BODY = ("A SpaceX Falcon 9 rocket carried 23 Starlink satellites into orbit from Cape Canaveral Space Force "
            "Station in Florida on Tuesday. Liftoff came at 8:31 pm local time. The first stage booster, flying "
            "for the 14th time, landed on the droneship A Shortfall of Gravitas in the Atlantic about eight "
            "minutes after launch.")
UPDATE_BODY = AFP_BODY + (" The launch brings the number of Starlink satellites sent to orbit this year to more "
                          "than 1,200, and SpaceX said a second launch from Vandenberg was planned for Friday.")
OTHER_HEAD = "SpaceX launches 21 Starlink satellites from Vandenberg"
OTHER_BODY = ("SpaceX launched 21 Starlink satellites from Vandenberg Space Force Base in California on Friday "
              "morning. The Falcon 9 rocket lifted off at 6:14 am local time and its first stage landed on the "
              "droneship Of Course I Still Love You in the Pacific Ocean. It was the 22nd flight for the booster.")
LATER = datetime(2024, 7, 3, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_two_agencies_and_a_later_update_end_as_one_story(wire):
    upi = services.story_from_item(item=wire("upi-wire", "upi-1", UPI_HEAD, UPI_BODY))
    afp = services.story_from_item(item=wire("afp-wire", "afp-1", AFP_HEAD, AFP_BODY, byline="AFP staff"))
    update = services.story_from_item(item=wire("afp-wire", "afp-1-update", AFP_HEAD, UPDATE_BODY,
                                                byline="AFP staff", published_at=LATER))

    assert upi.pk == afp.pk == update.pk
    story = Story.objects.get(pk=upi.pk)
    assert story.members.count() == 3
    # AFP (priority 90) outranks UPI (80); the later, fuller AFP take then leads.
    assert story.lead_item.guid == "afp-1-update" and "1,200" in story.body_text
    assert story.updated_at is not None and Story.objects.count() == 1
    roles = sorted(story.members.values_list("role", flat=True))
    assert roles == [StoryItem.Role.DUPLICATE, StoryItem.Role.DUPLICATE, StoryItem.Role.ORIGIN]


@pytest.mark.django_db
def test_two_launches_by_one_rocket_maker_stay_two_stories(wire):
    first = services.story_from_item(item=wire("afp-wire", "a", AFP_HEAD, AFP_BODY))
    second = services.story_from_item(item=wire("afp-wire", "b", OTHER_HEAD, OTHER_BODY))
    assert first.pk != second.pk


@pytest.mark.django_db
def test_dup1_the_same_item_twice_is_a_no_op(wire):
    item = wire("afp-wire", "x-1", AFP_HEAD, AFP_BODY)
    story = services.story_from_item(item=item)
    again = services.story_from_item(item=item)
    assert again.pk == story.pk and StoryItem.objects.count() == 1 and Story.objects.count() == 1
    assert Story.objects.get(pk=story.pk).revision == story.revision


@pytest.mark.django_db
def test_dup1_new_version_of_a_guid_updates_the_story(wire):
    story = services.story_from_item(item=wire("afp-wire", "v", AFP_HEAD, AFP_BODY))
    assert story.state == Story.State.PUBLISHED
    services.story_from_item(item=wire("afp-wire", "v", AFP_HEAD + " (update)", UPDATE_BODY, version=2))
    story.refresh_from_db()
    assert story.headline.endswith("(update)") and story.updated_at is not None
    assert story.members.count() == 2 and story.lead_item.version == 2


@pytest.mark.django_db(transaction=True)
def test_dup1_concurrent_workers_on_one_guid_make_one_story(wire):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's concurrent transactions")
    items = [wire("afp-wire", "race", AFP_HEAD, AFP_BODY),
             wire("afp-wire", "race", AFP_HEAD + " (update)", UPDATE_BODY, version=2)]
    barrier = threading.Barrier(2)
    errors = []

    def worker(item):
        try:
            barrier.wait()
            services.story_from_item(item=item)
        except Exception as exc:  # the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Story.objects.count() == 1 and StoryItem.objects.count() == 2


@pytest.mark.django_db
def test_dup2_a_guid_reused_by_another_source_never_overwrites(wire, untrusted_source):
    story = services.story_from_item(item=wire("afp-wire", "shared-id", AFP_HEAD, AFP_BODY))
    other = services.story_from_item(item=wire("scraped", "shared-id", "Totally different: Mars dust storm",
                                               "A dust storm covers the red planet, scientists at Jezero say.",
                                               version=9))
    story.refresh_from_db()
    assert other.pk != story.pk and story.headline == AFP_HEAD and story.members.count() == 1


@pytest.mark.django_db
def test_dup2_similar_copy_from_an_untrusted_source_only_links(wire, untrusted_source):
    story = services.story_from_item(item=wire("upi-wire", "u", UPI_HEAD, UPI_BODY))
    linked = services.story_from_item(item=wire("scraped", "s", AFP_HEAD, UPDATE_BODY, byline="Someone",
                                                published_at=LATER))
    story.refresh_from_db()
    assert linked.pk == story.pk
    assert story.headline == UPI_HEAD  # never takes over the copy
    assert story.members.get(item__source__slug="scraped").role == StoryItem.Role.LINKED


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(1, 2, 3), (3, 1, 2), (2, 3, 1), (3, 2, 1)])
def test_dup3_versions_in_any_order_end_with_the_newest(wire, order):
    bodies = {1: AFP_BODY, 2: AFP_BODY + " Version two.", 3: UPDATE_BODY}
    story = None
    for version in order:
        story = services.story_from_item(item=wire("afp-wire", "g", f"{AFP_HEAD} v{version}", bodies[version],
                                                   version=version))
    story.refresh_from_db()
    assert story.headline.endswith("v3") and story.lead_item.version == 3
    assert Story.objects.count() == 1
    stale = story.members.filter(role=StoryItem.Role.STALE).count()
    assert stale == sum(1 for i, v in enumerate(order) if v < max(order[:i + 1]))


@pytest.mark.django_db
def test_a_correction_carries_its_note(wire):
    services.story_from_item(item=wire("afp-wire", "c", AFP_HEAD, AFP_BODY))
    story = services.story_from_item(item=wire(
        "afp-wire", "c", AFP_HEAD, AFP_BODY.replace("14th", "15th"), version=2,
        correction="Corrects the booster's flight count to 15th, not 14th."))
    story.refresh_from_db()
    assert story.correction_note.startswith("Corrects the booster") and "15th" in story.body_text


@pytest.mark.django_db
def test_an_edited_story_keeps_the_editors_copy_on_a_wire_update(wire):
    story = services.story_from_item(item=wire("afp-wire", "e", AFP_HEAD, AFP_BODY))
    Story.objects.filter(pk=story.pk).update(headline="Editor's headline", edited=True)
    services.story_from_item(item=wire("afp-wire", "e", AFP_HEAD + " (update)", UPDATE_BODY, version=2))
    story.refresh_from_db()
    assert story.headline == "Editor's headline" and story.lead_item.version == 2


@pytest.mark.django_db
def test_a_story_expires_from_the_index_after_the_window(wire, time_machine):
    time_machine.move_to(datetime(2024, 7, 3, 12, 0, tzinfo=UTC))
    first = services.story_from_item(item=wire("afp-wire", "old", AFP_HEAD, AFP_BODY))
    time_machine.move_to(datetime(2024, 7, 3, 12, 0, tzinfo=UTC) + timedelta(days=8))
    later = services.story_from_item(item=wire("upi-wire", "new", UPI_HEAD, UPI_BODY))
    assert later.pk != first.pk


@pytest.mark.django_db
def test_an_index_entry_left_by_a_rolled_back_row_does_not_hide_a_new_row_with_its_id(wire):
    from dateline.desk import clusters

    first = services.story_from_item(item=wire("afp-wire", "a", AFP_HEAD, AFP_BODY))
    member = StoryItem.objects.get(story=first)
    clusters.get_index()  # the index now holds the item under its id and time
    # The same item id reappears with another time, as after a rollback or a test flush reused it.
    StoryItem.objects.filter(pk=member.pk).update(added_at=member.added_at + timedelta(seconds=1))
    joined = services.story_from_item(item=wire("upi-wire", "u", UPI_HEAD, UPI_BODY))
    assert joined.pk == first.pk
