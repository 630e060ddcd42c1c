"""The dateline and byline parser, specified by a table of cases written for the project.

Each row of ``fixtures/datelines/*.tsv`` is one test; ``test_accuracy_is_reported`` prints the share that
pass (``python -m bench.dateline_accuracy -v`` prints the same with the misses).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bench.dateline_accuracy import byline_cases, dateline_cases, evaluate
from dateline.ingest.datelines import parse_dateline, parse_place, split_lead, strip_lead_html

DATELINES = dateline_cases()
BYLINES = byline_cases()


def test_the_tables_hold_at_least_150_cases():
    assert len(DATELINES) + len(BYLINES) >= 150


@pytest.mark.parametrize("case", DATELINES, ids=[c.input[:40] for c in DATELINES])
def test_dateline(case):
    assert case.got == case.expected


@pytest.mark.parametrize("case", BYLINES, ids=[c.input[:40] for c in BYLINES])
def test_byline(case):
    assert case.got == case.expected


def test_accuracy_is_reported(capsys):
    report = evaluate()
    printed = capsys.readouterr().out
    assert "dateline" in printed and "byline" in printed
    assert report["all"]["accuracy"] >= 0.95


def test_plain_wire_text_gives_byline_dateline_and_the_body_without_them():
    lead = split_lead("by AFP Staff Writers\nAstana, Kazakhstan (AFP) July 3, 2024\n\nLeaders met.\n\nMore.")
    assert lead.byline.text == "AFP Staff Writers" and lead.byline.agency == "AFP"
    assert lead.dateline.city == "Astana" and lead.dateline.country == "Kazakhstan"
    assert lead.body == "Leaders met.\n\nMore."


def test_html_body_loses_its_byline_paragraph_and_dateline_prefix():
    lead = strip_lead_html("<p>by Staff Writers<br/>Washington DC (SPX) Jul 01, 2024</p><p>The Space Force said.</p>")
    assert lead.byline.text == "Staff Writers"
    assert lead.dateline.city == "Washington" and lead.dateline.region == "District of Columbia"
    assert lead.body == "<p>The Space Force said.</p>"


def test_html_dateline_inside_the_first_paragraph_keeps_the_rest_of_it():
    lead = strip_lead_html("<p>WASHINGTON, July 1 (UPI) -- The &amp; sign stays.</p><p>Next.</p>",
                           reference=datetime(2024, 7, 2, tzinfo=UTC))
    assert lead.dateline.text == "WASHINGTON, July 1 (UPI)"
    assert lead.body == "<p>The &amp; sign stays.</p><p>Next.</p>"


def test_a_body_without_a_dateline_is_unchanged():
    html = "<p>Astronomers have discovered a new exoplanet.</p>"
    lead = strip_lead_html(html)
    assert (lead.byline, lead.dateline, lead.body) == (None, None, html)


def test_a_year_less_dateline_takes_the_year_of_publication():
    found = parse_dateline("WASHINGTON, Dec. 31 (UPI) -- x", reference=datetime(2025, 1, 1, tzinfo=UTC))
    assert found.date == datetime(2024, 12, 31, tzinfo=UTC)


def test_a_year_less_dateline_without_reference_has_no_date():
    assert parse_dateline("WASHINGTON, July 1 (UPI) -- x").date is None


def test_a_bare_place_from_a_dateline_field():
    found = parse_place("FORT WASHINGTON, Pa.")
    assert (found.city, found.region, found.country) == ("Fort Washington", "Pennsylvania", "United States")
    assert parse_place("2014-07-16 13:00:03 GMT") is None
