"""Consent and ads (THREATS GDPR-1…6): nothing non-essential before an explicit, granular choice."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import pytest

from dateline.network.models import Network
from dateline.publish import consent
from dateline.publish.models import ConsentRecord

pytestmark = pytest.mark.django_db

AD_SCRIPT = "https://ads.example.net/tag.js"
HOST = "spacewar.localhost"


@pytest.fixture
def article(sites, publish):
    site = sites["spacewar"]
    site.ads = {"sidebar": {"script": AD_SCRIPT, "house": "Advertise with SpaceWar", "house_url": "/privacy/"}}
    site.save()
    return publish(headline="Satellite reaches orbit",
                   body_html='<p>Text</p><img src="https://cdn.example.org/photo.jpg" alt="photo">',
                   sections=[site.sections.get(slug="news")]).articles.get()


def _choose(client, action: str, purposes: tuple[str, ...] = (), next_path: str = "/"):
    return client.post("/privacy/consent/", {"action": action, "purposes": list(purposes), "next": next_path},
                       HTTP_HOST=HOST, headers={"Sec-Fetch-Site": "same-origin"})


def _third_party_sources(html: str) -> list[str]:
    return re.findall(r'<(?:script|img|iframe|link|source|video|audio)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"',
                      html)


def test_gdpr1_first_response_loads_nothing_from_another_host_and_sets_no_cookie(client, article):
    response = client.get(article.get_absolute_url(), HTTP_HOST=HOST)
    links = [u for u in _third_party_sources(response.text) if "spacewar.localhost" not in u]
    assert links == []
    assert set(response.cookies) == set()  # the forms are checked by origin, not by a token cookie
    assert AD_SCRIPT not in response.text and "Advertise with SpaceWar" in response.text  # the house ad
    assert "ads.example.net" not in response["Content-Security-Policy"]


def test_gdpr2_no_get_request_records_consent_and_no_purpose_is_pre_ticked(client, article):
    for path in ("/", article.get_absolute_url(), "/privacy/", "/privacy/settings/",
                 "/privacy/consent/?action=accept_all"):
        response = client.get(path, HTTP_HOST=HOST)
        assert consent.COOKIE not in response.cookies
    assert ConsentRecord.objects.count() == 0
    banner = client.get("/", HTTP_HOST=HOST).text.split('<section class="consent"')[1]
    assert 'name="purposes"' in banner and "checked" not in banner


def test_gdpr2_consent_is_only_set_by_the_consent_view():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    writers = [p for p in root.rglob("*.py") if "consent.write(" in p.read_text() and "tests" not in p.parts]
    assert [p.relative_to(root).as_posix() for p in writers] == ["publish/views/privacy.py"]


def test_gdpr3_accept_all_and_reject_all_are_equally_prominent_in_the_first_layer(client, article):
    banner = client.get("/", HTTP_HOST=HOST).text.split('<section class="consent"')[1].split("</section>")[0]
    first_layer = banner.split("<details>")[0]
    accept = re.search(r'<button ([^>]*)value="accept_all">Accept all</button>', first_layer)
    reject = re.search(r'<button ([^>]*)value="reject_all">Reject all</button>', first_layer)
    assert accept and reject and accept.group(1) == reject.group(1)


def test_gdpr4_accept_then_withdraw_from_privacy_settings(client, article):
    response = _choose(client, "accept_all", next_path=article.get_absolute_url())
    assert response.status_code == 303 and response["Location"] == article.get_absolute_url()
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST)
    assert f'<script src="{AD_SCRIPT}" async></script>' in page.text
    assert "https://ads.example.net" in page["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert '<section class="consent"' not in page.text
    assert '<a href="/privacy/settings/">Privacy settings</a>' in page.text

    _choose(client, "reject_all", next_path="/privacy/settings/")
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST)
    assert AD_SCRIPT not in page.text and "ads.example.net" not in page["Content-Security-Policy"]
    assert [r.action for r in ConsentRecord.objects.order_by("pk")] == ["accept_all", "reject_all"]


def test_gdpr2_granular_choice_grants_only_the_ticked_purpose(client, article):
    _choose(client, "custom", purposes=("analytics", "bogus"))
    record = ConsentRecord.objects.get()
    assert record.purposes == ["analytics"] and record.action == "custom"
    assert AD_SCRIPT not in client.get(article.get_absolute_url(), HTTP_HOST=HOST).text


def test_gdpr5_the_record_proves_the_choice_and_a_new_policy_version_asks_again(client, article):
    _choose(client, "accept_all")
    record = ConsentRecord.objects.get()
    cookie = SimpleCookie()
    cookie.load(f"{consent.COOKIE}={client.cookies[consent.COOKIE].value}")
    assert record.policy_version == "2024-07" and record.purposes == ["ads", "analytics"]
    assert len(record.pseudonymous_id) == 32 and record.created_at is not None and record.site.slug == "spacewar"
    assert '<section class="consent"' not in client.get("/", HTTP_HOST=HOST).text

    Network.objects.update(privacy_policy_version="2025-01")
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST).text
    assert '<section class="consent"' in page and AD_SCRIPT not in page


def test_gdpr5_a_forged_consent_cookie_counts_as_no_choice(client, article):
    client.cookies[consent.COOKIE] = "v=2024-07;p=ads"
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST).text
    assert '<section class="consent"' in page and AD_SCRIPT not in page


def test_gdpr6_no_cookie_wall_the_story_is_readable_without_a_choice(client, article):
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST)
    assert page.status_code == 200 and "<h1>Satellite reaches orbit</h1>" in page.text and "<p>Text</p>" in page.text


def test_html7_remote_images_stay_links_even_after_consent(client, article):
    _choose(client, "accept_all")
    page = client.get(article.get_absolute_url(), HTTP_HOST=HOST).text
    assert 'src="https://cdn.example.org' not in page and 'href="https://cdn.example.org/photo.jpg"' in page


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https:evil.example", "%2F%2Fevil.example",
                                    "javascript:alert(1)", "https://evil.example/", "http://marsdaily.localhost/"])
def test_web5_consent_never_redirects_off_the_site(client, article, target):
    response = _choose(client, "reject_all", next_path=target)
    assert response.status_code == 303 and response["Location"] == "/"


def test_web4_a_cross_origin_or_unattributed_consent_post_is_refused(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    post = lambda **headers: strict.post("/privacy/consent/", {"action": "accept_all"},  # noqa: E731
                                         HTTP_HOST=HOST, headers=headers).status_code
    assert post() == 403  # neither Sec-Fetch-Site, Origin nor Referer: nothing says it is our page
    assert post(**{"Sec-Fetch-Site": "cross-site"}) == 403
    assert post(**{"Sec-Fetch-Site": "same-site"}) == 403  # another site of the network is another origin
    assert post(Origin="http://evil.example") == 403
    assert post(Origin="http://marsdaily.localhost") == 403
    assert post(Origin="null") == 403  # an opaque origin (sandboxed frame, data: URL)
    assert post(Origin=f"https://{HOST}") == 403  # another scheme is another origin
    assert post(Referer="http://evil.example/spacewar.localhost/") == 403
    assert post(Referer=f"http://{HOST}.evil.example/") == 403
    assert ConsentRecord.objects.count() == 0


def test_a_same_origin_consent_post_works_from_a_static_page_without_a_matching_token(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/privacy/consent/", {"action": "reject_all", "csrfmiddlewaretoken": "x" * 64},
                           HTTP_HOST=HOST, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and ConsentRecord.objects.get().action == "reject_all"
    response = strict.post("/privacy/consent/", {"action": "accept_all"}, HTTP_HOST=HOST,
                           headers={"Origin": f"http://{HOST}"})
    assert response.status_code == 303
    response = strict.post("/privacy/consent/", {"action": "reject_all"}, HTTP_HOST=HOST,
                           headers={"Referer": f"http://{HOST}/privacy/settings/"})  # no Origin: the Referer
    assert response.status_code == 303


def test_the_privacy_statement_is_generated_from_the_network_configuration(client, article):
    page = client.get("/privacy/", HTTP_HOST=HOST).text
    assert "published by Test Media" in page and "Policy version 2024-07" in page
    assert "<code>ads.example.net</code>" in page and "Agence France-Presse" in page


def test_old_consent_records_are_purged_after_the_retention_period(article, time_machine):
    from datetime import timedelta

    from dateline.core import clock
    from dateline.publish.services import consent_record, consent_records_purge

    time_machine.move_to(clock.now() - timedelta(days=500))
    consent_record(pseudonymous_id="a" * 32, site=None, policy_version="1", purposes=[], action="reject_all")
    time_machine.move_to(clock.now() + timedelta(days=500))
    consent_record(pseudonymous_id="b" * 32, site=None, policy_version="1", purposes=[], action="reject_all")
    assert consent_records_purge() == 1
    assert list(ConsentRecord.objects.values_list("pseudonymous_id", flat=True)) == ["b" * 32]


def test_the_worker_schedule_purges_consent_records_at_most_hourly(article, time_machine):
    from datetime import timedelta

    from dateline.core import clock
    from dateline.publish.services import consent_record, consent_records_purge_due

    time_machine.move_to(clock.now() - timedelta(days=500))
    consent_record(pseudonymous_id="c" * 32, site=None, policy_version="1", purposes=[], action="reject_all")
    time_machine.move_to(clock.now() + timedelta(days=500))
    assert consent_records_purge_due() == 1
    assert consent_records_purge_due() is None  # within the hour: not again
