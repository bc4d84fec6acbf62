from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class MonitoringConfig(AppConfig):
    name = "planwatch.server.monitoring"
    verbose_name = pgettext_lazy("app", "监测")
