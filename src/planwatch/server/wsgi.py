"""The WSGI application that `planwatch serve` hands to waitress."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.server.settings")
application = get_wsgi_application()
