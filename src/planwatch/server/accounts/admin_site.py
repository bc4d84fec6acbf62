"""The admin site: every change made there, of any model, goes to the audit trail with what it was before.

The admin writes to the tables directly, past the services that keep the trail; the site wraps each
registered ModelAdmin so that its additions, changes and deletions are audited all the same.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.core import serializers

from planwatch.server.accounts.services import audit

# Never copied into the trail: the password hash of a user, the digest of an API token.
SECRETS = frozenset({"password", "key_hash"})


def snapshot(obj) -> dict:
    """The stored fields of obj as JSON, secrets left out."""
    fields = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    return {name: value for name, value in fields.items() if name not in SECRETS}


def _what(obj) -> str:
    return f"{obj._meta.verbose_name}“{obj}”"


class AuditedAdmin:
    """Mixed into every ModelAdmin of the site: the admin's own change log, copied to the audit trail."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The form changes obj in place: keep it as it was, for the entry written once it is saved.
            kept = getattr(request, "audit_before", {})
            kept[(obj._meta.label, obj.pk)] = snapshot(obj)
            request.audit_before = kept
        return obj

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit(request.user, "admin_add", obj, f"在管理后台新增{_what(obj)}", None, snapshot(obj))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        before = getattr(request, "audit_before", {}).get((obj._meta.label, obj.pk))
        summary = f"在管理后台修改{_what(obj)}：{entry.get_change_message()}"
        audit(request.user, "admin_change", obj, summary, before, snapshot(obj))
        return entry

    def log_deletions(self, request, queryset):
        # Called before the deletion: the objects are still there to be kept.
        for obj in queryset:
            audit(request.user, "admin_delete", obj, f"在管理后台删除{_what(obj)}", snapshot(obj), None)
        return super().log_deletions(request, queryset)


class AuditedAdminSite(admin.AdminSite):
    """Django's admin site, each registered ModelAdmin audited."""

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        admin_class = admin_class or admin.ModelAdmin
        audited = type(
            admin_class.__name__, (AuditedAdmin, admin_class), {"__module__": admin_class.__module__}
        )
        super().register(model_or_iterable, audited, **options)


class ReadOnlyAdmin(admin.ModelAdmin):
    """To look at only: what is kept with revisions and an audit trail changes through the pages, not here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
