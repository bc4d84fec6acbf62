"""Every change of a figure counts on its plan (`Plan.figures`), so that what was judged from the figures
is known to be stale by reading one row, not by going over all of a plan's figures on every page.

Figures are entered, superseded, reviewed and removed through `save` and `delete` (the services, the
admin, a restored backup); a bulk write that bypasses them calls `figures_changed` itself.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Plan


def figures_changed(plans: QuerySet[Plan]) -> None:
    """Count a change of the figures of the plans given."""
    plans.update(figures=F("figures") + 1)


@receiver([post_save, post_delete], sender=Observation, dispatch_uid="planwatch-figures-changed")
def _counted(sender, instance: Observation, **kwargs) -> None:
    figures_changed(Plan.objects.filter(indicators=instance.indicator_id))
