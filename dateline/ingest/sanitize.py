"""The one HTML sanitiser for wire bodies (HTML-1…4): an nh3 allowlist, applied LAST.

Allowed: formatting, headings, lists, quotes, tables, links (http, https, mailto only; every link gets
``rel="nofollow ugc noopener noreferrer"``) and images. Never: ``style`` (HTML-2: no CSS at all, so no
``expression()``, ``url()`` or overlays), inline SVG/MathML (HTML-3), scripts, frames, forms, ``<base>``,
meta refresh, object/embed (HTML-1). Content of script-like elements is dropped, not shown as text.

Sanitising runs after every other HTML step (dateline stripping, URL rewriting), because re-parsing the
output of another HTML transformation is where mutation XSS lives (HTML-4); its output is a fixed point:
``clean(clean(x)) == clean(x)``.
"""

from __future__ import annotations

import functools
import re

import nh3

from dateline.core.text import clean_text

TAGS: frozenset[str] = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
# Elements whose text is code or chrome, never story text: removed with their content.
DROP_WITH_CONTENT: frozenset[str] = frozenset({
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "form", "select",
    "textarea", "button", "frame", "frameset", "noembed", "noframes", "applet", "title", "head", "meta",
    "link", "base", "xmp", "plaintext", "video", "audio", "canvas",
})
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
    "*": {"lang", "dir"},
}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener noreferrer"
# A body above this is cut before sanitising: no wire story is 2 MB of HTML, and nh3 is linear anyway.
MAX_HTML_CHARS = 2_000_000


# XML-4: html5ever (inside nh3) slows down quadratically on very deep nesting (20,000 levels ~0.7 s,
# 100,000 ~30 s). Nothing a person writes nests 256 elements deep, so deeper markup is flattened to text.
MAX_DEPTH = 256
# Elements HTML closes implicitly or that never hold children: they do not deepen the tree.
_FLAT = frozenset({"p", "li", "td", "th", "tr", "dt", "dd", "option", "br", "img", "hr", "input", "meta",
                   "link", "wbr", "area", "base", "col", "embed", "source", "track", "param"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")


def too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """True when elements nest deeper than ``limit`` (a linear scan; unknown closing tags are ignored)."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in _FLAT or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > limit:
                return True
    return False


def flatten(html: str) -> str:
    """Markup too deep to parse safely → its text, one paragraph per block of text."""
    import html as htmllib

    html = re.sub(r"<[^>]*$", "", html)  # a tag cut off by the length cap
    text = htmllib.unescape(_TAG.sub(" ", html))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "".join(f"<p>{htmllib.escape(line, quote=False)}</p>" for line in lines if line)


@functools.lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return _make(None)


def _make(base: str | None) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
        # Relative links need the item's own URL to mean anything; without one they are dropped.
        url_relative=("rewrite_with_base", base) if base else "deny",
    )


def sanitize_html(html: str, *, base_url: str | None = None) -> str:
    """Allowlisted HTML; ``base_url`` (an http/https item link) resolves relative links and images."""
    if not html:
        return ""
    html = clean_text(html)[:MAX_HTML_CHARS]
    if too_deep(html):
        html = flatten(html)
    if base_url and base_url.lower().startswith(("http://", "https://")):
        cleaner = _make(base_url)
    else:
        cleaner = _cleaner()
    out = cleaner.clean(html).strip()
    # Misnested markup (an <a> reopened inside an <a> through a <table>) is repaired one way by the
    # first parse and another way by a re-parse of the output. Iterate to a fixed point so what we
    # store re-parses to itself (HTML-4, mutation XSS); two extra passes settle every case seen.
    for _ in range(3):
        again = cleaner.clean(out).strip()
        if again == out:
            break
        out = again
    return out
