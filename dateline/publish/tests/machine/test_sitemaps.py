"""Sitemaps and robots.txt per site: index, split article sitemaps, Google News sitemap
(THREATS OUT-1, WIRE-1, DATE-1, WEB-6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import get_template

from dateline.core import clock
from dateline.desk.models import Story
from dateline.network.models import Site
from dateline.publish import sitemaps
from dateline.publish.tests.machine.conftest import host
from dateline.publish.tests.machine.xmlcheck import reparse

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def get_xml(client, path: str, site: str = "marsdaily"):
    response = client.get(path, HTTP_HOST=host(site))
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    return reparse(response.content)


def locs(root) -> list[str]:
    return [el.text for el in root.iter(f"{SM}loc")]


def test_the_index_lists_sections_every_article_page_and_news_and_each_resolves(publish, client):
    publish("Rover", "body")
    root = get_xml(client, "/sitemap.xml")
    assert root.tag == f"{SM}sitemapindex"
    assert locs(root) == ["http://marsdaily.localhost/sitemaps/sections.xml",
                          "http://marsdaily.localhost/sitemaps/articles-1.xml",
                          "http://marsdaily.localhost/sitemaps/news.xml"]
    for loc in locs(root):
        assert get_xml(client, loc.removeprefix("http://marsdaily.localhost")).tag == f"{SM}urlset"
    assert locs(get_xml(client, "/sitemaps/sections.xml")) == [
        "http://marsdaily.localhost/", "http://marsdaily.localhost/mars-exploration/",
        "http://marsdaily.localhost/mars-science/"]


def test_out1_article_sitemaps_split_at_the_limit_and_the_index_follows(publish, client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    articles = [publish(f"Story {n}", "body")[0] for n in range(5)]
    index = locs(get_xml(client, "/sitemap.xml"))
    assert [loc.rsplit("/", 1)[1] for loc in index] == [
        "sections.xml", "articles-1.xml", "articles-2.xml", "articles-3.xml", "news.xml"]
    pages = [locs(get_xml(client, f"/sitemaps/articles-{n}.xml")) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sum(pages, []) == [a.absolute_url for a in articles]  # oldest first: pages stay stable
    assert client.get("/sitemaps/articles-4.xml", HTTP_HOST=host("marsdaily")).status_code == 404


def test_out1_the_article_sitemap_writer_equals_its_template_and_djangos_sitemap(publish, client):
    for n in range(3):
        publish(f"Story {n}", "body")
    sitemap = sitemaps.ArticleSitemap(Site.objects.get(slug="marsdaily"))
    django_urls = [{**url, "lastmod": url["lastmod"].date().isoformat()} for url in sitemap.get_urls(page=1)]
    written = client.get("/sitemaps/articles-1.xml", HTTP_HOST=host("marsdaily")).content.decode()
    assert written == get_template(sitemaps.ARTICLES_TEMPLATE).render({"urlset": django_urls})
    hostile = [("http://x/a&b<c>\"'.html", "2024-01-02"), ("http://x/é", "<&>")]
    assert sitemaps.articles_xml(hostile) == get_template(sitemaps.ARTICLES_TEMPLATE).render(
        {"urlset": [{"location": loc, "lastmod": lastmod} for loc, lastmod in hostile]})


def test_sitemap_pages_stay_within_the_protocol_limits():
    assert sitemaps.ArticleSitemap.limit <= sitemaps.PROTOCOL_LIMIT == 50_000
    assert sitemaps.NEWS_LIMIT == 1000  # Google News sitemap maximum


def test_only_the_canonical_placement_is_listed(publish, client):
    publish("Shared story", "body", sections=("moondaily/lunar-exploration", "marsdaily/mars-exploration"))
    assert locs(get_xml(client, "/sitemaps/articles-1.xml", "marsdaily")) == []
    assert len(locs(get_xml(client, "/sitemaps/articles-1.xml", "moondaily"))) == 1


def test_the_news_sitemap_holds_the_last_two_days_with_titles(publish, client):
    fresh = publish("Fresh <b>news</b> & more", "body")[0]
    publish("Old news", "body", published_at=clock.now() - timedelta(days=3))
    root = get_xml(client, "/sitemaps/news.xml")
    assert locs(root) == [fresh.absolute_url]
    assert root.find(f".//{NEWS}title").text == "Fresh <b>news</b> & more"
    assert root.find(f".//{NEWS}name").text == "Mars Test Daily"
    assert root.find(f".//{NEWS}language").text == "en"
    assert len(locs(get_xml(client, "/sitemaps/articles-1.xml"))) == 2


def test_out1_hostile_headlines_keep_the_news_sitemap_well_formed(publish, client):
    publish('Launch ]]> <script>x</script> \x08\x1b\ufffe\uffff "q" &amp;', "body")
    title = get_xml(client, "/sitemaps/news.xml").find(f".//{NEWS}title").text
    assert title == 'Launch ]]> <script>x</script> "q" &amp;'


def test_date1_no_lastmod_or_publication_date_in_the_future(publish, client):
    publish("Future dated", "body", published_at=clock.now() + timedelta(days=30))
    today = clock.now().date().isoformat()
    assert [el.text for el in get_xml(client, "/sitemaps/articles-1.xml").iter(f"{SM}lastmod")] == [today]
    published = get_xml(client, "/sitemaps/news.xml").find(f".//{NEWS}publication_date").text
    assert published[:10] == today


def test_wire1_a_killed_story_leaves_the_article_and_news_sitemaps(publish, change_story, client):
    article = publish("To be killed", "body")[0]
    change_story(article.story, state=Story.State.KILLED)
    assert locs(get_xml(client, "/sitemaps/articles-1.xml")) == []
    assert locs(get_xml(client, "/sitemaps/news.xml")) == []


def test_robots_txt_points_to_the_sites_sitemaps_whatever_the_host_header(demo_network, client):
    robots = client.get("/robots.txt", HTTP_HOST="marsdaily.localhost:31337")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://marsdaily.localhost/sitemap.xml\n" in robots.text
    assert "Sitemap: http://marsdaily.localhost/sitemaps/news.xml\n" in robots.text
    assert "Disallow: /search/\n" in robots.text
    network = client.get("/robots.txt", HTTP_HOST="localhost")
    assert network.status_code == 200 and "Sitemap:" not in network.text


def test_sitemaps_exist_only_on_site_hosts(demo_network, client):
    assert client.get("/sitemap.xml", HTTP_HOST="localhost").status_code == 404
