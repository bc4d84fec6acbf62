"""Django admin for the departments and the audit trail (read only: nobody adds, edits or deletes an entry)."""

from django.contrib import admin

from planwatch.server.accounts.admin_site import ReadOnlyAdmin
from planwatch.server.accounts.models import AuditEntry, Department


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    filter_horizontal = ("members",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action", "object_type", "summary")
    list_filter = ("action", "object_type")
