"""Writes to the network configuration. ``network_load`` applies a validated spec in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from dateline.network.config import NetworkSpec
from dateline.network.models import (
    Agency,
    Network,
    NewsletterConfig,
    RelatedLink,
    Section,
    SisterBox,
    Site,
    Source,
)
from dateline.network.signals import network_changed


@dataclass
class Changes:
    lines: list[str] = field(default_factory=list)

    def add(self, verb: str, what: str) -> None:
        self.lines.append(f"{verb} {what}")

    @property
    def changed(self) -> bool:
        return any(not line.startswith("kept") for line in self.lines)


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], label: str,
            changes: Changes) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model._default_manager.create(**lookup, **values)
        changes.add("created", label)
        return obj
    diff = [name for name, value in values.items() if getattr(obj, name) != value]
    if diff:
        for name in diff:
            setattr(obj, name, values[name])
        obj.save(update_fields=diff)
        changes.add("updated", f"{label} ({', '.join(diff)})")
    return obj


def _sync_list(queryset: models.QuerySet, wanted: list[tuple[Any, ...]], make, key, label: str,
               changes: Changes) -> None:
    """Replace an ordered child list only when it differs, so a re-load reports nothing."""
    current = [key(obj) for obj in queryset]
    if current == wanted:
        return
    queryset.delete()
    for position, item in enumerate(wanted):
        make(position, item)
    changes.add("updated", label)


@transaction.atomic
def network_load(*, spec: NetworkSpec) -> Changes:
    changes = Changes()
    network = Network.objects.first()
    values = {
        "name": spec.name, "host": spec.host, "publisher": spec.publisher, "contact_email": spec.contact_email,
        "curation_statement": spec.curation_statement, "privacy_policy_version": spec.privacy_policy_version,
        "privacy_extra": spec.privacy_extra,
    }
    _upsert(Network, {"pk": network.pk} if network else {"pk": 1}, values, f"network {spec.name!r}", changes)

    for a in spec.agencies:
        _upsert(Agency, {"code": a.code},
                {"name": a.name, "copyright": a.copyright, "priority": a.priority, "aliases": a.aliases},
                f"agency {a.code}", changes)

    sites: dict[str, Site] = {}
    for position, s in enumerate(spec.sites):
        site = _upsert(Site, {"slug": s.slug},
                       {"name": s.name, "host": s.host, "tagline": s.tagline, "language": s.language,
                        "position": position, "ads": s.ads},
                       f"site {s.slug}", changes)
        sites[s.slug] = site
        for sec_pos, sec in enumerate(s.sections):
            section = _upsert(
                Section, {"site": site, "slug": sec.slug},
                {"title": sec.title, "description": sec.description, "keywords": sec.keywords,
                 "position": sec_pos, "auto_publish_threshold": sec.auto_publish_threshold,
                 "review_threshold": sec.review_threshold},
                f"section {s.slug}/{sec.slug}", changes)
            _sync_list(
                section.related_links.order_by("position"),
                [(link.text, link.url) for link in sec.related_links],
                lambda pos, item, section=section: RelatedLink.objects.create(
                    section=section, text=item[0], url=item[1], position=pos),
                lambda obj: (obj.text, obj.url),
                f"related links of {s.slug}/{sec.slug}", changes)
        kept_sections = site.sections.exclude(slug__in=[sec.slug for sec in s.sections])
        for section in kept_sections:
            changes.add("kept", f"section {s.slug}/{section.slug} (not in file; remove it in the admin)")
        if s.newsletter:
            n = s.newsletter
            _upsert(NewsletterConfig, {"site": site},
                    {"name": n.name, "from_email": n.from_email, "send_time": n.send_time, "timezone": n.timezone,
                     "min_stories": n.min_stories, "max_stories": n.max_stories, "enabled": n.enabled},
                    f"newsletter of {s.slug}", changes)

    for s in spec.sites:
        site = sites[s.slug]
        _sync_list(
            site.sister_boxes.order_by("position"),
            [(slug,) for slug in s.sisters],
            lambda pos, item, site=site: SisterBox.objects.create(site=site, sister=sites[item[0]], position=pos),
            lambda obj: (obj.sister.slug,),
            f"sister boxes of {s.slug}", changes)
    for site in Site.objects.exclude(slug__in=list(sites)):
        changes.add("kept", f"site {site.slug} (not in file; remove it in the admin)")

    agencies = {a.code: a for a in Agency.objects.all()}
    for src in spec.sources:
        _upsert(Source, {"slug": src.slug},
                {"name": src.name, "format": src.format, "transport": src.transport, "location": src.location,
                 "agency": agencies.get(src.agency) if src.agency else None, "copyright": src.copyright,
                 "licence": src.licence, "enabled": src.enabled, "poll_minutes": src.poll_minutes,
                 "expected_quiet_hours": src.expected_quiet_hours, "allow_private": src.allow_private},
                f"source {src.slug}", changes)
    for source in Source.objects.exclude(slug__in=[s.slug for s in spec.sources]).filter(enabled=True):
        source.enabled = False
        source.save(update_fields=["enabled"])
        changes.add("disabled", f"source {source.slug} (not in file)")
    if changes.changed:  # pages show names, sections, ads and the policy version: they must re-render
        transaction.on_commit(lambda: network_changed.send(sender=Network))
    return changes
