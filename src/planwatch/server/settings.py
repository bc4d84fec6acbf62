"""Django settings, read from the environment in one place (prefix PLANWATCH_, and DATABASE_URL).

PLANWATCH_DATA_DIR   where the SQLite file, the secret key and uploads live (default: the user data dir)
DATABASE_URL         a PostgreSQL URL to use instead of SQLite
PLANWATCH_PUBLIC_READ  1 lets anyone read the pages and the API without logging in (the demo does)
PLANWATCH_DEBUG      1 for Django's debug pages (never on an office's server)
PLANWATCH_ALLOWED_HOSTS  comma-separated host names (default: any, for an intranet address)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from platformdirs import user_data_dir


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


DATA_DIR = Path(os.environ.get("PLANWATCH_DATA_DIR") or user_data_dir("planwatch", appauthor=False))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """From the environment, else generated once and kept beside the database."""
    if os.environ.get("PLANWATCH_SECRET_KEY"):
        return os.environ["PLANWATCH_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("PLANWATCH_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("PLANWATCH_ALLOWED_HOSTS", "*").split(",") if h.strip()]
PUBLIC_READ = _flag("PLANWATCH_PUBLIC_READ")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "planwatch.server.accounts",
    "planwatch.server.plans",
    "planwatch.server.monitoring",
    "planwatch.server.reports",
    "planwatch.server.tasks",
    "planwatch.server.search",
    "planwatch.server.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files served by the application itself: an intranet server has no web server in front.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "planwatch.server.urls"
SERVER_DIR = Path(__file__).resolve().parent
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The page furniture every app shares (base.html, the two-step import pages); each app's own pages
        # are under its templates/<app>/.
        "DIRS": [SERVER_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planwatch.server.accounts.access.office",
            ],
            "builtins": ["planwatch.server.filters"],
        },
    }
]
WSGI_APPLICATION = "planwatch.server.wsgi.application"


def _databases() -> dict:
    if os.environ.get("DATABASE_URL"):
        return {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "planwatch.sqlite3",
            # A small office: many readers, a few writers; WAL lets them work side by side.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Compiled from the .po files in the package by runtime.prepare(): see translations.py.
LOCALE_PATHS = [DATA_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [SERVER_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # Apache ECharts from the npm registry (frontend/package.json), never from a CDN.
    "planwatch.server.finders.NpmFinder",
]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
