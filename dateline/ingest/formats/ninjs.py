"""IPTC ninjs 1.x, 2.x and 3.x (News in JSON) → items.

The three generations differ in spelling more than in meaning: 1.x has ``headline``/``body_html``,
2.x ``headlines``/``bodies`` arrays, 3.x the same in camelCase (``versionCreated``, ``pubStatus``). Keys are
read case-insensitively. Lists of items (a collection) and API envelopes with an ``item`` list are accepted;
picture, audio, video and event items carry no story and are skipped. Every object is checked against the
structural schema below before it is read (JSON-4); the full IPTC schemas are applied by the corpus tests.
"""

from __future__ import annotations

from typing import Any

from dateline.ingest.formats.base import Dateline, FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.formats.jsonsafe import load_json, schema_errors

_STRING = {"type": "string"}
_TEXTS = {"type": "array", "items": {"type": "object", "properties": {"value": _STRING, "role": _STRING}}}
# The fields Dateline reads, with the types every ninjs generation gives them (ninjs 1.6, 2.2, 3.1 schemas).
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "anyOf": [{"required": ["uri"]}, {"required": ["guid"]}],
    "properties": {
        "uri": _STRING, "guid": _STRING, "type": _STRING, "headline": _STRING, "byline": _STRING, "by": _STRING,
        "version": {"type": ["string", "integer"]}, "urgency": {"type": "integer"}, "language": _STRING,
        "body_html": _STRING, "body_text": _STRING, "body_xhtml": _STRING, "description_text": _STRING,
        "headlines": _TEXTS, "bodies": _TEXTS, "descriptions": _TEXTS,
        "pubstatus": {"enum": ["usable", "withheld", "canceled"]},
        "pubStatus": {"enum": ["usable", "withheld", "canceled"]},
    },
}
STORY_TYPES = {"text", "composite", "story", "article", ""}


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    data, warnings = load_json(raw, content_type)
    objects = _objects(data)
    items: list[ParsedItem] = []
    skipped: set[str] = set()
    for index, obj in enumerate(objects):
        errors = schema_errors(obj, SCHEMA)
        if errors:
            where = f"item {index}: " if len(objects) > 1 else ""
            raise FormatError("schema_invalid", "ninjs: " + where + "; ".join(errors))
        kind = str(_get(obj, "type") or ("event" if _get(obj, "eventDetails") else ""))
        if kind not in STORY_TYPES:
            skipped.add(kind)
            continue
        items.append(_item(obj, list(warnings)))
    if not items:
        raise FormatError("unsupported_item_class",
                          f"no text ninjs item in this document (types: {', '.join(sorted(skipped)) or 'none'})")
    warnings += [f"skipped_item_class:{kind}" for kind in sorted(skipped)]
    return ParsedDocument(format="ninjs", items=items, warnings=warnings)


def _objects(data: Any) -> list[dict]:
    if isinstance(data, list):
        objects = data
    elif isinstance(data, dict) and isinstance(data.get("item"), list) and "uri" not in data:
        objects = data["item"]  # an API envelope: {"total": …, "item": [ninjs, …]}
    elif isinstance(data, dict) and "api_version" in data and "data" in data:
        raise FormatError("not_ninjs", "a wire API response (AP Media API style), not ninjs")
    else:
        objects = [data]
    if not all(isinstance(o, dict) for o in objects):
        raise FormatError("not_ninjs", "ninjs items must be JSON objects")
    return objects


def _get(obj: dict, name: str) -> Any:
    """A field by its ninjs name in any generation's spelling (``versionCreated`` = ``versioncreated``)."""
    if name in obj:
        return obj[name]
    lowered = name.lower()
    for key, value in obj.items():
        if key.lower() == lowered:
            return value
    return None


def _text_of(entries: Any, roles: set[str], *, first_any: bool = True) -> tuple[str, str]:
    """(value, contentType) of the first entry whose role is in ``roles`` (or the first entry at all)."""
    if not isinstance(entries, list):
        return "", ""
    chosen = [e for e in entries if isinstance(e, dict) and str(e.get("role", "")).lower() in roles]
    if not chosen and first_any:
        chosen = [e for e in entries if isinstance(e, dict) and not e.get("role")]
    for entry in chosen:
        value = entry.get("value")
        if isinstance(value, str):
            return value, str(entry.get("contentType") or entry.get("contenttype") or "")
    return "", ""


def _item(obj: dict, warnings: list[str]) -> ParsedItem:
    version = _get(obj, "version")
    headline = _get(obj, "headline") or _text_of(_get(obj, "headlines"), {"main", "headline"})[0]
    sub = _text_of(_get(obj, "headlines"), {"sub", "subheadline", "subtitle"}, first_any=False)[0]
    body_html, body_text = _body(obj)
    summary = (_get(obj, "description_text") or _get(obj, "description_html")
               or _text_of(_get(obj, "descriptions"), {"summary", "abstract", "description"})[0] or "")
    located = _get(obj, "located")
    uri = str(_get(obj, "uri") or _get(obj, "guid") or "")
    return ParsedItem(
        guid=uri,
        version=int(version) if isinstance(version, int) or str(version).isdigit() else None,
        link=uri if uri.startswith(("http://", "https://")) else "",
        headline=str(headline or ""),
        subheadline=sub,
        byline=str(_get(obj, "byline") or _get(obj, "by") or ""),
        published=parse_date(_get(obj, "firstcreated") or _get(obj, "contentcreated"), warnings),
        updated=parse_date(_get(obj, "versioncreated"), warnings),
        embargo=parse_date(_get(obj, "embargoed") or _get(obj, "embargoeduntil"), warnings, clamp=False),
        pubstatus=str(_get(obj, "pubstatus") or "usable"),
        urgency=_get(obj, "urgency") if isinstance(_get(obj, "urgency"), int) else None,
        language=str(_get(obj, "language") or ""),
        body_html=body_html,
        body_text=body_text,
        summary=str(summary),
        subjects=_names(_get(obj, "subject") or _get(obj, "subjects")),
        keywords=[str(k) for k in (_get(obj, "keywords") or []) if isinstance(k, str)],
        dateline=Dateline(text=located if isinstance(located, str) else ""),
        images=_images(_get(obj, "associations")),
        warnings=warnings,
    )


def _body(obj: dict) -> tuple[str, str]:
    for key in ("body_html", "body_xhtml"):
        if isinstance(_get(obj, key), str) and _get(obj, key):
            return _get(obj, key), ""
    bodies = _get(obj, "bodies")
    if isinstance(bodies, list):
        html = [b for b in bodies if isinstance(b, dict) and "html" in str(b.get("contentType") or b.get("contenttype") or b.get("role", ""))]
        for entry in html + [b for b in bodies if isinstance(b, dict)]:
            value = entry.get("value")
            if isinstance(value, str):
                kind = str(entry.get("contentType") or entry.get("contenttype") or entry.get("role") or "")
                return (value, "") if "html" in kind else ("", value)
    text = _get(obj, "body_text")
    return "", text if isinstance(text, str) else ""


def _names(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    out = []
    for value in values:
        if isinstance(value, dict):
            out.append(str(value.get("name") or value.get("code") or value.get("uri") or ""))
        elif isinstance(value, str):
            out.append(value)
    return out


def _images(associations: Any) -> list[Image]:
    if isinstance(associations, dict):
        entries = list(associations.values())
    elif isinstance(associations, list):
        entries = associations
    else:
        return []
    images = []
    for entry in entries:
        if not isinstance(entry, dict) or str(_get(entry, "type") or "picture") not in {"picture", "graphic"}:
            continue
        rendition = _best_rendition(_get(entry, "renditions"))
        if rendition is None:
            continue
        caption = (_get(entry, "description_text") or _get(entry, "headline")
                   or _text_of(_get(entry, "descriptions"), {"caption", "summary", "description"})[0]
                   or _text_of(_get(entry, "headlines"), {"main"})[0])
        credit = _get(entry, "byline") or _get(entry, "by") or _get(entry, "copyrightholder") or ""
        images.append(Image(url=str(rendition.get("href", "")), caption=str(caption or ""), credit=str(credit),
                            mime_type=str(rendition.get("mimetype") or rendition.get("contentType") or ""),
                            width=rendition.get("width") if isinstance(rendition.get("width"), int) else None,
                            height=rendition.get("height") if isinstance(rendition.get("height"), int) else None))
    return images


def _best_rendition(renditions: Any) -> dict | None:
    if isinstance(renditions, dict):
        candidates = [dict(v, name=k) for k, v in renditions.items() if isinstance(v, dict)]
    elif isinstance(renditions, list):
        candidates = [r for r in renditions if isinstance(r, dict)]
    else:
        return None
    candidates = [c for c in candidates if isinstance(c.get("href"), str) and c.get("href")]
    if not candidates:
        return None
    return max(candidates, key=lambda c: c.get("width") if isinstance(c.get("width"), int) else 0)
