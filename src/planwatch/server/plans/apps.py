from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PlansConfig(AppConfig):
    name = "planwatch.server.plans"
    verbose_name = pgettext_lazy("app", "规划")
