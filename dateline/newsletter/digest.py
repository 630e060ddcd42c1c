"""The daily digest, pure: when an issue is due, which stories it holds, and how it reads.

No ORM here: selectors hand in plain ``DigestStory`` values. An issue is rendered once; the
only per-subscriber parts are the unsubscribe and preferences links, left as placeholders
that ``message.py`` fills in for each recipient.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import css_inline
from django.template.loader import render_to_string

from dateline.core.text import one_line

UNSUBSCRIBE_PLACEHOLDER = "@@DATELINE-UNSUBSCRIBE-URL@@"
PREFERENCES_PLACEHOLDER = "@@DATELINE-PREFERENCES-URL@@"
# The personal footer sits between these markers; the public archive cuts it out.
FOOTER_START = "<!--dateline-footer-->"
FOOTER_END = "<!--/dateline-footer-->"
TEASER_CHARS = 280


@dataclass(frozen=True)
class DigestStory:
    story_id: int
    headline: str
    dateline: str
    teaser: str
    url: str
    section: str
    section_position: int
    info_value: float
    published_at: datetime


@dataclass(frozen=True)
class DigestSection:
    title: str
    stories: list[DigestStory] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    html: str
    text: str


def local_send_moment(day: date, send_time: time, tz: str) -> datetime:
    """The aware UTC instant of ``send_time`` on local ``day`` (THREATS WRK-2).

    A send time inside a spring-forward gap resolves forward the way zoneinfo maps it
    (fold=0); in the repeated hour of a fall-back it is the first occurrence (fold=0).
    Either way the result is one instant per local day.
    """
    return datetime.combine(day, send_time, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def due_date(now: datetime, send_time: time, tz: str) -> date | None:
    """The local date whose issue is due at ``now``, or None before today's send time."""
    today = now.astimezone(ZoneInfo(tz)).date()
    return today if now >= local_send_moment(today, send_time, tz) else None


def issue_window(day: date, send_time: time, tz: str) -> tuple[datetime, datetime]:
    """Stories published since the previous issue's send time, up to this issue's (23–25 h across DST)."""
    return (local_send_moment(day - timedelta(days=1), send_time, tz), local_send_moment(day, send_time, tz))


def teaser(text: str, limit: int = TEASER_CHARS) -> str:
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


def select(stories: Iterable[DigestStory], *, max_stories: int) -> list[DigestSection]:
    """Rank by information value (ties: newer first), keep the best, group by section in site order."""
    ranked = sorted(stories, key=lambda s: (-s.info_value, -s.published_at.timestamp(), s.story_id))
    seen: set[int] = set()
    chosen = []
    for story in ranked:
        if story.story_id not in seen:
            seen.add(story.story_id)
            chosen.append(story)
        if len(chosen) >= max_stories:
            break
    by_section: dict[tuple[int, str], list[DigestStory]] = {}
    for story in chosen:
        by_section.setdefault((story.section_position, story.section), []).append(story)
    return [DigestSection(title=title, stories=items) for (_, title), items in sorted(by_section.items())]


def subject_line(newsletter_name: str, day: date, sections: list[DigestSection]) -> str:
    """One line, always (THREATS HTML-6): headlines may carry CR/LF from the wire."""
    lead = sections and min((s for sec in sections for s in sec.stories), key=lambda s: (-s.info_value, s.story_id))
    head = f"{one_line(newsletter_name)}, {day:%d %b %Y}"
    return one_line(f"{head}: {lead.headline}" if lead else head)[:250]


def render(*, newsletter_name: str, site_name: str, site_url: str, day: date,
           sections: list[DigestSection], archive_url: str) -> RenderedDigest:
    context = {
        "newsletter_name": one_line(newsletter_name), "site_name": one_line(site_name), "site_url": site_url,
        "day": day, "sections": sections, "archive_url": archive_url,
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER, "preferences_url": PREFERENCES_PLACEHOLDER,
        "footer_start": FOOTER_START, "footer_end": FOOTER_END,
    }
    html = render_to_string("newsletter/digest.html", context)
    # Mail clients drop <style> blocks; inline once per issue, never per subscriber.
    html = css_inline.inline(html)
    text = render_to_string("newsletter/digest.txt", context)
    return RenderedDigest(subject=subject_line(newsletter_name, day, sections), html=html, text=text)


def without_footer(html: str) -> str:
    """The issue as the public archive shows it: no personal links."""
    start, end = html.find(FOOTER_START), html.find(FOOTER_END)
    if start == -1 or end == -1:
        return html
    return html[:start] + html[end + len(FOOTER_END):]
