"""Static export: full export pages/s and peak memory next to Hugo building the same pages from the
same archive, and the time to re-export what one publish changes.

    python -m bench publish_export [--smoke]

Goals (issue 6): a full export faster than Hugo with at most a quarter of its memory; one publish
re-exported in under a second. Dateline's export runs as ``dateline export DIR`` in a subprocess (as
many workers as cores); Hugo (Debian's ``hugo``) builds content files generated from the archive with
minimal layouts: one page per article, a list page per section (50 newest), the home page (30 newest),
and RSS for the home page and every section (30 items). Memory is the peak resident size of each
command's whole process tree, sampled every 50 ms; CPU is user + system seconds of the whole tree,
printed with the load average before each command: on a shared machine wall time depends on the
other work running, CPU time much less (though file-system work left by earlier runs, such as freeing
a deleted export, still shows in system time: compare several runs).

The comparison flatters Hugo, not Dateline: its layouts are far poorer than Dateline's pages. A Hugo
article page is a title, byline, dateline and the body rendered from Markdown, about 2 KB; Dateline's
(about 18 KB) also carries the site's masthead and section nav, the stylesheet, the canonical link,
OpenGraph/Twitter tags and schema.org JSON-LD, the body sanitised again (nh3, twice), share links,
the newsletter form with every list, Related Links, six Related Content teasers, the ad slots, the
sister-site boxes, the agencies' credits and the consent banner. Dateline also writes pages Hugo does
not (a day archive per site and day, Atom and JSON feeds, sitemaps, the privacy page), while Hugo
writes section list pages of 50 where Dateline's section front lists 20: the time ratio compares two
different page sets, the pages/s ratio compares rates.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import publish_archive, publish_tools

HUGO_CONFIG = """baseURL = "http://hugo.localhost/"
title = "Dateline benchmark"
disableKinds = ["taxonomy", "term"]
[services.rss]
limit = 30
[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
"""
HUGO_BASE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<header><a href="/">Home</a>{{ range .Site.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</header>
<main>{{ block "main" . }}{{ end }}</main><footer>Copyright line</footer></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="byline">{{ .Params.byline }}</p>
<p class="dateline">{{ .Params.dateline }}</p>{{ .Content }}</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range first 50 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}
"""
HUGO_HOME = """{{ define "main" }}<ul>{{ range first 30 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def _hugo_site(root: Path) -> int:
    """Write a Hugo project with one content file per live article; returns the number written."""
    from dateline.publish.models import Article

    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in {"baseof.html": HUGO_BASE, "single.html": HUGO_SINGLE, "list.html": HUGO_LIST}.items():
        (root / "layouts" / "_default" / name).write_text(text)
    (root / "layouts" / "index.html").write_text(HUGO_HOME)
    count = 0
    articles = (Article.objects.filter(status=Article.Status.LIVE).select_related("site", "section", "story")
                .only("pk", "slug", "published_at", "site__slug", "section__slug", "section__title",
                      "story__headline", "story__byline", "story__dateline_text", "story__body_text"))
    made: set[Path] = set()
    for article in articles.iterator(chunk_size=2000):
        folder = root / "content" / f"{article.site.slug}-{article.section.slug}"
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "_index.md").write_text(f'---\ntitle: "{article.section.title}"\n---\n')
            made.add(folder)
        story = article.story
        title = story.headline.replace("\\", "").replace('"', "'")
        (folder / f"{article.slug}-{article.pk}.md").write_text(
            f'---\ntitle: "{title}"\ndate: {article.published_at.isoformat()}\n'
            f'url: "/{article.site.slug}{article.get_absolute_url()}"\nbyline: "{story.byline}"\n'
            f'dateline: "{story.dateline_text}"\n---\n\n{story.body_text}\n')
        count += 1
    return count


def _count_files(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


def run(smoke: bool) -> dict:
    publish_archive.setup()

    from dateline.core import clock
    from dateline.desk.models import Placement, Story
    from dateline.network.models import Section
    from dateline.publish.export import export_changed
    from dateline.publish.services import articles_sync

    n = publish_archive.size(smoke)
    archive = publish_archive.ensure(n)
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-export-"))
    workers = os.cpu_count() or 1
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    load = os.getloadavg()[0]
    seconds, peak, cpu, out = publish_tools.measure_cpu(
        [sys.executable, "-m", "dateline.pipeline.cli", "export", str(work / "export"), "--workers", str(workers)],
        env=env)
    pages = _count_files(work / "export")
    figures: dict = {"articles": archive["articles"], "export_pages": pages, "export_s": round(seconds, 1),
                     "export_pages_per_s": round(pages / seconds), "export_peak_mib": round(peak),
                     "export_cpu_s": round(cpu, 1), "export_cpu_ms_per_page": round(cpu / pages * 1000, 3),
                     "export_load_before": round(load, 2), "export_workers": workers}
    print(f"   dateline export: {pages:,} files in {seconds:.1f} s = {pages / seconds:,.0f} pages/s,"
          f" peak {peak:,.0f} MiB, CPU {cpu:.1f} s = {cpu / pages * 1000:.3f} ms/page ({workers} workers;"
          f" load average {load:.2f} before)", flush=True)

    if publish_tools.have("hugo"):
        started = time.perf_counter()
        written = _hugo_site(work / "hugo")
        generated = time.perf_counter() - started
        h_load = os.getloadavg()[0]
        h_seconds, h_peak, h_cpu, _ = publish_tools.measure_cpu(
            ["hugo", "--quiet", "-s", str(work / "hugo"), "-d", str(work / "hugo-public")], env=env)
        h_pages = _count_files(work / "hugo-public")
        figures.update({"hugo_content_files": written, "hugo_content_generation_s": round(generated, 1),
                        "hugo_pages": h_pages, "hugo_s": round(h_seconds, 1),
                        "hugo_pages_per_s": round(h_pages / h_seconds), "hugo_peak_mib": round(h_peak),
                        "hugo_cpu_s": round(h_cpu, 1), "hugo_cpu_ms_per_page": round(h_cpu / h_pages * 1000, 3),
                        "hugo_load_before": round(h_load, 2)})
        figures["time_ratio_dateline_to_hugo"] = round(seconds / h_seconds, 2)
        figures["throughput_ratio_dateline_to_hugo"] = round((pages / seconds) / (h_pages / h_seconds), 3)
        figures["cpu_per_page_ratio_dateline_to_hugo"] = round((cpu / pages) / (h_cpu / h_pages), 3)
        figures["memory_ratio_dateline_to_hugo"] = round(peak / h_peak, 2)
        print(f"   hugo build:      {h_pages:,} files in {h_seconds:.1f} s = {h_pages / h_seconds:,.0f} pages/s,"
              f" peak {h_peak:,.0f} MiB, CPU {h_cpu:.1f} s = {h_cpu / h_pages * 1000:.3f} ms/page (load average"
              f" {h_load:.2f} before; content generation {generated:.1f} s not counted)", flush=True)
        print(f"   ratios: time Dateline/Hugo {figures['time_ratio_dateline_to_hugo']} (goal < 1; the two"
              f" write different page sets), pages/s Dateline/Hugo {figures['throughput_ratio_dateline_to_hugo']},"
              f" CPU per page Dateline/Hugo {figures['cpu_per_page_ratio_dateline_to_hugo']},"
              f" peak memory Dateline/Hugo {figures['memory_ratio_dateline_to_hugo']} (goal ≤ 0.25)", flush=True)
    else:
        print("   hugo peer skipped: hugo is not installed (apt-get install hugo)", flush=True)

    # One publish: a new story placed on one section, its side effects run, then the re-export alone.
    section = Section.objects.select_related("site").get(site__slug="marsdaily", slug="mars-exploration")
    story = Story.objects.filter(agency=publish_archive.MARK).order_by("-published_at").first()
    story.pk = None
    story.headline = f"Benchmark publish at {clock.now():%H:%M:%S}"
    story.published_at = clock.now()
    story.save()
    Placement.objects.create(story=story, site=section.site, section=section, confidence=0.99,
                             state=Placement.State.ACCEPTED)
    started = time.perf_counter()
    articles_sync(story=story)  # autocommit: articles_changed handlers (search, related, boxes, cache) run now
    publish_s = time.perf_counter() - started
    report = export_changed(story=story, root=work / "export")
    figures.update({"publish_side_effects_s": round(publish_s, 3), "reexport_s": round(report.seconds, 3),
                    "reexport_pages": report.pages})
    print(f"   one publish: side effects {publish_s:.3f} s, then re-export of {report.pages} pages"
          f" in {report.seconds:.3f} s (goal < 1 s)", flush=True)
    shutil.rmtree(work, ignore_errors=True)  # gigabytes at the default size
    return figures
