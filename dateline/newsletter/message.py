"""A digest as bytes on the wire: built once per issue, personalised per recipient by substitution.

The email package takes about a millisecond to build and serialise a two-part message, as
long as an SMTP round trip on loopback; so everything shared is encoded once per issue:
the headers, and every body line without a personal link (quoted-printable encodes line by
line, RFC 2045 section 6.7, so a line's encoding does not depend on its neighbours). Each
recipient then costs the encoding of the few lines that carry their links.

Every digest carries RFC 8058 one-click headers (THREATS NL-4): List-Unsubscribe with an
https URI (and a mailto URI) and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``. With
DKIM configured, the signature's h= covers those two headers, From and Subject (NL-7), as
RFC 8058 section 4 requires for the one-click headers to be trusted.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, formatdate

from dateline.core.text import one_line
from dateline.newsletter.digest import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER

CRLF = b"\r\n"
SIGNED_HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"list-id", b"list-unsubscribe",
                  b"list-unsubscribe-post", b"mime-version", b"content-type"]


@dataclass(frozen=True)
class DkimKey:
    domain: str
    selector: str
    private_key: bytes


@dataclass(frozen=True)
class Personal:
    to: str
    unsubscribe_url: str
    unsubscribe_mailto: str
    preferences_url: str
    message_id: str


# A body part: quoted-printable bytes shared by all, or a line still holding a placeholder.
Segments = tuple[bytes | str, ...]


@dataclass(frozen=True)
class MessageTemplate:
    envelope_from: str
    head: bytes
    text: Segments
    html: Segments
    boundary: bytes


def _header_safe(value: str) -> str:
    # Header injection guard (THREATS HTML-6): nothing reaching a header may carry CR or LF.
    if "\r" in value or "\n" in value:
        raise ValueError("header value contains a line break")
    return value


def _encoded_header(name: str, value: str) -> bytes:
    value = one_line(value)
    if value.isascii() and len(value) < 900:
        return f"{name}: {value}".encode("ascii") + CRLF
    # RFC 2047 encoded words, folded with CRLF SP (relaxed DKIM canonicalisation unfolds them).
    encoded = Header(value, "utf-8", header_name=name).encode(linesep="\r\n")
    return f"{name}: {encoded}".encode("ascii") + CRLF


def build_template(*, subject: str, from_name: str, from_email: str, list_id: str, text: str, html: str,
                   boundary: str) -> MessageTemplate:
    head = b"".join([
        _encoded_header("Subject", subject),
        f"From: {formataddr((one_line(from_name), _header_safe(from_email)), charset='utf-8')}".encode() + CRLF,
        f"Date: {formatdate(usegmt=True)}".encode() + CRLF,
        f"List-Id: {_header_safe(list_id)}".encode() + CRLF,
        b"MIME-Version: 1.0" + CRLF,
        f'Content-Type: multipart/alternative; boundary="{boundary}"'.encode() + CRLF,
    ])
    return MessageTemplate(envelope_from=from_email, head=head, text=_segments(text), html=_segments(html),
                           boundary=boundary.encode())


def _qp(text: str) -> bytes:
    return binascii.b2a_qp(text.encode("utf-8"), quotetabs=False, istext=True, header=False).replace(b"\n", CRLF)


def _segments(body: str) -> Segments:
    lines = body.replace("\r\n", "\n").split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    segments: list[bytes | str] = []
    shared: list[str] = []
    for line in lines:
        if UNSUBSCRIBE_PLACEHOLDER in line or PREFERENCES_PLACEHOLDER in line:
            if shared:
                segments.append(_qp("".join(shared)))
                shared = []
            segments.append(line)
        else:
            shared.append(line)
    if shared:
        segments.append(_qp("".join(shared)))
    return tuple(segments)


def _qp_part(content_type: bytes, segments: Segments, person: Personal) -> bytes:
    encoded = b"".join(
        part if isinstance(part, bytes) else _qp(part.replace(UNSUBSCRIBE_PLACEHOLDER, person.unsubscribe_url)
                                                 .replace(PREFERENCES_PLACEHOLDER, person.preferences_url))
        for part in segments)
    return (b"Content-Type: " + content_type + b'; charset="utf-8"' + CRLF
            + b"Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + encoded + CRLF)


def personalise(template: MessageTemplate, person: Personal, dkim_key: DkimKey | None = None) -> bytes:
    headers = b"".join([
        f"To: {_header_safe(person.to)}".encode() + CRLF,
        f"Message-ID: {_header_safe(person.message_id)}".encode() + CRLF,
        f"List-Unsubscribe: <{_header_safe(person.unsubscribe_url)}>, <{_header_safe(person.unsubscribe_mailto)}>"
        .encode() + CRLF,
        b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" + CRLF,
    ])
    dash = b"--" + template.boundary
    body = b"".join([
        dash, CRLF, _qp_part(b"text/plain", template.text, person),
        dash, CRLF, _qp_part(b"text/html", template.html, person),
        dash, b"--", CRLF,
    ])
    message = template.head + headers + CRLF + body
    if dkim_key is not None:
        message = dkim_sign(message, dkim_key) + message
    return message


def dkim_sign(message: bytes, key: DkimKey) -> bytes:
    import dkim  # dkimpy: imported only where signing is configured

    return dkim.sign(message, key.selector.encode(), key.domain.encode(), key.private_key,
                     canonicalize=(b"relaxed", b"relaxed"), include_headers=SIGNED_HEADERS)
