"""The day archive's own parts (``archive.html`` with ``_list.html``) written directly in Python.

A site has a day archive for every day it published on (about 8,800 pages for 100,000 articles over
two years on a dozen sites): through the template engine each took longer than a dozen article pages.
As with :mod:`dateline.publish.article_html`, the templates stay the reference and tests require the
same output from both; live views and the export both use this writer.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.template.defaultfilters import date
from django.utils.timezone import get_current_timezone, is_aware
from django.utils.translation import get_language

from dateline.publish.article_html import _e, words


def _day(value, fmt: str) -> str:
    """``value|date:fmt``: the same few days repeat on every page of an archive."""
    return _formatted(value, fmt, get_language())


@lru_cache(maxsize=4096)
def _formatted(value, fmt: str, language: str | None) -> str:
    return _e(date(value, fmt))  # month names follow the active language: it is part of the key


def teasers(articles) -> str:
    """``_list.html``."""
    out = []
    zone = get_current_timezone() if settings.USE_TZ else None
    for a in articles:
        url, story = _e(a.get_absolute_url()), a.story
        # template_localtime, with the zone looked up once per page
        published = a.published_at.astimezone(zone) if zone and is_aware(a.published_at) else a.published_at
        out.append(f'<article class="teaser"><h2><a href="{url}">{_e(story.headline)}</a></h2>\n'
                   f'<p class="meta">{_e(a.section.title)} · <time datetime="{_e(published.isoformat())}">'
                   f'{_day(published.date(), "M j, Y")}</time></p>\n'
                   f'<p>{_e(words(story.summary or story.body_text, 30))} <a href="{url}">read more</a></p>'
                   f'</article>\n')
    if not out:
        out.append("<p>No stories yet.</p>")
    out.append("\n")
    return "".join(out)


def archive_parts(context: dict, *, newsletter_form: str) -> dict[str, str]:
    """``archive.html``'s parts: the newsletter form is in the frame's aside on this page."""
    day = context["day"]
    title = _day(day, "F j, Y")
    return {
        "title": f'{title} - {_e(context["site"].name)}',
        "head": "",
        "main": f'\n<h1>Stories of <time datetime="{_day(day, "Y-m-d")}">{title}</time></h1>\n'
                f'{teasers(context["articles"])}\n',
        "credits": "".join(f'<p class="credit">{_e(a.copyright)}</p>' for a in context["credits"]),
    }
