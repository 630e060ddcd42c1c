"""Static export: the network as files equal to the dynamic pages, and re-export of what a publish
changes (THREATS WIRE-1: a killed story's file and every listing of it go at once)."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core.management import CommandError, call_command

from dateline.desk.models import Story
from dateline.publish.export import Exporter, changed_pages, export_all, export_changed
from dateline.publish.tests.machine.conftest import host

pytestmark = pytest.mark.django_db
# Per-request values that legitimately differ between two renderings of one page.
_PER_REQUEST = re.compile(rb'(name="csrfmiddlewaretoken" value="|nonce=")[^"]*"')


def same_page(a: bytes, b: bytes) -> bool:
    return _PER_REQUEST.sub(rb"\1\"", a) == _PER_REQUEST.sub(rb"\1\"", b)


def test_a_full_export_writes_every_site_and_equals_the_dynamic_pages(publish, client, tmp_path):
    article = publish("Rover reaches the delta", "The rover drove to the river delta.")[0]
    # Frozen: an empty feed's lastBuildDate is the time of rendering.
    with time_machine.travel(article.published_at, tick=False):
        report = export_all(root=tmp_path)
        assert report.errors == [] and report.pages > 0 and report.pages_per_second > 0
        site_dir = tmp_path / "marsdaily.localhost"
        expected = {
            "/": "index.html", "/mars-exploration/": "mars-exploration/index.html",
            article.get_absolute_url(): article.get_absolute_url().lstrip("/"),
            "/feeds/rss.xml": "feeds/rss.xml", "/feeds/atom.xml": "feeds/atom.xml", "/feeds/feed.json": "feeds/feed.json",
            "/feeds/mars-science/rss.xml": "feeds/mars-science/rss.xml",
            "/sitemap.xml": "sitemap.xml", "/sitemaps/articles-1.xml": "sitemaps/articles-1.xml",
            "/sitemaps/news.xml": "sitemaps/news.xml", "/robots.txt": "robots.txt",
        }
        for path, name in expected.items():
            dynamic = client.get(path, HTTP_HOST=host("marsdaily"))
            assert dynamic.status_code == 200, path
            assert same_page((site_dir / name).read_bytes(), dynamic.content), path
    assert (tmp_path / "moondaily.localhost" / "index.html").is_file()
    assert (tmp_path / "localhost" / "index.html").is_file()  # the network index


def test_article_pages_and_day_archives_built_in_bulk_equal_the_live_pages(publish, client, tmp_path):
    """The full export builds article pages (canonical, Related Content, credits fetched per chunk)
    and day archives in bulk; each must equal the page the live view serves."""
    # One story with a summary, one without: the export loads the body text only for the second.
    older = publish("Rover drills into Mars rock", "The rover drilled into Mars rock for samples.", agency="upi",
                    summary="Samples & <cores> from the rock.")
    joint = publish("Rover and lander share Mars rock samples", "The rover drilled Mars rock; the lander too.",
                    sections=("marsdaily/mars-exploration", "moondaily/lunar-exploration", "marsdaily/mars-science"))
    export_all(root=tmp_path)
    checked = 0
    for article in [*older, *joint]:
        live = client.get(article.get_absolute_url(), HTTP_HOST=article.site.host)
        assert live.status_code == 200
        exported = (tmp_path / article.site.host / article.get_absolute_url().lstrip("/")).read_bytes()
        assert same_page(exported, live.content), article.get_absolute_url()
        checked += b"Related Content" in exported and b"read more" in exported
    assert checked >= len(joint)  # the later story's pages show the older one as Related Content
    when = joint[0].published_at
    day = f"/{when.year}/{when.month}/{when.day}/"
    for site_host in {a.site.host for a in joint}:
        live = client.get(day, HTTP_HOST=site_host)
        assert live.status_code == 200 and b"Rover and lander" in live.content
        assert same_page((tmp_path / site_host / day.lstrip("/") / "index.html").read_bytes(), live.content), day


def test_article_pages_in_bulk_take_a_few_queries_per_chunk_not_per_page(publish, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dateline.network.models import Site
    from dateline.publish import export_articles

    for i in range(12):
        publish(f"Rover update {i}", "The rover drove on.", agency="upi" if i % 2 else "afp")
    monkeypatch.setattr(export_articles, "CHUNK", 5)
    site = Site.objects.get(slug="marsdaily")
    list(export_articles.article_pages(site))  # the site's frame and boxes are built once per process
    with CaptureQueriesContext(connection) as queries:
        pages = list(export_articles.article_pages(site))
    assert len(pages) == 12
    # agencies, network, sections, Related Links, then per chunk of 5: articles, canonicals, Related Content
    assert len(queries) <= 4 + 3 * 3, [q["sql"][:80] for q in queries]


def test_the_bulk_rows_fields_are_those_the_queries_fetch_in_order():
    from dataclasses import fields

    from dateline.publish import export_articles

    assert [f.name for f in fields(export_articles.PageStory)] == [*export_articles.STORY_FIELDS, "body_text"]
    article = [f.name for f in fields(export_articles.PageArticle)]
    assert article[:len(export_articles.ARTICLE_FIELDS)] == list(export_articles.ARTICLE_FIELDS)


def test_each_day_archive_is_listed_once_however_many_stories_it_has(publish):
    from dateline.network.models import Site
    from dateline.publish.export import site_paths

    when = publish("First story of the day", "body")[0].published_at
    publish("Second story of the day", "body", published_at=when)
    paths = site_paths(Site.objects.get(slug="marsdaily"), articles=False)
    assert len(paths) == len(set(paths))
    assert paths.count(f"/{when.year}/{when.month}/{when.day}/") == 1


def test_wire1_a_kill_removes_the_page_and_every_listing_of_it(publish, change_story, tmp_path):
    article = publish("Doomed story", "body")[0]
    publish("Surviving story", "body")
    export_all(root=tmp_path)
    site_dir = tmp_path / "marsdaily.localhost"
    page = site_dir / article.get_absolute_url().lstrip("/")
    assert page.is_file() and b"Doomed story" in (site_dir / "feeds" / "rss.xml").read_bytes()
    change_story(article.story, state=Story.State.KILLED)
    report = export_changed(story=article.story, root=tmp_path)
    assert not page.exists() and report.removed >= 1
    for name in ("index.html", "mars-exploration/index.html", "feeds/rss.xml", "feeds/feed.json",
                 "feeds/mars-exploration/atom.xml", "sitemaps/articles-1.xml", "sitemaps/news.xml"):
        content = (site_dir / name).read_bytes()
        assert b"Doomed story" not in content and article.get_absolute_url().encode() not in content, name
    assert b"Surviving story" in (site_dir / "feeds" / "rss.xml").read_bytes()


def test_wire1_a_kill_removes_the_story_from_other_pages_related_content(publish, change_story, tmp_path):
    doomed = publish("Rover finds water ice at the pole", "The rover found water ice near the pole.")[0]
    other = publish("Rover studies water ice near the pole", "The rover studied water ice at the pole.")[0]
    export_all(root=tmp_path)
    page = tmp_path / "marsdaily.localhost" / other.get_absolute_url().lstrip("/")
    assert doomed.get_absolute_url().encode() in page.read_bytes()  # shown as Related Content
    change_story(doomed.story, state=Story.State.KILLED)
    export_changed(story=doomed.story, root=tmp_path)
    assert doomed.get_absolute_url().encode() not in page.read_bytes()


def test_a_headline_edit_replaces_the_file_under_its_new_name(publish, change_story, tmp_path):
    article = publish("Old headline", "body")[0]
    export_all(root=tmp_path)
    old = tmp_path / "marsdaily.localhost" / article.get_absolute_url().lstrip("/")
    [edited] = change_story(article.story, headline="New headline")
    export_changed(story=article.story, root=tmp_path)
    assert not old.exists()
    assert b"New headline" in (tmp_path / "marsdaily.localhost" / edited.get_absolute_url().lstrip("/")).read_bytes()


def test_a_publish_re_exports_only_its_pages_fronts_and_boxes(publish, tmp_path):
    other = publish("Unrelated older story", "body")[0]
    export_all(root=tmp_path)
    untouched = tmp_path / "marsdaily.localhost" / other.get_absolute_url().lstrip("/")
    before = untouched.stat().st_mtime_ns
    fresh = publish("Fresh story", "body")[0]
    pages = changed_pages(fresh.story)
    hosts = {h for h, _ in pages}
    # Moon Test Daily shows a Mars headline box; Space Test War shows none.
    assert hosts == {"marsdaily.localhost", "moondaily.localhost", "localhost"}
    assert ("marsdaily.localhost", fresh.get_absolute_url()) in pages
    assert ("marsdaily.localhost", other.get_absolute_url()) not in pages
    report = export_changed(story=fresh.story, root=tmp_path)
    assert report.pages == len(pages) - report.skipped and report.errors == []
    assert untouched.stat().st_mtime_ns == before
    assert (tmp_path / "marsdaily.localhost" / fresh.get_absolute_url().lstrip("/")).is_file()


def test_with_an_export_dir_configured_each_publish_updates_the_export(publish, settings, tmp_path):
    settings.DATELINE_EXPORT_DIR = str(tmp_path)
    article = publish("Published and exported", "body")[0]
    assert (tmp_path / "marsdaily.localhost" / article.get_absolute_url().lstrip("/")).is_file()
    assert b"Published and exported" in (tmp_path / "marsdaily.localhost" / "feeds" / "rss.xml").read_bytes()


def test_the_export_command_exports_one_site_and_reports_pages_per_second(publish, tmp_path, capsys):
    publish("Rover", "body")
    root = tmp_path / "export"  # tmp_path is also the data dir (page stamps live there)
    call_command("export", str(root), "--site", "moondaily")
    out = capsys.readouterr().out
    assert re.search(r"exported \d+ pages .* \d+ pages/s", out)
    assert sorted(p.name for p in root.iterdir()) == ["moondaily.localhost"]
    with pytest.raises(CommandError, match="unknown site"):
        call_command("export", str(root), "--site", "nowhere")


def test_no_page_can_be_written_outside_the_export_directory(demo_network, tmp_path):
    with pytest.raises(ValueError, match="escapes"):
        Exporter(tmp_path).target("marsdaily.localhost", "/../../etc/passwd")
    for hostile_host, path in (("..", "/etc/passwd"), ("marsdaily.localhost", "/a/../../moondaily.localhost/x.html")):
        with pytest.raises(ValueError, match="escapes"):
            Exporter(tmp_path).target(hostile_host, path)
    assert Exporter(tmp_path).target("marsdaily.localhost", "/news/") == tmp_path.resolve() / "marsdaily.localhost/news/index.html"
