"""Desk test fixtures: the demo network and a factory for stored wire items."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.desk import clusters
from dateline.desk.routing import store as routing_store
from dateline.desk.tests.factories import make_wire
from dateline.network import config
from dateline.network.models import Source
from dateline.network.services import network_load

# The demo network (read as a file: the desk may not import the pipeline layer above it).
NETWORK_FILE = Path(__file__).resolve().parents[2] / "pipeline" / "demo" / "network.toml"


@pytest.fixture(autouse=True)
def fresh_desk_state():
    """The near-duplicate index and the model cache are per process: start every test empty."""
    clusters.reset()
    routing_store.reset_cache()
    yield
    clusters.reset()
    routing_store.reset_cache()


@pytest.fixture
def network(data_dir):
    network_load(spec=config.load(NETWORK_FILE))
    return data_dir


@pytest.fixture
def untrusted_source(network) -> Source:
    return Source.objects.create(slug="scraped", name="Scraped feed", location="inbox/scraped")


@pytest.fixture
def wire(network):
    """``wire(source_slug, guid, headline, body, **fields)`` → a stored WireItem, as ingest leaves it."""
    return make_wire
