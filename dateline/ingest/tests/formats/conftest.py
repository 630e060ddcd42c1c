"""Helpers for format tests: fixture files written for the project live in ``ingest/tests/fixtures``."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def fixture_bytes(*parts: str) -> bytes:
    return FIXTURES.joinpath(*parts).read_bytes()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


class CanaryListener:
    """A loopback TCP listener that must see zero connections (XML-2, XML-3, HTML-8)."""

    def __init__(self) -> None:
        import socket
        import threading

        self.connections = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


@pytest.fixture
def canary_listener():
    listener = CanaryListener()
    yield listener
    listener.close()


@pytest.fixture
def canary_file(tmp_path):
    """A file whose token must never surface in any parse result."""
    import secrets

    token = "CANARY-" + secrets.token_hex(8)
    path = tmp_path / "canary.txt"
    path.write_text(token)
    return path, token
