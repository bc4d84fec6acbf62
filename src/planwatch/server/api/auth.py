"""Who is calling: a bearer token, a logged-in session, or anyone when reading is open.

Reads accept all three (anyone only when PLANWATCH_PUBLIC_READ is on); writes
accept a token or a session, the session with its CSRF token, since a browser
sends the session cookie whoever made the page. Whether the caller may change
a given indicator is decided by `accounts.access.may_change` in the view.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from planwatch.server.api.models import ApiToken


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes the request's user."""

    def authenticate(self, request: HttpRequest, token: str):
        found = ApiToken.find(token)
        if found is None:
            # A wrong token is refused outright rather than read as an anonymous visit.
            raise AuthenticationError(message="unknown or revoked token / 令牌无效或已撤销")
        found.touch()
        request.user = found.user
        return found.user


class SessionLogin(APIKeyCookie):
    """The web pages' login; unsafe methods must carry the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        # Check CSRF only for a logged-in session, so that an anonymous caller is told
        # to authenticate rather than that a CSRF check failed.
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None):
        return request.user


def public_read(request: HttpRequest):
    """Anyone, when the office has opened reading (PLANWATCH_PUBLIC_READ)."""
    return request.user if settings.PUBLIC_READ else None


token = BearerToken()
session = SessionLogin()
READ = [token, session, public_read]
WRITE = [token, session]
