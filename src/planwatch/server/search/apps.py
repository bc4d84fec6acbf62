from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "planwatch.server.search"
    verbose_name = pgettext_lazy("app", "检索")
