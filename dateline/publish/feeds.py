"""Feeds out, per site and per section: RSS 2.0, Atom 1.0 and JSON Feed 1.1 (django.contrib.syndication).

Item ids are tag: URIs (RFC 4151) built from the article's primary key and first publication date, so
they never change when an editor changes a headline, a slug or a section (feed readers would show the
story again as new). Every string goes through ``xml_text``: Django refuses C0 controls in XML, and
U+FFFE/U+FFFF are not XML characters at all (XML 1.0 §2.2), so a hostile wire item can never make a
feed fail or turn out ill-formed (THREATS OUT-1).
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from dateline.core import clock
from dateline.core.text import clean_text, one_line
from dateline.network.models import Section, Site
from dateline.network.selectors import section_get
from dateline.publish.models import Article

ITEMS = 30
# A body above this goes out as its summary only: one huge wire item must not make a feed of
# megabytes that readers time out on (OUT-1). 64 KiB holds any real news story.
MAX_BODY_CHARS = 64 * 1024
_NON_XML = re.compile("[\ufffe\uffff]")


def xml_text(value: str | None) -> str:
    return _NON_XML.sub("", clean_text(value))


def not_future(value: datetime | None) -> datetime | None:
    # DATE-1: a wire date in the future never pins an item to the top of a reader's list.
    return min(value, clock.now()) if value else value


def tag_uri(article: Article) -> str:
    """``tag:<site host>,<first publication date>:article-<pk>``: stable across edits (RFC 4151)."""
    return f"tag:{article.site.host},{article.published_at:%Y-%m-%d}:article-{article.pk}"


def feed_articles(*, site: Site, section: Section | None = None, limit: int = ITEMS) -> list[Article]:
    """The latest live articles, one per story (a story placed in two sections of a site is one item)."""
    articles = (Article.objects.filter(site=site, status=Article.Status.LIVE)
                .select_related("story", "site", "section").order_by("-published_at", "-pk"))
    if section is not None:
        articles = articles.filter(section=section)
    chosen, stories = [], set()
    for article in articles[: limit * 3]:
        if article.story_id not in stories:
            stories.add(article.story_id)
            chosen.append(article)
            if len(chosen) == limit:
                break
    return chosen


class JSONFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) for Django's syndication framework."""

    content_type = "application/feed+json; charset=utf-8"

    def item_dict(self, item: dict) -> dict:
        entry: dict = {"id": item["unique_id"], "url": item["link"], "title": item["title"],
                       "content_html": item["content_html"]}
        if item.get("summary_text"):
            entry["summary"] = item["summary_text"]
        if item["pubdate"]:
            entry["date_published"] = item["pubdate"].isoformat()
        if item["updateddate"]:
            entry["date_modified"] = item["updateddate"].isoformat()
        if item["author_name"]:
            entry["authors"] = [{"name": item["author_name"]}]
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        return entry

    def write(self, outfile, encoding) -> None:
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": self.feed["title"],
                "home_page_url": self.feed["link"], "feed_url": self.feed["feed_url"],
                "description": self.feed["description"], "language": self.feed["language"],
                "items": [self.item_dict(item) for item in self.items]}
        outfile.write(json.dumps(feed, ensure_ascii=False, indent=None))


class SiteRssFeed(Feed):
    """A site's feed, or one section's with ``section_slug``."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    file_name = "rss.xml"
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, section_slug: str | None = None) -> tuple[Site, Section | None]:
        site = getattr(request, "site", None)
        if site is None:
            raise Http404("Feeds are per site")
        section = None
        if section_slug is not None:
            section = section_get(site=site, slug=section_slug)
            if section is None:
                raise Http404("No such section")
        return site, section

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj[0].language
        return feed

    def title(self, obj) -> str:
        site, section = obj
        return one_line(xml_text(f"{section.title} - {site.name}" if section else site.name))

    def link(self, obj) -> str:
        site, section = obj
        return site.absolute(f"/{section.slug}/" if section else "/")

    def feed_url(self, obj) -> str:
        site, section = obj
        return site.absolute(f"/feeds/{section.slug}/{self.file_name}" if section else f"/feeds/{self.file_name}")

    def description(self, obj) -> str:
        site, section = obj
        return one_line(xml_text((section.description if section else site.tagline) or site.name))

    subtitle = description

    def items(self, obj) -> list[Article]:
        site, section = obj
        return feed_articles(site=site, section=section)

    def item_title(self, item: Article) -> str:
        return one_line(xml_text(item.story.headline))

    def item_link(self, item: Article) -> str:
        return item.absolute_url

    def item_guid(self, item: Article) -> str:
        return tag_uri(item)

    def item_description(self, item: Article) -> str:
        body = item.story.body_html
        if body and len(body) <= MAX_BODY_CHARS:
            return xml_text(body)  # sanitised at ingest (nh3), sent as escaped HTML
        return f"<p>{escape(xml_text(item.story.summary or one_line(item.story.headline)))}</p>"

    def item_pubdate(self, item: Article) -> datetime | None:
        return not_future(item.published_at)

    def item_updateddate(self, item: Article) -> datetime | None:
        return not_future(item.updated_at)

    def item_author_name(self, item: Article) -> str | None:
        return one_line(xml_text(item.story.byline or item.story.agency.upper())) or None

    def item_categories(self, item: Article) -> list[str]:
        return [xml_text(item.section.title)]


class SiteAtomFeed(SiteRssFeed):
    feed_type = Atom1Feed
    file_name = "atom.xml"


class SiteJSONFeed(SiteRssFeed):
    feed_type = JSONFeed
    file_name = "feed.json"

    def item_extra_kwargs(self, item: Article) -> dict:
        return {"content_html": self.item_description(item),
                "summary_text": one_line(xml_text(item.story.summary))[:1000]}


# The explicit registry of feed formats by file name (the URL's last part).
FEEDS: dict[str, type[SiteRssFeed]] = {"rss.xml": SiteRssFeed, "atom.xml": SiteAtomFeed, "feed.json": SiteJSONFeed}
