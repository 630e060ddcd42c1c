"""The subscribe POST carries no CSRF token: it is checked by origin (THREATS WEB-4), so the form works on
cached pages and on pages written by ``dateline export``, and a cross-site page cannot post it (NL-1)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from lxml import html

from dateline.newsletter.models import Subscription
from dateline.newsletter.tests.conftest import run_tasks

HOST = "marsdaily.localhost"
pytestmark = pytest.mark.django_db(transaction=True)


def _post(email: str, **headers):
    # enforce_csrf_checks: what a real browser gets, the test client's exemption off.
    return Client(enforce_csrf_checks=True).post(
        "/newsletter/subscribe/", {"email": email, "lists": ["marsdaily"], "source_page": "/", "website": ""},
        HTTP_HOST=HOST, headers=headers)


@pytest.mark.parametrize("headers", [
    {},  # nothing says where it comes from
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},  # a sister site on a sibling host is another origin
    {"Origin": "http://evil.example"},
    {"Origin": "http://moondaily.localhost"},
    {"Origin": "null"},
    {"Referer": "http://evil.example/marsdaily.localhost/"},
], ids=["none", "cross-site", "same-site", "evil-origin", "sister-origin", "null-origin", "evil-referer"])
def test_web4_a_cross_site_subscribe_post_is_refused_and_stores_nothing(network, limits_off, headers):
    assert _post("victim@example.org", **headers).status_code == 403
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin"},
    {"Origin": f"http://{HOST}"},
    {"Referer": f"http://{HOST}/mars-exploration/"},
], ids=["fetch-metadata", "origin", "referer"])
def test_a_same_origin_subscribe_post_without_any_token_subscribes(network, limits_off, headers):
    response = _post("reader@example.org", **headers)
    assert response.status_code == 200 and not response.cookies
    assert Subscription.objects.get(subscriber__email="reader@example.org").state == Subscription.State.PENDING


def test_the_form_of_an_exported_static_page_subscribes(network, limits_off, mail_to_sink, tmp_path, settings):
    from dateline.publish.export import Exporter

    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, HOST]):
        assert Exporter(tmp_path).export([(HOST, "/")]).pages == 1
    page = html.fromstring((tmp_path / HOST / "index.html").read_bytes())
    [form] = page.xpath("//form[@action='/newsletter/subscribe/']")
    fields: dict[str, list[str]] = {}
    for field in form.xpath(".//input[@name]"):
        if field.get("type") == "checkbox" and field.get("checked") is None:
            continue
        fields.setdefault(field.get("name"), []).append(field.get("value") or "")
    fields["email"] = ["static.reader@example.org"]
    # What a browser sends when the reader submits the exported file's form from the site's own host:
    # no cookie at all (a static page set none), Fetch Metadata and Origin.
    response = Client(enforce_csrf_checks=True).post(
        form.get("action"), fields, HTTP_HOST=HOST,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": f"http://{HOST}"})
    assert response.status_code == 200
    subscription = Subscription.objects.get(subscriber__email="static.reader@example.org")
    assert subscription.state == Subscription.State.PENDING and subscription.newsletter.site.slug == "marsdaily"
    run_tasks()
    assert len(mail_to_sink.to("static.reader@example.org")) == 1  # the confirmation link goes out
