"""Addresses of the front pages."""

urlpatterns: list = []
