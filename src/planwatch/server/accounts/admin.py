"""Django admin for the departments, the audit trail (read only: nobody adds, edits or deletes an entry), the
login records of django-axes, and the users and groups, whose permissions are named in the office's words."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin, IsLockedOutFilter
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Field
from django.utils.translation import gettext_lazy as _

from planwatch.server.accounts.admin_site import CodeInWords, ReadOnlyAdmin
from planwatch.server.accounts.audit_words import action_text, object_text
from planwatch.server.accounts.models import AuditEntry, Department

PERMISSION_VERBS = {"add": _("可新增"), "change": _("可修改"), "delete": _("可删除"), "view": _("可查看")}


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    filter_horizontal = ("members",)


class ActionFilter(CodeInWords):
    title = _("操作")
    parameter_name = field = "action"
    words = staticmethod(action_text)


class ObjectTypeFilter(CodeInWords):
    title = _("对象类型")
    parameter_name = field = "object_type"
    words = staticmethod(object_text)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action_words", "object_words", "summary")
    list_filter = (ActionFilter, ObjectTypeFilter)
    fields = ("at", "user", "action_words", "object_words", "object_id", "summary", "before", "after")
    readonly_fields = ("action_words", "object_words")

    @admin.display(description=_("操作"), ordering="action")
    def action_words(self, entry: AuditEntry) -> str:
        return action_text(entry.action)

    @admin.display(description=_("对象类型"), ordering="object_type")
    def object_words(self, entry: AuditEntry) -> str:
        return object_text(entry.object_type)


def permission_label(permission: Permission) -> str:
    """A permission as the office reads it: 规划 | 指标 | 可修改 (Django stores it as “Can change indicator”)."""
    verb, _sep, _model = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if verb not in PERMISSION_VERBS or model is None:
        return str(permission)
    app = model._meta.app_config.verbose_name
    return f"{app} | {model._meta.verbose_name} | {PERMISSION_VERBS[verb]}"


class PermissionsInWords:
    """Mixed into the user and group admins: their permission lists in words."""

    def formfield_for_manytomany(self, db_field: Field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "permissions" or db_field.name == "user_permissions":
            formfield.label_from_instance = permission_label
        return formfield


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class OfficeUserAdmin(PermissionsInWords, UserAdmin):
    pass


@admin.register(Group)
class OfficeGroupAdmin(PermissionsInWords, GroupAdmin):
    pass


# django-axes' admin pages (its own registration is off: AXES_ENABLE_ADMIN), their headings in Chinese.
LOGIN_DATA = (_("登录请求"), {"fields": ("user_agent", "ip_address", "http_accept")})


class LockedOutFilter(IsLockedOutFilter):
    title = _("已锁定")

    def lookups(self, request, model_admin):
        return (("yes", _("是")), ("no", _("否")))


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    list_display = [
        "attempt_time",
        "ip_address",
        "user_agent",
        "username",
        "path_info",
        "failures_since_start",
        "remaining",
    ]
    list_filter = ["attempt_time", "path_info", LockedOutFilter]
    fieldsets = (
        (None, {"fields": ("username", "path_info", "failures_since_start")}),
        (_("提交内容"), {"fields": ("get_data", "post_data")}),
        LOGIN_DATA,
    )
    # Django's “delete selected” only (which unlocks an account): axes' clean-up of expired attempts is not used.
    actions: list[str] = []

    @admin.display(description=_("剩余尝试次数"))
    def remaining(self, attempt: AccessAttempt) -> str:
        left = axes_settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        return str(left) if left > 0 else str(_("已锁定"))


@admin.register(AccessLog)
class LoginLogAdmin(AccessLogAdmin):
    fieldsets = ((None, {"fields": ("username", "path_info")}), LOGIN_DATA)


@admin.register(AccessFailureLog)
class LoginFailureAdmin(AccessFailureLogAdmin):
    fieldsets = ((None, {"fields": ("username", "path_info")}), LOGIN_DATA)
