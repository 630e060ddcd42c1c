"""The inbox: stories waiting for a decision, by information value, with one-key actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from dateline.desk import editorial, permissions, selectors
from dateline.desk.forms import BulkForm, InboxFilterForm, MoveForm
from dateline.desk.models import Placement, Story
from dateline.desk.views.common import back, refused
from dateline.network.models import Source


@require_safe
@permissions.desk_view()
def inbox(request: HttpRequest) -> HttpResponse:
    allowed = permissions.site_ids(request.user)
    sections = selectors.sections_for(site_ids=allowed)
    form = InboxFilterForm(request.GET or None, sites=selectors.sites_for(site_ids=allowed), sections=sections,
                           sources=list(Source.objects.order_by("slug")))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    flt = selectors.InboxFilter(site=data.get("site") or "", section=data.get("section"),
                                source=data.get("source") or "", state=data.get("state") or Story.State.REVIEW,
                                q=data.get("q") or "", page=data.get("page") or 1)
    stories, more = selectors.inbox(site_ids=allowed, flt=flt)
    for story in stories:
        story.actionable = [p for p in story.placements.all()
                            if p.state == Placement.State.SUGGESTED and permissions.may_act_on_site(request.user, p.site_id)]
        story.may_edit = allowed is None or permissions.may_edit_story(request.user, story)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "desk/inbox.html", {
        "form": form, "stories": stories, "more": more, "flt": flt, "sections": sections,
        "counts": selectors.inbox_counts(site_ids=allowed), "query": query.urlencode(),
        "here": request.get_full_path(), "page_size": selectors.PAGE_SIZE,
    })


def _placement(request: HttpRequest, pk: int) -> Placement:
    placement = Placement.objects.select_related("story", "site", "section").filter(pk=pk).first()
    if placement is None or not permissions.may_view_story(request.user, placement.story):
        raise Http404("No such placement")
    if not permissions.may_act_on_site(request.user, placement.site_id):
        raise PermissionDenied("You may not act on this site.")
    return placement


@require_POST
@permissions.desk_view()
def placement_accept(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement(request, pk)
    try:
        editorial.placement_accept(placement=placement, actor=request.user)
    except editorial.EditorialError as exc:
        return refused(request, str(exc))
    messages.success(request, f"Published “{placement.story.headline}” in {placement.site.name} › "
                              f"{placement.section.title}.")
    return back(request)


@require_POST
@permissions.desk_view()
def placement_reject(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement(request, pk)
    editorial.placement_reject(placement=placement, actor=request.user)
    messages.success(request, f"Not in {placement.site.name} › {placement.section.title}: "
                              f"“{placement.story.headline}”.")
    return back(request)


@require_POST
@permissions.desk_view()
def placement_move(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _placement(request, pk)
    sections = selectors.sections_for(site_ids=permissions.site_ids(request.user))
    form = MoveForm(request.POST, sections=sections)
    if not form.is_valid():
        return refused(request, "Choose one of your sections.")
    section = next(s for s in sections if s.pk == form.cleaned_data["section"])
    try:
        editorial.placement_move(placement=placement, section=section, actor=request.user)
    except editorial.EditorialError as exc:
        return refused(request, str(exc))
    messages.success(request, f"Published “{placement.story.headline}” in {section.site.name} › {section.title}.")
    return back(request)


@require_POST
@permissions.desk_view()
def bulk(request: HttpRequest) -> HttpResponse:
    form = BulkForm(request.POST)
    if not form.is_valid():
        return refused(request, "Select stories with x (or their boxes) and choose an action.")
    allowed = permissions.site_ids(request.user)
    stories = list(Story.objects.filter(pk__in=form.cleaned_data["story"]))
    if not all(permissions.may_view_story(request.user, s) for s in stories):
        raise PermissionDenied("One of the selected stories is not on your sites.")
    if form.cleaned_data["action"] == "reject" and not all(permissions.may_edit_story(request.user, s)
                                                           for s in stories):
        raise PermissionDenied("One of the selected stories is also suggested for sites you do not edit.")
    problems = editorial.stories_bulk(stories=stories, action=form.cleaned_data["action"], actor=request.user,
                                      site_ids=allowed)
    done = len(stories) - len(problems)
    messages.success(request, f"{form.cleaned_data['action'].capitalize()}ed {done} of {len(stories)} stories.")
    for problem in problems:
        messages.error(request, problem)
    return back(request)
