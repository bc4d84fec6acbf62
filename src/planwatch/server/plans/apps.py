from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "planwatch.server.plans"
    verbose_name = "规划 Plans"
