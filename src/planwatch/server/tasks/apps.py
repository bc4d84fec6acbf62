from django.apps import AppConfig
from django.db.models.signals import post_save


class TasksConfig(AppConfig):
    name = "planwatch.server.tasks"
    verbose_name = "任务分工 Tasks"

    def ready(self) -> None:
        from planwatch.server.plans.models import Plan

        post_save.connect(_load_new_plan, sender=Plan, dispatch_uid="tasks-load-new-plan")


def _load_new_plan(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A stored plan's tasks and commitments are there to assign as soon as the plan is.

    Not for a plan loaded from a fixture, which brings its own.
    """
    if created and not raw:
        from planwatch.server.tasks.services import load_tasks

        load_tasks(instance)
