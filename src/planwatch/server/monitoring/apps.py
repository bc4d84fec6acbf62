from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class MonitoringConfig(AppConfig):
    name = "planwatch.server.monitoring"
    verbose_name = pgettext_lazy("app", "监测")

    def ready(self) -> None:
        from planwatch.server.monitoring import signals  # noqa: F401  (connects the receivers)
