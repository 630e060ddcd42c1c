"""Two workers racing on the same item end with one row, and one current version (THREATS DUP-1).

Threads share the test database (PostgreSQL or SQLite, whichever the run uses); each opens its own
connection, so the database's constraints, not Python, settle the race.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from dateline.ingest.formats.base import ParsedItem
from dateline.ingest.models import WireItem
from dateline.ingest.services import raw_payload_store, wire_item_store

WORKERS = 4

# SQLite's in-memory test database is shared-cache: it reports "table is locked" at once instead of
# waiting, which no file database does. The SQLite race runs in processes on a real file instead
# (test_processes.py); here the threads race on PostgreSQL.
pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="threads race on PostgreSQL; SQLite races in test_processes.py")


def race(source, items):
    barrier = threading.Barrier(len(items))
    outcomes, errors = [], []

    def work(item):
        try:
            payload = raw_payload_store(data=b"race " + item.headline.encode(), source=source, origin="race")
            barrier.wait(timeout=10)
            outcomes.append(wire_item_store(source=source, payload=payload, fmt="test", item=item))
        except Exception as exc:  # reported below: a race must not surface as an error
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return sorted(outcomes)


def item(headline="Launch window opens", version=None):
    return ParsedItem(guid="urn:race:1", headline=headline, version=version,
                      published=datetime(2024, 7, 1, 10, tzinfo=UTC))


@pytest.mark.django_db(transaction=True)
def test_dup1_racing_workers_with_the_same_item_store_one_row(make_source):
    source = make_source()
    outcomes = race(source, [item() for _ in range(WORKERS)])
    assert outcomes == ["duplicate"] * (WORKERS - 1) + ["new"]
    assert WireItem.objects.filter(source=source).count() == 1


@pytest.mark.django_db(transaction=True)
def test_dup1_racing_new_versions_leave_exactly_one_current(make_source):
    source = make_source()
    wire_item_store(source=source, payload=raw_payload_store(data=b"v1", source=source, origin="race"),
                    fmt="test", item=item(version=1))
    outcomes = race(source, [item(f"Launch update {v}", version=v) for v in range(2, 2 + WORKERS)])
    assert len(outcomes) == WORKERS and "new" not in outcomes
    assert WireItem.objects.filter(source=source).count() == WORKERS + 1
    current = WireItem.objects.get(source=source, is_current=True)
    assert current.version == WORKERS + 1  # the highest declared version wins, whatever the timing
