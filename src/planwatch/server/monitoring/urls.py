"""Addresses of the monitoring pages."""

urlpatterns: list = []
