"""Django admin for the departments and the audit trail (read only)."""

from django.contrib import admin

from planwatch.server.accounts.models import AuditEntry, Department


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
