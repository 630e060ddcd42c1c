"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through feedparser (parsing bytes only, never a URL: XML-6)."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

import feedparser

from dateline.ingest.formats.base import FormatError, ParsedDocument, ParsedItem


def _when(entry: dict, *keys: str) -> datetime | None:
    for key in keys:
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def parse(raw: bytes) -> ParsedDocument:
    result = feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=True)
    if not result.get("version") and not result.entries:
        raise FormatError("not_a_feed", "no RSS or Atom feed found")
    items = []
    for entry in result.entries:
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        items.append(
            ParsedItem(
                guid=entry.get("id") or entry.get("link") or entry.get("title", ""),
                headline=entry.get("title", ""),
                link=entry.get("link", ""),
                byline=entry.get("author", ""),
                published=_when(entry, "published", "updated"),
                updated=_when(entry, "updated"),
                body_html=body,
                summary=entry.get("summary", "") if content else "",
                subjects=[t.get("term", "") for t in entry.get("tags", []) if t.get("term")],
            )
        )
    return ParsedDocument(format="rss", items=items, title=result.feed.get("title", ""),
                          link=result.feed.get("link", ""), language=result.feed.get("language", ""))
