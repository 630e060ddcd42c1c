"""Security headers on every public URL pattern (THREATS WEB-7) and production settings (WEB-1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import URLPattern, get_resolver, reverse

pytestmark = pytest.mark.django_db
HOST = "spacewar.localhost"
PRIVATE_PREFIXES = ("admin/", "desk/")  # the editorial side has its own tests (WEB-3)


def _public_patterns() -> list[URLPattern]:
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLPattern) and entry.name and not str(entry.pattern).startswith(PRIVATE_PREFIXES):
            found.append(entry)
    return found


@pytest.fixture
def crawl_paths(sites, publish):
    article = publish(headline="Header crawl story", sections=[sites["spacewar"].sections.get(slug="news")],
                      ).articles.get()
    values = {"section_slug": "news", "slug": article.slug, "pk": article.pk, "year": article.published_at.year,
              "month": article.published_at.month, "day": article.published_at.day, "page": 1,
              "name": "0" * 64 + ".png"}  # wire-media: an unsigned name, refused with the site's 404
    paths = []
    for pattern in _public_patterns():
        names = list(pattern.pattern.converters)
        missing = [n for n in names if n not in values]
        assert not missing, f"the crawl needs sample values for {pattern.name}: {missing}"
        paths.append(reverse(pattern.name, kwargs={n: values[n] for n in names}))
    return [*paths, "/no-such-section/", "/news/missing-story-999999.html"]


def test_web7_every_public_response_carries_the_security_headers(client, crawl_paths, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert len(crawl_paths) >= 10
    for path in crawl_paths:
        response = client.get(path, HTTP_HOST=HOST, secure=True)
        assert response.status_code < 500, path
        csp = response["Content-Security-Policy"]
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'", "script-src 'self'"):
            assert directive in csp, (path, directive)
        assert "unsafe-eval" not in csp and "script-src 'self' 'unsafe-inline'" not in csp, path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), path


def test_web8_a_long_query_string_or_page_number_is_refused_cheaply(client, crawl_paths):
    assert client.get("/news/?page=" + "9" * 5000, HTTP_HOST=HOST).status_code == 404


@pytest.mark.slow
def test_web1_check_deploy_is_clean_with_production_settings(tmp_path):
    """DEBUG off, https, an SMTP mailer: `check --deploy --fail-level WARNING` reports nothing."""
    root = Path(__file__).resolve().parents[4]
    env = {**os.environ, "DATELINE_DATA_DIR": str(tmp_path), "DATELINE_PUBLIC_SCHEME": "https",
           "DATELINE_DEBUG": "0", "EMAIL_URL": "smtp://127.0.0.1:1025", "PYTHONPATH": str(root)}
    env.pop("DATELINE_SECRET_KEY", None)  # the generated default key must pass too
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "dateline.pipeline.cli", "manage", "check", "--deploy",
                             "--fail-level", "WARNING"], cwd=root, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
