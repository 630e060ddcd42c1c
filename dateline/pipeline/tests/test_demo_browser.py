"""The demo network in a real browser: a reader searches a demo site and the network index and finds the story."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from dateline.network.models import Network
from dateline.publish.models import Article

# A test using live_server is transactional and flushes the database afterwards (pytest-django): the
# demo built for this module serves exactly one test, which therefore walks the whole path.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _distinctive_word(headline: str) -> str:
    """The longest word of the headline: specific enough that the story is among the first results."""
    return max(re.findall(r"[A-Za-z]{5,}", headline), key=len)


def _demo_article() -> Article:
    live = Article.objects.filter(status=Article.Status.LIVE).select_related("story", "site")
    return live.order_by("-published_at", "pk").first()


def _base(live_server, host: str) -> str:
    return f"http://{host}:{urlsplit(live_server.url).port}"


def test_a_reader_finds_a_demo_story_on_its_site_and_network_wide_and_opens_it(built_demo, live_server, browser,
                                                                           screenshot_dir):
    article = _demo_article()
    headline = article.story.headline
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(_base(live_server, article.site.host) + "/")
    page.fill("form.search input[name=q]", _distinctive_word(headline))
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search/\?q="))
    result = page.get_by_role("link", name=headline, exact=True)
    assert result.count() >= 1, f"no result links to {headline!r}"
    page.screenshot(path=str(screenshot_dir / "search-desktop.png"), full_page=False)
    # Result links are absolute, on the public port; the live server listens on its own port.
    href = urlsplit(result.first.get_attribute("href"))
    assert (href.hostname, href.path) == (article.site.host, article.get_absolute_url())
    page.goto(_base(live_server, href.hostname) + href.path)
    assert page.locator("article.story h1").inner_text() == headline

    page.goto(_base(live_server, Network.objects.get().host) + "/")
    page.fill("form.search input[name=q]", _distinctive_word(headline))
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search/\?q="))
    hrefs = [urlsplit(h) for h in page.locator("main a").evaluate_all("links => links.map(a => a.href)")]
    assert (article.site.host, article.get_absolute_url()) in {(h.hostname, h.path) for h in hrefs}
