from django.contrib import admin

from planwatch.server.office.models import CellCorrection


@admin.register(CellCorrection)
class CellCorrectionAdmin(admin.ModelAdmin):
    list_display = ("plan", "table", "row", "cell", "before", "after", "by", "at")
    list_filter = ("plan",)
