"""Parse + normalise + sanitise throughput per wire format, on one core, against feedparser's bare parse.

For each format a document set of N generated items (10,000; ``--smoke``: 300) is parsed end to end by
``dateline.ingest.formats.parse`` — decoding, hardened parsing, dates, dateline/byline extraction, nh3
sanitising, plain text — and items/s is reported. For RSS and Atom, ``feedparser.parse`` alone on the same
bytes is timed in the same run (the lower bound Dateline builds on) with the ratio. HTML article pages go
through trafilatura and are far slower per item, so they get a tenth of the count.

Goal (issue 3): at least 1,000 items/s end to end.
"""

from __future__ import annotations

import html
import json
import time

import feedparser

from dateline.ingest import formats

CITIES = [("Astana, Kazakhstan", "AFP", "July 3, 2024"), ("Washington", "AFP", "July 1, 2024"),
          ("Pasadena CA", "JPL", "Jun 28, 2024"), ("Paris", "ESA", "Jul 02, 2024"), ("Houston TX", "SPX", "Jul 05, 2024")]
PARAGRAPH = ("The mission team said the spacecraft was in good health after the manoeuvre, and that the "
             "<a href=\"https://agency.bench.test/mission\">next phase</a> would begin within weeks. "
             "Engineers will use the data to <b>refine</b> the orbit &amp; plan later burns.")


def body(i: int) -> str:
    city, agency, date = CITIES[i % len(CITIES)]
    paragraphs = [f"by {agency} Staff Writers<br/>{city} ({agency}) {date}"] + [PARAGRAPH] * 5
    if i % 7 == 0:
        paragraphs.append('<img src="https://img.bench.test/p.jpg" onerror="x()"/><script>bad()</script>')
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def rss(n: int) -> bytes:
    items = "".join(
        f"<item><title>Story number {i} about orbits</title><link>https://wire.bench.test/{i}</link>"
        f"<guid>bench-{i}</guid><pubDate>Wed, 03 Jul 2024 10:{i % 60:02d}:00 GMT</pubDate>"
        f"<category>Space</category><description>{html.escape(body(i))}</description></item>" for i in range(n))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'.encode()


def atom(n: int) -> bytes:
    entries = "".join(
        f"<entry><title>Story number {i} about orbits</title><id>tag:bench.test,2024:{i}</id>"
        f'<link href="https://wire.bench.test/{i}"/><updated>2024-07-03T10:{i % 60:02d}:00Z</updated>'
        f'<author><name>Desk</name></author><content type="html">{html.escape(body(i))}</content></entry>'
        for i in range(n))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>'
            f"<id>tag:bench.test,2024:feed</id><updated>2024-07-03T12:00:00Z</updated>{entries}</feed>").encode()


def jsonfeed(n: int) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Bench", "items": [
        {"id": f"bench-{i}", "url": f"https://wire.bench.test/{i}", "title": f"Story number {i} about orbits",
         "content_html": body(i), "date_published": "2024-07-03T10:00:00Z", "tags": ["Space"]}
        for i in range(n)]}).encode()


def ninjs(n: int) -> bytes:
    return json.dumps([{"uri": f"urn:bench:{i}", "type": "text", "version": "1", "pubStatus": "usable",
                        "versionCreated": "2024-07-03T10:00:00Z", "headlines": [{"role": "main", "value": f"Story {i}"}],
                        "bodies": [{"role": "main", "contentType": "text/html", "value": body(i)}]}
                       for i in range(n)]).encode()


def newsml_g2(n: int) -> bytes:
    items = "".join(
        f'<newsItem guid="urn:bench:{i}" version="1" standard="NewsML-G2" standardversion="2.33">'
        f'<itemMeta><itemClass qcode="ninat:text"/><versionCreated>2024-07-03T10:00:00Z</versionCreated>'
        f'<pubStatus qcode="stat:usable"/></itemMeta><contentMeta><urgency>4</urgency><headline>Story {i}</headline>'
        f'<subject qcode="medtop:13000000"><name>science</name></subject></contentMeta><contentSet>'
        f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        f"{body(i)}</body></html></inlineXML></contentSet></newsItem>" for i in range(n))
    return (f'<?xml version="1.0" encoding="UTF-8"?><newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">'
            f"<itemSet>{items}</itemSet></newsMessage>").encode()


def nitf_docs(n: int) -> list[bytes]:
    return [(f'<?xml version="1.0"?><nitf><head><docdata><doc-id id-string="nitf-{i}"/>'
             f'<date.issue norm="20240703T100000Z"/></docdata></head><body><body.head><hedline><hl1>Story {i}</hl1>'
             f"</hedline></body.head><body.content>{body(i)}</body.content></body></nitf>").encode() for i in range(n)]


def wiretext_docs(n: int) -> list[bytes]:
    out = []
    for i in range(n):
        city, agency, date = CITIES[i % len(CITIES)]
        text = f"Story number {i} about orbits\nby {agency} Staff Writers\n{city} ({agency}) {date}\n\n"
        out.append((text + "\n\n".join(html.unescape(PARAGRAPH.replace("<b>", "").replace("</b>", "")) for _ in range(5))).encode())
    return out


def html_docs(n: int) -> list[bytes]:
    return [(f"<!DOCTYPE html><html><head><title>Story {i} | Bench News</title><meta name=\"author\" content=\"Desk\">"
             f'<meta property="article:published_time" content="2024-07-03"></head><body><nav><a href="/">Home</a></nav>'
             f"<article><h1>Story {i}</h1>{body(i)}</article><footer>Copyright</footer></body></html>").encode()
            for i in range(n)]


def _time(fn, docs: list[bytes]) -> tuple[float, int, float]:
    """(CPU seconds of this process, items, wall seconds). CPU time is the one-core figure: the machine is
    shared, and wall time there measures the neighbours as much as the parser."""
    started, wall = time.process_time(), time.perf_counter()
    count = 0
    for raw in docs:
        count += fn(raw)
    return time.process_time() - started, count, time.perf_counter() - wall


def run(smoke: bool) -> dict:
    n = 300 if smoke else 10_000
    sets: dict[str, list[bytes]] = {
        "rss": [rss(n)], "atom": [atom(n)], "jsonfeed": [jsonfeed(n)], "ninjs": [ninjs(n)],
        "newsml_g2": [newsml_g2(n)], "nitf": nitf_docs(n), "wiretext": wiretext_docs(n),
        "html": html_docs(max(20, n // 10)),
    }
    figures: dict[str, dict] = {}
    print(f"{'format':10s} {'items':>6s} {'cpu s':>7s} {'wall s':>7s} {'items/s':>9s}   feedparser alone   ratio")
    for name, docs in sets.items():
        seconds, count, wall = _time(lambda raw: len(formats.parse(raw).items), docs)
        row = {"items": count, "cpu_seconds": round(seconds, 3), "wall_seconds": round(wall, 3),
               "items_per_s": round(count / seconds, 1)}
        line = f"{name:10s} {count:6d} {seconds:7.2f} {wall:7.2f} {count / seconds:9.0f}"
        if name in {"rss", "atom"}:
            bare, bare_count, _ = _time(lambda raw: len(feedparser.parse(raw).entries), docs)
            row |= {"feedparser_items_per_s": round(bare_count / bare, 1), "ratio_to_feedparser": round(bare / seconds, 3)}
            line += f"   {bare_count / bare:9.0f} items/s   {bare / seconds:5.2f}×"
        print(line)
        figures[name] = row
    goal = min(v["items_per_s"] for k, v in figures.items() if k != "html")
    figures["slowest_non_html_items_per_s"] = goal
    print(f"slowest non-HTML format: {goal:.0f} items/s per CPU second (goal ≥ 1,000)")
    return figures


if __name__ == "__main__":
    import sys

    run("--smoke" in sys.argv)
