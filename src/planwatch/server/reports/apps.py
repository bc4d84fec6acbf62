from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "planwatch.server.reports"
    verbose_name = "评估与报告 Reports"
