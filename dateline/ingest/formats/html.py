"""A single HTML article page → one item, through trafilatura (title, author, date, main text).

Nothing is fetched (HTML-8): ``<base>``, meta refresh, ``og:image``, canonical and feed-discovery links are
read as strings at most; trafilatura works on the bytes given and Dateline never hands it a URL to
download. The page URL, when known, only resolves relative links. Decoding is ours (ENC-1: BOM > HTTP
charset > ``<meta charset>`` > UTF-8 > detection), so the same bytes always give the same text.
"""

from __future__ import annotations

import hashlib
import re

from dateline.ingest.formats.base import FormatError, Image, ParsedDocument, ParsedItem
from dateline.ingest.formats.dates import parse_date
from dateline.ingest.xmlsafe import MAX_DOCUMENT_BYTES, decode_bytes

# A page with no title and less text than this is navigation or an error page, not an article.
MIN_UNTITLED_TEXT = 200
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_CANONICAL = re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*>", re.I)
_HREF = re.compile(r"href=[\"']([^\"'<>]{1,1000})[\"']", re.I)


def parse(raw: bytes, *, content_type: str | None = None, url: str | None = None) -> ParsedDocument:
    import trafilatura

    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FormatError("too_large", f"document is {len(raw)} bytes, over {MAX_DOCUMENT_BYTES}")
    meta = _META_CHARSET.search(raw[:4096])
    decoded = decode_bytes(raw, content_type, declared=_codec(meta.group(1)) if meta else None)
    warnings = list(decoded.warnings)
    page = trafilatura.bare_extraction(
        decoded.text, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, favor_precision=True,
    )
    if page is None or not (page.text or "").strip() or (not page.title and len(page.text) < MIN_UNTITLED_TEXT):
        raise FormatError("not_an_article", "no article text found in this HTML page")
    link = url or page.url or _canonical(decoded.text)
    # trafilatura puts one paragraph per line; a leading copy of the title is not story text.
    lines = [line.strip() for line in (page.text or "").splitlines() if line.strip()]
    if lines and page.title and lines[0].casefold() == page.title.strip().casefold():
        lines = lines[1:]
    published = parse_date(page.date, warnings) if page.date else None
    item = ParsedItem(
        guid=link or "sha256:" + hashlib.sha256(raw).hexdigest(),
        headline=page.title or "",
        link=link if link.lower().startswith(("http://", "https://")) else "",
        byline=page.author or "",
        published=published,
        language=page.language or "",
        body_text="\n\n".join(lines),
        summary=page.description or "",
        keywords=[t for t in (page.tags or []) if isinstance(t, str)],
        subjects=[c for c in (page.categories or []) if isinstance(c, str)],
        images=[Image(url=page.image)] if page.image else [],
        warnings=warnings,
    )
    return ParsedDocument(format="html", items=[item], title=page.sitename or "", link=item.link,
                          language=item.language, warnings=warnings)


def _codec(name: bytes) -> str | None:
    import codecs

    try:
        return codecs.lookup(name.decode("ascii", "replace")).name
    except LookupError:
        return None


def _canonical(text: str) -> str:
    tag = _CANONICAL.search(text[:200_000])
    href = _HREF.search(tag.group(0)) if tag else None
    return href.group(1).strip() if href else ""
