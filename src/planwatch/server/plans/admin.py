"""Django admin for the plans, their indicators and the cells the office corrected.

An indicator's name, baseline and target come from the plan's reading and its corrections, which the plan's
pages keep with the audit trail: here only its lead department (牵头单位) is assigned, and that is audited.
"""

from django.contrib import admin

from planwatch.server.plans.models import CellCorrection, Indicator, Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "period_start", "period_end", "illustrative", "created_at")
    search_fields = ("title", "region")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "unit", "attribute", "baseline", "target", "target_growth", "lead")
    list_filter = ("plan", "attribute", "lead")
    search_fields = ("name",)
    readonly_fields = [f.name for f in Indicator._meta.fields if f.name not in ("id", "lead")]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CellCorrection)
class CellCorrectionAdmin(admin.ModelAdmin):
    list_display = ("plan", "table", "row", "cell", "before", "after", "by", "at")
    list_filter = ("plan",)
