"""NewsML-G2 newsItem and newsMessage → normalised items (fixtures written for the project)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.ingest import formats
from dateline.ingest.formats import FormatError
from dateline.ingest.tests.formats.conftest import fixture_bytes


def parse(name: str):
    return formats.parse(fixture_bytes("newsml_g2", name))


def test_a_text_item_is_detected_from_its_content_not_its_name():
    assert formats.detect(fixture_bytes("newsml_g2", "text-item.xml")) == "newsml_g2"


def test_a_text_item_carries_every_field_normalised():
    document = parse("text-item.xml")
    assert document.format == "newsml_g2"
    [item] = document.items
    assert item.guid == "urn:newsml:dateline.test:20240703:astana-summit"
    assert item.version == 3
    assert item.headline == "Regional leaders meet in Astana for security summit"
    assert item.subheadline == "Talks focus on trade corridors and space cooperation"
    assert item.byline == "AFP Staff Writers"
    assert item.agency == "AFP"
    assert item.published == datetime(2024, 7, 3, 3, 0, tzinfo=UTC)
    assert item.updated == datetime(2024, 7, 3, 4, 15, tzinfo=UTC)
    assert item.language == "en"
    assert item.urgency == 3
    assert item.pubstatus == "usable"
    assert item.subjects == ["politics", "medtop:20000638"]
    assert item.keywords == ["SCO", "summit"]
    assert item.summary == "Leaders of the Shanghai Cooperation Organisation gathered on Wednesday."
    assert item.images[0].url == "https://photos.dateline.test/astana-summit.jpg"
    assert item.images[0].caption == "Leaders arrive at the summit venue"


def test_the_dateline_comes_from_the_item_and_is_taken_out_of_the_body():
    [item] = parse("text-item.xml").items
    dl = item.dateline
    assert (dl.text, dl.city, dl.country, dl.agency) == ("Astana, Kazakhstan (AFP) July 3, 2024", "Astana",
                                                         "Kazakhstan", "AFP")
    assert dl.date == datetime(2024, 7, 3, tzinfo=UTC)
    assert item.body_text.startswith("Leaders of the Shanghai Cooperation Organisation met on")
    assert "(AFP)" not in item.body_html


def test_html1_the_inline_xhtml_body_is_sanitised():
    [item] = parse("text-item.xml").items
    assert "javascript:" not in item.body_html
    assert "<script" not in item.body_html and "alert(2)" not in item.body_html
    assert "style=" not in item.body_html
    assert "The summit ends on Thursday." in item.body_text


def test_a_message_gives_its_text_item_with_the_linked_picture_and_nitf_body():
    document = parse("message-text-and-picture.xml")
    assert "skipped_item_class:ninat:picture" in document.warnings
    [item] = document.items
    assert item.headline == "Senate passes space budget"
    assert item.byline == "By Jane Doe, UPI"
    assert item.agency == "UPI"
    assert item.dateline.city == "Washington"
    assert item.dateline.date == datetime(2024, 7, 1, tzinfo=UTC)
    assert item.body_text.startswith("The Senate passed the space budget on Monday.")
    assert "<h3>What is in it</h3>" in item.body_html
    assert "<em>lunar</em>" in item.body_html
    [image] = item.images
    assert (image.url, image.width, image.credit) == ("https://photos.upi.test/full.jpg", 2000, "UPI/Jane Doe")
    assert image.caption == "The Capitol in Washington on Monday."


def test_wire1_a_kill_notice_is_canceled():
    [item] = parse("kill-notice.xml").items
    assert item.pubstatus == "canceled"
    assert item.version == 4
    assert item.body_text == "Editors: this story has been withdrawn."


def test_wire2_a_withheld_item_keeps_its_embargo_and_drops_an_impossible_urgency():
    [item] = parse("embargoed.xml").items
    assert item.pubstatus == "withheld"
    assert item.embargo == datetime(2024, 7, 10, 6, 0, tzinfo=UTC)
    assert item.urgency is None
    assert item.dateline.city == "Paris" and item.agency == "Reuters"
    assert item.body_text == "The launch provider doubled its revenue.\n\nAnalysts expected less."


def test_a_package_alone_is_refused_with_a_clear_code():
    with pytest.raises(FormatError) as error:
        parse("package.xml")
    assert error.value.code == "unsupported_item_class"
    assert "ninat:composite" in error.value.message


def test_xml5_a_truncated_item_is_malformed_with_its_position():
    with pytest.raises(FormatError) as error:
        parse("truncated.xml")
    assert error.value.code == "xml_malformed"
    assert "line" in error.value.message
