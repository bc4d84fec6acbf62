"""The admin site: every change made there, of any model, goes to the audit trail with what it was before.

The admin writes to the tables directly, past the services that keep the trail; the site wraps each
registered ModelAdmin so that its additions, changes and deletions are audited all the same.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import admin
from django.core import serializers
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from planwatch.server.accounts.services import audit

# Never copied into the trail: the password hash of a user, the digest of an API token.
SECRETS = frozenset({"password", "key_hash"})


def snapshot(obj) -> dict:
    """The stored fields of obj as JSON, secrets left out."""
    fields = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    return {name: value for name, value in fields.items() if name not in SECRETS}


def _what(obj) -> str:
    return f"{obj._meta.verbose_name}“{obj}”"


VERBS = {"admin_add": "新增", "admin_change": "修改", "admin_delete": "删除"}


def _audit(request, action: str, obj, before, after, entry=None) -> None:
    """An entry of the trail, written in the office's language whatever the language of the admin page;
    a change says what was changed (the admin's log `entry`)."""
    with translation.override(settings.LANGUAGE_CODE):
        summary = f"在管理后台{VERBS[action]}{_what(obj)}"
        if entry is not None:
            summary += f"：{entry.get_change_message()}"
        audit(request.user, action, obj, summary, before, after)


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
        _audit(request, "admin_add", obj, None, snapshot(obj))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        before = getattr(request, "audit_before", {}).get((obj._meta.label, obj.pk))
        _audit(request, "admin_change", obj, before, snapshot(obj), entry)
        return entry

    def log_deletions(self, request, queryset):
        # Called before the deletion: the objects are still there to be kept.
        for obj in queryset:
            _audit(request, "admin_delete", obj, snapshot(obj), None)
        return super().log_deletions(request, queryset)


class AuditedAdminSite(admin.AdminSite):
    """Django's admin site, each registered ModelAdmin audited, under the application's own name."""

    site_header = _("planwatch 规划监测评估 管理")
    site_title = _("planwatch 规划监测评估 管理")
    index_title = _("管理首页")

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


class CodeInWords(admin.SimpleListFilter):
    """A filter by a stored code, each choice named in words."""

    field: str
    words = staticmethod(str)

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).order_by().values_list(self.field, flat=True).distinct()
        return sorted(((code, self.words(code)) for code in codes), key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset
