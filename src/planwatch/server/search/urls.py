"""Addresses of the search page."""

from django.urls import path

from planwatch.server.search import views

app_name = "search"
urlpatterns = [path("plans/<int:plan_id>/", views.plan_search, name="plan")]
