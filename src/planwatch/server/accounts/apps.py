from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "planwatch.server.accounts"
    verbose_name = "用户与部门 Accounts"
    default = True  # the app's own config; the admin's below is named in INSTALLED_APPS


class AuditedAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site that writes every change of any model to the audit trail."""

    default = False
    default_site = "planwatch.server.accounts.admin_site.AuditedAdminSite"
