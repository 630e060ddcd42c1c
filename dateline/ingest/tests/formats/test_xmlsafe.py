"""The hardened XML factory: entity bombs, external entities and DTDs, depth, truncation, encodings."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict

import pytest

from dateline.ingest import formats, xmlsafe
from dateline.ingest.formats import FormatError
from dateline.ingest.tests.formats.conftest import FIXTURES, fixture_bytes

BOMBS = ["billion-laughs.xml", "parameter-entities.xml", "one-line-dtd.xml"]


def quadratic_blowup() -> bytes:
    entity = "A" * 50_000
    return (f'<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "{entity}">]>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{"&a;" * 50_000}</title></feed>').encode()


def bomb(name: str) -> bytes:
    return quadratic_blowup() if name == "quadratic" else fixture_bytes("xml", name)


@pytest.mark.parametrize("name", [*BOMBS, "quadratic"])
def test_xml1_entity_bombs_are_refused_quickly(name):
    started = time.perf_counter()
    with pytest.raises(FormatError) as error:
        formats.parse(bomb(name))
    assert error.value.code == "xml_entities_forbidden"
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("fmt", ["auto", "rss", "newsml_g2"])
def test_xml1_bombs_are_refused_whatever_parser_is_asked_for(fmt):
    with pytest.raises(FormatError) as error:
        formats.parse(fixture_bytes("xml", "billion-laughs.xml"), fmt)
    assert error.value.code == "xml_entities_forbidden"


def test_xml1_bombs_stay_within_50_mb_of_address_space():
    """Each bomb parsed in a child process whose address space is capped at its size after imports + 50 MB."""
    script = f"""
import json, resource, sys
sys.path.insert(0, {str(FIXTURES.parents[3])!r})
from dateline.ingest import formats
from dateline.ingest.tests.formats.test_xmlsafe import bomb
size = int(next(l for l in open('/proc/self/status') if l.startswith('VmSize')).split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + 50 * 1024 * 1024, resource.RLIM_INFINITY))
codes = []
for name in {[*BOMBS, "quadratic"]!r}:
    try:
        formats.parse(bomb(name))
        codes.append("parsed")
    except formats.FormatError as exc:
        codes.append(exc.code)
print(json.dumps(codes))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["xml_entities_forbidden"] * 4


def documents(canary_url: str, canary_path: str) -> dict[str, bytes]:
    """XXE and DTD-fetch attempts in every XML entry point (XML-2, XML-3)."""
    ext = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{canary_path}"><!ENTITY net SYSTEM "{canary_url}/e">]>'
    param = f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{canary_url}/p.dtd"> %p;]>'
    dtd = f'<!DOCTYPE x SYSTEM "{canary_url}/external.dtd">'
    pi = f'<?xml-stylesheet type="text/xsl" href="{canary_url}/style.xsl"?>'
    xinclude = (f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{canary_path}" parse="text"/>'
                f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{canary_url}/inc" parse="text"/>')
    rss = '<rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>&xxe;&net;</title><description>d{inc}</description></item></channel></rss>'
    atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>g</id><title>&xxe;&net;</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">d{inc}</div></content></entry></feed>'
    g2 = (f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g" version="1"><catalogRef href="{canary_url}/catalog.xml"/>'
          '<itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>&xxe;&net;</headline></contentMeta>'
          '<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>d{inc}</p></body></html></inlineXML></contentSet></newsItem>')
    out = {}
    for fmt, body in (("rss", rss), ("atom", atom), ("newsml_g2", g2)):
        plain = body.replace("&xxe;&net;", "safe")
        out[f"{fmt}-entities"] = (ext + body.format(inc="")).encode()
        out[f"{fmt}-parameter-entity"] = (param + plain.format(inc="")).encode()
        out[f"{fmt}-external-dtd"] = (dtd + plain.format(inc="")).encode()
        out[f"{fmt}-stylesheet-pi"] = (pi + plain.format(inc="")).encode()
        out[f"{fmt}-xinclude"] = plain.format(inc=xinclude).encode()
    return out


CASES = sorted(documents("http://127.0.0.1:1", "/x"))


@pytest.mark.parametrize("case", CASES)
def test_xml2_xml3_nothing_is_resolved_or_fetched(case, canary_listener, canary_file):
    path, token = canary_file
    raw = documents(canary_listener.url, str(path))[case]
    try:
        document = formats.parse(raw)
    except FormatError as error:
        assert error.code == "xml_entities_forbidden", error.message
        assert "entit" in case
    else:
        assert "entit" not in case
        assert document.items
        assert token not in json.dumps([asdict(i) for i in document.items], default=str)
    time.sleep(0.05)  # let the listener thread account for any connection attempt
    assert canary_listener.connections == 0


def test_xml4_nesting_deeper_than_the_cap_is_refused():
    raw = b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g">' + b"<a>" * 400 + b"</a>" * 400 + b"</newsItem>"
    with pytest.raises(FormatError) as error:
        formats.parse(raw)
    assert error.value.code == "xml_too_deep"


def test_xml5_not_well_formed_reports_line_and_column():
    with pytest.raises(FormatError) as error:
        xmlsafe.parse_xml(b"<newsItem>\n<headline>open</newsItem>")
    assert error.value.code == "xml_malformed"
    assert "line 2" in error.value.message


def test_empty_documents_are_empty_not_malformed():
    for raw in (b"", b"   \n", b"\xef\xbb\xbf"):
        with pytest.raises(FormatError) as error:
            formats.parse(raw)
        assert error.value.code == "empty_document"


def test_too_large_documents_are_refused_before_parsing():
    with pytest.raises(FormatError) as error:
        formats.parse(b"<rss>" + b" " * (xmlsafe.MAX_DOCUMENT_BYTES + 1))
    assert error.value.code == "too_large"


def test_enc1_utf16_with_bom_decodes():
    [item] = formats.parse(fixture_bytes("xml", "utf16-bom-rss.xml")).items
    assert item.headline == "Café launch"


def test_enc1_the_bom_wins_over_the_declaration():
    [item] = formats.parse(fixture_bytes("xml", "bom-says-utf8-decl-says-latin1.xml")).items
    assert item.headline == "Café"


def test_enc1_the_declaration_is_honoured_without_a_bom():
    [item] = formats.parse(fixture_bytes("xml", "latin1-declared.xml")).items
    assert item.headline == "Café"


def test_enc1_the_http_charset_wins_over_the_declaration():
    raw = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>Café</title><guid>h</guid></item></channel></rss>'
    [item] = formats.parse(raw.encode("cp1252"), content_type="application/rss+xml; charset=windows-1252").items
    assert item.headline == "Café"


def test_enc1_invalid_utf8_falls_back_with_a_flag_and_overlong_never_becomes_a_slash():
    [item] = formats.parse(fixture_bytes("xml", "invalid-utf8.xml")).items
    assert "encoding_fallback" in item.warnings
    assert "/" not in item.headline
    assert item.headline.startswith("Caf")


def test_enc2_control_characters_are_stripped_and_flagged():
    [item] = formats.parse(fixture_bytes("xml", "controls.xml")).items
    assert item.headline == "NUL and ESC[31m red"
    assert item.body_text == "bell ok"
    assert "control_chars_stripped" in item.warnings
