"""Django admin for the plans, their indicators and the cells the office corrected."""

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


@admin.register(CellCorrection)
class CellCorrectionAdmin(admin.ModelAdmin):
    list_display = ("plan", "table", "row", "cell", "before", "after", "by", "at")
    list_filter = ("plan",)
