from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "planwatch.server.regions"
    verbose_name = "地区与上下级规划 Regions"
