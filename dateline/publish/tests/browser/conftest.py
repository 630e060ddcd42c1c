"""Playwright driving Debian's Chromium against pytest-django's live server (the `browser` and
`screenshot_dir` fixtures are in the root conftest) (``<site>.localhost:<port>``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# The fake ad network listens on another loopback address: a different host, as a real network would be.
AD_HOST = "127.0.0.2"
AD_SCRIPT = b"document.getElementById('ad-sidebar').textContent = 'Fake ad network loaded';\n"



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

