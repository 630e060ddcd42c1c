"""Zero-shot routing from section keywords (pure): works before any model is trained."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class SectionProfile:
    key: int  # section id
    site_key: int
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    key: int
    site_key: int
    confidence: float
    terms: tuple[str, ...]


def _tokens(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def keyword_scores(text: str, profiles: list[SectionProfile], *, headline: str = "") -> list[Score]:
    """Confidence grows with distinct keyword hits; a hit in the headline counts double."""
    body = _tokens(text)
    head = _tokens(headline)
    scores = []
    for p in profiles:
        hits, weight = [], 0.0
        for kw in p.keywords:
            needle = _tokens(kw)
            if needle.strip() and needle in body:
                hits.append(kw)
                weight += 2.0 if needle in head else 1.0
        if hits:
            confidence = 1.0 - 0.5 ** weight
            scores.append(Score(p.key, p.site_key, round(confidence, 4), tuple(hits[:8])))
    return sorted(scores, key=lambda s: -s.confidence)
