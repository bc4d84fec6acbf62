from django.apps import AppConfig
from django.db.models.signals import post_save


class SearchConfig(AppConfig):
    name = "planwatch.server.search"
    verbose_name = "检索 Search"

    def ready(self) -> None:
        from planwatch.server.plans.models import Plan

        post_save.connect(_index_new_plan, sender=Plan, dispatch_uid="search-index-new-plan")


def _index_new_plan(sender, instance, created: bool, **kwargs) -> None:
    """A plan is searchable as soon as it is stored."""
    if created:
        from planwatch.server.search.services import index_plan

        index_plan(instance)
