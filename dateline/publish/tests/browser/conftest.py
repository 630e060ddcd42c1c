"""Playwright driving Debian's Chromium against pytest-django's live server (``<site>.localhost:<port>``)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# The fake ad network listens on another loopback address: a different host, as a real network would be.
AD_HOST = "127.0.0.2"
AD_SCRIPT = b"document.getElementById('ad-sidebar').textContent = 'Fake ad network loaded';\n"


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


class _AdHandler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.send_header("Content-Length", str(len(AD_SCRIPT)))
        self.end_headers()
        self.wfile.write(AD_SCRIPT)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def ad_network() -> Iterator[tuple[str, list[str]]]:
    """A fake ad network's script server: its URL and the paths it was asked for."""
    hits: list[str] = []
    handler = type("Handler", (_AdHandler,), {"hits": hits})
    server = ThreadingHTTPServer((AD_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{AD_HOST}:{server.server_address[1]}/tag.js", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Screenshots go to DATELINE_SCREENSHOT_DIR (docs/ when refreshing the README's) or a temp folder."""
    return Path(os.environ.get("DATELINE_SCREENSHOT_DIR") or tmp_path)
