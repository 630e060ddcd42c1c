"""Hand-offs between stages that the other pipeline tests do not reach."""

from __future__ import annotations

import dataclasses

import pytest

from dateline.network import config
from dateline.network.models import Site
from dateline.network.services import network_load
from dateline.pipeline.demo import NETWORK_FILE
from dateline.publish import cache

pytestmark = pytest.mark.django_db


def test_gdpr5_a_network_load_that_changes_something_makes_every_page_render_again(
        data_dir, django_capture_on_commit_callbacks):
    spec = config.load(NETWORK_FILE)
    with django_capture_on_commit_callbacks(execute=True):
        network_load(spec=spec)
    pages = [0, *Site.objects.values_list("pk", flat=True)]  # 0: the network index
    before = {site: cache.generation(site) for site in pages}
    with django_capture_on_commit_callbacks(execute=True):
        network_load(spec=spec)  # nothing changed: every cached page stays
    assert {site: cache.generation(site) for site in pages} == before
    # A new privacy policy version: every page's consent banner must ask again (GDPR-5).
    with django_capture_on_commit_callbacks(execute=True):
        network_load(spec=dataclasses.replace(spec, privacy_policy_version="2099-01"))
    after = {site: cache.generation(site) for site in pages}
    assert all(after[site] != before[site] for site in pages)
