"""The shape of one demo story (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Story:
    source: str  # source slug in network.toml; decides the wire format and the dateline style
    key: str  # stable id: the guid is derived from it, so re-rendering yields the same items
    hours_ago: float  # publication time, relative to when the demo was first built
    place: str  # the dateline's place, e.g. "Astana, Kazakhstan"
    headline: str
    body: tuple[str, ...]
    byline: str = ""  # default: the source's house byline
    credit: str = ""  # dateline credit when it differs from the agency's, e.g. "JPL" on a NASA feed
    expect: str = ""  # the section this copy is written for ("" = off-topic, routes nowhere)
    version: int = 1
    correction: str = ""  # an editor's note carried by a corrected version
    subjects: tuple[str, ...] = field(default_factory=tuple)


def story(source: str, key: str, hours_ago: float, place: str, headline: str, *body: str, **extra) -> Story:
    return Story(source=source, key=key, hours_ago=hours_ago, place=place, headline=headline, body=body, **extra)
