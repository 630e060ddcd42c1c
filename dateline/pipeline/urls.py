"""URLs of every host. Public pages resolve their site from the host (``SiteMiddleware``)."""

from django.contrib import admin
from django.urls import include, path, register_converter

from dateline.ingest import views as ingest_views
from dateline.publish import sitemaps
from dateline.publish import views as publish
from dateline.publish.feeds import FEEDS
from dateline.publish.search.views import search_page


class _SlugNoDigitsEnd:
    regex = r"[-a-z0-9]+?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_SlugNoDigitsEnd, "aslug")

# Fixed paths first: the section pattern below matches any single slug.
urlpatterns = [
    path("admin/", admin.site.urls),
    # Before the public section pattern: "desk" must never be read as a section slug.
    path("desk/", include("dateline.desk.urls")),
    # Machine outputs and search come before the section pattern that would otherwise match them.
    path("search/", search_page, name="search"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap-index"),
    path("sitemaps/sections.xml", sitemaps.sections, name="sitemap-sections"),
    path("sitemaps/articles-<int:page>.xml", sitemaps.articles, name="sitemap-articles"),
    path("sitemaps/news.xml", sitemaps.news, name="sitemap-news"),
    *[path(f"feeds/{name}", feed(), name=f"feed-{name}") for name, feed in FEEDS.items()],
    *[path(f"feeds/<slug:section_slug>/{name}", feed(), name=f"section-feed-{name}") for name, feed in FEEDS.items()],
    path("newsletter/", include("dateline.newsletter.urls")),
    path("media/wire/<str:name>", ingest_views.media_file, name="wire-media"),
    path("", publish.home, name="home"),
    path("privacy/", publish.privacy, name="privacy"),
    path("privacy/settings/", publish.privacy_settings, name="privacy-settings"),
    path("privacy/consent/", publish.consent_choose, name="consent"),
    path("<int:year>/<int:month>/<int:day>/", publish.archive_day, name="archive-day"),
    path("<slug:section_slug>/", publish.section, name="section"),
    path("<slug:section_slug>/<aslug:slug>-<int:pk>.html", publish.article, name="article"),
]

handler404 = "dateline.publish.views.not_found"
