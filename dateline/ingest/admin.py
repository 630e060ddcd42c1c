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
    exclude = ["raw"]
    readonly_fields = ["origin", "reason", "detail", "source", "created_at"]


@admin.register(models.SourceHealth)
class SourceHealthAdmin(admin.ModelAdmin):
    # Admins see the detailed reason codes; editors' pages show only the generic text (SSRF-6).
    list_display = ["source", "last_success_at", "last_error_code", "consecutive_failures", "items_seen",
                    "next_poll_at", "polling_stopped"]
    list_filter = ["polling_stopped", "last_error_code"]
