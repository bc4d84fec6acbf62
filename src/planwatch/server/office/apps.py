from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "planwatch.server.office"
    verbose_name = "规划管理 Plan office"
