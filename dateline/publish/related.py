"""Related content: text similarity weighted by recency, computed at publish time (pure; no ORM).

TF-IDF cosine (scikit-learn) between the new story and the recent stories of the whole network, times
a recency weight ``0.5 ** (|age| / half_life)``, the age counted from the story's own time, so that, among equally similar stories, the fresher one
wins. The result is stored in ``RelatedArticle`` by the service; pages only read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

HALF_LIFE_DAYS = 30.0
MIN_SIMILARITY = 0.05  # below this, two news stories share only boilerplate words


@dataclass(frozen=True)
class Doc:
    key: int
    text: str
    published_at: datetime


def recency_weight(published_at: datetime, now: datetime, half_life_days: float = HALF_LIFE_DAYS) -> float:
    age_days = abs((now - published_at).total_seconds()) / 86400.0
    return 0.5 ** (age_days / half_life_days)


def rank_related(target: Doc, candidates: list[Doc], *, now: datetime, limit: int = 6,
                 min_similarity: float = MIN_SIMILARITY) -> list[tuple[int, float]]:
    """``(key, score)`` of the most related candidates, best first; the target itself never appears."""
    others = [c for c in candidates if c.key != target.key]
    if not others or not target.text.strip():
        return []
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True,
                                 strip_accents="unicode")
    try:
        matrix = vectorizer.fit_transform([target.text, *(c.text for c in others)])
    except ValueError:  # every word is a stop word: nothing to compare
        return []
    similarities = linear_kernel(matrix[0:1], matrix[1:]).ravel()  # rows are L2-normalised: cosine
    scored = [
        (c.key, float(sim) * recency_weight(c.published_at, now))
        for c, sim in zip(others, similarities, strict=True) if sim >= min_similarity
    ]
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored[:limit]
