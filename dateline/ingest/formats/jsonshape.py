"""The stable JSON shape of a parse result, as printed by ``dateline parse --json`` (documented in README).

Version 1. Fields are only ever added, never renamed or removed; dates are ISO 8601 in UTC or null.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from dateline.ingest.formats.base import ParsedDocument, ParsedItem

SHAPE_VERSION = 1


def _when(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def item_json(item: ParsedItem) -> dict[str, Any]:
    dl = item.dateline
    return {
        "guid": item.guid, "version": item.version, "link": item.link, "headline": item.headline,
        "subheadline": item.subheadline, "byline": item.byline, "agency": item.agency,
        "dateline": {"text": dl.text, "city": dl.city, "region": dl.region, "country": dl.country,
                     "agency": dl.agency, "date": _when(dl.date)},
        "published": _when(item.published), "updated": _when(item.updated), "language": item.language,
        "summary": item.summary, "body_html": item.body_html, "body_text": item.body_text,
        "subjects": item.subjects, "keywords": item.keywords, "urgency": item.urgency,
        "images": [asdict(image) for image in item.images], "pubstatus": item.pubstatus,
        "embargo": _when(item.embargo), "correction": item.correction, "warnings": item.warnings,
    }


def result_json(source: str, *, document: ParsedDocument | None = None, fmt: str = "",
                error: tuple[str, str] | None = None) -> dict[str, Any]:
    return {
        "shape": SHAPE_VERSION,
        "source": source,
        "ok": error is None,
        "format": document.format if document is not None else fmt,
        "document": None if document is None else {
            "title": document.title, "link": document.link, "language": document.language,
            "warnings": document.warnings, "count": len(document.items),
        },
        "items": [item_json(item) for item in document.items] if document is not None else [],
        "error": None if error is None else {"code": error[0], "message": error[1]},
    }
