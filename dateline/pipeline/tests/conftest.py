"""The demo network: its configuration loaded per test, or the whole demo built once per test module
(building it takes seconds; the page tests only read it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from dateline.desk import clusters
from dateline.network import config
from dateline.network.services import network_load
from dateline.pipeline.demo import NETWORK_FILE
from dateline.pipeline.demo.build import DemoReport, demo_build

ANCHOR = datetime(2024, 7, 3, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> tuple[DemoReport, object]:
    """The demo built once into a module's data directory, committed, and flushed after the module.

    Tests using it take ``django_db`` (each wrapped in a rolled-back transaction), never
    ``transaction=True``, whose flush would remove the demo under the module's feet.
    """
    data_dir = tmp_path_factory.mktemp("demo-data")
    # The desk's in-process near-duplicate index outlives earlier tests' flushed rows, whose ids repeat.
    clusters.reset()
    with override_settings(DATA_DIR=data_dir, MEDIA_ROOT=data_dir / "media"), django_db_blocker.unblock():
        report = demo_build(data_dir=data_dir, now=ANCHOR, migrate=False)
        yield report, data_dir
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def network(data_dir):
    """The demo network's sites, sections and sources loaded, with the desk's in-process index empty."""
    clusters.reset()
    network_load(spec=config.load(NETWORK_FILE))
    yield data_dir
    clusters.reset()
