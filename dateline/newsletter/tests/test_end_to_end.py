"""The whole path against a real SMTP server: subscribe → confirm → digest → one-click unsubscribe → nothing more."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from dateline.newsletter.models import Issue
from dateline.newsletter.scheduling import run_due
from dateline.newsletter.tests.conftest import make_story, run_tasks, set_schedule

pytestmark = pytest.mark.django_db(transaction=True)
HOST = "marsdaily.localhost"


def path_of(url: str) -> str:
    return url.split(HOST, 1)[1]


def test_subscribe_confirm_digest_one_click_unsubscribe_then_no_further_mail(network, mail_to_sink, limits_off):
    set_schedule(network)
    browser = Client()
    with time_machine.travel(datetime(2026, 3, 9, 15, tzinfo=UTC), tick=True):
        page = browser.get("/mars-exploration/", HTTP_HOST=HOST)  # any page of the site …
        assert page.status_code in (200, 404)
        answer = browser.post("/newsletter/subscribe/", {
            "email": "reader@example.org", "lists": ["marsdaily"], "source_page": "/mars-exploration/",
            "website": ""}, HTTP_HOST=HOST, headers={"Sec-Fetch-Site": "same-origin"})
        assert answer.status_code == 200
        run_tasks()
        body = mail_to_sink.to("reader@example.org")[0].message.get_body(("plain",)).get_content()
        confirm = re.search(r"http://\S+/newsletter/confirm/\S+/", body).group(0)
        assert "You are subscribed" in browser.post(path_of(confirm), HTTP_HOST=HOST).text

    for day in (9, 10):
        for i in range(2):
            make_story("marsdaily", f"Day {day} story {i}", info_value=i,
                       published_at=datetime(2026, 3, day, 20, i, tzinfo=UTC))
    # The worker ticks every 30 minutes for a day and a half: one digest, at 06:30 New York time.
    moment = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    while moment < datetime(2026, 3, 10, 18, tzinfo=UTC):
        with time_machine.travel(moment, tick=True):
            run_due()
        moment += timedelta(minutes=30)
    digests = [d for d in mail_to_sink.to("reader@example.org") if d.message["List-Unsubscribe"]]
    assert len(digests) == 1
    assert "Day 9 story 1" in digests[0].message.get_body(("html",)).get_content()

    # The mailbox provider's one-click POST (RFC 8058): no cookies, no CSRF token.
    one_click = digests[0].message["List-Unsubscribe"].split(",")[0].strip(" <>")
    provider = Client(enforce_csrf_checks=True)
    assert provider.post(path_of(one_click), {"List-Unsubscribe": "One-Click"}, HTTP_HOST=HOST).status_code == 200

    moment = datetime(2026, 3, 11, 0, 0, tzinfo=UTC)
    while moment < datetime(2026, 3, 11, 18, tzinfo=UTC):
        with time_machine.travel(moment, tick=True):
            run_due()
        moment += timedelta(minutes=30)
    assert Issue.objects.filter(newsletter=network, date=date(2026, 3, 11), state="sent").exists()
    assert len([d for d in mail_to_sink.to("reader@example.org") if d.message["List-Unsubscribe"]]) == 1


def test_wrk2_across_the_spring_forward_weekend_one_digest_per_local_day_at_0630_local(
        network, mail_to_sink):
    from dateline.newsletter.tests.conftest import active_subscriber

    set_schedule(network)
    active_subscriber("reader@example.org", network)
    for day in range(6, 11):
        make_story("marsdaily", f"News of {day} March", published_at=datetime(2026, 3, day, 18, tzinfo=UTC))
    moment = datetime(2026, 3, 7, 0, 0, tzinfo=UTC)
    while moment < datetime(2026, 3, 10, 23, tzinfo=UTC):
        with time_machine.travel(moment, tick=True):
            run_due()
        moment += timedelta(minutes=30)
    sent = Counter(i.date for i in Issue.objects.filter(newsletter=network, state="sent"))
    assert sent == Counter({date(2026, 3, d): 1 for d in (7, 8, 9, 10)})
    assert len(mail_to_sink.to("reader@example.org")) == 4
    # 06:30 EST is 11:30 UTC; from 8 March, 06:30 EDT is 10:30 UTC (ticks land on the half hour).
    hours = [d.message["Date"].datetime.astimezone(UTC).strftime("%H:%M") for d in mail_to_sink.delivered]
    assert hours == ["11:30", "10:30", "10:30", "10:30"]
