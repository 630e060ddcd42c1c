"""Helpers for reading already-parsed XML trees (namespace-agnostic); parsing itself is ``xmlsafe``'s job."""

from __future__ import annotations

import copy
from collections.abc import Iterator

from lxml import etree

from dateline.ingest.xmlsafe import local_name

# NITF block and inline elements → their HTML counterparts (NITF 3.x DTD, body.content).
NITF_TO_HTML = {
    "hl1": "h2", "hl2": "h3", "block": "div", "media": "figure", "media-caption": "figcaption",
    "em": "em", "bq": "blockquote", "credit": "small", "fn": "aside", "pre": "pre", "note": "aside",
    "dateline": "span", "tagline": "p", "copyrite": "small", "byline": "p", "person": "span",
    "org": "span", "location": "span", "classifier": "span", "chron": "time", "money": "span",
    "num": "span", "object.title": "span", "event": "span", "function": "span", "virtloc": "span",
    "lang": "span", "alt-code": "span", "frac": "span", "sub": "sub", "sup": "sup", "postaddr": "span",
}


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if local_name(c) == name]


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    for c in element:
        if local_name(c) == name:
            return c
    return None


def descendants(element: etree._Element, name: str) -> Iterator[etree._Element]:
    for node in element.iter():
        if local_name(node) == name:
            yield node


def first(element: etree._Element, name: str) -> etree._Element | None:
    return next(descendants(element, name), None)


def text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def inner_html(element: etree._Element, mapping: dict[str, str] | None = None) -> str:
    """The children of ``element`` serialised as HTML with namespaces removed; the sanitiser runs later."""
    clone = copy.deepcopy(element)
    for node in clone.iter():
        if not isinstance(node.tag, str):
            continue
        name = local_name(node)
        node.tag = (mapping or {}).get(name, name)
        for key in list(node.attrib):
            if key.startswith("{"):
                del node.attrib[key]
    etree.cleanup_namespaces(clone)
    parts = [clone.text or ""] if clone.text else []
    for node in clone:
        parts.append(etree.tostring(node, method="html", encoding="unicode", with_tail=True))
    return "".join(parts)


def nitf_body_html(body: etree._Element) -> str:
    """HTML of a NITF ``body.content`` (or a whole ``body``); headline/byline blocks are read separately."""
    content = first(body, "body.content")
    if content is None:
        content = body
    return inner_html(content, NITF_TO_HTML)
