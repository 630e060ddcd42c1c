"""Information value: a documented 0–100 score whose components editors can read."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from dateline.desk import infovalue, services
from dateline.desk.models import Story

NOW = datetime(2024, 7, 3, 12, 0, tzinfo=UTC)
BASE = infovalue.Facts(topic_fit=0.8, published_at=NOW, agency_priority=90, urgency=3, sources=1, completeness=4)


def test_the_score_is_the_sum_of_weighted_components_and_explains_each():
    score, explain = infovalue.score(BASE, now=NOW)
    assert score == pytest.approx(sum(c["points"] for c in explain["components"].values()), abs=0.05)
    assert set(explain["components"]) == set(infovalue.WEIGHTS) and 0 < score <= 100


def test_freshness_halves_every_half_life():
    parts = infovalue.components(BASE, now=NOW + timedelta(hours=infovalue.HALF_LIFE_HOURS))
    assert parts["freshness"] == pytest.approx(0.5)


@pytest.mark.parametrize(("field", "better", "worse"), [
    ("sources", 3, 1), ("agency_priority", 90, None), ("urgency", 1, 8), ("topic_fit", 0.95, 0.4),
    ("completeness", 5, 1),
])
def test_each_component_raises_the_score(field, better, worse):
    high, _ = infovalue.score(replace(BASE, **{field: better}), now=NOW)
    low, _ = infovalue.score(replace(BASE, **{field: worse}), now=NOW)
    assert high > low


def test_more_sources_saturate_at_four():
    four = infovalue.components(replace(BASE, sources=4), now=NOW)["sources"]
    nine = infovalue.components(replace(BASE, sources=9), now=NOW)["sources"]
    assert four == nine == 1.0


@pytest.mark.django_db
def test_a_story_carries_its_score_and_a_second_agency_raises_it(wire, time_machine):
    time_machine.move_to(datetime(2024, 7, 3, 10, 30, tzinfo=UTC))
    head = "Perseverance rover drills rock core on Jezero crater rim"
    body = ("NASA's Perseverance rover drilled its 25th rock core from a rock nicknamed Silver Mountain on the "
            "rim of Jezero crater, adding that minerals show the rock was altered by water on Mars.")
    story = services.story_from_item(item=wire("upi-wire", "p1", head, body))
    first = story.info_value
    assert first > 0 and story.info_explain["components"]["topic_fit"]["value"] > 0
    services.story_from_item(item=wire("ians-wire", "p2", head, body + " Scientists were delighted."))
    story = Story.objects.get(pk=story.pk)
    assert story.info_explain["sources"] == 2 and story.info_value > first
