from __future__ import annotations

import pytest

from dateline.publish.tests.pages.factories import make_network


@pytest.fixture
def sites(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_network()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a story and run its on-commit hand-offs (related content, boxes, cache purge)."""
    from dateline.publish.tests.pages.factories import make_story

    def _publish(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_story(**kwargs)

    return _publish
