from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planwatch.server.accounts"
    verbose_name = "用户与部门 Accounts"
