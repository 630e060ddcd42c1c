"""The digest as bytes: personalised by substitution, yet a valid MIME message (THREATS NL-4, HTML-6)."""

from __future__ import annotations

import binascii
import email
import email.policy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.newsletter import message
from dateline.newsletter.digest import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER

PERSON = message.Personal(to="reader@example.org", unsubscribe_url="https://m.example/newsletter/unsubscribe/k.1:sig/",
                          unsubscribe_mailto="mailto:unsubscribe@example.org?subject=unsubscribe%20k.1:sig",
                          preferences_url="https://m.example/newsletter/preferences/k:sig/",
                          message_id="<digest.1.1@example.org>")


def build(text: str, html: str, subject: str = "Mars Daily: Rover") -> bytes:
    template = message.build_template(subject=subject, from_name="Mars Daily", from_email="nl@example.org",
                                      list_id="Mars Daily <marsdaily.newsletter.example.org>", text=text,
                                      html=html, boundary="b-1")
    return message.personalise(template, PERSON)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_encoding_shared_lines_once_gives_the_same_bytes_as_encoding_the_whole_body(body):
    text = f"{body}\nUnsubscribe: {UNSUBSCRIBE_PLACEHOLDER}\n{body}\nend {PREFERENCES_PLACEHOLDER}"
    filled = text.replace(UNSUBSCRIBE_PLACEHOLDER, PERSON.unsubscribe_url).replace(
        PREFERENCES_PLACEHOLDER, PERSON.preferences_url)
    whole = binascii.b2a_qp(filled.replace("\r\n", "\n").encode(), istext=True).replace(b"\n", b"\r\n")
    part = message._qp_part(b"text/plain", message._segments(text), PERSON)
    assert part.split(b"\r\n\r\n", 1)[1] == whole + b"\r\n"


def test_a_personalised_digest_parses_as_multipart_alternative_with_the_links_filled_in():
    data = build(f"Hello\nUnsubscribe: {UNSUBSCRIBE_PLACEHOLDER}\n",
                 f'<p>Héllo wörld</p>\n<a href="{UNSUBSCRIBE_PLACEHOLDER}">x</a> <a href="{PREFERENCES_PLACEHOLDER}">y</a>\n')
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative" and not parsed.defects
    assert parsed["To"] == "reader@example.org" and parsed["Message-ID"] == "<digest.1.1@example.org>"
    assert PERSON.unsubscribe_url in parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Héllo wörld" in html and PERSON.preferences_url in html
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))  # RFC 5322 section 2.1.1


def test_html6_a_non_ascii_subject_is_encoded_on_one_logical_line():
    data = build("x\n", "<p>x</p>\n", subject="Mars Daily: Rover « Perseverance » finds\r\nBcc: a@b.c")
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["Subject"] == "Mars Daily: Rover « Perseverance » finds Bcc: a@b.c"
    assert parsed["Bcc"] is None


def test_html6_a_line_break_in_an_address_is_refused_not_sent():
    template = message.build_template(subject="s", from_name="n", from_email="nl@example.org", list_id="l <l.x>",
                                      text="x\n", html="x\n", boundary="b")
    with pytest.raises(ValueError):
        message.personalise(template, message.Personal(
            to="a@example.org\r\nBcc: b@example.org", unsubscribe_url="u", unsubscribe_mailto="m",
            preferences_url="p", message_id="<m@x>"))
