"""Django settings, read from the environment in one place (prefix PLANWATCH_, and DATABASE_URL).

PLANWATCH_DATA_DIR   where the SQLite file, the secret key and uploads live (default: the user data dir)
DATABASE_URL         a PostgreSQL URL to use instead of SQLite
PLANWATCH_PUBLIC_READ  1 lets anyone read the pages and the API without logging in (the demo does)
PLANWATCH_DEBUG      1 for Django's debug pages (never on an office's server)
PLANWATCH_ALLOWED_HOSTS  comma-separated host names and addresses the pages answer to (default: this
                     machine's names and addresses, and localhost)
PLANWATCH_CSRF_TRUSTED_ORIGINS  comma-separated origins forms may be posted from, e.g. https://ghc.example.gov.cn
PLANWATCH_BEHIND_TLS_PROXY  1 behind a proxy that terminates https and sets X-Forwarded-Proto (nginx):
                     secure cookies and HSTS
PLANWATCH_HSTS_SECONDS  how long browsers keep to https behind the proxy (default: a year; 0 turns it off)
PLANWATCH_EMAIL_HOST, _PORT, _HOST_USER, _HOST_PASSWORD, _USE_TLS, _FROM  the office's mail server;
                     without one, no password reset by mail is offered
PLANWATCH_UPLOAD_MAX_FILES, _MB  plan documents uploaded at once: how many (default 50) and their MB together
                     (default 200)
"""

from __future__ import annotations

import os
import secrets
import socket
from contextlib import suppress
from datetime import timedelta
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


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _this_machine() -> list[str]:
    """Localhost, and the names and addresses this machine is reached by on the intranet."""
    # No reverse lookup (getfqdn): an intranet without DNS would hold up every start; a DNS name the office
    # uses goes in PLANWATCH_ALLOWED_HOSTS.
    names = {"localhost", "127.0.0.1", "[::1]", socket.gethostname()}
    with suppress(OSError):
        names.update(socket.gethostbyname_ex(socket.gethostname())[2])
    # The address of the route out (a UDP socket sends nothing when it connects).
    with suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))
        names.add(probe.getsockname()[0])
    return sorted(names)


ALLOWED_HOSTS = _list("PLANWATCH_ALLOWED_HOSTS") or _this_machine()
CSRF_TRUSTED_ORIGINS = _list("PLANWATCH_CSRF_TRUSTED_ORIGINS")
BEHIND_TLS_PROXY = _flag("PLANWATCH_BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PLANWATCH_HSTS_SECONDS", "31536000"))
    # The proxy terminates https and sends plain http on to the server: the proxy redirects, not Django.
    # HSTS stays on this host alone: other hosts of an intranet domain are not ours to force to https.
    SILENCED_SYSTEM_CHECKS = ["security.W008", "security.W005", "security.W021"]
PUBLIC_READ = _flag("PLANWATCH_PUBLIC_READ")

INSTALLED_APPS = [
    # Django's admin, every change made there written to the audit trail (accounts/admin_site.py).
    "planwatch.server.accounts.apps.AuditedAdminConfig",
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
    "planwatch.server.regions",
    "planwatch.server.api",
    # django-axes, its records named in Chinese and shown in the admin by accounts/admin.py.
    "planwatch.server.accounts.apps.LoginRecordsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files served by the application itself: an intranet server has no web server in front.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A form's address opened in the browser answers with the site's page, not an empty one (errors.py).
    "planwatch.server.errors.FramedNotAllowed",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a locked-out login into the page that says so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "planwatch.server.urls"
# A form posted without its token (an expired page, cookies off) gets the site's page that says what to do.
CSRF_FAILURE_VIEW = "planwatch.server.errors.csrf_failure"
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
# Plan documents uploaded at once, each read in turn: how many, and their size together. Django refuses a
# request with far more files before any form sees it.
PLAN_UPLOAD_MAX_FILES = int(os.environ.get("PLANWATCH_UPLOAD_MAX_FILES", "50"))
PLAN_UPLOAD_MAX_MB = int(os.environ.get("PLANWATCH_UPLOAD_MAX_MB", "200"))
DATA_UPLOAD_MAX_NUMBER_FILES = max(100, 2 * PLAN_UPLOAD_MAX_FILES)
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# Guessed passwords: 5 failures for one user name from one address lock that pair out for 15 minutes.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # its admin pages are registered in Chinese by accounts/admin.py
AXES_CLIENT_IP_CALLABLE = "planwatch.server.accounts.logins.client_address"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Mail, for password reset: offered only when the office names its mail server.
EMAIL_HOST = os.environ.get("PLANWATCH_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_PORT = int(os.environ.get("PLANWATCH_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("PLANWATCH_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PLANWATCH_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _flag("PLANWATCH_EMAIL_USE_TLS")
    DEFAULT_FROM_EMAIL = os.environ.get("PLANWATCH_EMAIL_FROM", f"planwatch@{EMAIL_HOST}")
