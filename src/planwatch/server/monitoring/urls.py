"""Addresses of the monitoring pages."""

from django.urls import path

from planwatch.server.monitoring import views
from planwatch.server.monitoring.imports import WORKBOOK
from planwatch.server.uploads import import_paths

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/", views.plan_figures, name="plan"),
    path("plans/<int:plan_id>/template.xlsx", views.template, name="template"),
    *import_paths(WORKBOOK, views.importer),
    path("indicators/<int:indicator_id>/<int:year>/", views.observation, name="observation"),
    path("plans/<int:plan_id>/review/", views.review, name="review"),
    path("observations/<int:observation_id>/review/", views.decide, name="decide"),
]
