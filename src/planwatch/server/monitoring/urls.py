"""Addresses of the monitoring pages."""

from django.urls import path

from planwatch.server.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/", views.plan_figures, name="plan"),
    path("plans/<int:plan_id>/template.xlsx", views.template, name="template"),
    path("plans/<int:plan_id>/import/", views.import_upload, name="import"),
    path("plans/<int:plan_id>/import/confirm/", views.import_confirm, name="import_confirm"),
    path("plans/<int:plan_id>/import/cancel/", views.import_cancel, name="import_cancel"),
    path("indicators/<int:indicator_id>/<int:year>/", views.observation, name="observation"),
]
