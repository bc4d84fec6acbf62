"""Logging in and out, with Django's own views and the login page of this app."""

from django.urls import include, path

urlpatterns = [path("", include("django.contrib.auth.urls"))]
