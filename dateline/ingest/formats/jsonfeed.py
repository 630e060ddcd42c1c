"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) → items, validated first (JSON-4)."""

from __future__ import annotations

from typing import Any

from dateline.ingest.formats.base import FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.formats.jsonsafe import load_json, schema_errors

# The parts of the JSON Feed 1.1 spec Dateline relies on, as a JSON Schema (written from the spec text).
_STRING = {"type": "string"}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "items"],
    "properties": {
        "version": {"type": "string"},
        "title": _STRING, "home_page_url": _STRING, "feed_url": _STRING, "language": _STRING,
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": ["string", "integer"]},
                    "url": _STRING, "external_url": _STRING, "title": _STRING, "content_html": _STRING,
                    "content_text": _STRING, "summary": _STRING, "image": _STRING, "banner_image": _STRING,
                    "date_published": _STRING, "date_modified": _STRING, "language": _STRING,
                    "tags": {"type": "array", "items": _STRING},
                    "author": {"type": "object"},
                    "authors": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
    },
}


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    data, warnings = load_json(raw, content_type)
    if not is_jsonfeed(data):
        raise FormatError("not_a_feed", "not a JSON Feed (no jsonfeed.org version and items list)")
    if "jsonfeed.org/version/1" not in str(data.get("version")):
        warnings.append("jsonfeed_version_nonstandard")  # "1.1" where the spec wants the URL
    errors = schema_errors(data, SCHEMA)
    if errors:
        raise FormatError("schema_invalid", "JSON Feed: " + "; ".join(errors))
    language = data.get("language", "")
    feed_authors = _authors(data)
    items = [_item(entry, language, feed_authors, list(warnings)) for entry in data["items"]]
    return ParsedDocument(format="jsonfeed", items=items, title=data.get("title", ""),
                          link=data.get("home_page_url", ""), language=language, warnings=warnings)


def is_jsonfeed(data: object) -> bool:
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return False
    version = str(data.get("version", ""))
    return "jsonfeed.org/version" in version or version in {"1", "1.0", "1.1"}


def _authors(obj: dict) -> str:
    authors = obj.get("authors") or ([obj["author"]] if isinstance(obj.get("author"), dict) else [])
    return ", ".join(a.get("name", "") for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str))


def _item(entry: dict, language: str, feed_authors: str, warnings: list[str]) -> ParsedItem:
    images = [Image(url=entry[key]) for key in ("image", "banner_image") if entry.get(key)]
    for attachment in entry.get("attachments") or []:
        if isinstance(attachment, dict) and str(attachment.get("mime_type", "")).startswith("image/"):
            images.append(Image(url=str(attachment.get("url", "")), caption=str(attachment.get("title", "")),
                                mime_type=str(attachment.get("mime_type", ""))))
    published = parse_date(entry.get("date_published"), warnings)
    updated = parse_date(entry.get("date_modified"), warnings)
    return ParsedItem(
        guid=str(entry["id"]),
        headline=entry.get("title", ""),
        link=entry.get("url") or entry.get("external_url") or "",
        byline=_authors(entry) or feed_authors,
        published=published or updated,
        updated=updated,
        language=entry.get("language") or language,
        body_html=entry.get("content_html", ""),
        body_text=entry.get("content_text", ""),
        summary=entry.get("summary", ""),
        keywords=list(entry.get("tags") or []),
        images=images,
        warnings=warnings,
    )
