"""Full-text search over the archive, per site and network-wide, behind one small interface.

``search(query=parse(text), site=…, page=…)`` runs on SQLite FTS5 or PostgreSQL full-text search,
whichever the database is; ``search_index_sync(story=…)`` keeps the index in step (called on
``articles_changed`` by ``dateline.pipeline.handoffs``).
"""

from dateline.publish.search.engine import BACKENDS, Hit, Results, search
from dateline.publish.search.index import search_index_rebuild, search_index_sync
from dateline.publish.search.query import (
    MAX_PAGES,
    MAX_QUERY_CHARS,
    PER_PAGE,
    Query,
    QueryError,
    page_number,
    parse,
)

__all__ = ["BACKENDS", "MAX_PAGES", "MAX_QUERY_CHARS", "PER_PAGE", "Hit", "Query", "QueryError", "Results",
           "page_number", "parse", "search", "search_index_rebuild", "search_index_sync"]
