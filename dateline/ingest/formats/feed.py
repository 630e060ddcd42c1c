"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through feedparser, on bytes only — never a URL (XML-6).

Relative links in bodies are resolved by the sanitiser against the item link, not by feedparser (its
relative-URI pass re-parses every body with its SGML parser and costs about a third of the parse time).

feedparser has its own (lenient) XML handling, so the bytes pass the hardened checks first: decoding is
ours (ENC-1), entity declarations are refused before feedparser sees them (XML-1, XML-2), and feedparser
gets plain UTF-8 with no DOCTYPE entities to resolve. Its own sanitiser is off: nh3 sanitises last (HTML-4).
"""

from __future__ import annotations

import hashlib
import re

import feedparser

from dateline.ingest.formats.base import FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.xmlsafe import normalise_xml

# Bozo reasons that only say feedparser was told the charset by us (we hand it UTF-8 we decoded ourselves).
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    decoded = normalise_xml(raw, content_type)
    warnings = list(decoded.warnings)
    result = feedparser.parse(
        decoded.text.encode("utf-8"),
        sanitize_html=False,
        resolve_relative_uris=False,  # nh3 resolves against the item link; feedparser's pass costs ~30%
        response_headers={"content-type": "application/xml; charset=utf-8", "content-location": url or ""},
    )
    version = result.get("version") or ""
    if not version and not result.entries:
        raise FormatError("not_a_feed", "no RSS or Atom feed found")
    exception = result.get("bozo_exception")
    if result.get("bozo") and not isinstance(exception, _BENIGN):
        warnings.append("feed_malformed")  # feedparser's loose parser recovered what it could
    entries = list(result.entries)
    if _truncated(exception) and entries and _last_entry_unclosed(decoded.text):
        # XML-5: the document ends mid-way; the last entry may be cut short and is never published.
        entries.pop()
        warnings.append("partial_item_dropped")
        if not entries:
            line, column = exception.getLineNumber(), exception.getColumnNumber()
            raise FormatError("xml_malformed", f"truncated feed at line {line}, column {column}: no complete item")
    items = [_item(entry, list(warnings)) for entry in entries]
    feed = result.feed
    return ParsedDocument(format="atom" if version.startswith("atom") else "rss", items=items,
                          title=feed.get("title", ""), link=feed.get("link", ""),
                          language=feed.get("language", ""), warnings=warnings)


_OPEN = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_CLOSE = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>")


def _last_entry_unclosed(text: str) -> bool:
    """The document stops inside an item (not merely after the last one, as in a lost ``</rss>``)."""
    opens = [m.start() for m in _OPEN.finditer(text)]
    closes = [m.start() for m in _CLOSE.finditer(text)]
    return bool(opens) and (not closes or opens[-1] > closes[-1])


def _truncated(exception: object) -> bool:
    message = exception.getMessage() if hasattr(exception, "getMessage") else ""
    return message in {"no element found", "unclosed token"}


def _when(entry: dict, key: str, warnings: list[str]):
    """Our own reading of the date string (feedparser rolls Feb 30 over into March); its parse as fallback."""
    if entry.get(key):
        return parse_date(entry.get(key), warnings)
    parsed = entry.get(f"{key}_parsed")
    return parse_date(parsed, warnings) if parsed else None


def _item(entry: dict, warnings: list[str]) -> ParsedItem:
    content = entry.get("content") or []
    body, body_text = "", ""
    if content:
        first = content[0]
        if first.get("type") == "text/plain":
            body_text = first.get("value", "")
        else:
            body = first.get("value", "")
    else:
        detail = entry.get("summary_detail") or {}
        if detail.get("type") == "text/plain":
            body_text = entry.get("summary", "")
        else:
            body = entry.get("summary", "")
    link = entry.get("link", "")
    guid = entry.get("id") or link or _digest(entry)
    published = _when(entry, "published", warnings) or _when(entry, "created", warnings)
    updated = _when(entry, "updated", warnings)
    return ParsedItem(
        guid=guid,
        headline=entry.get("title", ""),
        link=link,
        byline=entry.get("author", ""),
        published=published or updated,
        updated=updated,
        language=(entry.get("title_detail") or {}).get("language") or "",
        body_html=body,
        body_text=body_text,
        summary=entry.get("summary", "") if content else "",
        subjects=[t.get("term") or t.get("label") or "" for t in entry.get("tags", [])],
        images=_images(entry),
        warnings=warnings,
    )


def _digest(entry: dict) -> str:
    basis = (entry.get("title", "") + "\n" + entry.get("summary", "")).encode("utf-8", "replace")
    return "sha256:" + hashlib.sha256(basis).hexdigest()


def _images(entry: dict) -> list[Image]:
    images = []
    for enclosure in entry.get("enclosures", []):
        if (enclosure.get("type") or "").startswith("image/") and enclosure.get("href"):
            images.append(Image(url=enclosure["href"], mime_type=enclosure.get("type", "")))
    for media in entry.get("media_content", []):
        kind = media.get("type") or media.get("medium") or ""
        if media.get("url") and ("image" in kind or not kind):
            images.append(Image(url=media["url"], mime_type=media.get("type", ""),
                                width=_int(media.get("width")), height=_int(media.get("height"))))
    if not images:
        for thumb in entry.get("media_thumbnail", []):
            if thumb.get("url"):
                images.append(Image(url=thumb["url"], width=_int(thumb.get("width")),
                                    height=_int(thumb.get("height"))))
    credit = entry.get("media_credit", [{}])
    caption = entry.get("media_description", "") or ""
    for image in images[:1]:
        image.caption = caption if isinstance(caption, str) else ""
        image.credit = (credit[0] or {}).get("content", "") if isinstance(credit, list) and credit else ""
    return images


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
