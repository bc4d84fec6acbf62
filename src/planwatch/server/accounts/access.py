"""Who may read and who may change, for every app: reading open or closed by a setting, the planning office
(staff) may change anything, a department's members what their department leads.

Refusals are one page, whatever app refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

View = Callable[..., HttpResponse]


def may_read(request: HttpRequest) -> bool:
    return settings.PUBLIC_READ or request.user.is_authenticated


def is_office(user) -> bool:
    """A member of the planning office (staff) or an administrator."""
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def office(request: HttpRequest) -> dict:
    """A context processor: whether the page is shown to the office, which sees the office's links and forms.
    A request refused before its user is known (an unknown host name) is no office's."""
    user = getattr(request, "user", None)
    return {"office": user is not None and is_office(user)}


def may_change(user, led) -> bool:
    """The office, or a member of the department that leads `led` (an indicator or a task)."""
    if not user.is_authenticated:
        return False
    if is_office(user):
        return True
    return led.lead_id is not None and led.lead.members.filter(pk=user.pk).exists()


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """The page that says why the user may not, and whom to ask."""
    return render(request, "accounts/forbidden.html", {"message": message}, status=403)


def read_access(view: View) -> View:
    """Pages anyone may read when reading is open (PLANWATCH_PUBLIC_READ), else after logging in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_read(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def office_required(view: View) -> View:
    """Pages for the office only: others are sent to log in, or refused once logged in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_office(request.user):
            return forbidden(request, _("只有规划办工作人员可以进行此操作。"))
        return view(request, *args, **kwargs)

    return wrapped
