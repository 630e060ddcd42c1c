"""Reads of the network configuration."""

from __future__ import annotations

from django.db.models import Prefetch

from dateline.network.models import Network, Section, Site


def network_get() -> Network | None:
    return Network.objects.first()


def site_for_host(host: str) -> Site | None:
    """The site whose host matches the request host (port stripped, case-folded)."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return Site.objects.filter(host=name.lower()).first()


def site_list() -> list[Site]:
    return list(Site.objects.prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("position"))))


def section_get(*, site: Site, slug: str) -> Section | None:
    return Section.objects.filter(site=site, slug=slug).first()
