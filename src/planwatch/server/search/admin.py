"""The search index in the Django admin."""

from django.contrib import admin

from planwatch.server.search.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """The search index, to look at: it is rebuilt from the plan's reading, not edited."""

    list_display = ("path", "plan")
    list_filter = ("plan",)
    search_fields = ("title", "text")
    readonly_fields = ("plan", "position", "path", "anchor", "title", "text", "words")

    def has_add_permission(self, request) -> bool:
        return False
