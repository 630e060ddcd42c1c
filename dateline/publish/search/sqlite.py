"""SQLite FTS5 backend: ``publish_search_fts`` over ``publish_searchdocument`` (migration 0002)."""

from __future__ import annotations

from django.db import connection

from dateline.publish.search.query import MARK_END, MARK_START, MAX_RESULTS, Query, fts5_match

# bm25 column weights: a term in the headline counts eight times one in the body.
_RANK = "bm25(publish_search_fts, 8.0, 1.0)"
_FROM = ("FROM publish_search_fts JOIN publish_searchdocument d ON d.article_id = publish_search_fts.rowid"
         " WHERE publish_search_fts MATCH %s AND {scope}")


def _scope(site_id: int | None) -> tuple[str, list]:
    if site_id is None:
        return "d.is_canonical", []
    return "d.site_id = %s AND d.site_primary", [site_id]


def run(query: Query, *, site_id: int | None, offset: int, limit: int) -> tuple[int, list[tuple[int, str, str]]]:
    """(matches counted up to MAX_RESULTS, [(article id, marked headline, marked snippet)])."""
    scope, params = _scope(site_id)
    match = fts5_match(query)
    base = _FROM.format(scope=scope)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {MAX_RESULTS})",  # noqa: S608
                       [match, *params])
        total = cursor.fetchone()[0]
        if not total or offset >= total:
            return total, []
        # Only module constants are formatted into the SQL; every value is a parameter.
        cursor.execute(
            f"SELECT d.article_id, highlight(publish_search_fts, 0, %s, %s),"  # noqa: S608
            f" snippet(publish_search_fts, 1, %s, %s, '…', 32) {base}"
            f" ORDER BY {_RANK}, d.published_at DESC LIMIT %s OFFSET %s",
            [MARK_START, MARK_END, MARK_START, MARK_END, match, *params, limit, offset],
        )
        return total, [(row[0], row[1], row[2]) for row in cursor.fetchall()]
