"""Addresses of the task pages."""

from django.urls import path

from planwatch.server.accounts.access import office_required
from planwatch.server.tasks import views
from planwatch.server.tasks.imports import WORKBOOK
from planwatch.server.uploads import import_paths

app_name = "tasks"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:plan_id>/", views.plan_tasks, name="plan"),
    path("plans/<int:plan_id>/tasks.xlsx", views.export, name="export"),
    *import_paths(WORKBOOK, office_required),
    path("plans/<int:plan_id>/commitments/", views.commitments, name="commitments"),
    path("commitments/<int:commitment_id>/confirm/", views.commitment_confirm, name="commitment_confirm"),
    path("<int:task_id>/", views.task_detail, name="task"),
    path("<int:task_id>/assign/", views.task_assign, name="assign"),
    path("<int:task_id>/updates/", views.task_report, name="report"),
    path("updates/<int:update_id>/evidence/", views.evidence, name="evidence"),
]
