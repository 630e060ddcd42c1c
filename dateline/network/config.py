"""Parse and validate a network TOML file into plain dataclasses (pure: no ORM).

Every problem is reported as ``ConfigError(path, key, problem)`` where ``key`` is the
dotted path inside the file, e.g. ``sites[2].sections[0].slug``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateline.core.errors import ConfigError
from dateline.core.urlguard import EgressRefused, address_refusal, allowed_private, check_url, normalise_allow

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
FORMATS = {"auto", "rss", "jsonfeed", "newsml_g2", "newsml_12", "nitf", "ninjs", "html", "wiretext"}
TRANSPORTS = {"folder", "http"}


@dataclass
class LinkSpec:
    text: str
    url: str


@dataclass
class SectionSpec:
    slug: str
    title: str
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    auto_publish_threshold: float = 0.9
    review_threshold: float = 0.35
    related_links: list[LinkSpec] = field(default_factory=list)


@dataclass
class NewsletterSpec:
    name: str
    from_email: str
    send_time: time
    timezone: str
    min_stories: int
    max_stories: int
    enabled: bool = True


@dataclass
class SiteSpec:
    slug: str
    name: str
    host: str
    tagline: str = ""
    language: str = "en"
    sisters: list[str] = field(default_factory=list)
    sections: list[SectionSpec] = field(default_factory=list)
    newsletter: NewsletterSpec | None = None
    ads: dict[str, Any] = field(default_factory=dict)


@dataclass
class AgencySpec:
    code: str
    name: str
    copyright: str
    priority: int = 50
    aliases: list[str] = field(default_factory=list)


@dataclass
class SourceSpec:
    slug: str
    name: str
    format: str
    transport: str
    location: str
    agency: str | None = None
    copyright: str = ""
    licence: str = ""
    enabled: bool = True
    poll_minutes: int = 15
    expected_quiet_hours: float = 24.0
    allow_private: list[str] = field(default_factory=list)


@dataclass
class NetworkSpec:
    name: str
    host: str
    publisher: str
    contact_email: str = ""
    curation_statement: str = ""
    privacy_policy_version: str = "1"
    privacy_extra: str = ""
    agencies: list[AgencySpec] = field(default_factory=list)
    sites: list[SiteSpec] = field(default_factory=list)
    sources: list[SourceSpec] = field(default_factory=list)


class _Reader:
    """Typed access to a TOML table that names the file and key in every error."""

    def __init__(self, path: str, table: dict[str, Any], where: str, allowed: set[str]) -> None:
        self.path, self.table, self.where = path, table, where
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise ConfigError(path, self._key(unknown[0]), f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def _key(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def fail(self, name: str, problem: str) -> ConfigError:
        return ConfigError(self.path, self._key(name), problem)

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = ..., *, required: bool = False) -> Any:
        if name not in self.table:
            if required or default is ...:
                raise self.fail(name, "is required")
            return default
        value = self.table[name]
        # bool is an int in Python; a threshold of `true` is a mistake, not 1.0.
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(name, f"must be {_kind_name(kind)}, not a boolean")
        if not isinstance(value, kind):
            raise self.fail(name, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        return value

    def text(self, name: str, default: Any = ..., *, max_length: int = 400) -> str:
        value = self.get(name, str, default)
        if value is not None and len(value) > max_length:
            raise self.fail(name, f"is longer than {max_length} characters")
        return value

    def slug(self, name: str) -> str:
        value = self.text(name)
        if not SLUG.match(value):
            raise self.fail(name, f"{value!r} is not a slug (lowercase letters, digits, '-'; at most 40)")
        return value

    def strings(self, name: str) -> list[str]:
        values = self.get(name, list, [])
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise ConfigError(self.path, f"{self._key(name)}[{i}]", "must be a string")
        return values

    def tables(self, name: str) -> list[dict[str, Any]]:
        values = self.get(name, list, [])
        for i, value in enumerate(values):
            if not isinstance(value, dict):
                raise ConfigError(self.path, f"{self._key(name)}[{i}]", "must be a table")
        return values

    def fraction(self, name: str, default: float) -> float:
        value = float(self.get(name, (int, float), default))
        if not 0.0 <= value <= 1.0:
            raise self.fail(name, "must be between 0 and 1")
        return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", list: "an array", dict: "a table", bool: "a boolean"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _url(reader: _Reader, name: str) -> str:
    value = reader.text(name, max_length=500)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise reader.fail(name, f"{value!r} is not an http(s) URL")
    return value


def _check_source_url(r: _Reader, source: SourceSpec) -> None:
    """Refuse a source URL when it is configured, with the fetcher's own rules (SSRF-1); names that
    resolve inward are refused again at every fetch, after DNS (SSRF-2)."""
    try:
        target = check_url(source.location)
    except EgressRefused as exc:
        raise r.fail("location", f"refused ({exc.reason}): {exc.detail or exc.reason}")
    allow = normalise_allow(source.allow_private)
    if target.literal_ip is not None and not allowed_private(target, allow):
        reason = address_refusal(target.literal_ip)
        if reason:
            raise r.fail("location", f"refused ({reason}): a private address needs allow_private = "
                                     f"[\"{target.host_port}\"]")


def _newsletter(path: str, table: dict[str, Any], where: str, defaults: dict[str, Any], site_name: str) -> NewsletterSpec:
    merged = {**defaults, **table}
    allowed = {"name", "from_email", "send_time", "timezone", "min_stories", "max_stories", "enabled"}
    r = _Reader(path, merged, where, allowed)
    send_time = r.get("send_time", (str, time), "06:00")
    if isinstance(send_time, str):
        try:
            send_time = time.fromisoformat(send_time)
        except ValueError:
            raise r.fail("send_time", f"{send_time!r} is not a time like 06:30")
    tz = r.text("timezone", "UTC")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise r.fail("timezone", f"{tz!r} is not an IANA time zone")
    from_email = r.text("from_email", "newsletter@localhost")
    if "@" not in from_email:
        raise r.fail("from_email", f"{from_email!r} is not an email address")
    return NewsletterSpec(
        name=r.text("name", f"{site_name} Daily"),
        from_email=from_email,
        send_time=send_time,
        timezone=tz,
        min_stories=r.get("min_stories", int, 3),
        max_stories=r.get("max_stories", int, 30),
        enabled=r.get("enabled", bool, True),
    )


def _section(path: str, table: dict[str, Any], where: str) -> SectionSpec:
    r = _Reader(
        path, table, where,
        {"slug", "title", "description", "keywords", "auto_publish_threshold", "review_threshold", "related_links"},
    )
    links = []
    for i, link in enumerate(r.tables("related_links")):
        lr = _Reader(path, link, f"{where}.related_links[{i}]", {"text", "url"})
        links.append(LinkSpec(text=lr.text("text", max_length=200), url=_url(lr, "url")))
    spec = SectionSpec(
        slug=r.slug("slug"),
        title=r.text("title", max_length=200),
        description=r.text("description", "", max_length=2000),
        keywords=r.strings("keywords"),
        auto_publish_threshold=r.fraction("auto_publish_threshold", 0.9),
        review_threshold=r.fraction("review_threshold", 0.35),
        related_links=links,
    )
    if spec.review_threshold > spec.auto_publish_threshold:
        raise r.fail("review_threshold", "must not be above auto_publish_threshold")
    return spec


def _unique(path: str, items: list[Any], where: str, attr: str = "slug") -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            raise ConfigError(path, f"{where}[{i}].{attr}", f"duplicate {attr} {value!r}")
        seen.add(value)


def parse(data: dict[str, Any], path: str = "<network>") -> NetworkSpec:
    top = _Reader(path, data, "", {"network", "agencies", "sites", "sources", "newsletter"})
    net = _Reader(
        path, top.get("network", dict, required=True), "network",
        {"name", "host", "publisher", "contact_email", "curation_statement", "privacy_policy_version", "privacy_extra"},
    )
    spec = NetworkSpec(
        name=net.text("name", max_length=200),
        host=net.text("host", "localhost"),
        publisher=net.text("publisher", max_length=200),
        contact_email=net.text("contact_email", ""),
        curation_statement=net.text("curation_statement", "", max_length=2000),
        privacy_policy_version=net.text("privacy_policy_version", "1", max_length=40),
        privacy_extra=net.text("privacy_extra", "", max_length=10000),
    )
    for i, table in enumerate(top.tables("agencies")):
        r = _Reader(path, table, f"agencies[{i}]", {"code", "name", "copyright", "priority", "aliases"})
        spec.agencies.append(
            AgencySpec(code=r.slug("code"), name=r.text("name", max_length=200), copyright=r.text("copyright"),
                       priority=r.get("priority", int, 50), aliases=r.strings("aliases"))
        )
    _unique(path, spec.agencies, "agencies", "code")
    agency_codes = {a.code for a in spec.agencies}

    newsletter_defaults = top.get("newsletter", dict, {})
    for i, table in enumerate(top.tables("sites")):
        where = f"sites[{i}]"
        r = _Reader(path, table, where,
                    {"slug", "name", "host", "tagline", "language", "sisters", "sections", "newsletter", "ads"})
        host = r.text("host").lower()
        if not HOST.match(host):
            raise r.fail("host", f"{host!r} is not a host name")
        site = SiteSpec(slug=r.slug("slug"), name=r.text("name", max_length=200), host=host,
                        tagline=r.text("tagline", ""), language=r.text("language", "en", max_length=20),
                        sisters=r.strings("sisters"), ads=r.get("ads", dict, {}))
        site.sections = [_section(path, s, f"{where}.sections[{j}]") for j, s in enumerate(r.tables("sections"))]
        if not site.sections:
            raise r.fail("sections", "a site needs at least one section")
        _unique(path, site.sections, f"{where}.sections")
        site.newsletter = _newsletter(path, r.get("newsletter", dict, {}), f"{where}.newsletter",
                                      newsletter_defaults, site.name)
        spec.sites.append(site)
    _unique(path, spec.sites, "sites")
    _unique(path, spec.sites, "sites", "host")
    slugs = {s.slug for s in spec.sites}
    for i, site in enumerate(spec.sites):
        for j, sister in enumerate(site.sisters):
            if sister not in slugs:
                raise ConfigError(path, f"sites[{i}].sisters[{j}]", f"no site with slug {sister!r}")
            if sister == site.slug:
                raise ConfigError(path, f"sites[{i}].sisters[{j}]", "a site cannot be its own sister")

    for i, table in enumerate(top.tables("sources")):
        r = _Reader(path, table, f"sources[{i}]",
                    {"slug", "name", "format", "transport", "location", "agency", "copyright", "licence",
                     "enabled", "poll_minutes", "expected_quiet_hours", "allow_private"})
        source = SourceSpec(
            slug=r.slug("slug"), name=r.text("name", max_length=200), format=r.text("format", "auto"),
            transport=r.text("transport", "folder"), location=r.text("location", max_length=1000),
            agency=r.get("agency", str, None), copyright=r.text("copyright", ""), licence=r.text("licence", ""),
            enabled=r.get("enabled", bool, True), poll_minutes=r.get("poll_minutes", int, 15),
            expected_quiet_hours=float(r.get("expected_quiet_hours", (int, float), 24)),
            allow_private=r.strings("allow_private"),
        )
        if source.format not in FORMATS:
            raise r.fail("format", f"{source.format!r} is not one of {', '.join(sorted(FORMATS))}")
        if source.transport not in TRANSPORTS:
            raise r.fail("transport", f"{source.transport!r} is not one of {', '.join(sorted(TRANSPORTS))}")
        if source.transport == "http":
            _check_source_url(r, source)
        if source.agency is not None and source.agency not in agency_codes:
            raise r.fail("agency", f"no agency with code {source.agency!r}")
        if source.poll_minutes < 1:
            raise r.fail("poll_minutes", "must be at least 1")
        spec.sources.append(source)
    _unique(path, spec.sources, "sources")
    return spec


def load(path: str | Path) -> NetworkSpec:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), "(file)", f"cannot be read: {exc.strerror or exc}")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), "(file)", f"is not UTF-8 (byte {exc.start})")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "(syntax)", str(exc))
    return parse(data, str(path))
