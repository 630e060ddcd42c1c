"""Sister-site headline boxes: the latest four headlines of each sister site, refreshed on publish.

A site's boxes are computed when an article of one of its sisters changes and kept in the Django
cache; a page only reads them (a cold cache computes them once).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache

from dateline.network.models import SisterBox, Site
from dateline.publish.models import Article

PER_BOX = 4


def _key(site_id: int) -> str:
    # Versioned: a cache filled by an older release holds another shape and must simply miss.
    return f"dateline:boxes:v2:{site_id}"


def compute(site: Site) -> list[dict]:
    boxes = []
    for box in SisterBox.objects.filter(site=site).select_related("sister").order_by("position", "pk"):
        sister = box.sister
        latest = (Article.objects.filter(site=sister, status=Article.Status.LIVE)
                  .select_related("story", "section").order_by("-published_at", "-pk")[:PER_BOX])
        # Paths only: the scheme and port are the serving process's (the worker may not know them).
        boxes.append({"name": sister.name, "host": sister.host,
                      "headlines": [{"headline": a.story.headline, "path": a.get_absolute_url()} for a in latest]})
    return boxes


def _absolute(boxes: list[dict]) -> list[dict]:
    shown = []
    for box in boxes:
        base = Site(host=box["host"])
        shown.append({"name": box["name"], "url": base.absolute("/"),
                      "headlines": [{"headline": h["headline"], "url": base.absolute(h["path"])}
                                    for h in box["headlines"]]})
    return shown


def for_site(site: Site) -> list[dict]:
    boxes = cache.get(_key(site.pk))
    if boxes is None:
        boxes = compute(site)
        cache.set(_key(site.pk), boxes, None)
    return _absolute(boxes)


def refresh(sister_ids: Iterable[int]) -> list[int]:
    """Recompute the boxes of every site showing one of these sites; returns the refreshed site ids."""
    site_ids = sorted(set(SisterBox.objects.filter(sister_id__in=list(sister_ids)).values_list("site_id", flat=True)))
    for site in Site.objects.filter(pk__in=site_ids):
        cache.set(_key(site.pk), compute(site), None)
    return site_ids
