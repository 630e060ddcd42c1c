"""Digests built from the real-world corpus's headlines and teasers (THREATS HTML-5, HTML-6).

Every rss/atom corpus file that parses becomes one digest; each must give a message whose
headers are single lines, whose MIME parses without defects, and whose HTML escapes markup.
Read in place from ../shared/corpus, skipped when it is absent.
"""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime

import pytest

from conftest import corpus_files
from dateline.ingest.formats import parse
from dateline.ingest.formats.base import FormatError
from dateline.newsletter import digest, message
from dateline.newsletter.digest import DigestStory

FILES = corpus_files("rss") + corpus_files("atom")
PERSON = message.Personal(to="reader@example.org", unsubscribe_url="https://m.example/newsletter/unsubscribe/t/",
                          unsubscribe_mailto="mailto:unsubscribe@example.org?subject=unsubscribe%20t",
                          preferences_url="https://m.example/newsletter/preferences/t/",
                          message_id="<digest.1.1@example.org>")


@pytest.mark.skipif(not FILES, reason="real-world corpus not found (../shared/corpus beside the checkout)")
def test_html6_every_corpus_feed_gives_well_formed_single_line_headers():
    built = 0
    for path in FILES:
        try:
            document = parse(path.read_bytes())
        except FormatError:
            continue  # refused by ingest: never reaches a digest
        stories = [DigestStory(story_id=i, headline=item.headline, dateline="", teaser=digest.teaser(item.summary),
                               url=f"https://m.example/s/{i}.html", section="News", section_position=0,
                               info_value=float(i % 7), published_at=datetime(2026, 3, 10, tzinfo=UTC))
                   for i, item in enumerate(document.items) if item.headline]
        if not stories:
            continue
        sections = digest.select(stories, max_stories=30)
        rendered = digest.render(newsletter_name=f"Corpus {path.stem}", site_name="Mars", site_url="https://m.example",
                                 day=date(2026, 3, 10), sections=sections, archive_url="https://m.example/a/")
        template = message.build_template(subject=rendered.subject, from_name=f"Corpus\r\n{path.stem}",
                                          from_email="nl@example.org", list_id="Corpus <c.newsletter.example.org>",
                                          text=rendered.text, html=rendered.html, boundary="b-corpus")
        data = message.personalise(template, PERSON)
        head = data.split(b"\r\n\r\n", 1)[0]
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        assert not parsed.defects, path
        assert "\n" not in parsed["Subject"] and "\r" not in parsed["Subject"], path
        assert parsed["Bcc"] is None and parsed["From"].addresses[0].addr_spec == "nl@example.org", path
        assert all(line[:1] in b" \t" or b":" in line for line in head.split(b"\r\n")), path  # no stray lines
        assert len(parsed.get_body(("html",)).get_content()) > 0
        built += 1
    assert built >= 20  # most corpus feeds carry items
