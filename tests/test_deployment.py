"""Deployment from the environment: the hosts, behind an https proxy, and Django's deployment check."""

from __future__ import annotations

import http.client
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import waitress
from django.test import Client
from django.urls import reverse

from planwatch.server import runtime
from planwatch.server import settings as server_settings

PROXY = {
    "PLANWATCH_ALLOWED_HOSTS": "ghc.example.gov.cn, 10.1.2.3",
    "PLANWATCH_CSRF_TRUSTED_ORIGINS": "https://ghc.example.gov.cn",
    "PLANWATCH_BEHIND_TLS_PROXY": "1",
}


def read_settings(monkeypatch, tmp_path: Path, env: dict[str, str]) -> dict:
    """The settings module as it reads the given environment."""
    for name in [*PROXY, "PLANWATCH_HSTS_SECONDS"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANWATCH_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(server_settings.__file__)


def test_by_default_the_pages_answer_to_this_machine_only(monkeypatch, tmp_path):
    read = read_settings(monkeypatch, tmp_path, {})
    assert "*" not in read["ALLOWED_HOSTS"]
    assert {"localhost", "127.0.0.1"} <= set(read["ALLOWED_HOSTS"])
    assert "SECURE_PROXY_SSL_HEADER" not in read


def test_behind_the_proxy_from_the_environment(monkeypatch, tmp_path):
    read = read_settings(monkeypatch, tmp_path, {**PROXY, "PLANWATCH_HSTS_SECONDS": "3600"})
    assert read["ALLOWED_HOSTS"] == ["ghc.example.gov.cn", "10.1.2.3"]
    assert read["CSRF_TRUSTED_ORIGINS"] == ["https://ghc.example.gov.cn"]
    assert read["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert read["SESSION_COOKIE_SECURE"] and read["CSRF_COOKIE_SECURE"]
    assert read["SECURE_HSTS_SECONDS"] == 3600


def test_the_deployment_check_is_clean_with_them_set(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env |= PROXY | {
        "PLANWATCH_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "planwatch.server.settings",
    }
    checked = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout


@pytest.fixture
def behind_proxy(settings):
    settings.ALLOWED_HOSTS = ["ghc.example.gov.cn"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    return settings


def post_login_through_the_proxy(django_user_model) -> int:
    django_user_model.objects.create_user("guihua", password="guihua-2025-mima")
    browser = Client(enforce_csrf_checks=True)
    headers = {"host": "ghc.example.gov.cn", "x-forwarded-proto": "https"}
    browser.get(reverse("login"), headers=headers)
    token = browser.cookies["csrftoken"].value
    form = {"username": "guihua", "password": "guihua-2025-mima", "csrfmiddlewaretoken": token}
    origin = {**headers, "origin": "https://ghc.example.gov.cn"}
    return browser.post(reverse("login"), form, headers=origin, secure=False).status_code


@pytest.mark.django_db
def test_a_form_posted_through_the_proxy_passes_the_csrf_check(behind_proxy, django_user_model):
    assert post_login_through_the_proxy(django_user_model) == 302


@pytest.mark.django_db
def test_without_the_proxy_setting_the_same_post_fails(settings, django_user_model):
    settings.ALLOWED_HOSTS = ["ghc.example.gov.cn"]
    assert post_login_through_the_proxy(django_user_model) == 403


def test_planwatch_serve_answers_on_the_address_it_is_given(monkeypatch, settings):
    monkeypatch.delenv("PLANWATCH_ALLOWED_HOSTS", raising=False)
    monkeypatch.setattr(waitress, "serve", lambda *args, **kwargs: None)
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    runtime.serve("10.20.30.40", 8000)
    assert "10.20.30.40" in settings.ALLOWED_HOSTS


def test_planwatch_serve_with_gunicorn_workers_answers(tmp_path):
    """`planwatch serve --workers 2` on Linux: gunicorn's worker processes serve the pages."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "PLANWATCH_ADMIN_USER": "admin",
        "PLANWATCH_ADMIN_PASSWORD": "serve-test-password",
        "DJANGO_SETTINGS_MODULE": "planwatch.server.settings",
    }
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "planwatch", "serve", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and status is None:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/accounts/login/")
                status = conn.getresponse().status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(workers) == 2
    finally:
        server.terminate()
        server.wait(timeout=30)
