"""Every address of the web application."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("planwatch.server.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("planwatch.server.api.urls")),
    path("monitoring/", include("planwatch.server.monitoring.urls")),
    path("search/", include("planwatch.server.search.urls")),
    path("tasks/", include("planwatch.server.tasks.urls")),
    path("regions/", include("planwatch.server.regions.urls")),
    path("", include("planwatch.server.plans.urls")),
    path("", include("planwatch.server.reports.urls")),
]

# Errors in the site's frame, in the page's language (errors.py).
handler400 = "planwatch.server.errors.bad_request"
handler403 = "planwatch.server.errors.permission_denied"
handler404 = "planwatch.server.errors.page_not_found"
handler500 = "planwatch.server.errors.server_error"
