"""Every real-world corpus file parses or is refused with a reason code; expectations hold at measured rates.

``python -m bench.corpus_report -v`` prints the same figures per folder with each failing file.
"""

from __future__ import annotations

import re
from datetime import UTC

import pytest

from bench.corpus_report import FOLDERS, inputs, parse_file, run, summarise
from conftest import CORPUS

FILES = [(folder, path) for folder in FOLDERS if (CORPUS / folder).is_dir() for path in inputs(CORPUS, folder)]
EXECUTABLE = re.compile(r"<script|<iframe|<object|<embed|<svg|<math|<style|javascript:|\son\w+=|style=", re.I)
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@pytest.mark.parametrize(("folder", "path"), FILES, ids=[str(p.relative_to(CORPUS)) for _, p in FILES])
def test_corpus_file_parses_or_is_refused_with_a_code(corpus, folder, path):
    outcome = parse_file(path)
    assert not outcome.crashed, outcome.message
    assert outcome.seconds < 2.0  # L12: each file within 2 s
    if outcome.document is None:
        assert outcome.code and outcome.message
        return
    for item in outcome.document.items:
        assert item.guid
        for when in (item.published, item.updated):
            assert when is None or when.tzinfo is UTC  # DATE-1
        assert not EXECUTABLE.search(item.body_html)  # HTML-1
        for text in (item.headline, item.byline, item.body_text, item.summary, item.body_html):
            assert not CONTROLS.search(text)  # ENC-2, ENC-3
        assert item.pubstatus in {"usable", "withheld", "canceled"}


# Pass rates measured when these checks were written; a drop below them is a regression.
FLOORS = {
    ("rss", "feedparser_expect"): 0.70,
    ("rss", "rss_parser_expected"): 0.65,
    ("atom", "feedparser_expect"): 0.35,
    ("atom", "rss_parser_expected"): 1.0,
    ("jsonfeed", "gofeed_expected"): 1.0,
    ("ninjs", "parses"): 0.95,
    ("html", "body_f1_0.8"): 0.90,
    ("html", "title"): 0.85,
    ("html", "date"): 0.85,
    ("html", "text_recall_0.8"): 0.85,
}


@pytest.fixture(scope="module")
def summary(corpus):
    return summarise(run(corpus, FOLDERS))


@pytest.mark.parametrize(("folder", "check"), sorted(FLOORS))
def test_corpus_expectations_hold_at_their_measured_rate(summary, folder, check):
    assert summary[folder]["checks"][check]["rate"] >= FLOORS[(folder, check)]


def test_no_corpus_file_crashes(summary):
    assert {folder: figures["crashed"] for folder, figures in summary.items()} == dict.fromkeys(summary, 0)
