"""Django admin for the figures, superseded ones included."""

from django.contrib import admin

from planwatch.server.monitoring.models import Observation


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = (
        "indicator",
        "year",
        "value",
        "vintage",
        "published_on",
        "source",
        "entered_by",
        "entered_at",
        "superseded_at",
    )
    list_filter = ("year", "vintage", "illustrative", "indicator__plan")
    search_fields = ("indicator__name", "source")
