"""Untrusted JSON → Python values, refusing what JSON text can smuggle (JSON-1…3, ENC-1).

- duplicate keys are an error (``json_duplicate_key``), never "last one wins": a later ``uri`` must not
  silently turn an item into an update of another story (JSON-2);
- ``NaN``, ``Infinity`` and numbers that overflow a double are refused with their path (JSON-3);
- nesting deeper than ``MAX_DEPTH`` is refused before decoding (``json_too_deep``), and a ``RecursionError``
  from the decoder maps to the same code (JSON-1);
- bytes are decoded BOM > HTTP charset > UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from dateline.ingest.errors import FormatError
from dateline.ingest.xmlsafe import MAX_DOCUMENT_BYTES, decode_bytes

MAX_DEPTH = 64


class _Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


# Keys that decide which story an object is, or whether it is public: a repeat is always refused (JSON-2).
CONTROL_KEYS = frozenset({
    "uri", "guid", "id", "version", "type", "headline", "headlines", "title", "pubstatus", "pubStatus",
    "embargoed", "embargoedUntil", "urgency", "items", "item", "body_html", "body_text", "bodies", "url",
    "content_html", "content_text", "versioncreated", "versionCreated", "date_published", "date_modified",
})


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result and (key in CONTROL_KEYS or result[key] != value):
            raise _Refused("json_duplicate_key", f"duplicate key {key!r}")
        result[key] = value  # an identical repeat of a descriptive key changes nothing
    return result


def _constant(name: str) -> float:
    raise _Refused("json_nonfinite", f"non-finite number {name}")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("json_nonfinite", f"number {text[:40]} overflows")
    return value


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _depth(text: str) -> int:
    """Deepest nesting of arrays/objects outside strings, without recursion (only brackets are visited)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        else:
            depth -= 1
    return deepest


def load_json(raw: bytes, content_type: str | None = None) -> tuple[Any, list[str]]:
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FormatError("too_large", f"document is {len(raw)} bytes, over {MAX_DOCUMENT_BYTES}")
    decoded = decode_bytes(raw, content_type, declared="utf-8")
    text = decoded.text
    if not text.strip():
        raise FormatError("empty_document", "the document is empty")
    if _depth(text) > MAX_DEPTH:
        raise FormatError("json_too_deep", f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float)
    except _Refused as refused:
        raise FormatError(refused.code, refused.message)
    except RecursionError:
        raise FormatError("json_too_deep", "JSON nested too deeply")
    except json.JSONDecodeError as exc:
        raise FormatError("json_malformed", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except ValueError as exc:  # e.g. an integer with more digits than Python converts (CVE-2020-10735 limit)
        raise FormatError("json_malformed", f"not valid JSON: {exc}")
    return value, decoded.warnings


def offline_validator(schema: dict):
    """A jsonschema validator that never fetches: a remote ``$ref`` (GeoJSON in ninjs 3) accepts anything.

    jsonschema would otherwise download unknown ``$ref`` URLs with urllib: outbound traffic from a parser.
    """
    from jsonschema import validators
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def refuse(uri: str) -> Resource:
        return Resource.from_contents({}, default_specification=DRAFT202012)

    return validators.validator_for(schema)(schema, registry=Registry(retrieve=refuse))


def schema_errors(instance: Any, schema: dict, limit: int = 10) -> list[str]:
    """``path: message`` for each schema violation (JSON-4), sorted, at most ``limit``."""
    validator = offline_validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    out = []
    for error in errors[:limit]:
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        out.append(f"{path}: {error.message[:200]}")
    return out
