"""Home, section pages, date archives and the network index; bounded pagination (THREATS WEB-8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dateline.publish import selectors

pytestmark = pytest.mark.django_db
HOST = "spacewar.localhost"


def test_home_leads_are_ordered_by_information_value_then_section_blocks_follow(client, sites, publish):
    news = sites["spacewar"].sections.get(slug="news")
    analysis = sites["spacewar"].sections.get(slug="analysis")
    publish(headline="Minor budget note", sections=[news], info_value=0.1)
    publish(headline="Major treaty signed", sections=[news], info_value=0.9)
    publish(headline="Analysis of the treaty", sections=[analysis], info_value=0.5)
    html = client.get("/", HTTP_HOST=HOST).text
    leads = html.split('<section class="leads"')[1].split("</section>")[0]
    assert leads.index("Major treaty signed") < leads.index("Analysis of the treaty") < leads.index("Minor budget")
    assert '<h2 id="sb-news"><a href="/news/">News</a></h2>' not in html  # every story is already a lead


def test_section_blocks_show_what_the_leads_leave(client, sites, publish):
    news = sites["spacewar"].sections.get(slug="news")
    for i in range(selectors.LEADS + 2):
        publish(headline=f"Story number {i}", sections=[news], info_value=i / 10)
    html = client.get("/", HTTP_HOST=HOST).text
    block = html.split('<h2 id="sb-news">')[1].split("</section>")[0]
    assert "Story number 0" in block and "Story number 1" in block and "Story number 6" not in block


def test_section_pages_paginate_and_refuse_pages_beyond_the_cap(client, sites, publish, settings):
    news = sites["spacewar"].sections.get(slug="news")
    start = datetime(2024, 7, 1, tzinfo=UTC)
    for i in range(selectors.PAGE_SIZE + 1):
        publish(headline=f"Item {i:02d}", sections=[news], published_at=start + timedelta(minutes=i))
    first = client.get("/news/", HTTP_HOST=HOST).text
    assert "Item 20" in first and "Item 00" not in first and 'rel="next" href="?page=2"' in first
    second = client.get("/news/?page=2", HTTP_HOST=HOST).text
    assert "Item 00" in second and 'rel="next"' not in second
    for page in ("3", "0", "-1", "abc", "999999", str(selectors.MAX_PAGES + 1)):
        assert client.get(f"/news/?page={page}", HTTP_HOST=HOST).status_code == 404, page


def test_date_archive_lists_the_days_stories_only(client, sites, publish):
    news = sites["spacewar"].sections.get(slug="news")
    publish(headline="On the third", sections=[news], published_at=datetime(2024, 7, 3, 23, 59, tzinfo=UTC))
    publish(headline="On the fourth", sections=[news], published_at=datetime(2024, 7, 4, 0, 0, tzinfo=UTC))
    html = client.get("/2024/07/03/", HTTP_HOST=HOST).text
    assert "On the third" in html and "On the fourth" not in html and "July 3, 2024" in html
    assert client.get("/2024/02/30/", HTTP_HOST=HOST).status_code == 404


def test_the_network_index_lives_on_the_bare_host_and_lists_every_site(client, sites):
    html = client.get("/", HTTP_HOST="localhost:8000").text
    for site in sites.values():
        assert f'href="{site.base_url}/"' in html and site.name in html


def test_an_unknown_section_is_a_friendly_404(client, sites):
    response = client.get("/no-such-section/", HTTP_HOST=HOST)
    assert response.status_code == 404 and "Page not found" in response.text
