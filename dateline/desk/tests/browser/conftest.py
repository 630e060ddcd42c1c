"""Playwright driving Debian's Chromium against pytest-django's live server (the `browser` and
`screenshot_dir` fixtures are in the root conftest); desk on ``localhost:<port>``,
sites on ``<site>.localhost:<port>`` (Chromium resolves ``*.localhost`` to loopback)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from dateline.desk.tests.ui import factories


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def port(live_server) -> int:
    return urlsplit(live_server.url).port


@pytest.fixture
def desk(port) -> str:
    return f"http://localhost:{port}/desk/"


@pytest.fixture
def network(transactional_db, data_dir, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    factories.load_network()



def log_in(page, desk: str, username: str) -> None:
    page.goto(desk)
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(desk)
