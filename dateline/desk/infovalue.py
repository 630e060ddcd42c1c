"""Information value: how much a story is worth a reader's attention right now (pure).

A score from 0 to 100 that orders the review queue, the home page leads and the newsletter. It is
a weighted sum of six components, each in [0, 1]; ``explain`` keeps every component and its
weighted points so editors can see why a story scored as it did.

| component | weight | what counts |
| --- | --- | --- |
| topic fit | 30 | the best routing confidence among the story's live placements |
| freshness | 20 | halves every ``HALF_LIFE_HOURS`` hours after the wire time (news decays within a day) |
| agency | 15 | the lead agency's priority from the network config (0–100); untrusted sources 0 |
| urgency | 10 | IPTC urgency of the lead item, 1 (flash) → 1.0 … 8 → 0.125; unknown 0.5 |
| sources | 15 | how many distinct agencies/sources carry the event: 1 → 0, 2 → 0.5, 3 → 0.75, 4+ → 1 |
| completeness | 10 | body length bucket, byline, dateline, images (``dedup.completeness`` / 5) |

The score is stored when the story changes; freshness is therefore the freshness at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

HALF_LIFE_HOURS = 6.0
WEIGHTS = {"topic_fit": 30.0, "freshness": 20.0, "agency": 15.0, "urgency": 10.0, "sources": 15.0,
           "completeness": 10.0}


@dataclass(frozen=True)
class Facts:
    topic_fit: float  # best placement confidence, 0..1
    published_at: datetime
    agency_priority: int | None  # 0..100, None for an untrusted source
    urgency: int | None  # IPTC 1..9 (1 = most urgent)
    sources: int  # distinct sources carrying the event
    completeness: int  # 0..5


def components(facts: Facts, *, now: datetime) -> dict[str, float]:
    age_hours = max(0.0, (now - facts.published_at).total_seconds() / 3600)
    urgency = 0.5 if facts.urgency is None else max(0.0, min(1.0, 1.0 / max(1, facts.urgency)))
    return {
        "topic_fit": max(0.0, min(1.0, facts.topic_fit)),
        "freshness": 0.5 ** (age_hours / HALF_LIFE_HOURS),
        "agency": 0.0 if facts.agency_priority is None else max(0, min(100, facts.agency_priority)) / 100,
        "urgency": urgency,
        "sources": 1.0 if facts.sources >= 4 else 1.0 - 0.5 ** (max(1, facts.sources) - 1),
        "completeness": max(0, min(5, facts.completeness)) / 5,
    }


def score(facts: Facts, *, now: datetime) -> tuple[float, dict]:
    """(score 0–100, explanation: per component its value and the points it added)."""
    parts = components(facts, now=now)
    points = {name: round(WEIGHTS[name] * value, 2) for name, value in parts.items()}
    total = round(sum(points.values()), 2)
    explain = {name: {"value": round(parts[name], 3), "points": points[name], "weight": WEIGHTS[name]}
               for name in WEIGHTS}
    return total, {"score": total, "components": explain, "sources": facts.sources}
