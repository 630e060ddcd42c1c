"""IPTC NewsML-G2 (2.x): ``newsItem`` documents and ``newsMessage`` envelopes → items.

Text items (``ninat:text``, ``icls:text``, or any item carrying inline text) become items; picture items in
the same message become the images of the text items that link to them; packages, concept, knowledge,
planning and catalog items carry no story and are skipped with a warning, or refused with
``unsupported_item_class`` when nothing else is there. ``catalogRef`` is never fetched (XML-3): qcodes are
kept as printed and names are read from the item itself.
"""

from __future__ import annotations

from lxml import etree

from dateline.ingest.formats.base import Dateline, FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.formats.xmltext import (
    child,
    children,
    descendants,
    first,
    inner_html,
    nitf_body_html,
    text,
)
from dateline.ingest.places import known_agency
from dateline.ingest.xmlsafe import local_name, parse_xml

ITEM_TAGS = {"newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem"}
TEXT_CLASSES = {"ninat:text", "icls:text", "ninat:composite", "icls:composite"}
PICTURE_CLASSES = {"ninat:picture", "icls:picture", "ninat:graphic", "icls:graphic"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    root, warnings = parse_xml(raw, content_type)
    return from_tree(root, warnings)


def from_tree(root: etree._Element, warnings: list[str] | None = None) -> ParsedDocument:
    warnings = list(warnings or [])
    name = local_name(root)
    if name == "newsMessage":
        candidates = [el for el in root.iter() if local_name(el) in ITEM_TAGS]
    elif name in ITEM_TAGS:
        candidates = [root]
    else:
        raise FormatError("not_newsml_g2", f"root element <{name}> is not a NewsML-G2 item or message")
    pictures = {el.get("guid", ""): el for el in candidates if _item_class(el) in PICTURE_CLASSES}
    items: list[ParsedItem] = []
    skipped: list[str] = []
    for element in candidates:
        kind = _item_class(element)
        if local_name(element) != "newsItem" or (kind not in TEXT_CLASSES and not _has_text(element)):
            skipped.append(kind or local_name(element))
            continue
        items.append(_item(element, pictures, list(warnings)))
    if not items:
        kinds = ", ".join(sorted(set(skipped))) or "none"
        raise FormatError("unsupported_item_class",
                          f"no text newsItem in this NewsML-G2 document (item classes: {kinds})")
    for kind in sorted(set(skipped)):
        warnings.append(f"skipped_item_class:{kind}")
    return ParsedDocument(format="newsml_g2", items=items, warnings=warnings)


def _item_class(element: etree._Element) -> str:
    node = first(element, "itemClass")
    return node.get("qcode", "") if node is not None else ""


def _has_text(element: etree._Element) -> bool:
    content = child(element, "contentSet")
    return content is not None and any(local_name(c) in {"inlineXML", "inlineData"} for c in content)


def _item(element: etree._Element, pictures: dict[str, etree._Element], warnings: list[str]) -> ParsedItem:
    meta = child(element, "itemMeta")
    content = child(element, "contentMeta")
    headlines = children(content, "headline") if content is not None else []
    main = [h for h in headlines if h.get("role", "hlrole:main") in {"hlrole:main", "main", ""}] or headlines
    subs = [h for h in headlines if h not in main[:1]]
    version = element.get("version")
    item = ParsedItem(
        guid=element.get("guid", ""),
        headline=text(main[0]) if main else "",
        subheadline=text(subs[0]) if subs else "",
        version=int(version) if version and version.isdigit() else None,
        language=element.get(XML_LANG, "") or _language(content),
        warnings=warnings,
    )
    if meta is not None:
        status = child(meta, "pubStatus")
        item.pubstatus = (status.get("qcode", "") if status is not None else "") or "usable"
        item.published = parse_date(text(child(meta, "firstCreated")), warnings)
        item.updated = parse_date(text(child(meta, "versionCreated")), warnings)
        item.embargo = parse_date(text(child(meta, "embargoed")), warnings, clamp=False)
        provider = child(meta, "provider")
        if provider is not None:
            item.agency = known_agency(text(child(provider, "name")) or provider.get("qcode", "").split(":")[-1])
        item.images += _linked_images(meta, pictures)
    if content is not None:
        _content_meta(item, content, warnings)
    if not item.headline:
        slug = text(child(content, "slugline")) if content is not None else ""
        item.headline = slug
        warnings.append("headline_missing")
    item.body_html, item.body_text = _body(element)
    if item.pubstatus.endswith("withheld") and item.embargo is None:
        warnings.append("withheld_without_embargo")
    return item


def _content_meta(item: ParsedItem, content: etree._Element, warnings: list[str]) -> None:
    if item.published is None:
        item.published = parse_date(text(child(content, "contentCreated")), warnings)
    item.byline = "; ".join(text(b) for b in children(content, "by") if text(b))
    if not item.byline:
        creators = [text(child(c, "name")) for c in children(content, "creator")]
        item.byline = ", ".join(c for c in creators if c)
    credit = text(child(content, "creditline"))
    if credit and not item.agency:
        item.agency = known_agency(credit)
    urgency = text(child(content, "urgency"))
    item.urgency = int(urgency) if urgency.isdigit() else None
    item.dateline = _dateline(content)
    for subject in children(content, "subject"):
        name = text(child(subject, "name"))
        item.subjects.append(name or subject.get("qcode", "") or subject.get("literal", ""))
    item.keywords = [text(k) for k in children(content, "keyword") if text(k)]
    for description in children(content, "description"):
        if description.get("role", "drol:summary") in {"drol:summary", "summary", ""} and not item.summary:
            item.summary = text(description)
    if not item.summary:
        item.summary = text(child(content, "abstract"))


def _dateline(content: etree._Element) -> Dateline:
    result = Dateline(text=text(child(content, "dateline")))
    located = child(content, "located")
    if located is None:
        return result
    result.city = text(child(located, "name")) or located.get("qcode", "").partition(":")[2]
    for broader in children(located, "broader"):
        kind = broader.get("type", "") + " " + broader.get("qcode", "")
        name = text(child(broader, "name")) or broader.get("qcode", "").partition(":")[2]
        if "country" in kind or "cntry:" in kind or "iso3166" in kind:
            result.country = result.country or name
        elif "statprov" in kind or "prov" in kind or "reg:" in kind:
            result.region = result.region or name
    return result


def _language(content: etree._Element | None) -> str:
    node = child(content, "language")
    return node.get("tag", "") if node is not None else ""


def _body(element: etree._Element) -> tuple[str, str]:
    content = child(element, "contentSet")
    if content is None:
        return "", ""
    for node in content:
        kind = (node.get("contenttype") or "").lower()
        if local_name(node) == "inlineXML":
            nitf = first(node, "nitf")
            if nitf is not None or "nitf" in kind:
                body = first(node, "body")
                return (nitf_body_html(body) if body is not None else inner_html(node)), ""
            html_body = first(node, "body")
            return inner_html(html_body if html_body is not None else node), ""
        if local_name(node) == "inlineData" and (not kind or kind.startswith("text/")):
            return "", "".join(node.itertext())
    return "", ""


def _linked_images(meta: etree._Element, pictures: dict[str, etree._Element]) -> list[Image]:
    images = []
    for link in children(meta, "link"):
        target = pictures.get(link.get("residref", "")) if link.get("residref") else None
        if target is not None:
            images += _picture_images(target)
        elif (link.get("contenttype") or "").startswith("image/") and link.get("href"):
            images.append(Image(url=link.get("href", ""), caption=text(child(link, "title")),
                                mime_type=link.get("contenttype", "")))
    return images


def _picture_images(picture: etree._Element) -> list[Image]:
    content = child(picture, "contentMeta")
    caption = ""
    credit = ""
    if content is not None:
        caption = text(child(content, "description")) or text(child(content, "headline"))
        credit = text(child(content, "creditline"))
    best = None
    for remote in descendants(picture, "remoteContent"):
        width = remote.get("width", "")
        if best is None or (width.isdigit() and int(width) > int(best.get("width", "0") or 0)):
            best = remote
    if best is None or not best.get("href"):
        return []
    width, height = best.get("width", ""), best.get("height", "")
    return [Image(url=best.get("href", ""), caption=caption, credit=credit,
                  mime_type=best.get("contenttype", ""),
                  width=int(width) if width.isdigit() else None, height=int(height) if height.isdigit() else None)]
