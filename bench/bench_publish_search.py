"""Search latency (p50/p95) on the generated archive, per site and network-wide, next to its lower bound.

    python -m bench publish_search [--smoke]

Dateline's ``search()`` (match, rank, count capped at 200, highlight, load the page's articles) is
measured next to the bare full-text lookup of ten matching ids with no ranking, count or highlighting
(the least any search must do on the same index). Goal (issue 6): p95 ≤ 50 ms on 100,000 articles.
Also: Related Content computation at publish (``publish.services.related_refresh``) next to the
candidate query alone.
"""

from __future__ import annotations

import os
import time

from bench import publish_archive

QUERIES = ["mars", "rover", "launch satellite", "nasa budget", "orbital debris collision",
           "europa ice water", "anti-satellite missile warning", "helicopter", "zzzunknownword", "the"]


def _lower_bound(vendor: str, query) -> None:
    from django.db import connection

    from dateline.publish.search.query import fts5_match

    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("SELECT rowid FROM publish_search_fts WHERE publish_search_fts MATCH %s LIMIT 10",
                           [fts5_match(query)])
        else:
            cursor.execute("SELECT article_id FROM publish_searchdocument"
                           " WHERE search_vector @@ plainto_tsquery('english'::regconfig, %s) LIMIT 10",
                           [" ".join(query.terms)])
        cursor.fetchall()


def _related_candidates(story) -> list:
    """The candidate query of ``related_refresh`` as it runs (texts come from its per-version term cache)."""
    from datetime import timedelta

    from dateline.publish import services
    from dateline.publish.models import Article

    when, window = story.published_at, timedelta(days=services.RELATED_WINDOW_DAYS)
    return list(Article.objects.filter(status=Article.Status.LIVE, is_canonical=True,
                                       published_at__gte=when - window, published_at__lte=when + window)
                .exclude(story=story).order_by("-published_at", "-pk")
                .values_list("pk", "story__modified_at", "published_at")[:services.RELATED_CANDIDATES])


def _timed(fn, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(smoke: bool) -> dict:
    publish_archive.setup()
    from django.db import connection

    from dateline.desk.models import Story
    from dateline.network.models import Site
    from dateline.publish import services
    from dateline.publish.search import parse, search

    n = publish_archive.size(smoke)
    archive = publish_archive.ensure(n)
    vendor = connection.vendor
    rounds = 3 if smoke else 20
    scopes = [None, *Site.objects.all()[:3]]
    ours: list[float] = []
    bound: list[float] = []
    for text in QUERIES:
        query = parse(text)
        for site in scopes:
            search(query=query, site=site)  # warm the page cache of the database
            ours += _timed(lambda q=query, s=site: search(query=q, site=s), rounds)
            bound += _timed(lambda q=query: _lower_bound(vendor, q), rounds)
    figures = {
        "articles": archive["articles"], "database": vendor, "searches": len(ours),
        "search_p50_ms": round(publish_archive.percentile(ours, 50), 2),
        "search_p95_ms": round(publish_archive.percentile(ours, 95), 2),
        "lookup_p50_ms": round(publish_archive.percentile(bound, 50), 2),
        "lookup_p95_ms": round(publish_archive.percentile(bound, 95), 2),
    }
    figures["p95_ratio_to_lookup"] = round(figures["search_p95_ms"] / max(figures["lookup_p95_ms"], 1e-6), 1)
    # Timings on a shared machine mean little without the load they were taken under.
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(f"   search on {vendor}, {archive['articles']:,} articles, {len(ours)} searches:"
          f" p50 {figures['search_p50_ms']} ms, p95 {figures['search_p95_ms']} ms (goal ≤ 50 ms);"
          f" bare lookup p50 {figures['lookup_p50_ms']} ms, p95 {figures['lookup_p95_ms']} ms;"
          f" p95 ratio {figures['p95_ratio_to_lookup']}×; load average {figures['load_average_1min']}", flush=True)

    stories = list(Story.objects.filter(agency=publish_archive.MARK).order_by("-published_at")[: 3 if smoke else 20])
    related: list[float] = []
    candidates: list[float] = []
    for story in stories:
        related += _timed(lambda s=story: services.related_refresh(story=s), 1)
        candidates += _timed(lambda s=story: _related_candidates(s), 1)
    figures.update({
        "related_p50_ms": round(publish_archive.percentile(related, 50), 1),
        "related_p95_ms": round(publish_archive.percentile(related, 95), 1),
        "related_candidates_query_p50_ms": round(publish_archive.percentile(candidates, 50), 1),
    })
    print(f"   related content at publish ({len(stories)} stories): p50 {figures['related_p50_ms']} ms,"
          f" p95 {figures['related_p95_ms']} ms; its candidate query alone p50"
          f" {figures['related_candidates_query_p50_ms']} ms", flush=True)
    return figures
