"""Idempotence and versions (THREATS DUP-1, DUP-2, DUP-3): keys, repeats, newer and older versions."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from dateline.ingest.formats.base import ParsedItem
from dateline.ingest.models import WireItem
from dateline.ingest.services import raw_payload_store, wire_item_store
from dateline.ingest.versions import content_hash, is_newer, normalise_guid


def item(guid="urn:wire:1", headline="Launch delayed", version=None, updated=None, body="Body."):
    return ParsedItem(guid=guid, headline=headline, version=version, updated=updated, body_text=body,
                      published=datetime(2024, 7, 1, 10, tzinfo=UTC))


def store(source, parsed):
    payload = raw_payload_store(data=repr(parsed).encode(), source=source, origin="test")
    return wire_item_store(source=source, payload=payload, fmt="test", item=parsed)


def test_dup1_guid_whitespace_and_invisible_variants_are_one_key():
    assert normalise_guid("  urn:wire:1 ") == normalise_guid("urn:wire:1\u200b") == normalise_guid("urn:wire:1")
    assert normalise_guid("http://x/A") != normalise_guid("http://x/a")  # case matters in URLs


def test_dup1_missing_guid_falls_back_to_link():
    assert normalise_guid("", fallback="http://x/story") == "http://x/story"


def test_dup1_very_long_guids_stay_distinct():
    a, b = "x" * 600 + "a", "x" * 600 + "b"
    assert normalise_guid(a) != normalise_guid(b) and len(normalise_guid(a)) <= 500


def test_dup1_content_hash_ignores_warnings_and_whitespace_only_changes():
    plain = item(body="Rocket  launched.\n")
    warned = item(body="Rocket launched.")
    warned.warnings = ["date_invalid"]
    assert content_hash(plain) == content_hash(warned)
    assert content_hash(item(body="Rocket scrubbed.")) != content_hash(plain)


def test_dup3_declared_versions_decide_then_times():
    assert is_newer(version=3, stamp=None, current_version=2, current_declared=True, current_stamp=None)
    assert not is_newer(version=1, stamp=None, current_version=2, current_declared=True, current_stamp=None)
    t1, t2 = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC)
    assert not is_newer(version=None, stamp=t1, current_version=None, current_declared=False, current_stamp=t2)
    assert is_newer(version=None, stamp=None, current_version=None, current_declared=False, current_stamp=t2)


@pytest.mark.django_db
def test_dup1_exact_repeat_is_a_no_op(make_source):
    source = make_source()
    assert store(source, item()) == "new"
    assert store(source, item()) == "duplicate"
    assert store(source, item(guid=" urn:wire:1\t")) == "duplicate"
    assert WireItem.objects.count() == 1


@pytest.mark.django_db
def test_dup1_new_content_for_a_guid_is_a_new_current_version(make_source):
    source = make_source()
    store(source, item())
    assert store(source, item(headline="Launch delayed to Friday")) == "updated"
    rows = list(WireItem.objects.order_by("version").values_list("version", "is_current", "headline"))
    assert rows == [(1, False, "Launch delayed"), (2, True, "Launch delayed to Friday")]


@pytest.mark.django_db
def test_dup2_guid_collision_from_another_source_never_overwrites(make_source):
    trusted, other = make_source("trusted"), make_source("other")
    store(trusted, item(headline="Real story"))
    assert store(other, item(headline="Hijacked headline")) == "new"
    mine = WireItem.objects.get(source=trusted)
    assert (mine.headline, mine.is_current, mine.version) == ("Real story", True, 1)
    assert WireItem.objects.filter(source=other, is_current=True).count() == 1


VERSIONS = [item(version=v, headline=f"Launch update {v}") for v in (1, 2, 3)]


@pytest.mark.django_db
@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_dup3_out_of_order_versions_leave_the_same_result(make_source, order):
    source = make_source()
    outcomes = [store(source, VERSIONS[i]) for i in order]
    current = WireItem.objects.get(is_current=True)
    assert (current.version, current.headline) == (3, "Launch update 3")
    assert sorted(WireItem.objects.values_list("version", flat=True)) == [1, 2, 3]
    assert outcomes.count("new") == 1
    # Every version older than the current one at its arrival is recorded as stale, never current.
    for position, index in enumerate(order):
        seen_before = max(order[:position], default=-1)
        assert outcomes[position] == ("new" if position == 0 else "stale" if index < seen_before else "updated")


@pytest.mark.django_db
def test_dup3_late_older_item_without_version_is_ordered_by_its_update_time(make_source):
    source = make_source()
    newer = item(headline="Second take", updated=datetime(2024, 7, 1, 12, tzinfo=UTC))
    older = item(headline="First take", updated=datetime(2024, 7, 1, 11, tzinfo=UTC))
    assert store(source, newer) == "new"
    assert store(source, older) == "stale"
    assert WireItem.objects.get(is_current=True).headline == "Second take"
    assert store(source, older) == "duplicate"  # the late arrival replayed is still nothing new


@pytest.mark.django_db
def test_dup3_stale_versions_send_no_signal(make_source):
    from dateline.ingest.signals import wire_item_stored

    source = make_source()
    sent = []

    def receiver(sender, item, created, **kwargs):
        sent.append((item.version, created))

    wire_item_stored.connect(receiver, dispatch_uid="test-dup3")
    try:
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            store(source, VERSIONS[1])
            store(source, VERSIONS[0])
            store(source, VERSIONS[2])
    finally:
        wire_item_stored.disconnect(dispatch_uid="test-dup3")
    assert sent == [(2, True), (3, False)]


@pytest.mark.django_db(transaction=True)
def test_a_failing_later_stage_never_fails_ingest(make_source, caplog):
    from dateline.ingest.signals import wire_item_stored

    def broken(sender, item, created, **kwargs):
        raise RuntimeError("desk is down")

    source = make_source()
    wire_item_stored.connect(broken, dispatch_uid="test-broken")
    try:
        assert store(source, item()) == "new"
    finally:
        wire_item_stored.disconnect(dispatch_uid="test-broken")
    assert WireItem.objects.filter(source=source).count() == 1
    assert "a later stage failed" in caplog.text
