"""Subscribing: the form on every site page, double opt-in, abuse limits (THREATS NL-1, NL-2, NL-3, DB-4)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from dateline.core import clock
from dateline.core.mailurl import mailer_from_url
from dateline.newsletter import services, tokens
from dateline.newsletter.models import Subscriber, Subscription
from dateline.newsletter.tests.conftest import run_tasks

HOST = "marsdaily.localhost"
pytestmark = pytest.mark.django_db(transaction=True)


def post_form(client, email, lists=("marsdaily",), host=HOST, **extra):
    data = {"email": email, "lists": list(lists), "source_page": "/mars-exploration/", "website": "", **extra}
    # A browser submitting the site's own form says so (Origin); cross-origin posts are refused (WEB-4).
    return client.post("/newsletter/subscribe/", data, HTTP_HOST=host, REMOTE_ADDR=extra.pop("ip", "127.0.0.1"),
                       headers={"Origin": f"http://{host}"})


def confirm_link(delivered) -> str:
    body = delivered.message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/newsletter/confirm/\S+/", body).group(0)


def test_the_subscribe_page_has_the_contract_form_with_honeypot_and_time_trap(network, client):
    page = client.get("/newsletter/subscribe/", HTTP_HOST=HOST)
    assert page.status_code == 200
    html = page.text
    assert '<form method="post" action="/newsletter/subscribe/">' in html
    for field in ('name="email"', 'name="lists"', 'name="source_page"', 'name="website"', 'name="ts"'):
        assert field in html
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in page.cookies  # checked by origin instead
    assert 'value="marsdaily" checked' in html  # this site's own newsletter is preselected


def test_double_opt_in_subscribe_email_then_get_page_then_post_confirms(network, client, mail_to_sink, limits_off):
    response = post_form(client, "Reader@Example.org")
    assert response.status_code == 200
    sub = Subscription.objects.get(subscriber__email="reader@example.org")
    assert sub.state == Subscription.State.PENDING
    assert sub.consent_source == "/mars-exploration/" and sub.consent_policy_version == "2024-07"
    assert sub.consent_at is not None
    assert mail_to_sink.delivered == []  # nothing sent inside the request (NL-2)

    run_tasks()
    [confirmation] = mail_to_sink.to("reader@example.org")
    link = confirm_link(confirmation)
    assert link.startswith("http://marsdaily.localhost/newsletter/confirm/")
    path = link.split("marsdaily.localhost", 1)[1]

    # NL-3: a link scanner's GET shows a page and changes nothing.
    assert client.get(path, HTTP_HOST=HOST).status_code == 200
    sub.refresh_from_db()
    assert sub.state == Subscription.State.PENDING

    assert "You are subscribed" in client.post(path, HTTP_HOST=HOST).text
    sub.refresh_from_db()
    assert sub.state == Subscription.State.ACTIVE and sub.confirmed_at is not None


def test_nl3_confirmation_token_is_single_use_expires_after_48h_and_is_bound_to_its_lists(network, client, limits_off):
    post_form(client, "once@example.org", lists=("marsdaily", "moondaily"))
    subscriber = Subscriber.objects.get(email="once@example.org")
    mars, moon = (Subscription.objects.get(subscriber=subscriber, newsletter__site__slug=s)
                  for s in ("marsdaily", "moondaily"))
    # A token naming only Mars confirms only Mars, even though Moon is pending too.
    only_mars = tokens.confirm_token(key=subscriber.key, newsletter_ids=[mars.newsletter_id],
                                     nonce=subscriber.confirm_nonce)
    forged = only_mars[:-2] + ("AA" if not only_mars.endswith("AA") else "BB")
    assert "no longer valid" in client.post(f"/newsletter/confirm/{forged}/", HTTP_HOST=HOST).text

    with time_machine.travel(clock.now() + timedelta(hours=49)):
        assert "no longer valid" in client.post(f"/newsletter/confirm/{only_mars}/", HTTP_HOST=HOST).text
    assert "You are subscribed" in client.post(f"/newsletter/confirm/{only_mars}/", HTTP_HOST=HOST).text
    mars.refresh_from_db(), moon.refresh_from_db()
    assert mars.state == "active" and moon.state == "pending"
    # Used once: the same link does nothing more.
    assert "no longer valid" in client.post(f"/newsletter/confirm/{only_mars}/", HTTP_HOST=HOST).text


def test_nl2_answers_are_identical_for_new_known_and_invalid_addresses_even_when_smtp_fails(
        network, client, settings, limits_off):
    # An SMTP server that refuses connections: the answer must not change (Django CVE-2024-45231).
    settings.MAILERS = {"default": mailer_from_url("smtp://127.0.0.1:9/?timeout=1")}
    first = post_form(client, "known@example.org")
    services.subscription_confirm(token=tokens.confirm_token(
        key=Subscriber.objects.get(email="known@example.org").key,
        newsletter_ids=[network.pk], nonce=Subscriber.objects.get(email="known@example.org").confirm_nonce))
    answers = [post_form(client, email) for email in ("known@example.org", "new@example.org", "not-an-address")]

    def normalise(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)

    assert {r.status_code for r in [first, *answers]} == {200}
    assert len({normalise(r) for r in [first, *answers]}) == 1
    run_tasks()  # the failing send happens in the worker, where it is only logged


def test_nl1_one_confirmation_per_address_per_24h_however_often_it_is_submitted(
        network, client, mail_to_sink, limits_off):
    for _ in range(50):
        post_form(client, "victim@example.org", lists=("marsdaily", "moondaily", "spacewar"))
    run_tasks()
    assert len(mail_to_sink.to("victim@example.org")) == 1
    assert Subscriber.objects.filter(email="victim@example.org").count() == 1
    with time_machine.travel(clock.now() + timedelta(hours=25)):
        post_form(client, "victim@example.org")
        run_tasks()
    assert len(mail_to_sink.to("victim@example.org")) == 2


def test_nl1_honeypot_time_trap_and_blocked_domains_create_nothing(network, client, limits_off):
    post_form(client, "bot@example.org", website="http://spam.example/")
    post_form(client, "fast@example.org", ts=tokens.form_stamp(clock.now().timestamp()))
    post_form(client, "forged@example.org", ts="not-a-stamp")
    post_form(client, "throwaway@mailinator.com")
    assert Subscriber.objects.count() == 0
    with time_machine.travel(clock.now() - timedelta(seconds=10)):
        stamp = tokens.form_stamp(clock.now().timestamp())
    post_form(client, "human@example.org", ts=stamp)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["human@example.org"]


def test_nl1_rate_limits_per_ip_block_and_address_answer_the_same_and_store_nothing(network, client, settings):
    settings.NEWSLETTER_LIMITS = {"ip": (3, 3600), "block": (8, 3600), "address": (2, 3600), "global": (100, 3600)}
    answers = {post_form(client, f"a{i}@example.org", ip="198.51.100.7").status_code for i in range(6)}
    assert answers == {200}
    assert Subscriber.objects.count() == 3  # per IP
    for i in range(4):  # same /24, other hosts: every attempt counts, so the 9th in the block is refused
        post_form(client, f"b{i}@example.org", ip=f"198.51.100.{20 + i}")
    assert Subscriber.objects.count() == 5
    for i in range(3):  # one address from many networks: the address limit
        post_form(client, "target@example.org", ip=f"203.0.{i}.1")
    assert Subscriber.objects.filter(email="target@example.org").count() == 1


def test_nl1_like_wildcards_in_an_address_match_only_themselves(network, client, limits_off):
    post_form(client, "alice@example.org")
    post_form(client, "%@example.org")
    post_form(client, "_lice@example.org")
    assert Subscriber.objects.count() == 3
    alice = Subscriber.objects.get(email="alice@example.org")
    assert Subscription.objects.filter(subscriber=alice).count() == 1


def test_db4_subscription_rows_and_confirmation_task_commit_together_or_not_at_all(network, limits_off):
    class Crash(Exception):
        pass

    with pytest.raises(Crash), transaction.atomic():  # the web process dies after the service's writes
        services.subscription_request(email="crash@example.org", newsletters=[network], source_page="/")
        assert DBTaskResult.objects.count() == 1
        raise Crash
    assert Subscriber.objects.count() == 0 and DBTaskResult.objects.count() == 0

    services.subscription_request(email="ok@example.org", newsletters=[network], source_page="/")
    assert Subscriber.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_the_network_host_form_subscribes_to_the_chosen_lists_only(network, client, limits_off):
    post_form(client, "net@example.org", lists=("moondaily", "nosuchsite"), host="localhost")
    subs = Subscription.objects.filter(subscriber__email="net@example.org")
    assert [s.newsletter.site.slug for s in subs] == ["moondaily"]
