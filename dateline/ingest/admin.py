from django.contrib import admin

from dateline.ingest import models


@admin.register(models.WireItem)
class WireItemAdmin(admin.ModelAdmin):
    list_display = ["headline", "source", "agency", "version", "pubstatus", "published_at"]
    list_filter = ["source", "pubstatus"]
    search_fields = ["headline", "guid"]
    exclude = ["raw"]


@admin.register(models.Quarantine)
class QuarantineAdmin(admin.ModelAdmin):
    list_display = ["origin", "reason", "source", "created_at", "resolved"]
    list_filter = ["reason", "resolved"]


admin.site.register(models.SourceHealth)
