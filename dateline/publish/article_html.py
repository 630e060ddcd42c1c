"""The article page's own parts (title, head tags, main, credits) written directly in Python.

Article pages are nearly all of a site and nearly all of a full export; rendering ``article.html``
through Django's template engine cost about 1 ms a page, several times the budget of a static site
generator (issue 6: a full export faster than Hugo). This module writes the same parts with plain
string building, escaping every value exactly as autoescaping does (``conditional_escape``) and
using the same filters and tags (``date``, ``truncatewords``, ``truncatechars``, ``body_html``,
``json_ld``). ``article.html`` stays the reference: tests render both for the same articles, hostile
text included, and require identical output, so a change to the template fails until it is made here.

Live views and the export both call :func:`parts`, so an exported article equals the live one.
"""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache

from django.template.defaultfilters import date, truncatechars, truncatewords
from django.utils.timezone import template_localtime

from dateline.publish.templatetags.body import render_body
from dateline.publish.templatetags.publish_tags import json_ld_text


def _e(value: object) -> str:
    """``conditional_escape`` (Django's escape is ``html.escape``), without its lazy-string wrapper.

    A page escapes about seventy values and most hold none of the five characters: a plain ``str``
    is tested for them first and returned as it is, the same string ``html.escape`` would give back."""
    if value.__class__ is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return html.escape(value)
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def words(text: str, n: int) -> str:
    """``text|truncatewords:n``, written out for plain text; Django's filter for safe text."""
    split = text.split()
    if len(split) <= n:
        return " ".join(split)
    if text.__class__ is not str:  # safe text stays safe through the filter: leave it to Django
        return truncatewords(text, n)
    # What Truncator.words(n, truncate=" …") does (django/utils/text.py, add_truncation_text)
    # without building a lazy Truncator for each of ~90,000 teasers of a site.
    kept = " ".join(split[:n])
    return kept if kept.endswith(" …") else f"{kept} …"


def chars(text: str, n: int) -> str:
    """``text|truncatechars:n``: a text of at most ``n`` characters (NFC) is returned as it is."""
    normal = unicodedata.normalize("NFC", text)
    return normal if len(normal) <= n else truncatechars(text, n)


def _date(value, fmt: str) -> str:
    if fmt == "c":  # Django's DateFormat.c() is isoformat()
        return _e(template_localtime(value).isoformat())
    return _e(date(template_localtime(value), fmt))


def _head(c: dict) -> str:
    story = c["story"]
    out = [f'<link rel="canonical" href="{_e(c["canonical_url"])}">\n']
    if story.summary:
        out.append(f'<meta name="description" content="{_e(chars(story.summary, 300))}">')
    out.append("\n")
    for attr, key, value in c["meta_tags"]:
        if value:
            out.append(f'<meta {"name" if attr == "name" else "property"}="{_e(key)}" content="{_e(value)}">\n')
    out.append(json_ld_text(c["json_ld"]))
    return "".join(out)


def _header(c: dict) -> str:
    story, article, section = c["story"], c["article"], c["section"]
    out = [f'\n<article class="story">\n  <header>\n'
           f'    <p class="section-label"><a href="/{_e(section.slug)}/">{_e(section.title)}</a></p>\n'
           f'    <h1>{_e(story.headline)}</h1>\n    ']
    if story.subheadline:
        out.append(f'<p class="subheadline">{_e(story.subheadline)}</p>')
    out.append("\n    ")
    if story.byline:
        out.append(f'<p class="byline">{_e(story.byline)}</p>')
    out.append(f'\n    <p class="dateline"><time datetime="{_date(article.published_at, "c")}">{_e(c["dateline"])}'
               f'</time></p>\n    ')
    if article.updated_at:
        out.append(f'<p class="updated">Updated <time datetime="{_date(article.updated_at, "c")}">'
                   f'{_date(article.updated_at, "M j, Y H:i")} UTC</time></p>')
    out.append("\n  </header>\n  ")
    if story.correction_note:
        out.append(f'<aside class="correction" aria-label="Correction"><strong>Correction:</strong> '
                   f'{_e(story.correction_note)}</aside>')
    out.append(f'\n  <div class="body">{render_body(story.body_html)}</div>\n  <footer>\n'
               f'    <h2 class="share-title">Share this article</h2>\n    <ul class="share">')
    for name, url in c["share_links"]:
        out.append(f'<li><a href="{_e(url)}" rel="nofollow noopener noreferrer">{_e(name)}</a></li>')
    out.append("</ul>\n  </footer>\n</article>\n")
    return "".join(out)


def _related(c: dict) -> str:
    section = c["section"]
    out = ['\n<section class="related-links box" aria-labelledby="rl"><h2 id="rl">Related Links</h2>\n<ul>']
    for link in c["related_links"]:
        out.append(f'<li><a href="{_e(link.url)}">{_e(link.text)}</a></li>')
    if not c["related_links"]:
        out.append(f'<li><a href="/{_e(section.slug)}/">More {_e(section.title)}</a></li>')
    out.append('</ul></section>\n<section class="related-content" aria-labelledby="rc"><h2 id="rc">Related Content</h2>\n')
    for r in c["related"]:
        out.append(_teaser(r.absolute_url, r.story.headline, r.story.summary or r.story.body_text))
    if not c["related"]:
        out.append("<p>No related stories yet.</p>")
    out.append("\n</section>\n")
    return "".join(out)


@lru_cache(maxsize=8192)
def _teaser(url: str, headline: str, text: str) -> str:
    """One Related Content teaser. A site's articles share related stories: each teaser is written
    once per process (the values are its key; a changed headline or summary is a new teaser)."""
    url, headline = _e(url), _e(headline)
    return (f'<article class="teaser"><h3><a href="{url}">{headline}</a></h3>\n'
            f'<p>{_e(words(text, 40))} <a href="{url}" aria-label="read more: {headline}">read more</a></p>'
            f'</article>\n')


def parts(context: dict, *, newsletter_form: str) -> dict[str, str]:
    """``article.html``'s parts for ``context`` (the article view's context on top of the frame's);
    ``newsletter_form`` is ``_newsletter_form.html`` as the frame rendered it for this page."""
    return {
        "title": f'{_e(context["story"].headline)} - {_e(context["site"].name)}',
        "head": _head(context),
        "main": _header(context) + newsletter_form + _related(context),
        "credits": "".join(f'<p class="credit">{_e(a.copyright)}</p>' for a in context["credits"]),
    }
