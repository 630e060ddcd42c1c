"""Format registry: an explicit literal from format name to parser (DESIGN style 6)."""

from __future__ import annotations

from collections.abc import Callable

from dateline.ingest.formats import feed
from dateline.ingest.formats.base import FormatError, ParsedDocument, ParsedItem

PARSERS: dict[str, Callable[[bytes], ParsedDocument]] = {
    "rss": feed.parse,
}


def detect(raw: bytes) -> str:
    """Name the format from the content, never from a file name."""
    return "rss"


def parse(raw: bytes, fmt: str = "auto") -> ParsedDocument:
    name = detect(raw) if fmt == "auto" else fmt
    try:
        parser = PARSERS[name]
    except KeyError:
        raise FormatError("format_unknown", f"no parser for format {name!r}")
    return parser(raw)


__all__ = ["PARSERS", "FormatError", "ParsedDocument", "ParsedItem", "detect", "parse"]
