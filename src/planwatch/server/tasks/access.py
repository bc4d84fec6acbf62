"""Who may do what with tasks: the office assigns and imports; the departments on a task report on it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from planwatch.server.plans.models import Department
from planwatch.server.tasks.models import Task


def is_office(user) -> bool:
    """A member of the planning office (staff) or an administrator."""
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def may_report(user, task: Task) -> bool:
    """The office, and the members of the task's lead and supporting departments."""
    if not user.is_authenticated:
        return False
    if is_office(user):
        return True
    on_task = Q(led_tasks=task) | Q(supported_tasks=task)
    return Department.objects.filter(on_task, members=user).exists()


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "tasks/forbidden.html", {"message": message}, status=403)


def office_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages for the office only: others are sent to log in, or refused once logged in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_office(request.user):
            return forbidden(request, _("只有规划办工作人员可以进行此操作。"))
        return view(request, *args, **kwargs)

    return wrapped
