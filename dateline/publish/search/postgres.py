"""PostgreSQL full-text backend: ``search_vector`` (generated, GIN-indexed) on ``publish_searchdocument``.

As on SQLite, only the newest CANDIDATES matches are ranked (``ts_rank_cd``, headline weight A over
body B): ranking every match of a common word would cost in proportion to the archive.
"""

from __future__ import annotations

from django.db import connection

from dateline.publish.search.query import MARK_END, MARK_START, MAX_RESULTS, Query

# plainto_tsquery ANDs the words and ignores every operator character, so input is never syntax.
_FROM = ("FROM publish_searchdocument d, plainto_tsquery('english'::regconfig, %s) q"
         " WHERE d.search_vector @@ q AND {scope}")
_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}"
CANDIDATES = 1000


def _scope(site_id: int | None) -> tuple[str, list]:
    if site_id is None:
        return "d.is_canonical", []
    return "d.site_id = %s AND d.site_primary", [site_id]


def run(query: Query, *, site_id: int | None, offset: int, limit: int) -> tuple[int, list[tuple[int, str, str]]]:
    """(matches counted up to MAX_RESULTS, [(article id, marked headline, marked snippet)])."""
    scope, params = _scope(site_id)
    words = " ".join(query.terms)
    base = _FROM.format(scope=scope)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {MAX_RESULTS}) t",  # noqa: S608
                       [words, *params])
        total = cursor.fetchone()[0]
        if not total or offset >= total:
            return total, []
        # Rank and cut the page first; ts_headline (costly) runs on that page only.
        # Only module constants are formatted into the SQL; every value is a parameter.
        cursor.execute(
            f"SELECT p.article_id, ts_headline('english'::regconfig, p.headline, p.q, %s),"  # noqa: S608
            f" ts_headline('english'::regconfig, p.body, p.q, %s) FROM ("
            f" SELECT c.article_id, c.headline, c.body, c.q, ts_rank_cd(c.search_vector, c.q) AS score FROM ("
            f" SELECT d.article_id, d.headline, d.body, d.search_vector, q {base}"
            f" ORDER BY d.article_id DESC LIMIT {CANDIDATES}) c"
            f" ORDER BY score DESC, c.article_id DESC LIMIT %s OFFSET %s) p"
            f" ORDER BY p.score DESC, p.article_id DESC",
            [_OPTIONS + ", HighlightAll=true", _OPTIONS + ", MaxWords=35, MinWords=15, MaxFragments=2",
             words, *params, limit, offset],
        )
        return total, [(row[0], row[1], row[2]) for row in cursor.fetchall()]
