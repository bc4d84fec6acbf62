"""Who may report on a task, and see the evidence reported: the office, and the members of its lead and
supporting departments."""

from __future__ import annotations

from django.db.models import Q

from planwatch.server.accounts.access import is_office
from planwatch.server.accounts.models import Department
from planwatch.server.tasks.models import Task


def may_report(user, task: Task) -> bool:
    if not user.is_authenticated:
        return False
    if is_office(user):
        return True
    on_task = Q(led_tasks=task) | Q(supported_tasks=task)
    return Department.objects.filter(on_task, members=user).exists()


def may_see_evidence(user, task: Task) -> bool:
    """Evidence is a department's own papers (contracts, scans, minutes): only those who may report see it."""
    return may_report(user, task)
