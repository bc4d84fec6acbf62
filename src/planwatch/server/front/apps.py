from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "planwatch.server.front"
    verbose_name = "页面 Pages"
