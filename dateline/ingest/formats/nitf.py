"""IPTC NITF 3.x (News Industry Text Format), with or without its namespace, one story per document."""

from __future__ import annotations

from lxml import etree

from dateline.ingest.formats.base import Dateline, FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.formats.xmltext import child, descendants, first, nitf_body_html, text
from dateline.ingest.places import known_agency
from dateline.ingest.xmlsafe import local_name, parse_xml

# NITF 3.x docdata@management-status values → Dateline's pubstatus.
STATUS = {"usable": "usable", "embargoed": "withheld", "withheld": "withheld", "canceled": "canceled",
          "cancelled": "canceled"}


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    root, warnings = parse_xml(raw, content_type)
    if local_name(root) != "nitf":
        raise FormatError("not_nitf", f"root element <{local_name(root)}> is not <nitf>")
    return ParsedDocument(format="nitf", items=[from_element(root, warnings)], warnings=list(warnings))


def from_element(root: etree._Element, warnings: list[str]) -> ParsedItem:
    """One NITF document (also used for NITF carried inside NewsML)."""
    warnings = list(warnings)
    head = child(root, "head")
    body = child(root, "body")
    docdata = child(head, "docdata")
    body_head = child(body, "body.head") if body is not None else None
    hedline = child(body_head, "hedline")
    item = ParsedItem(guid="", headline=text(child(hedline, "hl1")) or text(child(head, "title")),
                      subheadline=text(child(hedline, "hl2")), warnings=warnings)
    if docdata is not None:
        _docdata(item, docdata, warnings)
    if body_head is not None:
        item.byline = "; ".join(_byline(b) for b in body_head if local_name(b) == "byline" and _byline(b))
        distributor = text(child(body_head, "distributor"))
        item.agency = known_agency(distributor) or item.agency
        item.summary = text(child(body_head, "abstract"))
        dateline = child(body_head, "dateline")
        if dateline is not None:
            parts = [text(first(dateline, name)) for name in ("city", "state", "country")]
            printed = ", ".join(p for p in parts if p) or " ".join(t.strip() for t in dateline.itertext() if t.strip())
            item.dateline = Dateline(text=printed, city=parts[0], region=parts[1], country=parts[2])
            story_date = first(dateline, "story.date")
            if story_date is not None:
                item.dateline.date = parse_date(story_date.get("norm") or text(story_date), warnings)
    if head is not None:
        item.subjects = [s.get("tobject.subject.matter") or s.get("tobject.subject.type") or
                         s.get("tobject.subject.refnum", "") for s in descendants(head, "tobject.subject")]
        item.keywords = [k.get("key", "") for k in descendants(head, "keyword")]
        item.language = (root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("lang")
                         or item.language)
    if body is not None:
        item.body_html = nitf_body_html(body)
        item.images = _images(body)
    if not item.guid:
        item.guid = "nitf:" + (item.headline or "untitled")
        warnings.append("guid_missing")
    item.warnings = warnings
    return item


def _byline(element: etree._Element) -> str:
    person = first(element, "person")
    if person is not None:
        return text(person)
    return text(element)


def _docdata(item: ParsedItem, docdata: etree._Element, warnings: list[str]) -> None:
    doc_id = child(docdata, "doc-id")
    if doc_id is not None:
        item.guid = doc_id.get("id-string", "")
    urgency = child(docdata, "urgency")
    if urgency is not None and (urgency.get("ed-urg") or "").isdigit():
        item.urgency = int(urgency.get("ed-urg", ""))
    issue = child(docdata, "date.issue")
    release = child(docdata, "date.release")
    if issue is not None:
        item.published = parse_date(issue.get("norm"), warnings)
    status = (docdata.get("management-status") or "usable").lower()
    item.pubstatus = STATUS.get(status, status)
    if release is not None:
        released = parse_date(release.get("norm"), warnings, clamp=False)
        if status in {"embargoed", "withheld"} or (released and item.published and released > item.published):
            item.embargo = released
        item.published = item.published or released
    copyright_ = child(docdata, "doc.copyright")
    if copyright_ is not None:
        item.agency = known_agency(copyright_.get("holder", ""))
    version = child(docdata, "du-key")
    if version is not None and (version.get("version") or "").isdigit():
        item.version = int(version.get("version", ""))
    correction = child(docdata, "correction")
    if correction is not None:
        item.correction = correction.get("info", "") or text(correction)


def _images(body: etree._Element) -> list[Image]:
    images = []
    for media in descendants(body, "media"):
        if (media.get("media-type") or "image") not in {"image", "photo", "graphic"}:
            continue
        for reference in media:
            if local_name(reference) == "media-reference" and reference.get("source"):
                images.append(Image(url=reference.get("source", ""), caption=text(child(media, "media-caption")),
                                    credit=text(child(media, "media-producer")),
                                    mime_type=reference.get("mime-type", "")))
                break
    return images
