"""One story: wire copy, cluster side by side, placements, editing with an optimistic lock, state changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from dateline.desk import editorial, permissions, selectors
from dateline.desk.forms import EditForm, MoveForm, ReasonForm, ScheduleForm
from dateline.desk.models import Story
from dateline.desk.views.common import back, refused


def _story(request: HttpRequest, pk: int, *, edit: bool = False) -> Story:
    story = selectors.story_get(pk=pk)
    if story is None or not permissions.may_view_story(request.user, story):
        # Another site's story is as invisible as a missing one (no IDOR probing, WEB-3).
        raise Http404("No such story")
    if edit and not permissions.may_edit_story(request.user, story):
        raise PermissionDenied("This story is also placed on sites you do not edit.")
    return story


def _initial(story: Story) -> dict:
    return {"revision": story.revision, "headline": story.headline, "byline": story.byline,
            "dateline_text": story.dateline_text, "body_html": story.body_html,
            "correction_note": story.correction_note}


def _page(request: HttpRequest, story: Story, *, edit_form: EditForm | None = None, conflict: str = "",
          status: int = 200) -> HttpResponse:
    allowed = permissions.site_ids(request.user)
    placements = selectors.story_placements(story=story)
    for p in placements:
        p.actionable = permissions.may_act_on_site(request.user, p.site_id)
    return render(request, "desk/story.html", {
        "story": story, "members": selectors.story_members(story=story), "placements": placements,
        "audit": selectors.story_audit(story=story), "may_edit": permissions.may_edit_story(request.user, story),
        "edit_form": edit_form or EditForm(initial=_initial(story)), "conflict": conflict,
        "move_form": MoveForm(sections=selectors.sections_for(site_ids=allowed),
                              initial={"section": placements[0].section_id if placements else None}),
        "reason_form": ReasonForm(), "schedule_form": ScheduleForm(initial={"embargo_until": story.embargo_until}),
        "here": request.get_full_path(),
    }, status=status)


@require_safe
@permissions.desk_view()
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _story(request, pk))


@require_POST
@permissions.desk_view()
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    story = _story(request, pk, edit=True)
    form = EditForm(request.POST)
    if not form.is_valid():
        return _page(request, story, edit_form=form, status=400)
    data = form.cleaned_data
    edit = editorial.CopyEdit(headline=data["headline"], byline=data["byline"], dateline_text=data["dateline_text"],
                              body_html=data["body_html"], correction_note=data["correction_note"])
    try:
        editorial.story_edit(story=story, actor=request.user, revision=data["revision"], edit=edit)
    except editorial.StaleRevision as exc:
        # Keep the editor's text in the form so nothing typed is lost; nothing is written (409 Conflict).
        return _page(request, selectors.story_get(pk=pk), edit_form=form, conflict=str(exc), status=409)
    except editorial.EditorialError as exc:
        return refused(request, str(exc), reverse("desk:story", args=[pk]))
    messages.success(request, "Saved.")
    return HttpResponseRedirect(reverse("desk:story", args=[pk]))


@require_POST
@permissions.desk_view()
def story_state(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    story = _story(request, pk, edit=True)
    here = reverse("desk:story", args=[pk])
    try:
        if action == "reject":
            editorial.story_reject(story=story, actor=request.user)
        elif action in ("kill", "unpublish"):
            form = ReasonForm(request.POST)
            if not form.is_valid():
                return refused(request, "Give a reason; readers and the audit log see it.", here)
            service = editorial.story_kill if action == "kill" else editorial.story_unpublish
            service(story=story, actor=request.user, reason=form.cleaned_data["reason"])
        elif action == "schedule":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                return refused(request, "Enter the time as YYYY-MM-DD HH:MM (UTC).", here)
            editorial.story_schedule(story=story, actor=request.user, embargo_until=form.cleaned_data["embargo_until"])
        else:
            raise Http404("No such action")
    except editorial.EditorialError as exc:
        return refused(request, str(exc), here)
    messages.success(request, {"reject": "Rejected.", "kill": "Killed: every page now answers 410 Gone.",
                               "unpublish": "Unpublished from every site.", "schedule": "Schedule saved."}[action])
    return back(request, here)
