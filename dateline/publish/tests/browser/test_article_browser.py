"""The article page in a real browser: every element at desktop and phone widths; consent before ads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from dateline.publish.tests.pages.factories import make_network, make_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ELEMENTS = {
    "site name": ".masthead .site-name", "section label": ".section-label", "headline": "article.story h1",
    "byline": ".byline", "dateline": ".dateline", "body paragraph": ".story .body p",
    "related links": ".related-links li a", "newsletter form": ".newsletter-cta form input[name=email]",
    "share links": ".share a", "related content": ".related-content .teaser a:text('read more')",
    "sister box": ".sister-box li a", "agency credit": ".site-footer .credit",
    "curation statement": ".site-footer .curation", "privacy link": ".site-footer a[href='/privacy/']",
    "privacy settings": ".site-footer a[href='/privacy/settings/']", "search box": "form.search input[name=q]",
}


def _demo_article(ads_script: str = ""):
    sites = make_network()
    spacewar = sites["spacewar"]
    if ads_script:
        spacewar.ads = {"sidebar": {"script": ads_script, "house": "Advertise with SpaceWar"}}
        spacewar.save()
    when = datetime(2024, 7, 3, 9, 30, tzinfo=UTC)
    for i, title in enumerate(["Rover crosses Jezero crater floor", "Orbiter maps water ice near the pole",
                               "Helicopter completes its longest flight", "Sample tubes cached for return"]):
        make_story(headline=title, sections=[sites["marsdaily"].sections.get(slug="news")], agency="upi",
                   byline="by Staff Writers", published_at=when - timedelta(hours=i + 1))
    news = spacewar.sections.get(slug="news")
    make_story(headline="Booster stage from Baikonur lands inside planned drop zone", sections=[news],
               summary="A spent first stage fell inside the planned zone in central Kazakhstan, officials said.",
               body_text="Baikonur rocket range booster stage drop zone Kazakhstan launch safety officials",
               published_at=when - timedelta(days=1))
    story = make_story(
        headline="Kazakhstan hosts talks on launch safety at Baikonur rocket range", sections=[news],
        city="Astana", country="Kazakhstan", published_at=when,
        body_text="Officials from Kazakhstan and Russia met to review launch safety at the Baikonur rocket range.",
        body_html="<p>Officials from Kazakhstan and Russia met on Wednesday to review safety rules for the "
                  "Baikonur rocket range after a booster stage fell near a village.</p><p>The launch pad operator "
                  "said the first stage landed inside the planned drop zone.</p><p>A joint commission will "
                  "publish new rules for the drop zones before the next launch campaign.</p>")
    return story.articles.get()


def _url(live_server, article) -> str:
    port = urlsplit(live_server.url).port
    return f"http://{article.site.host}:{port}{article.get_absolute_url()}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_article_page_shows_every_element_at_desktop_and_phone_widths(live_server, browser, width,
                                                                       screenshot_dir):
    article = _demo_article()
    page = browser.new_page(viewport=WIDTHS[width])
    page.goto(_url(live_server, article))
    for name, selector in ELEMENTS.items():
        assert page.locator(selector).first.is_visible(), name
    assert page.locator(".dateline").inner_text() == "Astana, Kazakhstan (AFP) July 3, 2024"
    assert page.locator(".sister-box").first.locator("li").count() == 4
    # Readable without sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Reject all").click()
    page.wait_for_load_state()
    assert page.locator(".consent").count() == 0
    page.screenshot(path=str(screenshot_dir / f"article-{width}.png"), full_page=True)


def test_gdpr1_no_request_leaves_for_another_host_before_consent_and_the_ad_loads_after(live_server, browser,
                                                                                   ad_network):
    script_url, hits = ad_network
    article = _demo_article(ads_script=script_url)
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(_url(live_server, article))
    page.wait_for_load_state("networkidle")
    assert requested and all(urlsplit(u).hostname == article.site.host for u in requested), requested
    assert hits == [] and page.locator(".ad a").inner_text() == "Advertise with SpaceWar"

    page.get_by_role("button", name="Accept all").click()
    page.wait_for_load_state("networkidle")
    assert script_url in requested and hits == ["/tag.js"]
    assert page.locator("#ad-sidebar").inner_text() == "Fake ad network loaded"
