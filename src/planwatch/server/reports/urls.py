"""Addresses of the evaluation pages and the report downloads."""

from django.urls import path

from planwatch.server.reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<int:plan_id>/", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/report/", views.download, name="report"),
    path("indicators/<int:indicator_id>/", views.indicator, name="indicator"),
]
