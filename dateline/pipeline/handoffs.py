"""The one place that knows the order of stages: each stage's signal starts the next stage.

ingest ──wire_item_stored──► desk ──story_changed──► publish ──articles_changed──► (caches, related, boxes)

Handlers run after the sender's transaction commits (the signals are sent from ``on_commit``),
so a later stage never sees uncommitted rows and a failure downstream never loses ingested bytes.
"""

from __future__ import annotations

import logging

from django.conf import settings

from dateline.desk import services as desk
from dateline.desk.signals import story_changed
from dateline.ingest.signals import wire_item_stored
from dateline.network.models import Site
from dateline.network.signals import network_changed
from dateline.publish import cache as page_cache
from dateline.publish import services as publish
from dateline.publish.export import export_changed
from dateline.publish.search import search_index_sync
from dateline.publish.signals import articles_changed

log = logging.getLogger("dateline.pipeline")


def on_wire_item(sender, item, created, **kwargs) -> None:
    desk.story_from_item(item=item)


def on_story_changed(sender, story, **kwargs) -> None:
    publish.articles_sync(story=story)


def on_articles_changed_search(sender, story, **kwargs) -> None:
    # Synchronous on purpose: a killed story must leave search at once (THREATS WIRE-1).
    search_index_sync(story=story)


def on_articles_changed(sender, story, articles, **kwargs) -> None:
    # Related Content first (pages read it), then the sister boxes, then the purge that makes both visible.
    publish.related_refresh(story=story)
    publish.sister_boxes_refresh(articles=articles)
    publish.pages_purge(articles=articles)


def on_articles_changed_export(sender, story, **kwargs) -> None:
    # Last: the exported pages must show what the other handlers (search, related, boxes) just wrote.
    if settings.DATELINE_EXPORT_DIR:
        export_changed(story=story)


def on_network_changed(sender, **kwargs) -> None:
    # Every site's pages show the configuration (and the consent banner its policy version, GDPR-5).
    page_cache.bump(Site.objects.values_list("pk", flat=True))


def connect() -> None:
    wire_item_stored.connect(on_wire_item, dispatch_uid="pipeline.wire_item")
    story_changed.connect(on_story_changed, dispatch_uid="pipeline.story_changed")
    articles_changed.connect(on_articles_changed_search, dispatch_uid="pipeline.search")
    articles_changed.connect(on_articles_changed, dispatch_uid="pipeline.articles_changed")
    articles_changed.connect(on_articles_changed_export, dispatch_uid="pipeline.export")
    network_changed.connect(on_network_changed, dispatch_uid="pipeline.network_changed")
