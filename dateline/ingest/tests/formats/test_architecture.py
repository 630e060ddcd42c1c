"""XML-6: exactly one hardened XML factory. Walks the AST of every module in the codebase."""

from __future__ import annotations

import ast
from pathlib import Path

import dateline

ROOT = Path(dateline.__file__).resolve().parent
XMLSAFE = ROOT / "ingest" / "xmlsafe.py"
STDLIB_XML = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers")
# xml.sax.saxutils only escapes text for writing XML (escape, quoteattr); it parses nothing.
ALLOWED = {"xml.sax.saxutils"}
LXML_PARSING = {"fromstring", "parse", "XMLParser", "XML", "iterparse", "HTMLParser", "fromstringlist",
                "XMLPullParser", "HTML", "document_fromstring", "fragment_fromstring", "fragments_fromstring"}


def modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts)


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    lxml_names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (alias.name.startswith(STDLIB_XML) or alias.name == "xml") and alias.name not in ALLOWED:
                    found.append(f"imports {alias.name}")
                if alias.name.startswith("lxml"):
                    lxml_names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if (module.startswith(STDLIB_XML) or module == "xml") and module not in ALLOWED:
                found.append(f"imports from {module}")
            if module.startswith("lxml"):
                for alias in node.names:
                    if alias.name in LXML_PARSING:
                        found.append(f"imports {module}.{alias.name}")
                    lxml_names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            base = node.func.value
            base_name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
            if attr in LXML_PARSING and base_name in lxml_names | {"etree", "html", "lxml", "objectify"}:
                found.append(f"calls {base_name}.{attr}")
            if attr == "parse" and base_name == "feedparser":
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute)
                        and first.func.attr == "encode"):
                    found.append("calls feedparser.parse on something that is not encoded bytes")
    return found


def test_xml6_only_xmlsafe_parses_xml():
    offenders = {str(p.relative_to(ROOT)): v for p in modules() if p != XMLSAFE and (v := violations(p))}
    assert offenders == {}


def test_xml6_the_walk_would_catch_a_stray_parser(tmp_path):
    stray = tmp_path / "stray.py"
    stray.write_text("import xml.etree.ElementTree as ET\nfrom lxml import etree\netree.fromstring(b'<a/>')\n"
                     "import feedparser\nfeedparser.parse('http://example.test/feed')\n")
    assert violations(stray) == ["imports xml.etree.ElementTree", "calls etree.fromstring",
                                 "calls feedparser.parse on something that is not encoded bytes"]


def test_xml6_xmlsafe_is_where_the_parsers_are():
    assert "calls etree.fromstring" in violations(XMLSAFE)
