"""THE one hardened XML parser factory (XML-1…6). Every XML entry point in Dateline goes through here.

Policy (THREATS.md 2.1):
- a DOCTYPE is allowed but never resolved: no DTD loading, no network, no external entities (XML-2, XML-3);
- any entity *declaration* in the internal subset is refused with ``xml_entities_forbidden`` before libxml2
  sees the document, so billion-laughs and quadratic-blowup variants cost a byte scan, not memory (XML-1);
- ``huge_tree`` stays off, so libxml2 keeps its own limits: 256 levels of nesting and 10 MB text nodes (XML-4);
- not-well-formed input is an error with a line and column, never a partial tree (XML-5);
- XInclude is never processed and processing instructions (``xml-stylesheet``) are inert data.

The module also owns byte → text decoding for XML (ENC-1: BOM > HTTP charset > XML declaration > UTF-8 >
detection) and the HTML parser used on wire bodies, so no other module needs lxml's parsing functions (XML-6).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from dateline.core.text import clean_text
from dateline.ingest.errors import FormatError

# A document larger than this is refused outright; wire items are kilobytes, feeds rarely above a few MB.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# libxml2's own nesting limit without XML_PARSE_HUGE (parserInternals.c xmlParserMaxDepth).
MAX_DEPTH = 256

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# XML 1.0 Appendix F: the first four bytes of "<?xm" in encodings without a BOM.
_SNIFF = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.S)
_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S | re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_ENTITY_DECL = re.compile(r"<!\s*ENTITY", re.I)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_:]")
# XML 1.0 §2.2 Char: C0 controls other than TAB, LF and CR are not allowed anywhere in a document.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _CHARSET.search(content_type)
    return _codec(match.group(1)) if match else None


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_bytes(raw: bytes, content_type: str | None = None, *, declared: str | None = None) -> Decoded:
    """Decode deterministically: BOM > HTTP charset > declared (XML/meta) > UTF-8 > detection (ENC-1).

    Overlong and otherwise invalid UTF-8 never decodes as UTF-8 (Python's codec is strict), so an overlong
    ``/`` cannot sneak through; such bytes fall back to detection with an ``encoding_fallback`` flag.
    """
    warnings: list[str] = []
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom):].decode(name), name, warnings)
            except UnicodeDecodeError:
                warnings.append("encoding_invalid_bytes")
                return Decoded(raw[len(bom):].decode(name, "replace"), name, warnings)
    for prefix, name in _SNIFF:
        if raw.startswith(prefix):
            return Decoded(raw.decode(name, "replace"), name, warnings)
    candidates: list[tuple[str, str | None]] = [
        ("http", charset_from_content_type(content_type)),
        ("declared", declared if declared is not None else _declared_xml(raw)),
        ("default", "utf-8"),
    ]
    tried = set()
    for origin, name in candidates:
        if not name or name in tried:
            continue
        tried.add(name)
        if name in _SINGLE_BYTE_LATIN and origin != "default" and _is_multibyte_utf8(raw):
            # Valid UTF-8 with multi-byte sequences labelled Latin-1 is, in practice, always UTF-8
            # (AFP NewsML 1.2 archives do this); decoding as labelled would only produce mojibake.
            warnings.append(f"encoding_{origin}_mismatch")
            return Decoded(raw.decode("utf-8"), "utf-8", warnings)
        try:
            text = raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            warnings.append(f"encoding_{origin}_mismatch" if origin != "default" else "encoding_not_utf8")
            continue
        return Decoded(text, name, warnings)
    return _detect(raw, warnings)


_SINGLE_BYTE_LATIN = frozenset({"latin-1", "iso8859-1", "cp1252", "iso8859-15"})


def _is_multibyte_utf8(raw: bytes) -> bool:
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_xml(raw: bytes) -> str | None:
    match = _DECL.match(raw[:1024])
    return _codec(match.group(1)) if match else None


def _detect(raw: bytes, warnings: list[str]) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    name = _codec(best.encoding) if best is not None else None
    warnings.append("encoding_fallback")
    if name:
        return Decoded(raw.decode(name, "replace"), name, warnings)
    return Decoded(raw.decode("cp1252", "replace"), "cp1252", warnings)


def check_entities(text: str) -> None:
    """Refuse any entity declaration in the prolog (XML-1, XML-2): the DTD is never trusted."""
    first = _FIRST_ELEMENT.search(text)
    prolog = text[: first.start()] if first else text
    if _ENTITY_DECL.search(prolog):
        raise FormatError("xml_entities_forbidden", "the document declares XML entities; they are never expanded")


def normalise_xml(raw: bytes, content_type: str | None = None) -> Decoded:
    """Bytes → checked text with the XML declaration removed and illegal controls stripped (ENC-2)."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FormatError("too_large", f"document is {len(raw)} bytes, over {MAX_DOCUMENT_BYTES}")
    if not raw.strip():
        raise FormatError("empty_document", "the document is empty")
    decoded = decode_bytes(raw, content_type)
    text = _DECL_TEXT.sub("", decoded.text, count=1)
    check_entities(text)
    # With no entity declarations the DOCTYPE carries nothing Dateline uses; dropping it means no parser
    # (libxml2 quirks included: collect_ids=False makes it try to load an external subset) can reach for it.
    text = _DOCTYPE.sub("", text, count=1)
    cleaned = _XML_ILLEGAL.sub("", clean_text(text))
    if cleaned != text:
        decoded.warnings.append("control_chars_stripped")
    decoded.text = cleaned
    return decoded


def parser() -> etree.XMLParser:
    """A fresh hardened lxml parser (parsers are not thread-safe to share)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        recover=False,
        remove_comments=True,
    )


def parse_xml(raw: bytes, content_type: str | None = None) -> tuple[etree._Element, list[str]]:
    """Parse untrusted XML bytes; returns the root element and decoding warnings, or raises FormatError."""
    decoded = normalise_xml(raw, content_type)
    return parse_text(decoded.text), decoded.warnings


def parse_text(text: str) -> etree._Element:
    check_entities(text)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser())
    except etree.XMLSyntaxError as exc:
        message = str(exc)
        if "Excessive depth" in message:
            raise FormatError("xml_too_deep", f"nesting deeper than {MAX_DEPTH} levels")
        if "Document is empty" in message or "Start tag expected" in message and not text.strip():
            raise FormatError("empty_document", "the document is empty")
        line, column = getattr(exc, "position", (0, 0)) or (0, 0)
        raise FormatError("xml_malformed", f"not well-formed XML at line {line}, column {column}: {exc.msg}")
    if root is None:
        raise FormatError("empty_document", "the document is empty")
    return root


def parse_html(html: str) -> lxml.html.HtmlElement:
    """An HTML fragment or page as a tree, for reading only: nothing is fetched or resolved."""
    html_parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                       huge_tree=False, default_doctype=False)
    return lxml.html.fragment_fromstring(html, create_parent="div", parser=html_parser)


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
