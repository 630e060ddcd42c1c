"""The demo network: writes the project's own sample wire files into the drop folders.

Stories live in ``demo/stories.py`` as data; this module renders them into real wire
formats with publication times relative to now, so archives, boxes and the newsletter
always have something recent to show. Files land in the drop folders and go through
ordinary ingest — the demo exercises the real pipeline.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from dateline.core import clock
from dateline.pipeline.demo.stories import STORIES

NETWORK_FILE = Path(__file__).parent / "network.toml"


def _rss(source: str, items: list[dict], now: datetime) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
             f"<title>{escape(source)} demo wire</title><link>https://wire.example/{source}</link>"]
    for s in items:
        when = now - timedelta(hours=s["hours_ago"])
        body = "".join(f"<p>{escape(p)}</p>" for p in s["body"])
        parts.append(
            f"<item><guid isPermaLink=\"false\">{escape(s['guid'])}</guid><title>{escape(s['headline'])}</title>"
            f"<link>https://wire.example/{source}/{escape(s['guid'])}</link>"
            f"<author>{escape(s.get('byline', ''))}</author>"
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts)


def write_demo_files(data_dir: Path, now: datetime | None = None) -> list[Path]:
    """Write one file per source into its drop folder; unchanged content is skipped by ingest."""
    now = now or clock.now()
    by_source: dict[str, list[dict]] = {}
    for story in STORIES:
        by_source.setdefault(story["source"], []).append(story)
    written = []
    for source, items in sorted(by_source.items()):
        folder = data_dir / "inbox" / source
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{source}-demo.xml"
        path.write_text(_rss(source, items, now), encoding="utf-8")
        written.append(path)
    return written
