"""The last step every format shares: one normalised ``ParsedItem`` whatever the source format.

Order matters (HTML-4): text cleaning → dateline/byline taken out of the body → sanitising LAST → plain
text and summary derived from the sanitised HTML.
"""

from __future__ import annotations

import html as htmllib
import re

from dateline.core.text import clean_text, one_line
from dateline.ingest.datelines import parse_byline, parse_dateline, parse_place, strip_lead_html
from dateline.ingest.formats.base import Dateline, Image, ParsedItem
from dateline.ingest.formats.dates import clamp_future
from dateline.ingest.places import agency_code
from dateline.ingest.sanitize import sanitize_html, too_deep

PUBSTATUS = {
    "usable": "usable", "stat:usable": "usable", "published": "usable", "active": "usable", "": "usable",
    "withheld": "withheld", "stat:withheld": "withheld", "embargoed": "withheld", "hold": "withheld",
    "canceled": "canceled", "cancelled": "canceled", "stat:canceled": "canceled", "kill": "canceled",
    "killed": "canceled", "deleted": "canceled", "withdrawn": "canceled", "retracted": "canceled",
}
MAX_SUMMARY = 400
MAX_TERMS = 100
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|tr|table|figure|figcaption|dl|dt|dd)\b[^>]*>"
                    r"|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BLANKS = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML: one blank line between blocks, entities decoded."""
    if not html:
        return ""
    text = _BLOCK.sub("\n\n", html)
    text = htmllib.unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", lines).strip()


def text_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join("<p>" + htmllib.escape(p, quote=False).replace("\n", "<br>") + "</p>" for p in paragraphs)


def strip_markup(value: str) -> str:
    """Plain text from a field that may carry markup (summaries, descriptions): never rendered as HTML."""
    if "<" not in value and "&" not in value:
        return clean_text(value)
    return html_to_text(sanitize_html(value))


def _terms(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        term = one_line(value)[:200]
        if term and term.lower() not in {k.lower() for k in seen}:
            seen[term] = None
        if len(seen) >= MAX_TERMS:
            break
    return list(seen)


def _image(image: Image, warnings: list[str]) -> Image | None:
    url = one_line(image.url)
    if not url.lower().startswith(("http://", "https://", "/")) and ":" in url.split("/", 1)[0]:
        if "image_url_refused" not in warnings:
            warnings.append("image_url_refused")  # javascript:, data:, file: never become an image (HTML-1)
        return None
    if not url:
        return None
    return Image(url=url[:1000], caption=one_line(image.caption)[:1000], credit=one_line(image.credit)[:300],
                 mime_type=one_line(image.mime_type)[:100],
                 width=image.width if isinstance(image.width, int) and 0 < image.width < 100_000 else None,
                 height=image.height if isinstance(image.height, int) and 0 < image.height < 100_000 else None)


def finish_item(item: ParsedItem) -> ParsedItem:
    """Normalise every field of ``item`` in place and return it."""
    warnings = item.warnings
    item.guid = one_line(item.guid)[:500]
    item.link = one_line(item.link)[:1000]
    item.headline = one_line(strip_markup(item.headline))[:500]
    item.subheadline = one_line(strip_markup(item.subheadline))[:500]
    item.byline = one_line(item.byline)[:300]
    if item.byline.lower().startswith("by "):
        found = parse_byline(item.byline)  # "By Jane Doe, UPI": the line stays as printed, the agency is read
        if found is not None:
            item.agency = item.agency or found.agency
    item.agency = one_line(item.agency)[:40]
    item.language = one_line(item.language)[:20]
    item.correction = clean_text(item.correction)
    for name in ("published", "updated"):
        value = getattr(item, name)
        if value is not None:
            setattr(item, name, clamp_future(value, warnings))
    if item.updated is None:
        item.updated = item.published
    if item.published is None and item.updated is not None:
        item.published = item.updated
    body = clean_text(item.body_html)
    if not body.strip() and item.body_text.strip():
        body = text_to_html(clean_text(item.body_text))
    _lead(item, body)
    if item.published is None and item.dateline.date is not None:
        item.published = clamp_future(item.dateline.date, warnings)
        warnings.append("published_from_dateline")
    base = item.link if item.link.lower().startswith(("http://", "https://")) else None
    if too_deep(item.body_html):
        warnings.append("html_flattened")  # XML-4: nested too deep to sanitise safely; kept as text
    item.body_html = sanitize_html(item.body_html, base_url=base)
    item.body_text = html_to_text(item.body_html)
    summary = strip_markup(item.summary).strip()
    if not summary and item.body_text:
        summary = item.body_text.split("\n\n", 1)[0]
    item.summary = _shorten(summary, MAX_SUMMARY)
    item.subjects = _terms(item.subjects)
    item.keywords = _terms(item.keywords)
    if item.urgency is not None and not (isinstance(item.urgency, int) and 1 <= item.urgency <= 9):
        item.urgency = None
    if item.version is not None and not (isinstance(item.version, int) and 0 < item.version < 2**31):
        item.version = None
    status = PUBSTATUS.get(one_line(item.pubstatus).lower())
    if status is None:
        warnings.append("pubstatus_unknown")
        status = "usable"
    item.pubstatus = status
    item.images = [img for img in (_image(i, warnings) for i in item.images) if img is not None][:50]
    item.warnings = list(dict.fromkeys(warnings))
    return item


def _lead(item: ParsedItem, body: str) -> None:
    """Take the byline and dateline out of the body's first paragraph into their fields.

    The place as the parser reads it (title-cased city, full region name) wins over raw components from the
    feed; the feed's own dateline text wins over the one found in the body.
    """
    lead = strip_lead_html(body, reference=item.published)
    item.body_html = lead.body
    given = item.dateline
    given.text = given.text.strip().rstrip(" -—–:").strip()
    parsed = None
    if given.text:
        parsed = parse_dateline(given.text, reference=item.published) or parse_place(given.text)
    parsed = parsed or lead.dateline
    if parsed is not None:
        given = Dateline(text=given.text or parsed.text, city=parsed.city or given.city,
                         region=parsed.region or given.region, country=parsed.country or given.country,
                         agency=given.agency or parsed.agency, date=given.date or parsed.date)
    item.dateline = Dateline(text=one_line(given.text)[:300], city=one_line(given.city)[:100],
                             region=one_line(given.region)[:100], country=one_line(given.country)[:100],
                             agency=one_line(given.agency)[:40], date=given.date)
    if lead.byline is not None:
        if not item.byline:
            item.byline = lead.byline.printed  # as the page prints it: "by AFP Staff Writers"
        if not item.agency and lead.byline.agency:
            item.agency = lead.byline.agency
    if not item.agency and item.dateline.agency:
        item.agency = agency_code(item.dateline.agency)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
