"""Addresses of the plan office's pages."""

from django.urls import path

from planwatch.server.office import views

app_name = "office"
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("upload/review/", views.review, name="review"),
    path("upload/indicators/", views.indicator_sheet, name="indicator_sheet"),
    path("upload/roles/", views.column_roles, name="column_roles"),
    path("upload/confirm/", views.confirm, name="confirm"),
    path("plans/<int:plan_id>/settings/", views.evaluation_settings, name="settings"),
    path(
        "plans/<int:plan_id>/tables/<int:table>/rows/<int:row>/cells/<int:cell>/",
        views.correct,
        name="correct",
    ),
]
