"""The demo network file and content written for the project."""

from __future__ import annotations

from dateline.network import config
from dateline.pipeline.demo import NETWORK_FILE


def test_the_demo_network_file_is_valid_with_six_sites_each_with_sections_links_and_sisters():
    spec = config.load(NETWORK_FILE)
    assert len(spec.sites) >= 6
    for site in spec.sites:
        assert site.sections and site.sisters
        assert all(section.related_links for section in site.sections)
