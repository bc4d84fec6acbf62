"""Addresses of the plan pages; the office's keep the /office/ prefix they have always had."""

from django.urls import path

from planwatch.server.plans import leads, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("plans/<int:plan_id>/reading/", views.reading, name="reading"),
    path("plans/<int:plan_id>/leads/", leads.leads, name="leads"),
    path("office/upload/", views.upload, name="upload"),
    path("office/upload/review/", views.review, name="review"),
    path("office/upload/indicators/", views.indicator_sheet, name="indicator_sheet"),
    path("office/upload/roles/", views.column_roles, name="column_roles"),
    path("office/upload/confirm/", views.confirm, name="confirm"),
    path("office/plans/<int:plan_id>/settings/", views.evaluation_settings, name="settings"),
    path(
        "office/plans/<int:plan_id>/tables/<int:table>/rows/<int:row>/cells/<int:cell>/",
        views.correct,
        name="correct",
    ),
]
