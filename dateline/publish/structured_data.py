"""schema.org NewsArticle, OpenGraph and Twitter card data for an article page (pure dictionaries)."""

from __future__ import annotations

from dateline.network.models import Network, Site
from dateline.publish.models import Article


def news_article(*, article: Article, canonical_url: str, network: Network | None, author: str,
                 dateline: str) -> dict:
    story = article.story
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110],  # Google's documented headline limit
        "mainEntityOfPage": canonical_url,
        "url": canonical_url,
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.updated_at or article.published_at).isoformat(),
        "articleSection": article.section.title,
        "author": {"@type": "Organization", "name": author},
        "publisher": {"@type": "Organization", "name": network.publisher if network else article.site.name},
        "isAccessibleForFree": True,
    }
    if dateline:
        data["dateline"] = dateline
    if story.summary:
        data["description"] = story.summary[:300]
    return data


def open_graph(*, article: Article, site: Site, canonical_url: str) -> list[tuple[str, str, str]]:
    """``(attribute, key, content)`` of each meta tag: OpenGraph uses ``property``, Twitter ``name``."""
    story = article.story
    description = (story.summary or story.body_text)[:300]
    pairs = [
        ("og:type", "article"), ("og:site_name", site.name), ("og:title", story.headline),
        ("og:url", canonical_url), ("og:description", description),
        ("article:published_time", article.published_at.isoformat()),
        ("article:modified_time", (article.updated_at or article.published_at).isoformat()),
        ("article:section", article.section.title),
        ("twitter:card", "summary"), ("twitter:title", story.headline), ("twitter:description", description),
    ]
    return [("name" if key.startswith("twitter:") else "property", key, value) for key, value in pairs]
