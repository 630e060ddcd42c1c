"""A generated archive for the publish benchmarks: the demo network and N published articles.

Built straight into the tables with ``bulk_create`` (the ingest and desk stages are benchmarked on
their own); every story is live on one section of one site, each article has six Related Content
rows (so pages are their real size), and the search index and sister boxes are rebuilt at the end.
Stories spread over two years, the newest few hundred within the Google News window of two days.
"""

from __future__ import annotations

import hashlib
import os
import random
import time
from datetime import timedelta

import django

MARK = "bench-archive"
WORDS = (
    "mars rover lander orbiter moon lunar crater launch rocket booster satellite constellation orbit debris "
    "telescope galaxy nebula asteroid comet probe mission agency budget contract pentagon space force missile "
    "warning radar sensor antenna spectrum signal engine thrust payload capsule crew station module dock "
    "spacewalk astronaut cosmonaut taikonaut habitat regolith ice water methane atmosphere dust storm "
    "helicopter sample return jupiter saturn europa titan enceladus io uranus neptune pluto kuiper heliosphere "
    "solar flare wind magnetosphere aurora eclipse transit exoplanet biosignature microbe life habitable "
    "geology volcano quake tectonics climate weather imaging camera spectrometer laser lidar navigation gps "
    "anti-satellite hypersonic deterrence alliance summit sanctions treaty export startup funding investor "
    "reusable landing barge pad scrub delay anomaly test firing static fire countdown liftoff stage "
    "separation fairing deploy insertion apogee perigee inclination polar geostationary relay uplink"
).split()
FILLER = "the a of in on at for with from by and after before during said officials researchers team new first".split()


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def size(smoke: bool) -> int:
    """Articles in the archive: 300 for the smoke run, else DATELINE_BENCH_ARTICLES (default 100,000)."""
    return 300 if smoke else int(os.environ.get("DATELINE_BENCH_ARTICLES", "100000"))


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(n)]
    return " ".join(words).capitalize()


def ensure(n: int, *, seed: int = 42, quiet: bool = False) -> dict:
    """Build the archive of ``n`` articles once per data directory; returns its figures."""
    from django.db import transaction

    from dateline.core import clock
    from dateline.desk.models import Story
    from dateline.ingest.models import RawPayload, WireItem
    from dateline.network import config
    from dateline.network.models import Section, Source
    from dateline.network.services import network_load
    from dateline.pipeline.demo import NETWORK_FILE
    from dateline.publish import boxes
    from dateline.publish.models import Article, RelatedArticle
    from dateline.publish.search import search_index_rebuild

    existing = Story.objects.filter(agency=MARK).count()
    if existing >= n:
        return {"articles": existing, "build_s": 0.0}
    started = time.perf_counter()
    network_load(spec=config.load(NETWORK_FILE))
    rng = random.Random(seed)
    now = clock.now()
    data = b"generated benchmark archive"
    raw, _ = RawPayload.objects.get_or_create(
        sha256=hashlib.sha256(data).hexdigest(),
        defaults={"data": data, "size": len(data), "origin": MARK, "received_at": now})
    item, _ = WireItem.objects.get_or_create(
        guid=MARK, defaults={"source": Source.objects.first(), "content_hash": raw.sha256, "format": "rss",
                             "raw": raw, "headline": MARK, "published_at": now, "ingested_at": now})
    sections = list(Section.objects.select_related("site"))
    batch = 2000
    for start in range(existing, n, batch):
        size = min(batch, n - start)
        stories, placements = [], []
        for i in range(start, start + size):
            # Newest first in i; the first 300 fall within the last two days.
            age = timedelta(minutes=10 * i) if i < 300 else timedelta(days=2 + (i - 300) * 728 / max(n, 1))
            headline = _sentence(rng, rng.randint(6, 11))
            paragraphs = [_sentence(rng, rng.randint(25, 45)) + "." for _ in range(rng.randint(3, 6))]
            stories.append(Story(
                state=Story.State.PUBLISHED, lead_item=item, headline=headline, agency=MARK,
                byline="By Benchmark Staff Writers", dateline_text="Cape Canaveral (AFP) Nov 25, 2026",
                summary=paragraphs[0][:300], body_text="\n\n".join(paragraphs),
                body_html="".join(f"<p>{p}</p>" for p in paragraphs),
                published_at=now - age, created_at=now, modified_at=now, info_value=rng.random()))
            placements.append(rng.choice(sections))
        with transaction.atomic():
            Story.objects.bulk_create(stories)
            if stories[0].pk is None:  # backends without RETURNING on bulk insert
                stories = list(Story.objects.filter(agency=MARK).order_by("-pk")[:size])[::-1]
            from dateline.core.text import slugify

            articles = Article.objects.bulk_create([
                Article(story=story, site=section.site, section=section, slug=slugify(story.headline),
                        is_canonical=True, published_at=story.published_at)
                for story, section in zip(stories, placements, strict=True)])
            if articles[0].pk is None:
                articles = list(Article.objects.filter(story__in=stories).order_by("pk"))
            pool = articles
            RelatedArticle.objects.bulk_create([
                RelatedArticle(article=a, related=rng.choice(pool), score=0.5, rank=r)
                for a in articles for r in range(6)])
        if not quiet:
            print(f"   archive: {start + size:,}/{n:,} articles", flush=True)
    documents = search_index_rebuild()
    boxes.refresh([s.site_id for s in sections])
    built = time.perf_counter() - started
    if not quiet:
        print(f"   archive: {n:,} articles, {documents:,} search documents, built in {built:.1f} s", flush=True)
    return {"articles": Article.objects.filter(story__agency=MARK).count(), "build_s": round(built, 1)}


def sample_articles(k: int, *, site_slug: str = "marsdaily") -> list:
    from dateline.publish.models import Article

    return list(Article.objects.filter(site__slug=site_slug, status=Article.Status.LIVE)
                .select_related("site", "section").order_by("-published_at")[:k])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
