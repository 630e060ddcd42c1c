"""PostgreSQL full-text backend: ``search_vector`` (generated, GIN-indexed) on ``publish_searchdocument``.

As on SQLite, only the newest CANDIDATES matches are ranked (``ts_rank_cd``, headline weight A over
body B): ranking every match of a common word would cost in proportion to the archive. Common words
are found by walking the scope's newest documents and testing each one's in-line vector (migration
0005), rare ones through the GIN index; either way the same candidates, scored in the same scan. The
count (capped at MAX_RESULTS, which CANDIDATES exceeds) comes from the candidates, and ``ts_headline``,
which re-parses the text, runs on the page's rows only. Measured by ``python -m bench publish_search``.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import connection

from dateline.publish.search.query import MARK_END, MARK_START, MAX_RESULTS, Query

CANDIDATES = 1000
assert CANDIDATES >= MAX_RESULTS  # noqa: S101 - the candidates are also the count
# A sample of the scope's newest documents tells dense words from rare ones (see ``candidates``).
SAMPLE = 500
# The walk tests at most this many of the scope's newest documents.
WINDOW = 8 * CANDIDATES

# plainto_tsquery ANDs the words and ignores every operator character, so input is never syntax.
# Only the scope below and the limits above are formatted into the SQL; every value is a parameter.
_NEWEST = ("SELECT d.article_id, d.site_id, d.search_vector FROM publish_searchdocument d WHERE {scope}"
           " ORDER BY {order} LIMIT {limit}")
_SAMPLE = ("SELECT numnode(q), (SELECT count(*) FROM ({newest}) c WHERE c.search_vector @@ q)"
           " FROM plainto_tsquery('english'::regconfig, %s) q")
# The walk: newest first down the scope's partial index (migrations 0005, 0006), each document tested on its
# in-line vector until CANDIDATES match. The inner LIMIT makes the walk the plan whatever the planner
# guesses about the words: it takes an AND of common words for far rarer than it is (it multiplies
# their frequencies) and intersects their long GIN posting lists instead, measured at 20-40 ms against
# 5-15 ms for the walk at 100,000 articles.
_WALK = ("SELECT c.article_id, ts_rank_cd(c.search_vector, q) FROM ({newest}) c,"
         " plainto_tsquery('english'::regconfig, %s) q"
         " WHERE c.search_vector @@ q ORDER BY {order} LIMIT {candidates}")
# Rare words: the planner's plan, the GIN index (one short posting list makes the intersection cheap).
# The score is computed outside the LIMIT: a plan that sorts the matches would otherwise rank them all.
_GIN = ("SELECT c.article_id, ts_rank_cd(c.search_vector, c.q) FROM ("
        " SELECT d.article_id, d.search_vector, q FROM publish_searchdocument d,"
        " plainto_tsquery('english'::regconfig, %s) q WHERE d.search_vector @@ q AND {scope}"
        " ORDER BY d.article_id DESC LIMIT {candidates}) c")
_HEADLINES = (
    "SELECT d.article_id, ts_headline('english'::regconfig, d.headline, q, %s),"
    " ts_headline('english'::regconfig, d.body, q, %s) FROM publish_searchdocument d,"
    " plainto_tsquery('english'::regconfig, %s) q WHERE d.article_id = ANY(%s)"
)
_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}"
HEADLINE_OPTIONS = _OPTIONS + ", HighlightAll=true"
SNIPPET_OPTIONS = _OPTIONS + ", MaxWords=35, MinWords=15, MaxFragments=2"


class _Scope(NamedTuple):
    where: str  # the partial index's predicate, so the planner can use it
    newest: str  # the index's own order, newest first
    params: list


def _scope(site_id: int | None, *, walk: bool = False) -> _Scope:
    """One site's documents (``site_newest`` index), or the canonical ones network-wide."""
    if site_id is None:
        return _Scope("d.is_canonical", "d.article_id DESC", [])
    if not walk:
        return _Scope("d.site_primary AND d.site_id = %s", "d.article_id DESC", [site_id])
    # For the walk, site_id = ANY(array) and site_id in the order: with "site_id = %s" the planner takes
    # the site as a constant, drops it from the order and may walk the primary key through every site.
    return _Scope("d.site_primary AND d.site_id = ANY(%s)", "d.site_id DESC, d.article_id DESC", [[site_id]])


def ranked(candidates: list[tuple[int, float]]) -> list[int]:
    """Best first: higher ``ts_rank_cd`` score, then the newer article (the higher id)."""
    return [pk for pk, _ in sorted(candidates, key=lambda c: (-c[1], -c[0]))]


def walk(cursor, words: str, site_id: int | None) -> list[tuple[int, float]]:
    """(id, score) of the matches among the scope's newest WINDOW documents, newest first, CANDIDATES at most."""
    scope = _scope(site_id, walk=True)
    newest = _NEWEST.format(scope=scope.where, order=scope.newest, limit=WINDOW)
    cursor.execute(_WALK.format(newest=newest, order=scope.newest.replace("d.", "c."), candidates=CANDIDATES),
                   [*scope.params, words])
    return cursor.fetchall()


def gin(cursor, words: str, site_id: int | None) -> list[tuple[int, float]]:
    """(id, score) of the scope's newest CANDIDATES matches, found through the GIN index."""
    scope = _scope(site_id)
    cursor.execute(_GIN.format(scope=scope.where, candidates=CANDIDATES), [words, *scope.params])
    return cursor.fetchall()


def candidates(cursor, words: str, site_id: int | None) -> list[tuple[int, float]]:
    """The scope's newest CANDIDATES matches with their scores: the same set whichever way finds them.

    Walking the newest documents costs in proportion to how many it must test, the GIN index in
    proportion to the posting lists of the words; a sample of the newest documents tells which is less.
    """
    scope = _scope(site_id, walk=True)
    newest = _NEWEST.format(scope=scope.where, order=scope.newest, limit=SAMPLE)
    cursor.execute(_SAMPLE.format(newest=newest), [*scope.params, words])
    lexemes, sampled = cursor.fetchone()
    if not lexemes:  # only stop words ("the"): nothing can match
        return []
    if sampled * WINDOW >= SAMPLE * CANDIDATES:  # dense enough to fill CANDIDATES within WINDOW
        found = walk(cursor, words, site_id)
        # CANDIDATES matches among the newest WINDOW documents are the newest CANDIDATES of all.
        if len(found) == CANDIDATES:
            return found
    return gin(cursor, words, site_id)


def run(query: Query, *, site_id: int | None, offset: int, limit: int) -> tuple[int, list[tuple[int, str, str]]]:
    """(matches counted up to MAX_RESULTS, [(article id, marked headline, marked snippet)])."""
    words = " ".join(query.terms)
    with connection.cursor() as cursor:
        order = ranked(candidates(cursor, words, site_id))[:MAX_RESULTS]
        page = order[offset:offset + limit]
        if not page:
            return len(order), []
        cursor.execute(_HEADLINES, [HEADLINE_OPTIONS, SNIPPET_OPTIONS, words, page])
        texts = {pk: (headline, snippet) for pk, headline, snippet in cursor.fetchall()}
    return len(order), [(pk, *texts[pk]) for pk in page if pk in texts]
