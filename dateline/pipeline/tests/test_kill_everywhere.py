"""THREATS WIRE-1 end to end: an editor's kill on the desk takes the story off every public surface at once.

The story arrives from the wire and is published by the real pipeline; every surface is fetched once
before the kill, so both page caches hold the home, section, archive and article pages: the fast path
in front of Django (``dateline.wsgi``) and Django's own. Then the chief editor kills the story through
the desk service and every surface is fetched again through the same WSGI application gunicorn
serves. WIRE-1 allows 60 s; the test asserts it is gone with no wait at all.
"""

from __future__ import annotations

import io
import sys
from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler

from dateline.core import clock
from dateline.desk import editorial, services
from dateline.desk.models import Story
from dateline.desk.tests.factories import make_wire
from dateline.desk.tests.ui.factories import editor
from dateline.network.models import Site
from dateline.publish.fastpath import PageCache, wrap
from dateline.publish.models import Article, SearchDocument

HEAD = "Rover drives across Jezero crater on Mars"
BODY = ("The Mars rover Perseverance crossed the martian crater floor on Tuesday, NASA said. The rover drove "
        "almost 400 metres towards the delta at the western edge of Jezero crater, where it will look for "
        "signs of ancient microbial life in the rocks of the red planet.")
FEEDS = ("rss.xml", "atom.xml", "feed.json")


def surfaces(articles: list[Article]) -> dict[str, tuple[str, str]]:
    """name → (host, path) of every public place a reader, a crawler or a feed reader finds the story."""
    found: dict[str, tuple[str, str]] = {"network search": ("localhost", "/search/?q=jezero+rover")}
    # The home of each of the story's sites lists it; each site with one of them as a sister shows it in a box.
    own = {a.site_id for a in articles}
    homes = Site.objects.filter(pk__in=own) | Site.objects.filter(sister_boxes__sister_id__in=own)
    found |= {f"{site.slug} home": (site.host, "/") for site in homes.distinct()}
    for article in articles:
        host, section, day = article.site.host, article.section.slug, article.published_at
        found |= {
            f"{article.site.slug} section {section}": (host, f"/{section}/"),
            f"{article.site.slug} archive {day:%Y-%m-%d}": (host, f"/{day:%Y/%m/%d}/"),
            f"{article.site.slug} search": (host, "/search/?q=jezero+rover"),
            f"{article.site.slug} sitemap index": (host, "/sitemap.xml"),
            f"{article.site.slug} article sitemap": (host, "/sitemaps/articles-1.xml"),
            f"{article.site.slug} news sitemap": (host, "/sitemaps/news.xml"),
        }
        for name in FEEDS:
            found[f"{article.site.slug} site {name}"] = (host, f"/feeds/{name}")
            found[f"{article.site.slug} section {section} {name}"] = (host, f"/feeds/{section}/{name}")
    return found


class Counting:
    """Django's WSGI application, counting the requests that reach it past the fast path."""

    def __init__(self, app) -> None:
        self.app, self.calls = app, 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


def get(app, host: str, path: str) -> tuple[int, str]:
    """One anonymous GET through the served WSGI application: (status, body)."""
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": host,
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
               "wsgi.errors": sys.stderr}
    started: list[str] = []
    result = app(environ, lambda status, headers, exc_info=None: started.append(status))
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return int(started[0].split()[0]), body.decode()


def shown(app, host: str, path: str, articles: list[Article]) -> bool:
    """Whether the response names any of the story's pages (lists, feeds, sitemaps and hits all link one)."""
    status, body = get(app, host, path)
    assert status == 200, (host, path, status)
    return any(a.get_absolute_url() in body for a in articles)


@pytest.mark.django_db(transaction=True)
def test_wire1_a_desk_kill_leaves_pages_feeds_sitemaps_and_search_at_once_with_the_caches_warm(network):
    django = Counting(WSGIHandler())
    app = wrap(django)  # as dateline.wsgi builds it, on this test's data directory
    assert isinstance(app, PageCache)
    item = make_wire("afp-wire", "kill-everywhere", HEAD, BODY, published=clock.now() - timedelta(hours=1))
    story = services.story_from_item(item=item)
    assert story.state == Story.State.PUBLISHED
    articles = list(Article.objects.filter(story=story, status=Article.Status.LIVE).select_related("site", "section"))
    assert articles
    places = surfaces(articles)
    # The sitemap index names the article sitemap, not articles: it must stay valid, not "lose" the story.
    listing = {name: where for name, where in places.items() if not name.endswith("sitemap index")}

    # Warm every cache: each surface fetched once, and each shows the story (or, for the index, answers).
    before = {name: shown(app, *where, articles) for name, where in places.items()}
    assert all(before[name] for name in listing), sorted(n for n in listing if not before[n])
    for article in articles:
        assert get(app, article.site.host, article.get_absolute_url())[0] == 200
    # Warm indeed: a second round of the pages is answered without reaching Django.
    seen = django.calls
    pages = [where for name, where in places.items()
             if name.endswith(" home") or " archive " in name or (" section " in name and not name.endswith(FEEDS))]
    for host, path in pages:
        get(app, host, path)
    for article in articles:
        get(app, article.site.host, article.get_absolute_url())
    assert django.calls == seen

    editorial.story_kill(story=story, actor=editor("chief", chief=True), reason="Legal: withdrawn by AFP")

    assert Story.objects.get(pk=story.pk).state == Story.State.KILLED
    for article in articles:
        assert get(app, article.site.host, article.get_absolute_url())[0] == 410
    after = {name: shown(app, *where, articles) for name, where in places.items()}
    assert not any(after.values()), sorted(name for name, present in after.items() if present)
    assert not SearchDocument.objects.filter(article__story=story).exists()
