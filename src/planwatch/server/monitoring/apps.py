from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "planwatch.server.monitoring"
    verbose_name = "监测 Monitoring"
