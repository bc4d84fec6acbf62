"""Django admin for the figures, superseded ones included: to look at only.

A figure changes through the entry form, the workbook import or the API, which keep the earlier value as a
revision and write the audit trail; here nobody adds, edits or deletes one, nor says who entered it.
"""

from django.contrib import admin

from planwatch.server.accounts.admin_site import ReadOnlyAdmin
from planwatch.server.monitoring.models import Observation


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
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
