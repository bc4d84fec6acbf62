"""Logging in: guessed passwords lock the user name out, weak passwords are refused, no reset without mail."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from planwatch.errors import InputError
from planwatch.server import runtime

pytestmark = pytest.mark.django_db

PASSWORD = "guihua-2025-mima"
LOCKED = "登录失败次数过多，请15分钟后再试或联系管理员。"


@pytest.fixture
def office(django_user_model):
    return django_user_model.objects.create_user("guihua", password=PASSWORD, is_staff=True)


def log_in(client, password: str, name: str = "guihua", **extra):
    return client.post(reverse("login"), {"username": name, "password": password}, **extra)


def test_the_right_password_logs_in(client, office):
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == office


def test_a_wrong_password_says_so(client, office):
    page = log_in(client, "wrong").content.decode()
    assert "用户名或密码不正确。" in page


def test_five_failures_lock_the_user_name_out_even_with_the_right_password(client, office):
    for _ in range(5):
        log_in(client, "wrong")
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_the_lockout_is_per_user_name_and_address(client, office, django_user_model):
    django_user_model.objects.create_user("tongji", password=PASSWORD)
    for _ in range(5):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD, name="tongji").status_code == 302
    assert log_in(client, PASSWORD, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, office):
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302


def test_the_lockout_page_in_english(client, office):
    for _ in range(5):
        log_in(client, "wrong")
    page = log_in(client, PASSWORD, headers={"accept-language": "en"}).content.decode()
    assert "Too many failed logins: try again in 15 minutes or ask the administrator." in page


def test_weak_passwords_are_refused_in_chinese():
    for weak in ("1", "12345678901", "password123"):
        with pytest.raises(ValidationError) as refused:
            validate_password(weak)
        assert any("密码" in message for message in refused.value.messages)
    validate_password(PASSWORD)


def test_a_password_like_the_user_name_is_refused(django_user_model):
    with pytest.raises(ValidationError):
        validate_password("guihuachu01", django_user_model(username="guihuachu01"))


def test_the_administrator_needs_a_strong_password(monkeypatch, django_user_model):
    monkeypatch.setenv("PLANWATCH_ADMIN_USER", "fgw")
    monkeypatch.setenv("PLANWATCH_ADMIN_PASSWORD", "1")
    with pytest.raises(InputError, match="密码"):
        runtime.ensure_admin()
    assert not django_user_model.objects.exists()
    monkeypatch.setenv("PLANWATCH_ADMIN_PASSWORD", PASSWORD)
    runtime.ensure_admin()
    assert django_user_model.objects.get(username="fgw").is_superuser


def test_the_demo_password_passes_the_rules(django_user_model):
    name, password = runtime.create_demo_admin()
    validate_password(password, django_user_model.objects.get(username=name))


def test_no_password_reset_without_mail(client):
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")
    assert client.get("/accounts/password_reset/").status_code == 404
    assert "password_reset" not in client.get(reverse("login")).content.decode()


def test_behind_the_proxy_failures_count_by_the_browsers_address(client, office, settings):
    settings.BEHIND_TLS_PROXY = True
    for _ in range(5):
        log_in(client, "wrong", headers={"x-real-ip": "10.0.0.7"})
    assert log_in(client, PASSWORD, headers={"x-real-ip": "10.0.0.7"}).status_code == 429
    assert log_in(client, PASSWORD, headers={"x-real-ip": "10.0.0.8"}).status_code == 302
