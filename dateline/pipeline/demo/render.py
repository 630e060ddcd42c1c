"""Render the demo stories as wire files: RSS 2.0, Atom 1.0 and IPTC NewsML-G2 (pure: no ORM, no settings).

Times are ``anchor - hours_ago``, so the same anchor always yields byte-identical files: re-running the demo
re-delivers nothing new (ingest sees the same bytes). Each agency's dateline opens the body in its house
style, as on the real wires; the ingest dateline parser lifts it into the dateline fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from dateline.pipeline.demo.stories import STORIES, UPDATES, Story

# Which wire format each demo source delivers. NewsML-G2 is the agency format; RSS stands in for it
# when this installation has no NewsML-G2 parser (see ``formats_for``).
SOURCE_FORMATS: dict[str, str] = {
    "afp-wire": "rss",
    "ians-wire": "rss",
    "staff-desk": "rss",
    "nasa-news": "atom",
    "esa-news": "atom",
    "upi-wire": "newsml_g2",
}

HOUSE_BYLINES: dict[str, str] = {
    "afp-wire": "by AFP Staff Writers",
    "upi-wire": "by UPI Staff Writers",
}

FEED_TITLES: dict[str, str] = {
    "afp-wire": "AFP space and defence wire",
    "ians-wire": "IANS science and technology",
    "staff-desk": "Orbital Wire staff reports",
    "nasa-news": "NASA and JPL news releases",
    "esa-news": "ESA press releases",
    "upi-wire": "UPI science wire",
}


@dataclass(frozen=True)
class WireFile:
    source: str
    name: str
    format: str
    data: bytes
    items: int


def formats_for(parsers: set[str]) -> dict[str, str]:
    """The format per source given the parsers available: NewsML-G2 falls back to RSS without its parser."""
    return {src: (fmt if fmt != "newsml_g2" or "newsml_g2" in parsers else "rss")
            for src, fmt in SOURCE_FORMATS.items()}


def dateline(s: Story, when: datetime) -> str:
    """The opening dateline in each agency's style (the forms the dateline parser recognises)."""
    month, day, year = f"{when:%B}", when.day, when.year
    if s.source == "afp-wire":
        return f"{s.place} (AFP) {month} {day}, {year} - "
    if s.source == "upi-wire":
        city, _, rest = s.place.partition(", ")
        return f"{city.upper()}{', ' + rest if rest else ''}, {month} {day} (UPI) -- "
    if s.source == "ians-wire":
        return f"{s.place.upper()}, {month} {day} (IANS) "
    credit = s.credit or {"nasa-news": "NASA", "esa-news": "ESA"}.get(s.source, "Orbital Wire")
    return f"{s.place} ({credit}) {when:%b %d, %Y} - "


def byline(s: Story) -> str:
    return s.byline or HOUSE_BYLINES.get(s.source, "by Staff Writers")


def body_html(s: Story, when: datetime) -> str:
    first, *rest = s.body
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in (dateline(s, when) + first, *rest))


def guid(s: Story) -> str:
    return f"urn:dateline-demo:{s.source}:{s.key}"


def _link(s: Story) -> str:
    return f"https://wire.example/{s.source}/{s.key}.html"


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rss(source: str, stories: list[Story], times: dict[Story, tuple[datetime, datetime]], built: datetime) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
           f"<title>{escape(FEED_TITLES[source])} (demo)</title><link>https://wire.example/{source}/</link>\n"
           f"<description>Sample wire copy written for the Dateline demo</description><language>en</language>\n"
           f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>\n"]
    for s in stories:
        published, updated = times[s]
        out.append(
            f'<item><title>{escape(s.headline)}</title><link>{_link(s)}</link>'
            f'<guid isPermaLink="false">{guid(s)}</guid><dc:creator>{escape(byline(s))}</dc:creator>'
            f"<pubDate>{format_datetime(published)}</pubDate>"
            f"<description>{escape(body_html(s, published))}</description></item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom(source: str, stories: list[Story], times: dict[Story, tuple[datetime, datetime]], built: datetime) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
           f"<title>{escape(FEED_TITLES[source])} (demo)</title><id>tag:wire.example,2024:{source}</id>\n"
           f'<link href="https://wire.example/{source}/"/><updated>{_iso(built)}</updated>\n']
    for s in stories:
        published, updated = times[s]
        out.append(
            f"<entry><id>tag:wire.example,2024:{source}:{s.key}</id><title>{escape(s.headline)}</title>"
            f'<link href="{_link(s)}"/><published>{_iso(published)}</published><updated>{_iso(updated)}</updated>'
            f"<author><name>{escape(byline(s))}</name></author>"
            f'<content type="html">{escape(body_html(s, published))}</content></entry>\n')
    out.append("</feed>\n")
    return "".join(out)


def newsml_g2(s: Story, published: datetime, updated: datetime) -> str:
    """One IPTC NewsML-G2 newsItem (G2 2.33 'power' conformance) with inline XHTML content."""
    city, _, country = s.place.partition(", ")
    note = (f'<signal qcode="sig:correction"/><edNote>{escape(s.correction)}</edNote>' if s.correction else "")
    paragraphs = "".join(f"<p>{escape(p, quote=False)}</p>" for p in
                         (dateline(s, published) + s.body[0], *s.body[1:]))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
        f'guid="urn:newsml:upi.example:2024:{s.key}" version="{s.version}" standard="NewsML-G2" '
        'standardversion="2.33" conformance="power" xml:lang="en">\n'
        '<catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>\n'
        "<rightsInfo><copyrightHolder literal=\"UPI\"><name>United Press International</name></copyrightHolder>"
        "<copyrightNotice>Copyright United Press International (demo copy)</copyrightNotice></rightsInfo>\n"
        '<itemMeta><itemClass qcode="ninat:text"/><provider literal="UPI"/>'
        f"<versionCreated>{_iso(updated)}</versionCreated><firstCreated>{_iso(published)}</firstCreated>"
        f'<pubStatus qcode="stat:usable"/>{note}</itemMeta>\n'
        f"<contentMeta><urgency>4</urgency><contentCreated>{_iso(published)}</contentCreated>"
        f'<located type="loctype:city"><name>{escape(city)}</name></located>'
        f"<creditline>UPI</creditline>"
        '<subject type="cpnat:abstract" qcode="medtop:13000000"><name>science and technology</name></subject>'
        f"<headline>{escape(s.headline)}</headline><by>{escape(byline(s))}</by>"
        f"<dateline>{escape(dateline(s, published).rstrip(' -'))}</dateline>"
        '<language tag="en"/></contentMeta>\n'
        '<contentSet><inlineXML contenttype="application/xhtml+xml">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{escape(s.headline)}</title></head>'
        f"<body>{paragraphs}</body></html></inlineXML></contentSet>\n</newsItem>\n"
    )


def _times(anchor: datetime) -> dict[Story, tuple[datetime, datetime]]:
    """(first published, this version's time) per story; a later version keeps its first publication time."""
    first = {(s.source, s.key): anchor - timedelta(hours=s.hours_ago) for s in STORIES}
    times = {}
    for s in (*STORIES, *UPDATES):
        when = anchor - timedelta(hours=s.hours_ago)
        times[s] = (first.get((s.source, s.key), when), when)
    return times


def render(anchor: datetime, parsers: set[str]) -> list[WireFile]:
    """All demo wire files, in delivery order: first versions, then the update/correction files."""
    fmts = formats_for(parsers)
    times = _times(anchor)
    files: list[WireFile] = []
    for batch, stories in ((1, STORIES), (2, UPDATES)):
        by_source: dict[str, list[Story]] = {}
        for s in stories:
            by_source.setdefault(s.source, []).append(s)
        for source, items in sorted(by_source.items()):
            fmt = fmts[source]
            if fmt == "newsml_g2":  # one file per item, as agencies deliver it
                for s in items:
                    files.append(WireFile(source, f"{source}-{s.key}-v{s.version}.xml", fmt,
                                          newsml_g2(s, *times[s]).encode(), 1))
                continue
            items = sorted(items, key=lambda s: s.hours_ago)
            text = (rss if fmt == "rss" else atom)(source, items, times, anchor - timedelta(hours=items[0].hours_ago))
            name = f"{source}-{batch}{'-update' if batch > 1 else ''}.xml"
            files.append(WireFile(source, name, fmt, text.encode(), len(items)))
    return files
