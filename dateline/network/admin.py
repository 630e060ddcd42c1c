from django.contrib import admin

from dateline.network import models


class SectionInline(admin.TabularInline):
    model = models.Section
    extra = 0


@admin.register(models.Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "host"]
    inlines = [SectionInline]


admin.site.register([models.Network, models.Agency, models.Source, models.NewsletterConfig, models.RelatedLink])
