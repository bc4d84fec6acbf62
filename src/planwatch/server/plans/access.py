"""Who may read and who may change: reading open or closed by a setting, changes by department.

An administrator or a member of the planning office (staff) may change any
indicator; a department's member only the indicators it leads.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from planwatch.server.plans.models import Indicator


def may_read(request: HttpRequest) -> bool:
    return settings.PUBLIC_READ or request.user.is_authenticated


def may_change(user, indicator: Indicator) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return indicator.lead_id is not None and indicator.lead.members.filter(pk=user.pk).exists()


def read_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages anyone may read when reading is open (PLANWATCH_PUBLIC_READ), else after logging in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_read(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
