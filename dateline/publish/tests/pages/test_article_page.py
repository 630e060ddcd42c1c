"""The article page: every element of the seed's page, escaping, canonical placement, 404/410."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dateline.desk.models import Story
from dateline.publish.models import Article
from dateline.publish.services import articles_sync

pytestmark = pytest.mark.django_db

JULY_3 = datetime(2024, 7, 3, 9, 30, tzinfo=UTC)


def _get(client, article: Article, **extra):
    return client.get(article.get_absolute_url(), HTTP_HOST=f"{article.site.host}:8000", **extra)


@pytest.fixture
def kazakh(sites, publish):
    spacewar = sites["spacewar"].sections.get(slug="news")
    for i in range(5):  # sister-site headlines: more than a box holds
        publish(headline=f"Mars rover update number {i}", sections=[sites["marsdaily"].sections.get(slug="news")],
                agency="upi", byline="by Staff Writers")
    publish(headline="Baikonur booster stage lands near village in Kazakhstan", sections=[spacewar],
            body_text="Officials in Kazakhstan studied the Baikonur rocket range booster stage drop zone.",
            summary="A booster stage from Baikonur fell in the planned drop zone.", published_at=JULY_3)
    story = publish(
        headline="Kazakhstan hosts talks on launch safety at Baikonur rocket range", sections=[spacewar],
        city="Astana", country="Kazakhstan", published_at=JULY_3,
        body_text="Officials from Kazakhstan and Russia met to review safety at the Baikonur rocket range.",
        body_html="<p>Officials from Kazakhstan and Russia met on Wednesday.</p><p>The operator said the stage "
                  "landed inside the planned drop zone.</p>")
    return story.articles.get()


def test_article_page_shows_every_element_of_the_seed_page(client, kazakh):
    page = _get(client, kazakh)
    html = page.text
    assert page.status_code == 200
    assert '<a class="site-name" href="/">SpaceWar</a>' in html
    assert '<p class="section-label"><a href="/news/">News</a></p>' in html
    assert "<h1>Kazakhstan hosts talks on launch safety at Baikonur rocket range</h1>" in html
    assert '<p class="byline">by AFP Staff Writers</p>' in html
    assert ">Astana, Kazakhstan (AFP) July 3, 2024</time>" in html
    assert "<p>Officials from Kazakhstan and Russia met on Wednesday.</p><p>The operator said" in html
    assert re.search(r'<h2 id="rl">Related Links</h2>\s*<ul><li><a href="http://spacewar.localhost/news/">', html)
    assert "Subscribe free to our daily newsletters" in html
    assert re.search(r'<h2 id="rc">Related Content</h2>\s*<article class="teaser"><h3><a href="[^"]+">'
                     r"Baikonur booster stage lands near village in Kazakhstan</a>", html)
    assert re.search(r'drop zone\. <a href="[^"]+" aria-label="[^"]+">read more</a></p>', html)
    box = html.split('aria-label="MarsDaily headlines"')[1].split("</section>")[0]
    assert box.count("<li>") == 4 and "Mars rover update number 4" in box and "number 0" not in box
    assert "Copyright Agence France-Presse. All rights reserved." in html  # the AFP story's credit
    assert "Copyright United Press International." not in html  # no UPI copy on this page
    assert "Stories are individually curated by Test Media staff." in html
    assert '<a href="/privacy/">Privacy statement</a>' in html
    for tag in ("<header", "<main", "<article", "<aside", "<footer", "<nav"):
        assert tag in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_share_links_are_plain_links_and_no_script_loads_from_another_host(client, kazakh):
    html = _get(client, kazakh).text
    assert 'href="https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fspacewar.localhost' in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r'<(img|iframe)[^>]+src="(https?:)?//', html)


def test_the_newsletter_form_follows_the_subscription_contract(client, kazakh):
    html = _get(client, kazakh).text
    form = html.split('<form method="post" action="/newsletter/subscribe/">')[1].split("</form>")[0]
    # No per-reader token: the POST is checked by origin, so the cached and exported page works (WEB-4).
    assert 'name="csrfmiddlewaretoken"' not in form and 'type="email" name="email"' in form
    assert f'<input type="hidden" name="source_page" value="{kazakh.get_absolute_url()}">' in form
    assert '<input type="checkbox" name="lists" value="spacewar" checked>' in form
    assert '<input type="checkbox" name="lists" value="marsdaily">' in form  # offered, never pre-ticked
    assert form.count(" checked") == 1
    assert '<p class="hp" aria-hidden="true"><label>Website <input type="text" name="website"' in form


def test_structured_data_is_a_news_article_with_the_dateline(client, kazakh):
    html = _get(client, kazakh).text
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "NewsArticle" and data["dateline"] == "Astana, Kazakhstan (AFP) July 3, 2024"
    assert data["datePublished"] == "2024-07-03T09:30:00+00:00" and data["author"]["name"] == "AFP"
    assert '<meta property="og:title" content="Kazakhstan hosts talks' in html


def test_an_updated_story_shows_its_updated_time_and_correction_note(client, sites, publish,
                                                                     django_capture_on_commit_callbacks):
    story = publish(headline="Probe reaches orbit", sections=[sites["moondaily"].sections.get(slug="news")])
    story.updated_at = datetime(2024, 7, 4, 12, 5, tzinfo=UTC)
    story.correction_note = "An earlier version misstated the orbit's altitude."
    story.save()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    html = _get(client, story.articles.get()).text
    assert 'Updated <time datetime="2024-07-04T12:05:00+00:00">Jul 4, 2024 12:05 UTC</time>' in html
    assert "<strong>Correction:</strong> An earlier version misstated the orbit&#x27;s altitude." in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["dateModified"] == "2024-07-04T12:05:00+00:00"


def test_html5_markup_in_plain_text_fields_is_escaped_everywhere_on_the_page(client, sites, publish):
    hostile = '<img src=x onerror=alert(1)>"</script>'
    story = publish(headline=f"Headline {hostile}", byline=f"by {hostile}", summary=hostile,
                    correction=hostile, sections=[sites["spacewar"].sections.get(slug="news")])
    html = _get(client, story.articles.get()).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html and "onerror=alert(1)>" not in html
    json_ld = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in json_ld  # the JSON block cannot close its element


def test_html1_html7_body_is_sanitised_again_and_remote_images_become_links(client, sites, publish):
    story = publish(headline="Hostile body", sections=[sites["spacewar"].sections.get(slug="news")],
                    body_html='<p onclick="x()">Text<script>alert(1)</script></p>'
                              '<img src="https://tracker.example/pixel.gif" alt="pixel">'
                              '<img src="/media/ok.jpg" alt="ours"><iframe src="https://evil.example/"></iframe>'
                              '<a href="javascript:alert(1)">bad</a>')
    html = _get(client, story.articles.get()).text
    body = html.split('<div class="body">')[1].split("</div>")[0]
    assert "<script" not in body and "onclick" not in body and "iframe" not in body and "javascript:" not in body
    assert '<img src="/media/ok.jpg" alt="ours">' in body
    assert 'src="https://tracker.example' not in html
    assert '<a href="https://tracker.example/pixel.gif" rel="nofollow ugc noopener noreferrer">[External pixel]</a>' in body


def test_html5_the_safe_filter_appears_in_no_template():
    templates = Path(__file__).resolve().parents[2] / "templates"
    for path in templates.rglob("*.html"):
        assert "|safe" not in path.read_text().replace(" ", ""), path
        assert "autoescape off" not in path.read_text(), path


def test_a_story_on_several_sites_has_one_canonical_page_and_every_placement_lists_it(client, sites, publish):
    story = publish(headline="Joint Mars and Moon mission announced",
                    sections=[sites["marsdaily"].sections.get(slug="news"),
                              sites["moondaily"].sections.get(slug="analysis")])
    canonical = story.articles.get(is_canonical=True)
    other = story.articles.get(is_canonical=False)
    assert canonical.site.slug == "marsdaily"
    for article in (canonical, other):
        assert f'<link rel="canonical" href="{canonical.absolute_url}">' in _get(client, article).text
    listing = client.get("/analysis/", HTTP_HOST="moondaily.localhost").text
    assert other.get_absolute_url() in listing


def test_a_killed_story_answers_410_and_an_unknown_one_a_friendly_404(client, sites, publish,
                                                                     django_capture_on_commit_callbacks):
    story = publish(headline="Launch report to be withdrawn", sections=[sites["spacewar"].sections.get(slug="news")])
    article = story.articles.get()
    assert _get(client, article).status_code == 200
    Story.objects.filter(pk=story.pk).update(state=Story.State.KILLED)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    gone = _get(client, article)
    assert gone.status_code == 410 and "This story has been withdrawn" in gone.text
    assert "Launch report to be withdrawn" not in client.get("/", HTTP_HOST="spacewar.localhost").text
    missing = client.get("/news/no-such-story-99999.html", HTTP_HOST="spacewar.localhost")
    assert missing.status_code == 404 and "Page not found" in missing.text and "SpaceWar" in missing.text


def test_an_old_slug_redirects_to_the_current_address(client, sites, publish):
    article = publish(headline="Current headline", sections=[sites["spacewar"].sections.get(slug="news")]).articles.get()
    response = client.get(f"/news/old-headline-{article.pk}.html", HTTP_HOST="spacewar.localhost")
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()


def test_credits_find_the_agency_by_code_alias_or_name(client, sites, publish):
    from dateline.network.models import Agency

    Agency.objects.create(code="nasa", name="NASA", aliases=["NASA", "JPL"], copyright="Material courtesy of NASA.")
    Agency.objects.create(code="staff", name="Test Media staff", copyright="Copyright Test Media.")
    news = sites["spacewar"].sections.get(slug="news")
    jpl = publish(headline="Rover note from JPL", sections=[news], agency="JPL", city="Pasadena",
                  country="United States", published_at=JULY_3)
    html = _get(client, jpl.articles.get()).text
    assert "Material courtesy of NASA." in html and ">Pasadena, United States (JPL) July 3, 2024</time>" in html
    staff = publish(headline="Staff analysis", sections=[news], agency="Test Media")
    assert "Copyright Test Media." in _get(client, staff.articles.get()).text


def test_html5_hostile_headlines_are_escaped_in_lists_boxes_and_teasers(client, sites, publish):
    hostile = "Mars <img src=x onerror=alert(1)> rover"
    publish(headline=hostile, body_text="Mars rover crater", sections=[sites["marsdaily"].sections.get(slug="news")])
    reader = publish(headline="Mars rover crater news", body_text="Mars rover crater",
                     sections=[sites["spacewar"].sections.get(slug="news")])
    pages = [client.get("/", HTTP_HOST="marsdaily.localhost").text,  # lead list
             client.get("/news/", HTTP_HOST="marsdaily.localhost").text,  # section list
             client.get("/", HTTP_HOST="spacewar.localhost").text,  # sister box
             _get(client, reader.articles.get()).text]  # related teaser
    for html in pages:
        assert "Mars &lt;img src=x onerror=alert(1)&gt; rover" in html and "<img src=x" not in html


def test_wire2_an_embargoed_story_is_a_404_not_a_403_and_absent_from_lists(client, sites, publish,
                                                                          django_capture_on_commit_callbacks):
    story = publish(headline="Embargoed launch news", sections=[sites["spacewar"].sections.get(slug="news")])
    article = story.articles.get()
    Story.objects.filter(pk=story.pk).update(state=Story.State.WITHHELD)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        articles_sync(story=story)
    assert _get(client, article).status_code == 404
    assert "Embargoed launch news" not in client.get("/", HTTP_HOST="spacewar.localhost").text
    assert "Embargoed launch news" not in client.get("/", HTTP_HOST="marsdaily.localhost").text
