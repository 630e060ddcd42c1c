"""Page assembly: a site's frame rendered once, each page rendering only its own parts into its slots.

Everything around a page's content is the same on every page of a site for one consent variant: the
masthead and section nav, the aside (newsletter call to action, ad slots, sister-site boxes), the
footer except its credits, and the consent banner. :func:`shell` renders ``publish/_shell.html``
(``base.html`` with its per-page blocks replaced by slot markers) once per site, page generation
(:func:`dateline.publish.cache.generation`, bumped by every publish, update and kill), consent
variant and place of the newsletter form, and keeps it in this process. A page renders only its parts
through ``publish/_parts.html`` (title, head tags, main, credits); the page's path, which the forms
carry (``next``, ``source_page``), fills the last slot.

Live views and the static export both build pages here, so an exported page equals the live one by
construction; the tests also check that an assembled page equals a full render of ``base.html``.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import get_template

from dateline.network.models import NewsletterConfig, Site
from dateline.network.selectors import network_get
from dateline.publish import ads, article_html, boxes, consent, list_html
from dateline.publish.cache import PAGE_TTL, generation

PARTS_TEMPLATE = "publish/_parts.html"
SHELL_TEMPLATE = "publish/_shell.html"
PART_SEPARATOR = "<!--dl:slot-->"  # cannot occur in a part: text is escaped, bodies are comment-free (nh3)
SLOTS = ("title", "head", "main", "credits")
PATH_SLOT = "dl-page-path-slot"  # survives autoescaping unchanged; replaced by the escaped path
NEWSLETTER_FORM = "publish/_newsletter_form.html"
# Templates whose parts a Python function writes (the same output, checked by tests): article pages
# are nearly every page, and the template engine alone took several times a static generator's budget.
WRITERS = {"publish/article.html": article_html.parts, "publish/archive.html": list_html.archive_parts}
_SLOT_RE = re.compile(r"<!--dl:(title|head|main|credits)-->|(dl-page-path-slot)")
# Shells kept per process: a dozen sites × a few consent variants × two layouts, with room to spare.
_MAX_SHELLS = 256


@dataclass(frozen=True)
class Shell:
    """A site's rendered frame: literal text at even indexes, slot names at odd ones."""

    segments: tuple[str, ...]
    context: dict  # the frame's values a page's parts may use too (site, network, lists, consent)
    ad_slots: tuple
    newsletter_form: str  # ``_newsletter_form.html`` with the path slot, for pages that show it in main

    def fill(self, parts: dict[str, str], path: str) -> str:
        values = {**parts, "path": html.escape(path)}  # Django's escape, without its lazy wrapper
        return "".join(values[s] if i % 2 else s for i, s in enumerate(self.segments))


def newsletter_lists(site: Site | None) -> list[dict]:
    """Lists offered by the call to action: only the current site's own list is ticked (GDPR-2)."""
    lists = (NewsletterConfig.objects.filter(enabled=True).select_related("site")
             .order_by("site__position", "site__slug"))
    return [{"slug": n.site.slug, "name": n.name or n.site.name, "checked": site is not None and n.site_id == site.pk}
            for n in lists]


def frame_context(*, site: Site | None, choice: consent.Choice | None) -> dict:
    """What every page of ``site`` shows around its content, for a reader who chose ``choice``."""
    return {
        "site": site, "network": network_get(),
        "consent_choice": choice, "ask_consent": choice is None, "purposes": consent.PURPOSES,
        "ad_slots": ads.slots(site.ads if site else {}, ads_allowed=bool(choice and choice.allows("ads"))),
        "newsletter_lists": newsletter_lists(site),
    }


def _variant(choice: consent.Choice | None) -> str:
    return "ask" if choice is None else "+".join(sorted(choice.purposes)) or "none"


def _split(html: str) -> tuple[str, ...]:
    segments, position = [], 0
    for match in _SLOT_RE.finditer(html):
        segments += [html[position:match.start()], match.group(1) or "path"]
        position = match.end()
    segments.append(html[position:])
    return tuple(segments)


_shells: OrderedDict[tuple, tuple[float, Shell]] = OrderedDict()
# gunicorn runs several threads per process: the lookup-and-reorder and the insert-and-evict must not
# interleave (another thread's eviction between get and move_to_end would raise KeyError).
_shells_lock = threading.Lock()


def shell(*, site: Site | None, choice: consent.Choice | None, newsletter_in_main: bool = False) -> Shell:
    """The frame of ``site``'s pages, rendered at most once per generation (and per PAGE_TTL, as the
    page cache, for changes no publish announces, such as a network reload)."""
    key = (site.pk if site else 0, generation(site.pk if site else 0), _variant(choice), newsletter_in_main,
           settings.DATELINE_PUBLIC_SCHEME, getattr(settings, "DATELINE_PUBLIC_PORT", None))
    now = time.monotonic()
    with _shells_lock:
        entry = _shells.get(key)
        if entry is not None and now - entry[0] < PAGE_TTL:
            _shells.move_to_end(key)
            return entry[1]
    context = frame_context(site=site, choice=choice)
    html = get_template(SHELL_TEMPLATE).render({
        **context, "newsletter_in_main": newsletter_in_main, "page_path": PATH_SLOT,
        "sister_boxes": boxes.for_site(site) if site else [],
    })
    form = get_template(NEWSLETTER_FORM).render({**context, "page_path": PATH_SLOT, "compact": False})
    built = Shell(segments=_split(html), context=context, ad_slots=tuple(context["ad_slots"]), newsletter_form=form)
    with _shells_lock:
        _shells[key] = (now, built)
        while len(_shells) > _MAX_SHELLS:
            _shells.popitem(last=False)
    return built


def clear_shells() -> None:
    """Forget every frame kept in this process (tests: ids repeat after a rollback)."""
    with _shells_lock:
        _shells.clear()


def parts(template: str, context: dict) -> dict[str, str]:
    """A page template's own parts, rendered through ``_parts.html`` instead of ``base.html`` (or by
    its Python writer, see ``WRITERS``)."""
    writer = WRITERS.get(template)
    if writer is not None:
        form = context["frame"].newsletter_form.replace(PATH_SLOT, html.escape(context["page_path"]))
        return writer(context, newsletter_form=form)
    rendered = get_template(template).render({**context, "layout": PARTS_TEMPLATE}).split(PART_SEPARATOR)
    if len(rendered) != len(SLOTS):
        raise ValueError(f"{template}: expected {len(SLOTS)} parts, got {len(rendered)}")
    return dict(zip(SLOTS, rendered, strict=True))


def page(frame: Shell, template: str, context: dict, *, path: str) -> str:
    """A whole page: ``frame`` with ``template``'s parts (``context`` on top of the frame's values)."""
    full = {**frame.context, "page_path": path, "frame": frame, **context}
    return frame.fill(parts(template, full), path)
