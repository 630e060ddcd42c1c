"""Story body HTML for pages: sanitised again at render time, remote media turned into plain links.

Bodies were sanitised at ingest (nh3), but a page must not trust the database either: the one place
where stored HTML becomes markup is :func:`body_html`, which cleans it again *last* (THREATS HTML-1,
HTML-4) and replaces every image or media element pointing at a third-party host with a link, so a
page sends no request to another host before the reader chooses (THREATS HTML-7, GDPR-1).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import nh3

from dateline.ingest import sanitize

# The ingest stage's one allowlist (THREATS HTML-1…3). Relative URLs pass here: after ingest the only
# ones left are our own re-hosted media (/media/wire/…), which ingest resolved or put there itself.
_CLEANER = nh3.Cleaner(
    tags=set(sanitize.TAGS), clean_content_tags=set(sanitize.DROP_WITH_CONTENT),
    attributes={k: set(v) for k, v in sanitize.ATTRIBUTES.items()}, url_schemes=set(sanitize.URL_SCHEMES),
    link_rel=sanitize.LINK_REL, strip_comments=True,
)


def _clean(html: str) -> str:
    return _CLEANER.clean(html)


def is_local(url: str) -> bool:
    """A path on our own host (media re-hosted at ingest); ``//host`` is scheme-relative, hence remote."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


class _RemoteMedia(HTMLParser):
    """Re-serialise clean HTML, turning ``<img src=remote>`` into a link the reader may follow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "img" and not is_local(values.get("src", "")):
            label = values.get("alt") or "image"
            src = values.get("src", "")
            if src:
                self.out.append(f'<a href="{escape(src)}">[External {escape(label)}]</a>')
            return
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def render_body(html: str | None) -> str:
    """Clean, strip remote media, clean again: the result is a fixed point of ``_clean`` (HTML-4)."""
    if not html:
        return ""
    cleaned = _clean(html)
    if "<img" not in cleaned:
        if cleaned == html:  # clean already: cleaning it again is _clean(html), which is ``cleaned``
            return cleaned
        return _clean(cleaned)  # no media to rewrite: the parser's pass would give back what it read
    parser = _RemoteMedia()
    parser.feed(cleaned)
    parser.close()
    return _clean("".join(parser.out))
