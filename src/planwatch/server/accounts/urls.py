"""Logging in and out, with Django's own views and the login page of this app.

Password reset by mail is offered only when a mail server is set (PLANWATCH_EMAIL_HOST).
"""

from django.conf import settings
from django.contrib.auth import urls as auth_urls

BY_MAIL = {"password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"}

urlpatterns = [p for p in auth_urls.urlpatterns if settings.EMAIL_HOST or p.name not in BY_MAIL]
