"""Validation at the edge of the desk: every POST and filter goes through one of these forms."""

from __future__ import annotations

from datetime import UTC

from django import forms

from dateline.desk.models import Story
from dateline.desk.selectors import MAX_PAGE, MAX_QUERY


class LoginForm(forms.Form):
    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username",
                                                                            "autofocus": True}))
    password = forms.CharField(max_length=4096, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class InboxFilterForm(forms.Form):
    STATES = [(Story.State.REVIEW, "Waiting for review"), (Story.State.WITHHELD, "Withheld (embargo)"),
              (Story.State.PUBLISHED, "Published"), (Story.State.REJECTED, "Rejected"),
              (Story.State.DROPPED, "Dropped by routing"), (Story.State.KILLED, "Killed")]

    q = forms.CharField(label="Search", required=False, max_length=MAX_QUERY,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "headline, byline…"}))
    state = forms.ChoiceField(choices=STATES, required=False)
    site = forms.ChoiceField(required=False)
    section = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)

    def __init__(self, *args, sites, sections, sources, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [("", "All sites")] + [(s.slug, s.name) for s in sites]
        self.fields["section"].choices = [("", "All sections")] + [(s.pk, f"{s.site.name} › {s.title}")
                                                                   for s in sections]
        self.fields["source"].choices = [("", "All sources")] + [(s.slug, s.name) for s in sources]


class MoveForm(forms.Form):
    section = forms.TypedChoiceField(coerce=int, label="Section")

    def __init__(self, *args, sections, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.pk, f"{s.site.name} › {s.title}") for s in sections]


class EditForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    headline = forms.CharField(max_length=500)
    byline = forms.CharField(max_length=300, required=False)
    dateline_text = forms.CharField(label="Dateline", max_length=300, required=False,
                                    help_text="e.g. PARIS, July 3 (AFP)")
    body_html = forms.CharField(label="Body (HTML)", max_length=200_000, required=False,
                                widget=forms.Textarea(attrs={"rows": 16}),
                                help_text="Sanitised on save: paragraphs, emphasis, lists, quotes and links.")
    correction_note = forms.CharField(label="Correction note", max_length=2000, required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text="Shown to readers under the story when set.")


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=1000, widget=forms.TextInput(attrs={"size": 40}))


class ScheduleForm(forms.Form):
    embargo_until = forms.DateTimeField(
        label="Publish not before (UTC)", required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text="Leave empty to release the story now.")

    def clean_embargo_until(self):
        value = self.cleaned_data["embargo_until"]
        # The desk works in UTC: the form says so, and the value is taken as UTC whatever the browser's zone.
        return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value and value.astimezone(UTC)


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "Accept best suggestion"), ("reject", "Reject")])
    story = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = self.data.getlist("story") if hasattr(self.data, "getlist") else []
        # Any number may arrive; only whole numbers, and at most one page of the inbox (WEB-8).
        self.fields["story"].choices = [(i, i) for i in ids[:100] if str(i).isdigit()]
