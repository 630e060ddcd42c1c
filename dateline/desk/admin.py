from django.contrib import admin

from dateline.desk import models


@admin.register(models.Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["headline", "state", "agency", "info_value", "published_at"]
    list_filter = ["state"]
    search_fields = ["headline"]
    raw_id_fields = ["lead_item"]


admin.site.register([models.Placement, models.AuditLog])
