from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "planwatch.server.api"
    verbose_name = "接口 API"
