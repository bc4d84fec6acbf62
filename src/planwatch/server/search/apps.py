from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "planwatch.server.search"
    verbose_name = "检索 Search"
