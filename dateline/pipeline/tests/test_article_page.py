"""Issue 2 point 6: on its site's host, a demo article page shows every element of the seed's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from lxml import html

from dateline.network.models import Agency, Network, SisterBox
from dateline.pipeline.demo.stories import STORIES
from dateline.pipeline.tests.conftest import ANCHOR
from dateline.publish.models import Article

KREMLIN = next(s for s in STORIES if s.key == "kremlin-treaty")  # AFP, Moscow, routed to OrbitalWar


def _text(nodes) -> str:
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


@pytest.fixture
def page(built_demo, client):
    article = Article.objects.select_related("site", "section", "story").get(
        story__headline=KREMLIN.headline, is_canonical=True)
    response = client.get(article.get_absolute_url(), HTTP_HOST=f"{article.site.host}:8000")
    assert response.status_code == 200
    return article, html.fromstring(response.content)


@pytest.mark.django_db
def test_the_article_page_names_its_site_section_headline_byline_and_dateline(page):
    article, doc = page
    assert "OrbitalWar" in _text(doc.xpath("//header[@class='masthead']"))
    assert _text(doc.xpath("//*[contains(@class,'section-label')]")) == "Superpowers"
    assert _text(doc.xpath("//main//article/header/h1")) == KREMLIN.headline
    assert _text(doc.xpath("//*[@class='byline']")) == "by AFP Staff Writers"
    published = ANCHOR - timedelta(hours=KREMLIN.hours_ago)
    dateline = _text(doc.xpath("//*[@class='dateline']"))
    assert dateline == f"Moscow (AFP) {published:%B} {published.day}, {published.year}"


@pytest.mark.django_db
def test_the_body_paragraphs_follow_without_the_dateline(page):
    _, doc = page
    paragraphs = [" ".join(p.text_content().split()) for p in doc.xpath("//*[@class='body']//p")]
    assert len(paragraphs) == len(KREMLIN.body)
    assert paragraphs[0] == KREMLIN.body[0]  # the dateline lives in its own line, not in the body
    assert paragraphs[1:] == list(KREMLIN.body[1:])


@pytest.mark.django_db
def test_the_related_links_box_lists_the_sections_curated_links(page):
    article, doc = page
    box = doc.xpath("//section[contains(@class,'related-links')]")[0]
    assert _text(box.xpath("./h2")) == "Related Links"
    links = [(a.text_content(), a.get("href")) for a in box.xpath(".//a")]
    assert links == [(link.text, link.url) for link in article.section.related_links.order_by("position")]


@pytest.mark.django_db
def test_the_newsletter_call_to_action_has_a_subscribe_form(page):
    _, doc = page
    cta = doc.xpath("//main//section[contains(@class,'newsletter-cta')]")[0]
    assert _text(cta.xpath("./h2")) == "Subscribe free to our daily newsletters"
    form = cta.xpath(".//form")[0]
    assert form.get("method") == "post" and form.get("action") == "/newsletter/subscribe/"
    # No per-reader token on a cached or exported page: the POST is checked by origin (WEB-4).
    assert form.xpath(".//input[@name='email']") and not form.xpath(".//input[@name='csrfmiddlewaretoken']")


@pytest.mark.django_db
def test_share_links_are_plain_links_and_the_page_loads_no_third_party_script(page):
    _, doc = page
    shares = doc.xpath("//ul[@class='share']//a/@href")
    assert len(shares) >= 3
    assert all(src.startswith("/") for src in doc.xpath("//script/@src"))  # first-party only, if any
    assert not doc.xpath("//iframe")


@pytest.mark.django_db
def test_related_content_has_teasers_ending_in_read_more(page):
    _, doc = page
    teasers = doc.xpath("//section[contains(@class,'related-content')]//article")
    assert teasers
    for teaser in teasers:
        assert " ".join(teaser.xpath(".//p")[0].text_content().split()).endswith("read more")


@pytest.mark.django_db
def test_each_sister_site_box_shows_four_headlines(page):
    article, doc = page
    sisters = [box.sister.name for box in SisterBox.objects.filter(site=article.site).order_by("position")]
    boxes = doc.xpath("//section[contains(@class,'sister-box')]")
    assert [_text(b.xpath("./h2")) for b in boxes] == sisters
    for box in boxes:
        assert len(box.xpath(".//li/a")) == 4


@pytest.mark.django_db
def test_the_footer_credits_every_agency_on_the_page_states_curation_and_links_privacy(page, client):
    article, doc = page
    footer = _text(doc.xpath("//footer[contains(@class,'site-footer')]"))
    related = Article.objects.filter(pk__in=article.related.values_list("related", flat=True))
    on_page = {article.story.agency.lower(), *(a.lower() for a in related.values_list("story__agency", flat=True))}
    # A dateline names an agency by its code or one of its aliases ("JPL" is NASA's).
    credited = [a for a in Agency.objects.all() if on_page & {a.code, *(x.lower() for x in a.aliases)}]
    assert "afp" in {a.code for a in credited}
    for agency in credited:
        assert agency.copyright in footer, agency.code
    assert Network.objects.get().curation_statement in footer
    privacy = doc.xpath("//footer[contains(@class,'site-footer')]//a[normalize-space()='Privacy statement']/@href")
    assert privacy and client.get(privacy[0], HTTP_HOST=article.site.host).status_code == 200


@pytest.mark.django_db
def test_the_page_is_semantic_html_readable_on_a_phone(page):
    _, doc = page
    assert doc.xpath("//meta[@name='viewport']/@content")[0].startswith("width=device-width")
    for landmark in ("header", "nav", "main", "aside", "footer"):
        assert doc.xpath(f"//{landmark}"), landmark
    assert len(doc.xpath("//main//article//h1")) == 1


@pytest.mark.django_db
def test_every_agency_of_the_demo_is_credited_on_its_own_articles(built_demo, client):
    # Datelines name agencies as the wire does ("JPL" for NASA, "Orbital Wire" for the staff desk).
    for agency in Agency.objects.all():
        names = {agency.code, *agency.aliases}
        article = (Article.objects.select_related("site", "section")
                   .filter(story__agency__in=[*names, *(n.upper() for n in names)], is_canonical=True).first())
        assert article is not None, agency.code
        doc = html.fromstring(client.get(article.get_absolute_url(), HTTP_HOST=article.site.host).content)
        assert agency.copyright in _text(doc.xpath("//footer[contains(@class,'site-footer')]")), agency.code
