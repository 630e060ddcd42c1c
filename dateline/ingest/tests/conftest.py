"""Fixtures for transport tests: loopback servers only (tests never leave 127.0.0.1)."""

from __future__ import annotations

import pytest

from dateline.ingest.tests.loopback import Canary, FeedServer


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server


@pytest.fixture
def canary():
    with Canary() as listener:
        yield listener


class StubResolver:
    """An injected resolver: name → answers (a list per call, to script DNS rebinding), calls recorded."""

    def __init__(self, answers: dict[str, list[list[str]] | list[str]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        answer = self.answers[host]
        if answer and isinstance(answer[0], list):
            return answer[min(self.calls.count(host), len(answer)) - 1]
        return answer


@pytest.fixture
def stub_resolver():
    return StubResolver


@pytest.fixture
def make_source(db, data_dir):
    """Create a Source: a drop folder under the test's data dir by default, or an HTTP URL."""
    from dateline.network.models import Source

    def make(slug: str = "wire", *, transport: str = "folder", location: str | None = None, **fields) -> Source:
        location = location or f"inbox/{slug}"
        return Source.objects.create(slug=slug, name=slug.title(), transport=transport, location=location,
                                     **fields)

    return make
