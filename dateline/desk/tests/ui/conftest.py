"""Fixtures of the desk UI tests: the demo network, editors of each role, a logged-in client."""

from __future__ import annotations

import pytest
from django.test import Client

from dateline.desk.tests.ui import factories

HOST = "localhost"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # PBKDF2's deliberate slowness buys nothing in tests and would dominate the WEB-3 matrix.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def network(db, data_dir):
    factories.load_network()


@pytest.fixture
def chief(network):
    return factories.editor("chief", chief=True)


@pytest.fixture
def mars_editor(network):
    return factories.editor("mars", sites=["marsdaily"])


def login_client(user, **kwargs) -> Client:
    client = Client(HTTP_HOST=HOST, **kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def chief_client(chief) -> Client:
    return login_client(chief)


@pytest.fixture
def mars_client(mars_editor) -> Client:
    return login_client(mars_editor)
