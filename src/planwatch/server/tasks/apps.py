from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "planwatch.server.tasks"
    verbose_name = "任务分工 Tasks"
