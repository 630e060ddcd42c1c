"""Format registry: an explicit literal from format name to parser (DESIGN style 6).

``parse(raw, fmt="auto", *, content_type=None, url=None)`` is the one entry point: it detects the format
from the content (never from a file name), runs the format module, and normalises every item (dates,
text, dateline and byline, sanitised HTML). It raises ``FormatError(code, message)`` and nothing else.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

from dateline.ingest.formats import feed, html, jsonfeed, newsml_12, newsml_g2, ninjs, nitf, wiretext
from dateline.ingest.formats.base import FormatError, ParsedDocument, ParsedItem
from dateline.ingest.formats.normalise import finish_item
from dateline.ingest.xmlsafe import MAX_DOCUMENT_BYTES, check_entities, decode_bytes

# Entity declarations can only sit in the prolog; a huge internal subset is itself suspect.
MAX_PROLOG = 1024 * 1024

Parser = Callable[..., ParsedDocument]

PARSERS: dict[str, Parser] = {
    "rss": feed.parse,
    "jsonfeed": jsonfeed.parse,
    "newsml_g2": newsml_g2.parse,
    "newsml_12": newsml_12.parse,
    "nitf": nitf.parse,
    "ninjs": ninjs.parse,
    "html": html.parse,
    "wiretext": wiretext.parse,
}
# Names a user may type for a registered format.
ALIASES: dict[str, str] = {"atom": "rss", "newsmlg2": "newsml_g2", "g2": "newsml_g2", "newsml": "newsml_12",
                           "newsml1": "newsml_12", "json": "jsonfeed", "text": "wiretext", "plain": "wiretext"}

_JSONFEED = re.compile(r"jsonfeed\.org\\?/version")
_JSONFEED_ITEMS = re.compile(r'"items"\s*:\s*\[')
_JSONFEED_HINT = re.compile(r'"(?:home_page_url|feed_url)"|"version"\s*:\s*"1(?:\.\d)?"')
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
# Root element (local name) → format; NewsML-G2 roots are checked against their namespace below.
XML_ROOTS: dict[str, str] = {
    "rss": "rss", "RDF": "rss", "feed": "rss", "channel": "rss",
    "newsMessage": "newsml_g2", "newsItem": "newsml_g2", "packageItem": "newsml_g2",
    "conceptItem": "newsml_g2", "knowledgeItem": "newsml_g2", "planningItem": "newsml_g2",
    "catalogItem": "newsml_g2",
    "NewsML": "newsml_12", "nitf": "nitf", "html": "html",
}


def _head(raw: bytes, content_type: str | None) -> str:
    return decode_bytes(raw[:8192], content_type).text.lstrip("\ufeff \t\r\n")


def detect(raw: bytes, content_type: str | None = None) -> str:
    """Name the format from the content, never from a file name."""
    head = _head(raw, content_type)
    if head.startswith(("{", "[")):
        if _JSONFEED.search(head) or (_JSONFEED_ITEMS.search(head) and _JSONFEED_HINT.search(head)):
            return "jsonfeed"
        return "ninjs"
    position = 0
    while True:
        skipped = _SKIP.match(head, position)
        if not skipped or skipped.end() == position:
            break
        position = skipped.end()
    rest = head[position:].lstrip()
    if rest.lower().startswith("<!doctype html"):
        return "html"
    root = _ROOT.match(rest)
    if root:
        name = root.group(2)
        if name in XML_ROOTS:
            return XML_ROOTS[name]
        if name.lower() in {"html", "head", "body"}:
            return "html"
        return "rss"  # unknown XML: feedparser decides, and says not_a_feed when it is not one
    if rest.startswith("<"):
        return "html"
    return "wiretext"


def parse(raw: bytes, fmt: str = "auto", *, content_type: str | None = None,
          url: str | None = None) -> ParsedDocument:
    """Parse and normalise one document; raises ``FormatError`` with a stable code."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FormatError("too_large", f"document is {len(raw)} bytes, over {MAX_DOCUMENT_BYTES}")
    warnings: list[str] = []
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw)
        warnings.append("gzip_decompressed")
    if not raw.lstrip(b"\xef\xbb\xbf\xff\xfe\x00").strip(b" \t\r\n\x00"):
        raise FormatError("empty_document", "the document is empty")
    if b"!entity" in raw[:MAX_PROLOG].lower().replace(b"\x00", b""):
        # Entity declarations are refused whatever the detected format (XML-1), before any parser runs.
        check_entities(decode_bytes(raw, content_type).text)
    name = detect(raw, content_type) if fmt == "auto" else ALIASES.get(fmt, fmt)
    try:
        parser = PARSERS[name]
    except KeyError:
        raise FormatError("format_unknown", f"no parser for format {name!r}")
    try:
        document = parser(raw, content_type=content_type, url=url)
        document.warnings = warnings + document.warnings
        document.items = [finish_item(item) for item in document.items]
    except FormatError:
        raise
    except RecursionError:
        raise FormatError("too_deep", "the document is nested too deeply")
    except MemoryError:
        raise FormatError("too_large", "the document needs too much memory to parse")
    except Exception as exc:  # noqa: BLE001 - a parser bug must quarantine one document, not stop a run
        raise FormatError("parse_failed", f"{name}: internal parser error {type(exc).__name__}: {exc}"[:500])
    return document


def _gunzip(raw: bytes) -> bytes:
    """A gzip-compressed file (drop folders receive them), inflated with a cap: a gzip bomb stops at the cap."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, MAX_DOCUMENT_BYTES + 1)
    except zlib.error as exc:
        raise FormatError("gzip_malformed", f"not valid gzip data: {exc}")
    if len(out) > MAX_DOCUMENT_BYTES or inflater.unconsumed_tail:
        raise FormatError("too_large", f"gzip data inflates to more than {MAX_DOCUMENT_BYTES} bytes")
    return out


__all__ = ["ALIASES", "PARSERS", "FormatError", "ParsedDocument", "ParsedItem", "detect", "parse"]
