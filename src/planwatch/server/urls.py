"""Every address of the web application."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("planwatch.server.api.urls")),
    path("monitoring/", include("planwatch.server.monitoring.urls")),
    path("search/", include("planwatch.server.search.urls")),
    path("office/", include("planwatch.server.office.urls")),
    path("tasks/", include("planwatch.server.tasks.urls")),
    path("", include("planwatch.server.front.urls")),
]
