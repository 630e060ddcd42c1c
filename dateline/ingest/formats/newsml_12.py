"""IPTC NewsML 1.2 (the AFP form and its relatives): NewsItems with NewsLines and text ContentItems.

Not NewsML-G2: the root is ``<NewsML Version="1.2">``. Text comes as NITF, XHTML or plain text inside
``DataContent``; photo ContentItems with an ``Href`` become images. ``Catalog`` hrefs are never fetched.
"""

from __future__ import annotations

from lxml import etree

from dateline.ingest.formats import nitf
from dateline.ingest.formats.base import Dateline, FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.formats.xmltext import child, descendants, first, inner_html, text
from dateline.ingest.places import known_agency
from dateline.ingest.xmlsafe import local_name, parse_xml

STATUS = {"usable": "usable", "embargoed": "withheld", "withheld": "withheld", "canceled": "canceled",
          "cancelled": "canceled"}


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    root, warnings = parse_xml(raw, content_type)
    if local_name(root) != "NewsML":
        raise FormatError("not_newsml_12", f"root element <{local_name(root)}> is not <NewsML>")
    news_items = list(descendants(root, "NewsItem"))
    items = [it for it in (_item(n, list(warnings)) for n in news_items) if it is not None]
    if not items:
        raise FormatError("unsupported_item_class", "no NewsItem with text in this NewsML 1.2 document")
    return ParsedDocument(format="newsml_12", items=items, warnings=list(warnings))


def _formal(element: etree._Element | None) -> str:
    return element.get("FormalName", "") if element is not None else ""


def _item(news_item: etree._Element, warnings: list[str]) -> ParsedItem | None:
    identifier = first(news_item, "NewsIdentifier")
    management = child(news_item, "NewsManagement")
    guid = text(child(identifier, "PublicIdentifier")) if identifier is not None else ""
    revision = text(child(identifier, "RevisionId")) if identifier is not None else ""
    all_lines = list(descendants(news_item, "NewsLines"))
    lines = next((n for n in all_lines if child(n, "HeadLine") is not None), all_lines[0] if all_lines else None)
    item = ParsedItem(guid=guid or text(child(identifier, "NewsItemId")), headline="", warnings=warnings,
                      version=int(revision) if revision.isdigit() else None,
                      language=news_item.get("{http://www.w3.org/XML/1998/namespace}lang", ""))
    if lines is not None:
        item.headline = text(child(lines, "HeadLine"))
        item.subheadline = text(child(lines, "SubHeadLine"))
        item.byline = text(child(lines, "ByLine"))
        item.dateline = Dateline(text=text(child(lines, "DateLine")))
        item.agency = known_agency(text(child(lines, "CreditLine")))
    if management is not None:
        item.published = parse_date(text(child(management, "FirstCreated")), warnings)
        item.updated = parse_date(text(child(management, "ThisRevisionCreated")), warnings)
        status = _formal(child(management, "Status")).lower()
        item.pubstatus = STATUS.get(status, status or "usable")
        urgency = _formal(child(management, "Urgency"))
        item.urgency = int(urgency) if urgency.isdigit() else None
        change = child(management, "StatusWillChange")
        if change is not None:
            item.embargo = parse_date(text(child(change, "DateAndTime")), warnings, clamp=False)
    provider = first(news_item, "Provider")
    if provider is not None and not item.agency:
        item.agency = known_agency(_formal(first(provider, "Party")))
    _descriptive(item, news_item)
    found = _content(item, news_item, warnings)
    if not found and not item.headline:
        return None
    return item


def _descriptive(item: ParsedItem, news_item: etree._Element) -> None:
    meta = first(news_item, "DescriptiveMetadata")
    if meta is None:
        return
    item.language = item.language or _formal(child(meta, "Language"))
    for code in descendants(meta, "SubjectCode"):
        for subject in code:
            if local_name(subject).startswith("Subject") and subject.get("FormalName"):
                item.subjects.append(subject.get("FormalName", ""))
    for prop in meta:
        if local_name(prop) == "Property" and prop.get("FormalName") == "Keyword":
            item.keywords.append(prop.get("Value", ""))
    location = child(meta, "Location")
    if location is not None:
        values = {p.get("FormalName", ""): p.get("Value", "") for p in location if local_name(p) == "Property"}
        item.dateline.city = item.dateline.city or values.get("City", "")
        item.dateline.country = item.dateline.country or values.get("Country", "")


def _content(item: ParsedItem, news_item: etree._Element, warnings: list[str]) -> bool:
    """The longest text ContentItem is the story (Business Wire also sends CSS and headline-only parts)."""
    best: tuple[int, str, str] | None = None
    for content in descendants(news_item, "ContentItem"):
        media = _formal(child(content, "MediaType")).lower()
        data = child(content, "DataContent")
        kind = (_formal(child(content, "Format")) + " " + _formal(child(content, "MimeType"))).lower()
        if media in {"photo", "graphic", "image"} and content.get("Href"):
            item.images.append(Image(url=content.get("Href", ""), mime_type=_formal(child(content, "MimeType"))))
            continue
        if data is None or media not in {"text", ""} or "css" in kind:
            continue
        html, plain = "", ""
        embedded = first(data, "nitf")
        if embedded is not None:
            parsed = nitf.from_element(embedded, warnings)
            html = parsed.body_html
            item.headline = item.headline or parsed.headline
        elif first(data, "body") is not None or first(data, "p") is not None:
            body = first(data, "body")
            html = inner_html(body if body is not None else data)
        elif len(data) == 0 and text(data):
            raw_text = "".join(data.itertext())
            if "html" in kind or "<p" in raw_text[:200].lower():
                html = raw_text  # HTML carried as CDATA text (ANA and others)
            else:
                plain = raw_text
        size = len(html) + len(plain)
        if size and (best is None or size > best[0]):
            best = (size, html, plain)
    if best is None:
        return False
    item.body_html, item.body_text = best[1], best[2]
    return True
