"""SQLite FTS5 backend: ``publish_search_fts`` over ``publish_searchdocument`` (migrations 0002, 0004).

The scope (one site, or the canonical pages network-wide) is a token column intersected with the
terms inside the index. Ranking, news-style: among the newest CANDIDATES matches, stories with every
term in the headline come first, then the others, newest first within each tier. Both lookups walk
the postings in rowid order and stop at their limit, so a word found in half the archive costs about
what a rare one does; bm25 was measured and dropped here: it first counts every match of every term
(its document frequencies), which at 100,000 articles cost 10-25 ms per query on its own.
"""

from __future__ import annotations

from django.db import connection

from dateline.publish.search.query import MAX_RESULTS, Query, fts5_match, mark_terms, snippet

CANDIDATES = 1000
_MATCHES = "SELECT rowid FROM publish_search_fts WHERE publish_search_fts MATCH %s"
# FTS5's own highlight()/snippet() re-run the MATCH per row (2 ms each at 100,000 articles);
# marking the ten shown texts in Python (query.mark_terms/snippet) costs a fraction of that.
_TEXTS = "SELECT article_id, headline, body FROM publish_searchdocument WHERE article_id IN ({})"


def match_expression(query: Query, site_id: int | None, columns: str = "headline body") -> str:
    """Every term in the given columns, and the scope token: ``dlsite<id>`` or ``dlcanon``."""
    scope = f"dlsite{int(site_id)}" if site_id is not None else "dlcanon"
    return f'{{{columns}}} : ({fts5_match(query)}) AND scope : "{scope}"'


def run(query: Query, *, site_id: int | None, offset: int, limit: int) -> tuple[int, list[tuple[int, str, str]]]:
    """(matches counted up to MAX_RESULTS, [(article id, marked headline, marked snippet)])."""
    match = match_expression(query, site_id)
    with connection.cursor() as cursor:
        cursor.execute(f"{_MATCHES} ORDER BY rowid DESC LIMIT {CANDIDATES}", [match])  # noqa: S608
        candidates = [row[0] for row in cursor.fetchall()]
        if not candidates:
            return 0, []
        cursor.execute(f"{_MATCHES} AND rowid >= %s ORDER BY rowid DESC LIMIT {MAX_RESULTS}",  # noqa: S608
                       [match_expression(query, site_id, "headline"), candidates[-1]])
        in_headline = [row[0] for row in cursor.fetchall()]
        first = set(in_headline)
        ranked = (in_headline + [pk for pk in candidates if pk not in first])[:MAX_RESULTS]
        page = ranked[offset:offset + limit]
        if not page:
            return len(ranked), []
        cursor.execute(_TEXTS.format(", ".join(["%s"] * len(page))), page)  # noqa: S608 - placeholders only
        texts = {pk: (headline, body) for pk, headline, body in cursor.fetchall()}
        rows = [(pk, mark_terms(texts[pk][0], query), snippet(texts[pk][1], query)) for pk in page if pk in texts]
        return len(ranked), rows
