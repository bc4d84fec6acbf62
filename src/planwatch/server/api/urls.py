"""The JSON API under /api/: the endpoints, /api/openapi.json and the docs at /api/docs."""

from planwatch.server.api.views import api

urlpatterns = api.urls[0]
app_name = "api"
