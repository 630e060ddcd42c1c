"""`dateline network load`: a valid file creates the network idempotently; a broken one changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from dateline.core.errors import ConfigError
from dateline.network import config
from dateline.network.models import RelatedLink, Section, Site, Source

GOOD = """
[network]
name = "Test Network"
host = "localhost"
publisher = "Test Media"

[[agencies]]
code = "afp"
name = "Agence France-Presse"
copyright = "Copyright AFP"

[[sites]]
slug = "alpha"
name = "Alpha"
host = "alpha.localhost"
sisters = ["beta"]

[[sites.sections]]
slug = "news"
title = "News"
keywords = ["rocket"]

[[sites.sections.related_links]]
text = "Beta news"
url = "http://beta.localhost:8000/news/"

[[sites]]
slug = "beta"
name = "Beta"
host = "beta.localhost"

[[sites.sections]]
slug = "news"
title = "News"

[[sources]]
slug = "afp"
name = "AFP"
format = "rss"
location = "inbox/afp"
agency = "afp"
"""


def write(tmp_path, text: str, name: str = "network.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_load_creates_sites_sections_links_sisters_and_sources(tmp_path, capsys):
    call_command("network", "load", str(write(tmp_path, GOOD)))
    out = capsys.readouterr().out
    assert "created site alpha" in out and "created source afp" in out
    alpha = Site.objects.get(slug="alpha")
    assert [b.sister.slug for b in alpha.sister_boxes.all()] == ["beta"]
    assert Section.objects.get(site=alpha, slug="news").keywords == ["rocket"]
    assert RelatedLink.objects.get().url == "http://beta.localhost:8000/news/"
    assert Source.objects.get(slug="afp").agency.code == "afp"


@pytest.mark.django_db
def test_loading_the_same_file_twice_reports_no_changes_and_duplicates_nothing(tmp_path, capsys):
    path = write(tmp_path, GOOD)
    call_command("network", "load", str(path))
    capsys.readouterr()
    call_command("network", "load", str(path))
    assert capsys.readouterr().out.strip() == "no changes"
    assert Site.objects.count() == 2 and RelatedLink.objects.count() == 1


@pytest.mark.django_db
def test_an_edited_file_reports_exactly_what_changed(tmp_path, capsys):
    call_command("network", "load", str(write(tmp_path, GOOD)))
    capsys.readouterr()
    call_command("network", "load", str(write(tmp_path, GOOD.replace('name = "Beta"', 'name = "Beta Two"'))))
    # The newsletter's default name follows the site's name, so it changes too.
    assert capsys.readouterr().out.splitlines() == ["updated site beta (name)", "updated newsletter of beta (name)"]


@pytest.mark.parametrize(
    ("edit", "key", "problem"),
    [
        (('slug = "alpha"', 'slug = "Alpha!"'), "sites[0].slug", "is not a slug"),
        (('host = "beta.localhost"', 'host = "alpha.localhost"'), "sites[1].host", "duplicate host"),
        (('sisters = ["beta"]', 'sisters = ["gamma"]'), "sites[0].sisters[0]", "no site with slug 'gamma'"),
        (('agency = "afp"', 'agency = "reuters"'), "sources[0].agency", "no agency with code 'reuters'"),
        (('format = "rss"', 'format = "pdf"'), "sources[0].format", "is not one of"),
        (('url = "http://beta.localhost:8000/news/"', 'url = "javascript:alert(1)"'),
         "sites[0].sections[0].related_links[0].url", "is not an http(s) URL"),
        (('keywords = ["rocket"]', 'keywords = "rocket"'), "sites[0].sections[0].keywords", "must be an array"),
        (('title = "News"', 'titel = "News"'), "sites[0].sections[0].titel", "unknown key"),
        (('publisher = "Test Media"', ""), "network.publisher", "is required"),
    ],
)
def test_invalid_files_name_the_key_and_the_problem(tmp_path, edit, key, problem):
    path = write(tmp_path, GOOD.replace(*edit, 1))
    with pytest.raises(ConfigError) as exc:
        config.load(path)
    assert exc.value.key == key
    assert problem in exc.value.problem
    assert str(path) in str(exc.value)


def test_toml_syntax_errors_name_the_file(tmp_path):
    path = write(tmp_path, GOOD + "\n[[sites]\n")
    with pytest.raises(ConfigError) as exc:
        config.load(path)
    assert exc.value.key == "(syntax)" and str(path) in str(exc.value)


@pytest.mark.django_db
def test_a_broken_file_changes_nothing_in_the_database(tmp_path):
    call_command("network", "load", str(write(tmp_path, GOOD)))
    before = list(Site.objects.values_list("slug", "name", "host"))
    broken = GOOD.replace('name = "Beta"', 'name = "Changed"').replace('format = "rss"', 'format = "pdf"')
    with pytest.raises(CommandError, match=r"sources\[0\]\.format"):
        call_command("network", "load", str(write(tmp_path, broken)))
    assert list(Site.objects.values_list("slug", "name", "host")) == before



@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme_refused"),
        ("gopher://feeds.example/1", "scheme_refused"),
        ("http://user@feeds.example/rss", "userinfo_refused"),
        ("http://feeds.example\\@evil.example/", "url_invalid"),
        ("http://2130706433/rss", "ip_noncanonical"),
        ("http://169.254.169.254/latest/meta-data/", "addr_"),
        ("http://10.0.0.7/rss", "addr_"),
    ],
)
def test_ssrf1_http_sources_are_refused_when_configured(tmp_path, url, reason):
    text = GOOD.replace('location = "inbox/afp"', f"transport = 'http'\nlocation = '{url}'")  # a TOML literal string keeps backslashes
    with pytest.raises(ConfigError) as exc:
        config.load(write(tmp_path, text))
    assert exc.value.key == "sources[0].location"
    assert f"refused ({reason}" in exc.value.problem


def test_ssrf1_a_private_address_is_accepted_only_when_allowed_for_that_source(tmp_path):
    text = GOOD.replace('location = "inbox/afp"', 'transport = "http"\nlocation = "http://127.0.0.1:18081/rss"')
    with pytest.raises(ConfigError, match="allow_private"):
        config.load(write(tmp_path, text))
    allowed = text.replace('agency = "afp"\n', 'agency = "afp"\nallow_private = ["127.0.0.1:18081"]\n')
    assert config.load(write(tmp_path, allowed)).sources[0].allow_private == ["127.0.0.1:18081"]
