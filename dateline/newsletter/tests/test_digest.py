"""The digest, pure: schedule arithmetic across DST (THREATS WRK-2), selection, rendering (HTML-5, HTML-6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from dateline.newsletter import digest
from dateline.newsletter.digest import DigestStory


def story(n: int, *, value: float = 1.0, section: str = "Mars", position: int = 0, headline: str | None = None):
    return DigestStory(story_id=n, headline=headline or f"Story {n}", dateline="PASADENA", teaser="Teaser.",
                       url=f"http://marsdaily.localhost/s/{n}.html", section=section, section_position=position,
                       info_value=value, published_at=datetime(2026, 3, 10, n % 24, tzinfo=UTC))


def test_wrk2_send_moment_follows_local_time_across_both_dst_changes():
    at = time(6, 30)
    ny = "America/New_York"
    assert digest.local_send_moment(date(2026, 3, 7), at, ny) == datetime(2026, 3, 7, 11, 30, tzinfo=UTC)  # EST
    assert digest.local_send_moment(date(2026, 3, 9), at, ny) == datetime(2026, 3, 9, 10, 30, tzinfo=UTC)  # EDT
    assert digest.local_send_moment(date(2026, 11, 2), at, ny) == datetime(2026, 11, 2, 11, 30, tzinfo=UTC)
    # The window before the spring-forward day is 23 hours, before the fall-back day 25 hours.
    start, end = digest.issue_window(date(2026, 3, 8), at, ny)
    assert end - start == timedelta(hours=23)
    start, end = digest.issue_window(date(2026, 11, 1), at, ny)
    assert end - start == timedelta(hours=25)


@pytest.mark.parametrize(("send_at", "first_day", "expected_local"), [
    # an ordinary time across spring-forward (8 March 2026 in New York)
    ("06:30", date(2026, 3, 6), ["06:30"] * 4),
    # 02:30 does not exist on 8 March: that day's issue goes at 03:30 EDT, the first instant after
    ("02:30", date(2026, 3, 6), ["02:30", "02:30", "03:30", "02:30"]),
    # 01:30 happens twice on 1 November: the issue goes once, at the first of them
    ("01:30", date(2026, 10, 30), ["01:30"] * 4),
])
def test_wrk2_a_scheduler_ticking_every_15_minutes_makes_each_local_day_due_once_at_its_local_time(
        send_at, first_day, expected_local):
    """Simulate the worker's ticks: record when each local date first becomes due."""
    at, tz = time.fromisoformat(send_at), ZoneInfo("America/New_York")
    first_due: dict[date, datetime] = {}
    moment = datetime.combine(first_day, time(0), tzinfo=tz).astimezone(UTC)
    for _ in range(4 * 24 * 4):
        with time_machine.travel(moment, tick=False):
            due = digest.due_date(datetime.now(UTC), at, tz.key)
        if due is not None:
            first_due.setdefault(due, moment)
        moment += timedelta(minutes=15)
    days = [first_day + timedelta(days=i) for i in range(4)]
    assert list(first_due) == days  # every local day, in order, none twice (a dict key is set once)
    assert [first_due[d].astimezone(tz).strftime("%H:%M") for d in days] == expected_local


def test_stories_are_ranked_by_information_value_and_grouped_by_section_in_site_order():
    stories = [story(1, value=1, section="Science", position=2), story(2, value=9, section="Exploration"),
               story(3, value=5, section="Science", position=2), story(4, value=7, section="Exploration")]
    sections = digest.select(stories, max_stories=3)
    assert [s.title for s in sections] == ["Exploration", "Science"]
    assert [[x.story_id for x in s.stories] for s in sections] == [[2, 4], [3]]


def test_html6_subject_is_one_line_whatever_the_headline_carries():
    sections = digest.select([story(1, headline="Rocket\r\nBcc: x@example.org\u202e\x00 fails")], max_stories=5)
    subject = digest.subject_line("Mars\nDaily", date(2026, 3, 10), sections)
    assert "\n" not in subject and "\r" not in subject and "\x00" not in subject and "\u202e" not in subject
    assert subject == "Mars Daily, 10 Mar 2026: Rocket Bcc: x@example.org fails"


def test_html5_markup_in_headlines_is_escaped_in_html_and_plain_in_text():
    sections = digest.select([story(1, headline='<img src=x onerror="alert(1)"> Launch')], max_stories=5)
    rendered = digest.render(newsletter_name="Mars Daily", site_name="Mars", site_url="http://m.localhost",
                             day=date(2026, 3, 10), sections=sections, archive_url="http://m.localhost/a/")
    assert "&lt;img src=x" in rendered.html and "<img src=x" not in rendered.html
    assert '<img src=x onerror="alert(1)"> Launch' in rendered.text
    assert digest.UNSUBSCRIBE_PLACEHOLDER in rendered.html and digest.UNSUBSCRIBE_PLACEHOLDER in rendered.text
    assert digest.UNSUBSCRIBE_PLACEHOLDER not in digest.without_footer(rendered.html)


def test_long_teasers_are_cut_at_a_word_boundary():
    text = "word " * 200
    cut = digest.teaser(text, 50)
    assert len(cut) <= 51 and cut.endswith("…") and not cut.endswith(" …")
