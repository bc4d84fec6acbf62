from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class RegionsConfig(AppConfig):
    name = "planwatch.server.regions"
    verbose_name = pgettext_lazy("app", "地区与上下级规划")
