"""Addresses of the front pages."""

from django.urls import path

from planwatch.server.front import reports, views

app_name = "front"
urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("plans/<int:plan_id>/", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/reading/", views.reading, name="reading"),
    path("plans/<int:plan_id>/report/", reports.download, name="report"),
    path("indicators/<int:indicator_id>/", views.indicator, name="indicator"),
]
