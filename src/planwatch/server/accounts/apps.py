from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, pgettext_lazy


class AccountsConfig(AppConfig):
    name = "planwatch.server.accounts"
    verbose_name = pgettext_lazy("app", "用户与部门")
    default = True  # the app's own config; the admin's below is named in INSTALLED_APPS


class AuditedAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site that writes every change of any model to the audit trail."""

    default = False
    default_site = "planwatch.server.accounts.admin_site.AuditedAdminSite"


# django-axes ships no Chinese: its models and their fields under the names an office reads in the admin.
LOGIN_RECORDS = {
    "AccessAttempt": (
        "登录尝试",
        {"failures_since_start": "失败次数", "get_data": "查询参数", "post_data": "提交内容"},
    ),
    "AccessFailureLog": ("登录失败记录", {"locked_out": "已锁定"}),
    "AccessLog": ("登录记录", {"logout_time": "退出时间", "session_hash": "会话摘要"}),
    "AccessAttemptExpiration": ("登录尝试到期", {"access_attempt": "登录尝试", "expires_at": "到期时间"}),
}
LOGIN_FIELDS = {
    "user_agent": "浏览器",
    "ip_address": "IP 地址",
    "username": "用户名",
    "http_accept": "浏览器接受的内容类型",
    "path_info": "访问地址",
    "attempt_time": "时间",
}


def office_words(original, chinese: str):
    """`chinese` on a page in Chinese, its own `original` name in English and wherever no language is active
    (makemigrations compares the names with translation off, so axes' models seem unchanged to it)."""

    def name() -> str:
        language = get_language()
        return str(original) if language is None or language.startswith("en") else chinese

    return lazy(name, str)()


def record_text(record) -> str:
    """A login record by who and when, the same in any language (axes' own is an English sentence)."""
    when = f" {timezone.localtime(record.attempt_time):%Y-%m-%d %H:%M}" if record.attempt_time else ""
    return f"{record.username or '-'}{when}"


class LoginRecordsConfig(axes_apps.AppConfig):
    """django-axes, which counts failed logins and locks an account out, with its records named in Chinese."""

    verbose_name = pgettext_lazy("app", "登录安全")

    def ready(self) -> None:
        super().ready()
        for model_name, (title, fields) in LOGIN_RECORDS.items():
            model = self.get_model(model_name)
            if hasattr(model, "attempt_time"):
                model.__str__ = record_text
            model._meta.verbose_name = office_words(model._meta.verbose_name, title)
            model._meta.verbose_name_plural = office_words(model._meta.verbose_name_plural, title)
            for field in model._meta.get_fields():
                chinese = fields.get(field.name) or LOGIN_FIELDS.get(field.name)
                if chinese and hasattr(field, "verbose_name"):
                    field.verbose_name = office_words(field.verbose_name, chinese)
