"""Each format module, on fixture files written for the project: detection and every normalised field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.ingest import formats
from dateline.ingest.formats import FormatError
from dateline.ingest.tests.formats.conftest import fixture_bytes


def parse(*parts: str, **kwargs):
    return formats.parse(fixture_bytes(*parts), **kwargs)


@pytest.mark.parametrize(("parts", "expected"), [
    (("rss", "agency-feed.xml"), "rss"),
    (("atom", "press-office.xml"), "rss"),
    (("jsonfeed", "feed-1.1.json"), "jsonfeed"),
    (("newsml_g2", "text-item.xml"), "newsml_g2"),
    (("newsml_12", "afp-form.xml"), "newsml_12"),
    (("nitf", "story-3.4.xml"), "nitf"),
    (("ninjs", "text-1.x.json"), "ninjs"),
    (("ninjs", "text-3.x.json"), "ninjs"),
    (("html", "article.html"), "html"),
    (("wiretext", "afp-style.txt"), "wiretext"),
])
def test_format_is_detected_from_content(parts, expected):
    assert formats.detect(fixture_bytes(*parts)) == expected


def test_rss_items_with_dateline_byline_images_and_sanitised_body():
    document = parse("rss", "agency-feed.xml")
    assert (document.format, document.title, document.language) == ("rss", "Dateline Test Wire", "en")
    first, second, third = document.items
    assert first.guid == "wire-0001" and first.headline == "Ariane 6 lifts off on first flight"
    assert (first.byline, first.agency) == ("by AFP Staff Writers", "AFP")
    assert (first.dateline.city, first.dateline.country) == ("Kourou", "French Guiana")
    assert first.published == datetime(2024, 7, 9, 19, tzinfo=UTC)
    assert first.body_text.startswith("Europe's new heavy rocket Ariane 6 lifted off on Tuesday.")
    assert 'href="https://wire.dateline.test/more"' in first.body_html  # relative link resolved
    assert "onclick" not in first.body_html and "onerror" not in first.body_html
    assert first.summary == "Europe's new rocket flew for the first time."
    assert first.subjects == ["Launchers"]
    assert first.images[0].url == "https://img.dateline.test/a6-large.jpg" and first.images[0].width == 1200
    assert (second.agency, second.dateline.city, second.body_text) == (
        "UPI", "Washington", "The Senate passed the space budget on Monday.")
    assert third.published is None and "date_invalid" in third.warnings  # DATE-1: Feb 30, 25:61


def test_atom_entry_with_html_title_and_xhtml_content():
    [item] = parse("atom", "press-office.xml").items
    assert item.headline == "Rover finds ancient lake bed"  # HTML-5: markup in a title becomes text
    assert item.byline == "Jet Propulsion Laboratory" and item.agency == "JPL"
    assert (item.dateline.city, item.dateline.region) == ("Pasadena", "California")
    assert item.body_text == "The rover found a lake bed.\n\nScientists are delighted."
    assert item.updated == datetime(2024, 6, 28, 16, tzinfo=UTC)


def test_json_feed_items():
    document = parse("jsonfeed", "feed-1.1.json")
    first, second = document.items
    assert (first.guid, first.link, first.byline) == ("json-1", "https://json.dateline.test/1", "Desk")
    assert first.keywords == ["Moon", "Landers"] and first.images[0].url == "https://json.dateline.test/lander.jpg"
    assert "<script" not in first.body_html and first.body_text == "The lander is ready."
    assert (second.guid, second.agency, second.byline) == ("2", "Reuters", "Desk")
    assert second.body_text == "Plain text body." and "date_invalid" in second.warnings


def test_nitf_story():
    [item] = parse("nitf", "story-3.4.xml").items
    assert (item.guid, item.version, item.urgency) == ("nitf-dateline-0001", 2, 2)
    assert (item.headline, item.subheadline) == ("Astronauts complete third spacewalk", "Repairs finished ahead of schedule")
    assert item.agency == "AP"
    assert (item.dateline.city, item.dateline.region) == ("Cape Canaveral", "Florida")
    assert item.body_text.startswith("Two astronauts completed a third spacewalk on Tuesday.")
    assert "<h3>Next steps</h3>" in item.body_html
    assert item.keywords == ["ISS", "spacewalk"] and item.subjects == ["Space"]
    assert item.images[0].caption == "Outside the station."


def test_newsml_12_afp_form_in_latin1():
    [item] = parse("newsml_12", "afp-form.xml").items
    assert item.headline == "Le lanceur Ariane 6 prêt pour son premier vol"
    assert item.guid == "urn:newsml:afp.test:20240703T101500Z:TX-PAR-0001:1" and item.version == 1
    assert (item.agency, item.urgency, item.language) == ("AFP", 3, "fr")
    assert item.dateline.text == "PARIS, 3 juil 2024 (AFP)"
    assert item.dateline.date == datetime(2024, 7, 3, tzinfo=UTC)
    assert item.body_text == "Le lanceur européen est prêt."


@pytest.mark.parametrize(("name", "status", "headline"), [
    ("text-1.x.json", "usable", "Satellite operator orders two spacecraft"),
    ("text-2.x.json", "withheld", "Embargoed results of the space survey"),
    ("text-3.x.json", "canceled", "KILL: Withdrawn story"),
])
def test_ninjs_every_generation(name, status, headline):
    [item] = parse("ninjs", name).items
    assert (item.pubstatus, item.headline) == (status, headline)


def test_ninjs_1x_fields():
    [item] = parse("ninjs", "text-1.x.json").items
    assert (item.version, item.urgency, item.byline, item.agency) == (2, 3, "By Jane Doe, Reuters", "Reuters")
    assert item.body_text == "The operator ordered two spacecraft." and item.dateline.city == "Luxembourg"
    assert item.images[0].url == "https://img.dateline.test/o.jpg" and item.images[0].credit == "Reuters"


def test_ninjs_2x_embargo_and_3x_plain_text():
    [embargoed] = parse("ninjs", "text-2.x.json").items
    assert embargoed.embargo == datetime(2024, 7, 4, 6, tzinfo=UTC) and embargoed.subheadline == "Subhead"
    [killed] = parse("ninjs", "text-3.x.json").items
    assert killed.body_text == "This story has been withdrawn." and killed.version == 4


def test_ninjs_picture_alone_is_refused():
    with pytest.raises(FormatError) as error:
        parse("ninjs", "picture-only.json")
    assert error.value.code == "unsupported_item_class"


def test_html_article_page():
    raw = fixture_bytes("html", "article.html").replace(b"CANARY_URL", b"http://127.0.0.1:9")
    [item] = formats.parse(raw).items
    assert item.headline == "New telescope sees first light"
    assert item.byline == "Ada Lovelace"
    assert item.published.date().isoformat() == "2024-06-30"
    assert item.link == "https://observatory.dateline.test/news/first-light"
    assert "first images on Sunday" in item.body_text and "Privacy" not in item.body_text
    assert item.dateline.city == "La Silla" and item.agency == "ESO"


def test_plain_wire_text():
    [item] = parse("wiretext", "afp-style.txt").items
    assert item.headline == "Kazakhstan hosts regional security summit"
    assert (item.byline, item.agency, item.dateline.city) == ("by AFP Staff Writers", "AFP", "Astana")
    assert item.published == datetime(2024, 7, 3, tzinfo=UTC) and "published_from_dateline" in item.warnings
    assert item.body_text.startswith("Leaders of the Shanghai Cooperation Organisation met")


@pytest.mark.parametrize(("parts", "code"), [
    (("json", "duplicate-uri.json"), "json_duplicate_key"),  # JSON-2
    (("json", "nan.json"), "json_nonfinite"),  # JSON-3
    (("json", "infinity.json"), "json_nonfinite"),  # JSON-3
    (("json", "schema-violation.json"), "schema_invalid"),  # JSON-4
    (("json", "truncated.json"), "json_malformed"),
    (("html", "not-an-article.html"), "not_an_article"),
    (("rss", "not-a-feed.xml"), "not_a_feed"),
    (("rss", "truncated.xml"), "xml_malformed"),  # XML-5
    (("nitf", "truncated.xml"), "xml_malformed"),  # XML-5
    (("newsml_g2", "truncated.xml"), "xml_malformed"),  # XML-5
])
def test_error_cases_are_refused_with_their_code(parts, code):
    with pytest.raises(FormatError) as error:
        parse(*parts)
    assert error.value.code == code


def test_json2_a_duplicate_control_key_never_becomes_another_story():
    with pytest.raises(FormatError) as error:
        parse("json", "duplicate-uri.json")
    assert "uri" in error.value.message


def test_json4_schema_errors_name_the_field_paths():
    with pytest.raises(FormatError) as error:
        parse("json", "schema-violation.json")
    assert "headlines:" in error.value.message and "urgency:" in error.value.message


def test_json1_deep_nesting_is_refused_and_the_next_file_still_parses():
    with pytest.raises(FormatError) as error:
        formats.parse(b'{"uri": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "ninjs")
    assert error.value.code == "json_too_deep"
    assert parse("ninjs", "text-1.x.json").items


def test_enc3_lone_surrogates_from_json_escapes_are_replaced():
    [item] = parse("json", "lone-surrogate.json").items
    assert item.headline == "\ufffd lone surrogate \ufffd"
    item.headline.encode("utf-8")


def test_xml5_a_truncated_feed_never_publishes_its_partial_last_item():
    raw = fixture_bytes("rss", "agency-feed.xml")
    cut = raw[: raw.index(b"<title>Item with an impossible date")]
    document = formats.parse(cut)
    assert [i.guid for i in document.items] == ["wire-0001", "https://wire.dateline.test/senate"]
    assert "partial_item_dropped" in document.warnings


def test_gzip_input_is_inflated_and_a_gzip_bomb_stops_at_the_cap():
    import gzip

    assert formats.parse(gzip.compress(fixture_bytes("wiretext", "afp-style.txt"))).items
    bomb = gzip.compress(b"A" * (formats.MAX_DOCUMENT_BYTES + 10), compresslevel=9)
    with pytest.raises(FormatError) as error:
        formats.parse(bomb)
    assert error.value.code == "too_large"


def test_html5_plain_text_fields_never_carry_markup():
    raw = (b'<rss version="2.0"><channel><item><guid>h5</guid><title>&lt;img src=x onerror=alert(1)&gt; Launch</title>'
           b"<author>&lt;b&gt;Eve&lt;/b&gt;</author><description>x</description></item></channel></rss>")
    [item] = formats.parse(raw).items
    assert "<" not in item.headline and "onerror" not in item.headline
