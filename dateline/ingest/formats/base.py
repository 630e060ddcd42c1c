"""The normalised shape every format module produces: bytes in, ``ParsedItem`` out.

Format modules are pure (no ORM, no settings); the ingest service turns a
``ParsedItem`` into a ``WireItem`` row and keeps the raw bytes verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dateline.ingest.errors import FormatError

__all__ = ["Dateline", "FormatError", "Image", "ParsedDocument", "ParsedItem"]


@dataclass
class Dateline:
    text: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    agency: str = ""
    date: datetime | None = None


@dataclass
class Image:
    url: str
    caption: str = ""
    credit: str = ""
    mime_type: str = ""
    width: int | None = None
    height: int | None = None


@dataclass
class ParsedItem:
    guid: str
    headline: str
    version: int | None = None
    link: str = ""
    subheadline: str = ""
    byline: str = ""
    agency: str = ""
    dateline: Dateline = field(default_factory=Dateline)
    published: datetime | None = None  # aware UTC
    updated: datetime | None = None  # aware UTC
    language: str = ""
    body_html: str = ""  # sanitised
    body_text: str = ""
    summary: str = ""
    subjects: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    urgency: int | None = None
    images: list[Image] = field(default_factory=list)
    pubstatus: str = "usable"  # usable | withheld | canceled
    embargo: datetime | None = None
    correction: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedDocument:
    format: str
    items: list[ParsedItem]
    title: str = ""
    link: str = ""
    language: str = ""
    warnings: list[str] = field(default_factory=list)
