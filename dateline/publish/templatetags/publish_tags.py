"""Template tags of the public pages.

``body_html`` is the only place a template marks stored HTML safe (THREATS HTML-5): every other field
is plain text and goes through Django's autoescaping.
"""

from __future__ import annotations

import json

from django import template
from django.utils.safestring import SafeString, mark_safe

from dateline.publish.templatetags.body import render_body

register = template.Library()

# JSON inside <script> must not be able to close the element (json_script's escapes).
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # json.dumps's, built once
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def body_html(html: str | None) -> SafeString:
    return mark_safe(render_body(html))  # noqa: S308 - cleaned by nh3 just above, last step (HTML-4)


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """A schema.org block: a data block, not a script, so CSP script-src 'self' is untouched."""
    return mark_safe(json_ld_text(data))  # noqa: S308 - the payload cannot close the element (_JSON_ESCAPES)


def json_ld_text(data: dict) -> str:
    """``json_ld``'s markup as a plain string, for the article page's Python writer."""
    payload = _JSON.encode(data).translate(_JSON_ESCAPES)
    return f'<script type="application/ld+json">{payload}</script>'
