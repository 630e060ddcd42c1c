"""Page assembly: a page built from its site's frame and its own parts equals a full render of
``base.html`` with the same context, for every page kind and consent variant; a publish changes the
frame at once (sister boxes) although it is kept in the process; the article page's Python writer
equals ``article.html`` for any text (THREATS HTML-5: every value escaped as autoescaping does)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.template.defaultfilters import truncatewords
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.desk.models import Story
from dateline.network.models import Agency, RelatedLink, Section, Site
from dateline.publish import article_html, assembly, boxes, list_html
from dateline.publish.models import Article
from dateline.publish.views.pages import article_context

pytestmark = pytest.mark.django_db

HOST = "spacewar.localhost"
AD_SCRIPT = "https://ads.example.net/tag.js"


@pytest.fixture
def checked(monkeypatch):
    """Every page assembled during the test is compared with a full render; returns the templates seen."""
    seen: list[str] = []
    real = assembly.page

    def page(frame, template, context, *, path):
        assembled = real(frame, template, context, path=path)
        site = frame.context["site"]
        full = get_template(template).render({
            **frame.context, "page_path": path, "sister_boxes": boxes.for_site(site) if site else [], **context})
        assert assembled == full, template
        seen.append(template)
        return assembled

    monkeypatch.setattr(assembly, "page", page)
    return seen


@pytest.fixture
def story(sites, publish):
    site = sites["spacewar"]
    site.ads = {"sidebar": {"script": AD_SCRIPT, "house": "Advertise with SpaceWar", "house_url": "/privacy/"}}
    site.save()
    publish(headline="Mars orbiter relays rover data", sections=[sites["marsdaily"].sections.get(slug="news")],
            agency="upi", summary="The orbiter relayed the data.")
    return publish(headline="Satellite <reaches> orbit & more", summary="A satellite reached orbit.",
                   sections=[site.sections.get(slug="news"), sites["marsdaily"].sections.get(slug="news")])


def test_every_page_kind_equals_a_full_render_of_base_html(client, story, checked):
    article = story.articles.get(site__slug="spacewar")
    day = article.published_at
    paths = ["/", "/news/", "/news/?page=1", article.get_absolute_url(), f"/{day:%Y/%m/%d}/", "/privacy/",
             "/privacy/settings/", "/no-such-page/"]
    for path in paths:
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code in (200, 404), path
    assert client.get("/", HTTP_HOST="localhost").status_code == 200  # the network index: no site
    other = story.articles.get(site__slug="marsdaily")  # its canonical page is on another site
    assert client.get(other.get_absolute_url(), HTTP_HOST=other.site.host).status_code == 200
    assert set(checked) == {"publish/home.html", "publish/section.html", "publish/article.html",
                            "publish/archive.html", "publish/privacy.html", "publish/privacy_settings.html",
                            "publish/not_found.html", "publish/network.html"}


def test_gdpr1_each_consent_variant_has_its_own_frame_and_equals_a_full_render(client, story, checked):
    path = story.articles.get(site__slug="spacewar").get_absolute_url()
    before = client.get(path, HTTP_HOST=HOST).text
    assert AD_SCRIPT not in before and 'class="consent"' in before
    client.post("/privacy/consent/", {"action": "accept_all", "next": "/"}, HTTP_HOST=HOST,
                headers={"Sec-Fetch-Site": "same-origin"})
    after = client.get(path, HTTP_HOST=HOST).text
    assert AD_SCRIPT in after and 'class="consent"' not in after
    client.post("/privacy/consent/", {"action": "reject_all", "next": "/"}, HTTP_HOST=HOST,
                headers={"Sec-Fetch-Site": "same-origin"})
    rejected = client.get(path, HTTP_HOST=HOST).text
    assert AD_SCRIPT not in rejected and 'class="consent"' not in rejected
    assert checked.count("publish/article.html") == 3


def test_the_forms_carry_each_pages_own_path_escaped(client, story):
    html = client.get("/news/?page=1", HTTP_HOST=HOST).text
    assert html.count('name="next" value="/news/"') == 1  # the consent banner (request.path: no query)
    assert html.count('name="source_page" value="/news/"') == 1
    assert assembly.PATH_SLOT not in html and "<!--dl:" not in html


def test_a_publish_on_a_sister_site_changes_the_frame_at_once(client, story, sites, publish):
    path = story.articles.get(site__slug="spacewar").get_absolute_url()
    assert "Fresh Moon headline" not in client.get(path, HTTP_HOST=HOST).text
    publish(headline="Fresh Moon headline", sections=[sites["moondaily"].sections.get(slug="news")])
    assert "Fresh Moon headline" in client.get(path, HTTP_HOST=HOST).text


def test_a_part_that_does_not_split_into_the_slots_is_refused(sites):
    with pytest.raises(ValueError, match="expected 4 parts"):
        assembly.parts("publish/_credits.html", {"layout": "publish/_parts.html"})


# Text that autoescaping must handle: markup, quotes, ampersands, entities, non-ASCII, long runs.
_TEXT = st.lists(st.sampled_from(list("ab <>&\"'é—\n") + ["&amp;", "<b>", "word "]), max_size=40).map("".join)


def _article(pk: int, *, headline: str, summary: str, body_text: str, byline: str = "", subheadline: str = "",
             correction: str = "", updated: bool = False, agency: str = "afp") -> Article:
    site = Site(pk=1, slug="spacewar", name="Space <War> & Co", host="spacewar.localhost")
    section = Section(pk=1, site=site, slug="news", title="News & <Views>")
    published = datetime(2024, 7, 3, 9, 30, tzinfo=UTC)
    story = Story(pk=pk, headline=headline, summary=summary, body_text=body_text, byline=byline,
                  subheadline=subheadline, correction_note=correction, agency=agency,
                  body_html=f"<p>{body_text}</p>", dateline_city="Astana", dateline_country="Kazakhstan")
    return Article(pk=pk, story=story, site=site, section=section, slug=f"story-{pk}", published_at=published,
                   updated_at=published + timedelta(hours=2, minutes=5) if updated else None)


def _both(article: Article, related: list[Article], links: list[RelatedLink]) -> tuple[dict, dict]:
    agencies = [Agency(code="afp", name="Agence France-Presse", aliases=["AFP"], copyright="© AFP <all> rights")]
    context = {
        "site": article.site, "network": None, "csrf_token": "token", "page_path": "/news/x-1.html?a=<b>",
        "newsletter_lists": [{"slug": "spacewar", "name": "Space & War", "checked": True}],
        "credits": agencies, "layout": "publish/_parts.html",
        **article_context(art=article, canonical_url=article.absolute_url, related=related, related_links=links, network=None,
                          agencies=agencies),
    }
    rendered = get_template("publish/article.html").render(context).split(assembly.PART_SEPARATOR)
    form = get_template(assembly.NEWSLETTER_FORM).render(context)
    return dict(zip(assembly.SLOTS, rendered, strict=True)), article_html.parts(context, newsletter_form=form)


@settings(max_examples=60, deadline=None)
@given(headline=_TEXT, summary=_TEXT, body=_TEXT, byline=_TEXT, subheadline=_TEXT, correction=_TEXT,
       updated=st.booleans(), with_links=st.booleans(), related_count=st.integers(0, 3), repeat=st.integers(1, 12))
def test_html5_the_article_and_archive_writers_equal_their_templates_for_any_text(
        headline, summary, body, byline, subheadline, correction, updated, with_links, related_count, repeat):
    article = _article(1, headline=headline, summary=summary * repeat, body_text=body, byline=byline,
                       subheadline=subheadline, correction=correction, updated=updated)
    long_body = " ".join(["word"] * 50) + " <end> & more"
    related = [_article(10 + i, headline=f"{headline} {i}", summary="" if i % 2 else summary, body_text=long_body)
               for i in range(related_count)]
    links = [RelatedLink(text=f"Link <{subheadline}>", url="http://spacewar.localhost/news/?a=1&b=2")] if with_links else []
    from_template, from_writer = _both(article, related, links)
    assert from_writer == from_template
    archive = {"site": article.site, "network": None, "day": article.published_at.date(), "credits": [],
               "articles": [article, *related], "layout": "publish/_parts.html"}
    rendered = get_template("publish/archive.html").render(archive).split(assembly.PART_SEPARATOR)
    assert list_html.archive_parts(archive, newsletter_form="") == dict(zip(assembly.SLOTS, rendered, strict=True))


# Words, ellipses and whitespace the truncation must treat as Django's Truncator does.
_WORDY = st.lists(st.sampled_from(["a", "word", " ", "\n", "\t", "…", " …", "&", "<b>", "é", "\u00a0"]), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_WORDY, n=st.integers(1, 12))
def test_the_writers_truncation_and_escaping_equal_djangos_filters(text, n):
    assert article_html.words(text, n) == truncatewords(text, n)
    assert article_html._e(text) == conditional_escape(text)
    assert article_html._e(mark_safe(text)) == text  # safe text is not escaped twice
    assert article_html._e(n) == str(n)
