"""Plain wire text, as agencies and press offices paste it:

    Headline
    by AFP Staff Writers
    Astana, Kazakhstan (AFP) July 3, 2024

    Body…

The first non-empty line is the headline; the byline and dateline are found by the shared normaliser
(``datelines.strip_lead_html``) exactly as for any other body.
"""

from __future__ import annotations

import hashlib

from dateline.ingest.formats.base import FormatError, ParsedDocument, ParsedItem
from dateline.ingest.xmlsafe import MAX_DOCUMENT_BYTES, decode_bytes

MAX_HEADLINE = 300


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FormatError("too_large", f"document is {len(raw)} bytes, over {MAX_DOCUMENT_BYTES}")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("not_text", "binary data, not wire text")
    decoded = decode_bytes(raw, content_type)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise FormatError("empty_document", "the document is empty")
    headline, _, body = text.partition("\n")
    headline = headline.strip()
    if len(headline) > MAX_HEADLINE:
        headline, body = "", text  # one long paragraph: no headline line at all
    item = ParsedItem(
        guid="sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest(),
        headline=headline,
        link=url or "",
        body_text=body.strip(),
        warnings=list(decoded.warnings),
    )
    return ParsedDocument(format="wiretext", items=[item], warnings=list(decoded.warnings))
