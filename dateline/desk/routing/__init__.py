"""Routing a story to sites and sections.

``keywords`` (zero-shot from section keywords), ``model`` (TF-IDF + linear model), ``rules`` (editors'
RE2 patterns) and ``evaluate`` are pure; ``store`` ties them to the network and the data directory.
"""

from dateline.desk.routing.keywords import Score, SectionProfile, keyword_scores

__all__ = ["Score", "SectionProfile", "keyword_scores"]
