"""Playwright driving Debian's Chromium against pytest-django's live server; desk on ``localhost:<port>``,
sites on ``<site>.localhost:<port>`` (Chromium resolves ``*.localhost`` to loopback)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dateline.desk.tests.ui import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser(monkeypatch) -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright for Python")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


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


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Screenshots go to DATELINE_SCREENSHOT_DIR (docs/ when refreshing the README's) or a temp folder."""
    return Path(os.environ.get("DATELINE_SCREENSHOT_DIR") or tmp_path)


def log_in(page, desk: str, username: str) -> None:
    page.goto(desk)
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(desk)
