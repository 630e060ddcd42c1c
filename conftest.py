"""Shared test fixtures: the real-world corpus in ../shared/corpus (read in place, skipped when absent)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def _find_corpus() -> Path:
    """``../shared/corpus`` beside the checkout, or beside any folder above it (worktrees live deeper)."""
    here = Path(__file__).resolve().parent
    for folder in here.parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared" / "corpus"
    return here.parent / "shared" / "corpus"


CORPUS = _find_corpus()


def pytest_report_header(config) -> str:
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real-world corpus not found at {CORPUS} (it lives in ../shared/corpus beside the checkout)")
    return CORPUS


def corpus_files(*parts: str, pattern: str = "*") -> list[Path]:
    """Corpus files for parametrising at collection time; empty when the corpus is absent."""
    base = CORPUS.joinpath(*parts)
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob(pattern) if p.is_file())


@pytest.fixture
def data_dir(settings, tmp_path) -> Path:
    """A fresh data directory per test: drop folders, mail files and exports land here."""
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Pages and boxes are cached: no test may see another test's cached pages (ids repeat after rollback)."""
    from django.core.cache import cache

    from dateline.publish import assembly

    cache.clear()
    assembly.clear_shells()  # kept per generation, and a stamp in a shared data dir outlives a test
    yield


# Browser tests: Playwright for Python driving Debian's Chromium (it cannot download a browser of its own).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser(monkeypatch) -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright for Python")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Screenshots go to DATELINE_SCREENSHOT_DIR (docs/ when refreshing the README's) or a temp folder."""
    return Path(os.environ.get("DATELINE_SCREENSHOT_DIR") or tmp_path)
