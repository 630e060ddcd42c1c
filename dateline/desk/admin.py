from django import forms
from django.contrib import admin

from dateline.desk import models
from dateline.desk.routing import rules


class StoryItemInline(admin.TabularInline):
    model = models.StoryItem
    fields = ["item", "role", "similarity", "added_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(models.Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["headline", "state", "agency", "info_value", "published_at"]
    list_filter = ["state"]
    search_fields = ["headline"]
    raw_id_fields = ["lead_item"]
    inlines = [StoryItemInline]


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = models.RoutingRule
        fields = ["section", "pattern", "effect", "enabled"]

    def clean_pattern(self) -> str:
        pattern = self.cleaned_data["pattern"]
        try:
            rules.validate(pattern)  # ROUTE-1: RE2 only, no backtracking features
        except rules.RuleError as exc:
            raise forms.ValidationError(str(exc))
        return pattern


@admin.register(models.RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    form = RoutingRuleForm
    list_display = ["pattern", "effect", "section", "enabled"]
    list_filter = ["effect", "enabled"]


admin.site.register([models.Placement, models.AuditLog])
