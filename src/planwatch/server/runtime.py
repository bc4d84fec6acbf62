"""Starting the web application: data directory, database, static files, administrator, server.

Used by `planwatch serve` and `planwatch demo`; tests call the same steps.
"""

from __future__ import annotations

import getpass
import os
import secrets
import sys
from pathlib import Path

from planwatch.errors import InputError


def setup(data_dir: Path | None = None, public_read: bool | None = None) -> None:
    """Point Django at the data directory and load it; settings read the environment once, here."""
    if data_dir is not None:
        os.environ["PLANWATCH_DATA_DIR"] = str(data_dir)
    if public_read is not None:
        os.environ["PLANWATCH_PUBLIC_READ"] = "1" if public_read else "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.server.settings")
    import django

    django.setup()


def prepare() -> None:
    """Compile the message catalogues, bring the database schema up to date, collect the static files."""
    from django.conf import settings
    from django.core.management import call_command

    from planwatch.server.translations import compile_catalogues

    # First, before anything asks for a translation and Django caches a catalogue without them.
    compile_catalogues(settings.DATA_DIR / "locale")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    _statistics()


def _statistics() -> None:
    """Statistics for SQLite's query planner, which has none until asked: without them it may read a plan's
    figures through the wrong index (every figure of a review state, not the plan's). Approximate, so it
    takes a moment on any size; PostgreSQL keeps its own."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA analysis_limit=400")
            cursor.execute("ANALYZE")


def ensure_admin() -> None:
    """An administrator from PLANWATCH_ADMIN_USER/PASSWORD, or asked for on a terminal; never a default.

    The password must pass the same rules as any user's (AUTH_PASSWORD_VALIDATORS: ten characters or more,
    not common, not all digits, not like the user name).
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    users = get_user_model()
    if users.objects.filter(is_superuser=True).exists():
        return
    name = os.environ.get("PLANWATCH_ADMIN_USER")
    password = os.environ.get("PLANWATCH_ADMIN_PASSWORD")
    if not (name and password):
        if not sys.stdin.isatty():
            raise InputError(
                "PLANWATCH_ADMIN_USER",
                "no administrator yet: set PLANWATCH_ADMIN_USER and PLANWATCH_ADMIN_PASSWORD",
            )
        name = input("管理员用户名 administrator user name: ").strip()
        password = getpass.getpass("管理员密码 administrator password: ")
    if not name:
        raise InputError("administrator", "give a user name")
    try:
        validate_password(password, users(username=name))
    except ValidationError as e:
        raise InputError("PLANWATCH_ADMIN_PASSWORD", " ".join(e.messages)) from None
    users.objects.create_superuser(name, password=password)


def create_demo_admin() -> tuple[str, str]:
    """The demo's administrator, with a password generated for this run."""
    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(12)
    get_user_model().objects.create_superuser("admin", password=password)
    return "admin", password


def serve(host: str, port: int, workers: int = 0) -> None:
    """Serve with waitress's threads (any system, the demo), or with `workers` gunicorn processes where
    asked (Linux, `pip install 'planwatch[server]'`): one process per core judges and renders in parallel.
    Static files go through Django's handler either way."""
    from django.conf import settings
    from django.db import connections
    from waitress import serve as waitress_serve

    from planwatch.server.wsgi import application

    # The address the office serves on is one the pages answer to, unless the hosts were set explicitly.
    chosen = os.environ.get("PLANWATCH_ALLOWED_HOSTS")
    if not chosen and host not in ("0.0.0.0", "::", *settings.ALLOWED_HOSTS):
        settings.ALLOWED_HOSTS.append(host)
    if workers <= 0:
        waitress_serve(application, host=host, port=port, threads=8, ident="planwatch")
        return
    connections.close_all()  # no database connection may be shared by the forked workers
    _gunicorn(application, host, port, workers)


def _gunicorn(application, host: str, port: int, workers: int) -> None:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        raise InputError(
            "--workers",
            "多进程运行需要 gunicorn：pip install 'planwatch[server]'（Windows 上请不加 --workers，以 waitress 运行）",
            "worker processes need gunicorn: pip install 'planwatch[server]' (on Windows, leave out --workers"
            " to serve with waitress)",
        ) from None

    class Server(BaseApplication):
        """gunicorn run from here, with its settings given rather than read from a file."""

        def load_config(self) -> None:
            options = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "accesslog": None,
                "proc_name": "planwatch",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()
