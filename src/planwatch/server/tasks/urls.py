"""Addresses of the task pages."""

from django.urls import path

from planwatch.server.tasks import views

app_name = "tasks"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/", views.plan_tasks, name="plan"),
    path("plans/<int:plan_id>/tasks.xlsx", views.export, name="export"),
    path("plans/<int:plan_id>/import/", views.import_upload, name="import"),
    path("plans/<int:plan_id>/import/confirm/", views.import_confirm, name="import_confirm"),
    path("plans/<int:plan_id>/import/cancel/", views.import_cancel, name="import_cancel"),
    path("plans/<int:plan_id>/commitments/", views.commitments, name="commitments"),
    path("commitments/<int:commitment_id>/confirm/", views.commitment_confirm, name="commitment_confirm"),
    path("<int:task_id>/", views.task_detail, name="task"),
    path("<int:task_id>/assign/", views.task_assign, name="assign"),
    path("<int:task_id>/updates/", views.task_report, name="report"),
    path("updates/<int:update_id>/evidence/", views.evidence, name="evidence"),
]
