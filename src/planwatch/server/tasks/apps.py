from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class TasksConfig(AppConfig):
    name = "planwatch.server.tasks"
    verbose_name = pgettext_lazy("app", "任务分工")
