"""Addresses of the pages across plans: a plan's place among the others, and comparisons."""

from django.urls import path

from planwatch.server.regions import views

app_name = "regions"
urlpatterns = [
    path("plans/<int:plan_id>/", views.place, name="place"),
    path("plans/<int:plan_id>/region/", views.set_region, name="set_region"),
    path("plans/<int:plan_id>/predecessor/", views.predecessor, name="predecessor"),
    path("indicators/<int:indicator_id>/target/", views.enter_target, name="enter_target"),
    path("indicators/<int:indicator_id>/compare/", views.compare, name="compare"),
]
