"""Reads for the desk screens. Every read takes the user's site limit explicitly (THREATS WEB-3)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate

from dateline.core import clock
from dateline.desk.diffing import SideBySide, compare
from dateline.desk.models import AuditLog, Placement, Story, StoryItem
from dateline.desk.models_editorial import EditorProfile
from dateline.ingest import polling
from dateline.ingest.models import SourceHealth, WireItem
from dateline.ingest.selectors import SourceStatus, source_statuses
from dateline.network.models import Section, Site, Source

PAGE_SIZE = 50
MAX_PAGE = 200          # no deep offset scans (THREATS WEB-8)
MAX_QUERY = 200         # characters of a search
INBOX_STATES = (Story.State.REVIEW, Story.State.WITHHELD)


@dataclass(frozen=True)
class InboxFilter:
    site: str = ""
    section: int | None = None
    source: str = ""
    state: str = Story.State.REVIEW
    q: str = ""
    page: int = 1


def _visible(qs: QuerySet[Story], site_ids: set[int] | None) -> QuerySet[Story]:
    if site_ids is None:
        return qs
    return qs.filter(Exists(Placement.objects.filter(story=OuterRef("pk"), site_id__in=site_ids)))


def inbox(*, site_ids: set[int] | None, flt: InboxFilter) -> tuple[list[Story], bool]:
    """Stories in ``flt.state`` ordered by information value; returns (page, has_more)."""
    qs = Story.objects.filter(state=flt.state)
    qs = _visible(qs, site_ids)
    if flt.site:
        qs = qs.filter(Exists(Placement.objects.filter(story=OuterRef("pk"), site__slug=flt.site)))
    if flt.section:
        qs = qs.filter(Exists(Placement.objects.filter(story=OuterRef("pk"), section_id=flt.section)))
    if flt.source:
        qs = qs.filter(Exists(StoryItem.objects.filter(story=OuterRef("pk"), item__source__slug=flt.source)))
    if flt.q:
        q = flt.q[:MAX_QUERY]
        qs = qs.filter(Q(headline__icontains=q) | Q(summary__icontains=q) | Q(byline__icontains=q))
    page = min(max(flt.page, 1), MAX_PAGE)
    start = (page - 1) * PAGE_SIZE
    placements = Placement.objects.select_related("site", "section").order_by("-confidence", "pk")
    rows = list(qs.order_by("-info_value", "-published_at", "-pk")
                .select_related("lead_item__source")
                .annotate(member_count=Count("members", distinct=True))
                .prefetch_related(Prefetch("placements", queryset=placements))[start:start + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def inbox_counts(*, site_ids: set[int] | None) -> dict[str, int]:
    qs = _visible(Story.objects.filter(state__in=INBOX_STATES), site_ids)
    counts = dict(qs.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {state: counts.get(state, 0) for state in INBOX_STATES}


def sections_for(*, site_ids: set[int] | None) -> list[Section]:
    qs = Section.objects.select_related("site").order_by("site__position", "site__slug", "position", "slug")
    return list(qs if site_ids is None else qs.filter(site_id__in=site_ids))


def sites_for(*, site_ids: set[int] | None) -> list[Site]:
    qs = Site.objects.all()
    return list(qs if site_ids is None else qs.filter(pk__in=site_ids))


def story_get(*, pk: int) -> Story | None:
    return Story.objects.select_related("lead_item__source").filter(pk=pk).first()


@dataclass
class Member:
    link: StoryItem
    is_lead: bool
    diff: SideBySide | None = None


def story_members(*, story: Story) -> list[Member]:
    """The story's wire items, lead first, each compared with the story's current copy."""
    links = (StoryItem.objects.filter(story=story).select_related("item__source")
             .order_by("-item__is_current", "-item__version", "added_at"))
    members = []
    for link in links:
        is_lead = link.item_id == story.lead_item_id
        diff = None if is_lead else compare(story.body_text or story.headline, link.item.body_text)
        members.append(Member(link, is_lead, diff))
    members.sort(key=lambda m: not m.is_lead)
    return members


def story_placements(*, story: Story) -> list[Placement]:
    return list(Placement.objects.filter(story=story).select_related("site", "section", "decided_by")
                .order_by("-confidence", "pk"))


def _with_lines(rows: list[AuditLog]) -> list[AuditLog]:
    """Each change as (name, before, after, is_pair) for the audit table."""
    for row in rows:
        lines = []
        for name, value in (row.changes or {}).items():
            if isinstance(value, list) and len(value) == 2 and name != "placements":
                lines.append((name, str(value[0]), str(value[1]), True))
            else:
                lines.append((name, "", ", ".join(map(str, value)) if isinstance(value, list) else str(value), False))
        row.lines = lines
    return rows


def story_audit(*, story: Story) -> list[AuditLog]:
    return _with_lines(list(AuditLog.objects.filter(story=story).order_by("-at", "-pk")[:100]))


def audit_page(*, site_ids: set[int] | None, actor: str = "", action: str = "",
               page: int = 1) -> tuple[list[AuditLog], bool]:
    qs = AuditLog.objects.select_related("story").order_by("-at", "-pk")
    if site_ids is not None:
        qs = qs.filter(Exists(Placement.objects.filter(story=OuterRef("story"), site_id__in=site_ids)))
    if actor:
        qs = qs.filter(actor_name=actor[:150])
    if action:
        qs = qs.filter(action=action[:40])
    page = min(max(page, 1), MAX_PAGE)
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start:start + PAGE_SIZE + 1])
    return _with_lines(rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE


@dataclass
class SourceRow:
    status: SourceStatus
    last_item_at: datetime | None
    per_day: list[tuple[date, int]] = field(default_factory=list)
    items: int = 0
    joined: int = 0

    @property
    def source(self) -> Source:
        return self.status.source

    @property
    def health(self) -> SourceHealth | None:
        return self.status.health

    @property
    def quiet(self) -> bool:
        return self.status.quiet

    @property
    def duplicate_rate(self) -> float | None:
        return None if not self.items else self.joined / self.items

    @property
    def peak(self) -> int:
        return max((n for _, n in self.per_day), default=0)


def sources_overview(*, days: int = 14) -> list[SourceRow]:
    """Per source: ingest's health and alert (failing, stopped, quiet), items per day over ``days`` and
    the share of items that joined a story already there (another agency's or a later version)."""
    now = clock.now()
    since = now - timedelta(days=days)
    first_day = (now - timedelta(days=days - 1)).date()
    daily: dict[int, dict[date, int]] = {}
    for source_id, day, n in (WireItem.objects.filter(ingested_at__gte=since)
                              .annotate(day=TruncDate("ingested_at")).values("source_id", "day")
                              .annotate(n=Count("pk")).values_list("source_id", "day", "n")):
        daily.setdefault(source_id, {})[day] = n
    last = dict(WireItem.objects.values("source_id").annotate(m=Max("ingested_at")).values_list("source_id", "m"))
    members = StoryItem.objects.filter(item__ingested_at__gte=since)
    totals = dict(members.values("item__source_id").annotate(n=Count("pk")).values_list("item__source_id", "n"))
    joined = dict(members.filter(added_at__gt=F("story__created_at")).values("item__source_id")
                  .annotate(n=Count("pk")).values_list("item__source_id", "n"))
    rows = []
    for status in sorted(source_statuses(now=now), key=lambda s: s.source.slug):
        source, health = status.source, status.health
        last_at = max((t for t in (last.get(source.pk), health and health.last_item_at) if t), default=None)
        if not status.quiet and source.enabled and last_at is not None:
            # Items stored by any path count, not only those the poller saw (drop folders, re-ingest).
            quiet = polling.is_quiet(now, last_item_at=last_at, since=None,
                                     expected_quiet_hours=source.expected_quiet_hours)
            status = replace(status, quiet=quiet)
        per_day = [(first_day + timedelta(days=i), daily.get(source.pk, {}).get(first_day + timedelta(days=i), 0))
                   for i in range(days)]
        rows.append(SourceRow(status, last_at, per_day, totals.get(source.pk, 0), joined.get(source.pk, 0)))
    return rows


def editors() -> list[EditorProfile]:
    return list(EditorProfile.objects.select_related("user").prefetch_related("sites").order_by("user__username"))
