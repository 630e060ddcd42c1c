"""The editorial side against THREATS WEB-2 (throttling), WEB-4 (CSRF, cookies), WEB-5 (open redirects),
WEB-6 (Host-header poisoning of reset links) and WEB-9 (caching leaks)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings

from dateline.core import clock
from dateline.desk import accounts
from dateline.desk.models import Story
from dateline.desk.tests.ui import factories

pytestmark = pytest.mark.django_db


def _login(client: Client, password: str, username: str = "mars", **extra):
    return client.post("/desk/login/", {"username": username, "password": password}, **extra)


# WEB-2 ---------------------------------------------------------------------------------------------

def test_web2_account_locks_after_repeated_failures_even_for_the_right_password(mars_editor):
    attacker = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(accounts.ACCOUNT_LIMIT):
        assert _login(attacker, "wrong").status_code == 401
    locked = _login(Client(HTTP_HOST="localhost", REMOTE_ADDR="198.51.100.7"), factories.PASSWORD)
    assert locked.status_code == 429 and "Too many failed attempts" in locked.text


def test_web2_the_lock_ends_by_itself_and_is_capped_however_long_the_attack(mars_editor):
    attacker = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(200):
        _login(attacker, "wrong")
    with time_machine.travel(clock.now() + accounts.LOCK_MAX + timedelta(seconds=1)):
        editor = Client(HTTP_HOST="localhost", REMOTE_ADDR="198.51.100.7")
        assert _login(editor, factories.PASSWORD).status_code == 302


def test_web2_a_browser_that_logged_in_before_is_not_held_by_the_account_lock(mars_editor):
    editor = Client(HTTP_HOST="localhost", REMOTE_ADDR="198.51.100.7")
    assert _login(editor, factories.PASSWORD).status_code == 302  # sets the device cookie
    editor.post("/desk/logout/")
    attacker = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(accounts.ACCOUNT_LIMIT * 3):
        _login(attacker, "wrong")

    assert _login(editor, factories.PASSWORD).status_code == 302
    assert _login(Client(HTTP_HOST="localhost", REMOTE_ADDR="192.0.2.1"), factories.PASSWORD).status_code == 429


def test_web2_one_address_guessing_many_accounts_is_locked_per_address(network):
    attacker = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    for n in range(accounts.ADDRESS_LIMIT):
        _login(attacker, "wrong", username=f"user{n}")
    factories.editor("fresh")
    assert _login(attacker, factories.PASSWORD, username="fresh").status_code == 429
    other = Client(HTTP_HOST="localhost", REMOTE_ADDR="198.51.100.7")
    assert _login(other, factories.PASSWORD, username="fresh").status_code == 302


def test_web2_unlock_command_lifts_the_account_lock(mars_editor):
    attacker = Client(HTTP_HOST="localhost", REMOTE_ADDR="203.0.113.9")
    for _ in range(accounts.ACCOUNT_LIMIT):
        _login(attacker, "wrong")
    from django.core.management import call_command

    call_command("editor", "unlock", "mars")
    assert _login(Client(HTTP_HOST="localhost", REMOTE_ADDR="198.51.100.7"), factories.PASSWORD).status_code == 302


@override_settings(DATELINE_TRUSTED_PROXIES=["10.0.0.2"])
@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    ("203.0.113.9", "1.2.3.4", "203.0.113.9"),            # not through our proxy: header ignored
    ("10.0.0.2", "198.51.100.7", "198.51.100.7"),         # through the proxy: the address it saw
    ("10.0.0.2", "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # left of the proxy's hop is forgeable
    ("10.0.0.2", "not-an-ip", "10.0.0.2"),
])
def test_web2_client_address_comes_only_from_a_trusted_proxy(rf, remote, forwarded, expected):
    request = rf.get("/desk/login/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert accounts.client_address(request) == expected


def test_web2_wrong_password_and_unknown_user_get_the_same_answer(mars_editor):
    client = Client(HTTP_HOST="localhost")
    wrong = _login(client, "wrong")
    unknown = _login(client, "wrong", username="nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert "do not match a desk account" in wrong.text and "do not match a desk account" in unknown.text


# WEB-4 ---------------------------------------------------------------------------------------------

def test_web4_every_desk_post_needs_a_csrf_token(chief):
    story = factories.story(headline="CSRF target")
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    client.force_login(chief)
    placement = story.placements.get()
    for url in [f"/desk/placement/{placement.pk}/accept/", f"/desk/placement/{placement.pk}/reject/",
                f"/desk/placement/{placement.pk}/move/", f"/desk/story/{story.pk}/edit/",
                f"/desk/story/{story.pk}/kill/", "/desk/bulk/", "/desk/logout/", "/desk/login/",
                "/desk/password-reset/"]:
        assert client.post(url, {"reason": "x", "story": [story.pk], "action": "reject"}).status_code == 403, url
    story.refresh_from_db()
    assert story.state == Story.State.REVIEW


def test_web4_session_and_device_cookies_are_httponly_and_samesite_lax(mars_editor):
    response = _login(Client(HTTP_HOST="localhost"), factories.PASSWORD)
    for name in ("sessionid", accounts.DEVICE_COOKIE):
        cookie = response.cookies[name]
        assert cookie["httponly"] and cookie["samesite"] == "Lax", name


@override_settings(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-sessionid")
def test_web4_over_https_cookies_are_secure_and_host_prefixed(mars_editor):
    response = _login(Client(HTTP_HOST="localhost"), factories.PASSWORD, secure=True)
    assert response.cookies["__Host-sessionid"]["secure"]
    assert response.cookies["__Host-sessionid"]["path"] == "/"
    assert response.cookies[accounts.DEVICE_COOKIE]["secure"]


# WEB-5 ---------------------------------------------------------------------------------------------

PAYLOADS = ["//evil.example", "/\\evil.example", "https:evil.example", "%2F%2Fevil.example",
            "javascript:alert(1)", "https://evil.example/desk/", "///evil.example", "\\\\evil.example",
            " //evil.example", "http://localhost@evil.example/"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_web5_login_next_never_leaves_the_host(mars_editor, payload):
    response = Client(HTTP_HOST="localhost").post(
        "/desk/login/", {"username": "mars", "password": factories.PASSWORD, "next": payload})
    assert response.status_code == 302 and response["Location"] == "/desk/"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_web5_action_next_never_leaves_the_host(chief_client, payload):
    story = factories.story(headline="Redirect target")
    response = chief_client.post(f"/desk/placement/{story.placements.get().pk}/reject/", {"next": payload})
    assert response["Location"] == "/desk/"


def test_web5_a_local_next_is_kept(mars_editor):
    response = Client(HTTP_HOST="localhost").post(
        "/desk/login/", {"username": "mars", "password": factories.PASSWORD, "next": "/desk/sources/"})
    assert response["Location"] == "/desk/sources/"


# WEB-6 ---------------------------------------------------------------------------------------------

@override_settings(DATELINE_PUBLIC_PORT=8000, ALLOWED_HOSTS=["localhost", "evil.example"])
def test_web6_reset_link_uses_the_network_host_not_the_forged_host_header(network, mailoutbox):
    user = factories.editor("mars", sites=["marsdaily"])
    user.email = "mars@orbitalwire.example"
    user.save()

    response = Client(HTTP_HOST="evil.example").post("/desk/password-reset/", {"email": user.email})

    assert response.status_code == 302
    (message,) = mailoutbox
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith("http://localhost:8000/desk/password-reset/") for link in links)
    assert "evil.example" not in message.body


def test_web6_reset_mails_only_desk_accounts(network, mailoutbox):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("reader", email="reader@example.org", password="x")
    Client(HTTP_HOST="localhost").post("/desk/password-reset/", {"email": "reader@example.org"})
    assert mailoutbox == []


# WEB-9 ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/desk/", "/desk/audit/", "/desk/sources/", "/desk/editors/"])
def test_web9_editorial_pages_are_private_and_vary_on_cookie(chief_client, path):
    factories.story(headline="Private story")
    response = chief_client.get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_web9_login_page_is_private(network):
    response = Client(HTTP_HOST="localhost").get("/desk/login/")
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_web9_story_page_is_private(chief_client):
    story = factories.story(headline="Private story")
    response = chief_client.get(f"/desk/story/{story.pk}/")
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_web9_a_shared_cache_in_front_never_serves_an_editors_page_to_someone_else(settings, chief_client):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "web9"}}
    settings.MIDDLEWARE = ["django.middleware.cache.UpdateCacheMiddleware", *settings.MIDDLEWARE,
                           "django.middleware.cache.FetchFromCacheMiddleware"]
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    factories.story(headline="Unpublished scoop")
    assert "Unpublished scoop" in chief_client.get("/desk/").text

    anonymous = Client(HTTP_HOST="localhost").get("/desk/")

    assert anonymous.status_code == 302 and "Unpublished scoop" not in anonymous.content.decode()
