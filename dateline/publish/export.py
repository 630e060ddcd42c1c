"""Static export: the whole network as files nginx or a CDN can serve, and re-export of what a publish changes.

Every page is built by the same code as the live site. Fronts, feeds, sitemaps and the privacy page
go through Django's handler (a ``RequestFactory`` request: URL patterns, middleware, views); article
pages and day archives, nearly all of a full export, are built in bulk (``export_articles``) from
rows fetched per chunk, by the same page assembly as the live views (``assembly``), so an exported
page equals the page served live (tests compare every kind). Layout: ``DIR/<host>/<path>``, ``/``
and ``/section/`` as ``index.html``. A page that now answers 404 or 410 (a killed story) has its
file removed. Files are replaced atomically (write a temporary file, then ``os.replace``) so a
server never reads half a page during a re-export.

What each refreshes:

- ``export_all`` (``dateline export DIR``): every page of every site, the network index.
- ``export_changed`` (each publish, update or kill when ``DATELINE_EXPORT_DIR`` is set): the story's
  own pages; on each of its sites the home page, its sections' fronts, the site and section feeds,
  the sitemap index, the article sitemap page and news sitemap that list it, and its day archive;
  the pages of the articles whose Related Content shows the story (a killed story's teaser goes
  with it, THREATS WIRE-1); the home page and section fronts of every site showing one of those
  sites in a sister-site box; the network index. Not refreshed until the next full export: the
  sister boxes on the article pages and day archives of those sites (thousands of pages for four
  headlines; the live pages, served through the cache, show the new boxes at once).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.db import connections
from django.db.models.functions import TruncDate
from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse

from dateline.desk.models import Story
from dateline.network.models import Network, Section, SisterBox, Site
from dateline.publish.export_articles import archive_pages, article_pages
from dateline.publish.feeds import FEEDS
from dateline.publish.models import Article
from dateline.publish.sitemaps import article_pages_from, sitemap_locations

log = logging.getLogger("dateline.publish.export")
Page = tuple[str, str]  # (host, path)


@dataclass
class ExportReport:
    pages: int = 0
    removed: int = 0
    skipped: int = 0
    bytes: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def add(self, other: ExportReport) -> None:
        self.pages += other.pages
        self.removed += other.removed
        self.skipped += other.skipped
        self.bytes += other.bytes
        self.errors += other.errors


def _optional(name: str, **kwargs) -> list[str]:
    """A path by URL name, or nothing where that page does not exist in this build."""
    try:
        return [reverse(name, kwargs=kwargs or None)]
    except NoReverseMatch:
        return []


def _feed_paths(section: Section | None) -> list[str]:
    return [f"/feeds/{section.slug}/{name}" if section else f"/feeds/{name}" for name in FEEDS]


def _site_fronts(site: Site) -> list[str]:
    """Pages that list articles: home, section fronts, feeds, sitemaps."""
    paths = ["/", *_feed_paths(None), "/robots.txt", "/sitemap.xml", *sitemap_locations(site)]
    for section in Section.objects.filter(site=site):
        paths += [f"/{section.slug}/", *_feed_paths(section)]
    return paths


def site_paths(site: Site, *, articles: bool = True) -> list[str]:
    """Every public page of a site: fronts, privacy pages, day archives and (unless ``articles`` is
    false: the full export builds them in bulk) every live article."""
    paths = [*_site_fronts(site), *_optional("privacy")]
    live = Article.objects.filter(site=site, status=Article.Status.LIVE)
    # order_by(): the model's ordering would make DISTINCT keep one row per article, not per day.
    for day in live.annotate(day=TruncDate("published_at")).order_by("day").values_list("day", flat=True).distinct():
        paths += _optional("archive-day", year=day.year, month=day.month, day=day.day)
    if articles:
        paths += [a.get_absolute_url() for a in live.select_related("section").only("pk", "slug", "section__slug")]
    return paths


def network_pages() -> list[Page]:
    network = Network.objects.first()
    return [(network.host, "/"), (network.host, "/robots.txt")] if network else []


def changed_pages(story: Story) -> list[Page]:
    """What a publish, update or kill of ``story`` changes: its pages; on its sites the home page, its
    sections' fronts and feeds, the site feeds and the sitemap pages that list it; the pages whose
    Related Content shows it; the fronts of sites showing those sites' headline boxes; and the
    network index."""
    articles = list(Article.objects.filter(story=story).select_related("site", "section"))
    pages: list[Page] = []
    sites = {a.site_id: a.site for a in articles}
    for article in articles:
        host = article.site.host
        pages += [(host, article.get_absolute_url()), (host, "/"), (host, f"/{article.section.slug}/"),
                  *[(host, path) for path in _feed_paths(None) + _feed_paths(article.section)],
                  (host, "/sitemap.xml"), (host, "/sitemaps/news.xml"),
                  *[(host, path) for path in article_pages_from(article.site, article.pk)],
                  *_optional_pages(host, "archive-day", article.published_at)]
    referring = (Article.objects.filter(related__related__story=story, status=Article.Status.LIVE)
                 .select_related("site", "section").distinct())
    pages += [(a.site.host, a.get_absolute_url()) for a in referring]
    boxed = Site.objects.filter(pk__in=SisterBox.objects.filter(sister_id__in=sites).values("site_id"))
    for site in boxed:
        pages += [(site.host, "/"), *[(site.host, f"/{slug}/") for slug in
                                      Section.objects.filter(site=site).values_list("slug", flat=True)]]
    return list(dict.fromkeys(pages + network_pages()[:1]))


def _optional_pages(host: str, name: str, when) -> list[Page]:
    return [(host, path) for path in _optional(name, year=when.year, month=when.month, day=when.day)]


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view):]


class Exporter:
    """Render pages through Django's handler and write them under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.factory = RequestFactory()
        self.secure = settings.DATELINE_PUBLIC_SCHEME == "https"
        self.folders: set[str] = set()
        self.spent: dict[str, float] = {}  # seconds per kind of bulk page, for the log
        self._root = os.path.realpath(self.root)
        self._bases: dict[str, str] = {}

    def target(self, host: str, path: str) -> Path:
        return Path(self._target(host, path))

    def _target(self, host: str, path: str) -> str:
        """The file for ``host`` + ``path``; refused if it would leave the export directory. String
        operations, not ``Path.resolve``: this runs for every one of 100,000 pages."""
        relative = path.lstrip("/")
        if not relative or relative.endswith("/"):
            relative += "index.html"
        base = self._bases.get(host)
        if base is None:
            base = self._bases[host] = os.path.normpath(os.path.join(self._root, host))
        target = os.path.normpath(os.path.join(base, relative))
        if not base.startswith(self._root + os.sep) or not target.startswith(base + os.sep):
            raise ValueError(f"export path escapes the export directory: {host}{path}")
        return target

    def write(self, host: str, path: str, content: bytes, report: ExportReport) -> None:
        """Replace the file atomically: a server reading it sees the old page or the new, never half."""
        target = self._target(host, path)
        folder, name = os.path.split(target)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        # Named after the target and this process: two exports writing one page use two names.
        temporary = os.path.join(folder, f".export-{name}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.fchmod(fd, 0o644)  # whatever the umask: nginx must read it
            _write_all(fd, content)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        report.pages += 1
        report.bytes += len(content)

    def export(self, pages: Iterable[Page]) -> ExportReport:
        report = ExportReport()
        for host, path in pages:
            response = self.handler.get_response(self.factory.get(path, HTTP_HOST=host, secure=self.secure))
            if response.status_code == 200:
                self.write(host, path, response.content, report)
            elif response.status_code in (404, 410):
                target = self.target(host, path)
                if target.exists():
                    target.unlink()
                    report.removed += 1
                else:
                    report.skipped += 1
            else:
                report.skipped += 1
                report.errors.append(f"{host}{path}: HTTP {response.status_code}")
        return report

    def export_bulk(self, site: Site, *, share: int = 0, shares: int = 1) -> ExportReport:
        """Every live article page and day archive of ``site`` (one share of them), built in bulk."""
        report = ExportReport()
        for kind, pages in (("articles", article_pages(site, share=share, shares=shares)),
                            ("days", archive_pages(site, share=share, shares=shares))):
            started = time.process_time()
            for path, content in pages:
                self.write(site.host, path, content, report)
            self.spent[kind] = self.spent.get(kind, 0.0) + time.process_time() - started
        return report


def _hosts() -> list[str]:
    return [*Site.objects.values_list("host", flat=True), *Network.objects.values_list("host", flat=True)]


# A full export renders every page once: storing each in the shared page cache would only evict what
# readers need (and a file-based cache lists its whole directory on every store), so the export's own
# processes use a small in-memory cache. Sister boxes, computed once per process, stay in it.
EXPORT_CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                             "LOCATION": "dateline-export", "OPTIONS": {"MAX_ENTRIES": 500}}}


def _overrides(private_cache: bool) -> dict:
    overrides: dict = {"ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, *_hosts()]}
    if private_cache:
        overrides["CACHES"] = EXPORT_CACHES
    return overrides


def _export_chunk(args: tuple[str, list[Page], bool]) -> ExportReport:
    root, pages, private_cache = args
    with override_settings(**_overrides(private_cache)):
        if private_cache:
            cache.clear()  # the in-memory cache outlives one export in this process: start from what is now
        return Exporter(Path(root)).export(pages)


def _export_share(args: tuple[str, list[Page], list[int], int, int]) -> ExportReport:
    """One worker's part of a full export: its share of the fronts, then its share of every site's
    article pages (primary key modulo ``shares``) and day archives (day modulo ``shares``)."""
    root, pages, site_ids, share, shares = args
    with override_settings(**_overrides(True)):
        cache.clear()  # the in-memory cache outlives one export in this process: start from what is now
        exporter = Exporter(Path(root))
        started = time.process_time()
        report = exporter.export(pages)
        fronts = time.process_time() - started
        for site in Site.objects.filter(pk__in=site_ids):
            report.add(exporter.export_bulk(site, share=share, shares=shares))
        log.info("export worker %d/%d: CPU seconds: %d fronts %.1f, articles %.1f, day archives %.1f; %d pages",
                 share + 1, shares, len(pages), fronts, exporter.spent.get("articles", 0),
                 exporter.spent.get("days", 0), report.pages)
    return report


def export_all(*, root: Path, sites: list[Site] | None = None, workers: int = 1) -> ExportReport:
    """Export every page of the given sites (all sites and the network index by default).

    Fronts, feeds, sitemaps and the privacy page (a few dozen per site) go through Django's handler
    like a request; article pages and day archives, nearly all of the export, are built in bulk
    (``export_articles``) by the same assembly as the live views. Workers are
    forked processes, each streaming its share, so memory stays flat whatever the archive's size.
    """
    started = time.perf_counter()
    chosen = sites if sites is not None else list(Site.objects.all())
    pages: list[Page] = [(site.host, path) for site in chosen for path in [*_site_fronts(site), *_optional("privacy")]]
    if sites is None:
        pages += network_pages()
    site_ids = [site.pk for site in chosen]
    report = ExportReport()
    live = Article.objects.filter(site__in=site_ids, status=Article.Status.LIVE).count()
    if workers <= 1 or len(pages) + live < 200:  # not worth forking (and tests run in one transaction)
        report.add(_export_share((str(root), pages, site_ids, 0, 1)))
    else:
        # Forked workers each open their own database connection; none may inherit the parent's.
        connections.close_all()
        shares = [(str(root), pages[i::workers], site_ids, i, workers) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part in pool.imap_unordered(_export_share, shares):
                report.add(part)
    report.seconds = time.perf_counter() - started
    return report


def export_changed(*, story: Story, root: Path | None = None) -> ExportReport:
    """Re-export only what a publish, update or kill of ``story`` changed (see ``changed_pages``)."""
    root = Path(root or settings.DATELINE_EXPORT_DIR)
    started = time.perf_counter()
    articles = Article.objects.filter(story=story).select_related("site")
    # In the publishing process itself: the shared cache (just purged for these sites) is the right one.
    report = _export_chunk((str(root), changed_pages(story), False))
    # A headline edit changes the slug: the file under the old name must go.
    report.removed += _remove_stale(root, articles)
    report.seconds = time.perf_counter() - started
    log.info("export: story %s re-exported %d pages, removed %d, in %.3f s",
             story.pk, report.pages, report.removed, report.seconds)
    return report


def _remove_stale(root: Path, articles: Iterable[Article]) -> int:
    removed = 0
    for article in articles:
        current = article.get_absolute_url().lstrip("/") if article.status == Article.Status.LIVE else None
        site_dir = Path(root) / article.site.host
        for section_dir in (site_dir / slug for slug in Section.objects.filter(site=article.site_id)
                            .values_list("slug", flat=True)):
            for old in section_dir.glob(f"*-{article.pk}.html"):
                if old.relative_to(site_dir).as_posix() != current:
                    old.unlink()
                    removed += 1
    return removed
