"""Re-parse our own XML output the way a hostile-input test must: entities never expanded, no network."""

from __future__ import annotations

from lxml import etree


def reparse(data: bytes) -> etree._Element:
    """Parse with the project's hardened XML factory when present, else with the same settings here."""
    try:
        from dateline.ingest.xmlsafe import parse_xml
    except ImportError:
        hardened = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        return etree.fromstring(data, parser=hardened)
    root, _warnings = parse_xml(data)
    return root
