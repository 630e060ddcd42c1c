"""PostgreSQL search: the two ways to the newest matches agree, and the storage they rely on is in place.

Only on PostgreSQL (``DATABASE_URL=postgres://…``); SQLite has its own FTS5 backend. The limits are
shrunk so a handful of stories stands in for an archive of 100,000 (bench/bench_publish_search.py).
"""

from __future__ import annotations

import pytest
from django.db import connection

from dateline.publish.search import parse, postgres, search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text backend: run with DATABASE_URL=postgres://…")


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(postgres, "CANDIDATES", 3)
    monkeypatch.setattr(postgres, "WINDOW", 6)
    monkeypatch.setattr(postgres, "SAMPLE", 4)


@pytest.fixture
def archive(publish):
    """Twelve stories, oldest first: every one mentions the comet, every fourth one the probe too."""
    return [publish(f"Comet story {n}", "A comet" + (" and a probe" if n % 4 == 0 else ""))[0] for n in range(12)]


def ids(rows) -> list[int]:
    return [pk for pk, _ in rows]


def test_the_walk_finds_the_newest_matches_and_the_gin_index_the_same_ones(small_limits, archive):
    newest = [a.pk for a in reversed(archive)][:3]
    with connection.cursor() as cursor:
        for site_id in (None, archive[0].site_id):
            walked, indexed = postgres.walk(cursor, "comet", site_id), postgres.gin(cursor, "comet", site_id)
            assert ids(walked) == ids(indexed) == newest
            assert walked == indexed  # the same scores too


def test_a_word_too_rare_for_the_walk_window_is_found_through_the_gin_index(small_limits, archive):
    probes = [a.pk for a in reversed(archive) if "probe" in a.story.body_text]
    with connection.cursor() as cursor:
        assert len(postgres.walk(cursor, "probe", None)) < 3  # the newest six hold one probe story only
        assert ids(postgres.candidates(cursor, "probe", None)) == probes
        assert ids(postgres.candidates(cursor, "comet", None)) == [a.pk for a in reversed(archive)][:3]


def test_the_count_and_the_pages_come_from_the_ranked_candidates(monkeypatch, archive):
    monkeypatch.setattr("dateline.publish.search.engine.PER_PAGE", 5)
    first = search(query=parse("comet"), site=None)
    assert first.total == 12
    assert [h.article.pk for h in first.hits] == [a.pk for a in reversed(archive)][:5]


def test_only_stop_words_find_nothing_and_never_reach_the_index(archive):
    assert search(query=parse("the of and"), site=None).total == 0


def test_the_vector_stays_in_the_row_and_the_body_may_leave_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'publish_searchdocument'::regclass"
                       " AND attname IN ('search_vector', 'body')")
        assert dict(cursor.fetchall()) == {"search_vector": "m", "body": "e"}
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'publish_searchdocument'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"publish_searchdocument_site_newest", "publish_searchdocument_canonical_recent"} <= names
