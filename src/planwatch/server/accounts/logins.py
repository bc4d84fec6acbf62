"""Who is trying to log in from where: the address the login throttle counts failures by."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The browser's address: behind the proxy, the one the proxy saw (X-Real-IP), not the proxy's own."""
    if settings.BEHIND_TLS_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR")
