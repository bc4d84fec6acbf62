from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ReportsConfig(AppConfig):
    name = "planwatch.server.reports"
    verbose_name = pgettext_lazy("app", "评估与报告")
