"""Audit log, sources health, editors list, and the desk's own script and style sheet."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from dateline.desk import editorial, permissions, selectors
from dateline.network.models import Source

# Served by Dateline itself so the desk works under `dateline serve` without a static-files step
# (the style sheet is inlined: CSP allows inline styles, never inline scripts).
# An explicit literal: nothing else under static/ can be fetched through this view.
ASSETS = {"desk.js": "text/javascript; charset=utf-8"}
_ASSET_DIR = Path(__file__).resolve().parent.parent / "static" / "desk"
CHART_HEIGHT = 40


@require_safe
@permissions.desk_view()
def audit(request: HttpRequest) -> HttpResponse:
    try:
        page = max(1, min(int(request.GET.get("page", "1")), selectors.MAX_PAGE))
    except ValueError:
        page = 1
    actor, action = request.GET.get("actor", "")[:150], request.GET.get("action", "")[:40]
    rows, more = selectors.audit_page(site_ids=permissions.site_ids(request.user), actor=actor, action=action,
                                      page=page)
    return render(request, "desk/audit.html", {"rows": rows, "more": more, "page": page, "actor": actor,
                                               "action": action})


@require_safe
@permissions.desk_view()
def sources(request: HttpRequest) -> HttpResponse:
    rows = selectors.sources_overview()
    for row in rows:
        peak = max(row.peak, 1)
        # Inline SVG bars computed here: no third-party chart script, CSP-friendly.
        row.bars = [(i * 8, CHART_HEIGHT - round(n / peak * CHART_HEIGHT), round(n / peak * CHART_HEIGHT), day, n)
                    for i, (day, n) in enumerate(row.per_day)]
    return render(request, "desk/sources.html", {"rows": rows, "chart_height": CHART_HEIGHT,
                                                 "chart_width": 8 * 14})


@require_POST
@permissions.desk_view(chief=True)
def source_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    source = Source.objects.filter(slug=slug).first()
    if source is None:
        raise Http404("No such source")
    enabled = request.POST.get("enabled") == "1"
    editorial.source_set_enabled(source=source, enabled=enabled, actor=request.user)
    messages.success(request, f"{source.name}: {'resumed' if enabled else 'paused'}.")
    return HttpResponseRedirect(reverse("desk:sources"))


@require_safe
@permissions.desk_view(chief=True)
def editors(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/editors.html", {"editors": selectors.editors()})


@require_safe
def asset(request: HttpRequest, name: str) -> HttpResponse:
    if name not in ASSETS:
        raise Http404("No such asset")
    response = HttpResponse((_ASSET_DIR / name).read_bytes(), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=300"
    return response
