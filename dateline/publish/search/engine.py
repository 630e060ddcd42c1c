"""Run a query on the database's own full-text engine and turn rows into highlighted hits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.utils.safestring import SafeString

from dateline.network.models import Site
from dateline.publish.models import Article
from dateline.publish.search import postgres, sqlite
from dateline.publish.search.query import MAX_RESULTS, PER_PAGE, Query, highlighted

Runner = Callable[..., tuple[int, list[tuple[int, str, str]]]]
# The explicit registry of backends, chosen by database vendor (DESIGN style 6).
BACKENDS: dict[str, Runner] = {"sqlite": sqlite.run, "postgresql": postgres.run}


@dataclass(frozen=True)
class Hit:
    article: Article
    headline: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class Results:
    query: Query
    page: int
    total: int  # counted up to MAX_RESULTS
    hits: list[Hit]

    @property
    def has_next(self) -> bool:
        return self.page * PER_PAGE < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def capped(self) -> bool:
        return self.total >= MAX_RESULTS


def backend_for(vendor: str) -> Runner:
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"no full-text search backend for database vendor {vendor!r}") from None


def search(*, query: Query, site: Site | None, page: int = 1) -> Results:
    """Live articles matching every term, best first: one site's, or the network's canonical pages."""
    if not query.terms:
        return Results(query=query, page=page, total=0, hits=[])
    offset = (page - 1) * PER_PAGE
    total, rows = backend_for(connection.vendor)(query, site_id=site.pk if site else None,
                                                 offset=offset, limit=PER_PAGE)
    articles = Article.objects.select_related("story", "site", "section").in_bulk([r[0] for r in rows])
    hits = [Hit(article=articles[pk], headline=highlighted(head), snippet=highlighted(snip))
            for pk, head, snip in rows if pk in articles and articles[pk].status == Article.Status.LIVE]
    return Results(query=query, page=page, total=total, hits=hits)
