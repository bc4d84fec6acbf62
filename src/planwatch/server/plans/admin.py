"""Django admin for everything the office stores."""

from django.contrib import admin

from planwatch.server.plans.models import AuditEntry, Department, Indicator, Observation, Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "period_start", "period_end", "illustrative", "created_at")
    search_fields = ("title", "region")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "unit", "attribute", "baseline", "target", "target_growth", "lead")
    list_filter = ("plan", "attribute", "lead")
    search_fields = ("name",)


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "value", "source", "entered_by", "entered_at", "superseded_at")
    list_filter = ("year", "illustrative", "indicator__plan")
    search_fields = ("indicator__name", "source")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    filter_horizontal = ("members",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "object_type", "summary")
    list_filter = ("action", "object_type")
    readonly_fields = ("at", "user", "action", "object_type", "object_id", "summary", "before", "after")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
