"""The Django admin: figures and indicators keep to the paths with revisions, and every change is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planwatch.server.accounts.models import AuditEntry, Department
from planwatch.server.demo import load_demo
from planwatch.server.monitoring.models import Observation

pytestmark = pytest.mark.django_db

GDP = "地区生产总值增长"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("fgw", password="guihua-2025-mima"))
    return client


@pytest.fixture
def plan():
    return load_demo()


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_figures_are_read_only_in_the_admin(admin_client, plan):
    obs = Observation.objects.filter(indicator__plan=plan).first()
    value, entered_by = obs.value, obs.entered_by_id
    page = admin_client.get(url(Observation, "change", obs.pk)).content.decode()
    assert 'name="value"' not in page and 'name="entered_by"' not in page
    assert (
        admin_client.post(url(Observation, "change", obs.pk), {"value": "1", "entered_by": ""}).status_code
        == 403
    )
    assert admin_client.get(url(Observation, "add")).status_code == 403
    assert admin_client.post(url(Observation, "delete", obs.pk), {"post": "yes"}).status_code == 403
    obs.refresh_from_db()
    assert (obs.value, obs.entered_by_id) == (value, entered_by)
    assert not AuditEntry.objects.filter(action__startswith="admin").exists()


def test_an_indicator_takes_only_its_lead_department_in_the_admin(admin_client, plan):
    indicator = plan.indicators.get(name=GDP)
    bureau = Department.objects.create(name="区统计局")
    response = admin_client.post(
        url(indicator, "change", indicator.pk), {"lead": bureau.pk, "name": "改过的名称", "target": "99"}
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name, indicator.lead) == (GDP, bureau)
    entry = AuditEntry.objects.get(action="admin_change")
    assert entry.object_type == "Indicator" and entry.object_id == str(indicator.pk)
    assert entry.user.username == "fgw"
    assert (entry.before["lead"], entry.after["lead"]) == (None, bureau.pk)
    assert "牵头单位" in entry.summary
    assert admin_client.get(url(indicator, "add")).status_code == 403
    assert admin_client.post(url(indicator, "delete", indicator.pk), {"post": "yes"}).status_code == 403


def test_adding_changing_and_deleting_in_the_admin_are_audited(admin_client):
    assert admin_client.post(url(Department, "add"), {"name": "区科技局"}).status_code == 302
    department = Department.objects.get(name="区科技局")
    admin_client.post(url(Department, "change", department.pk), {"name": "区科学技术局"})
    admin_client.post(url(Department, "delete", department.pk), {"post": "yes"})
    entries = {e.action: e for e in AuditEntry.objects.filter(object_type="Department")}
    assert entries["admin_add"].after["name"] == "区科技局"
    assert (entries["admin_change"].before["name"], entries["admin_change"].after["name"]) == (
        "区科技局",
        "区科学技术局",
    )
    assert entries["admin_delete"].before["name"] == "区科学技术局" and entries["admin_delete"].after is None
    assert not Department.objects.exists()


def test_deleting_several_at_once_is_audited_one_by_one(admin_client):
    departments = [Department.objects.create(name=n) for n in ("区财政局", "区审计局")]
    admin_client.post(
        url(Department, "changelist"),
        {"action": "delete_selected", "_selected_action": [d.pk for d in departments], "post": "yes"},
    )
    deleted = AuditEntry.objects.filter(action="admin_delete").values_list("before__name", flat=True)
    assert sorted(deleted) == ["区审计局", "区财政局"]


def test_a_password_set_in_the_admin_is_audited_without_the_password(admin_client, django_user_model):
    user = django_user_model.objects.create_user("tongji", password="tongji-2025-mima")
    password_url = reverse("admin:auth_user_password_change", args=[user.pk])
    new = "tongji-2026-xinmima"
    assert admin_client.post(password_url, {"password1": new, "password2": new}).status_code == 302
    entry = AuditEntry.objects.get(action="admin_change", object_type="User")
    assert "password" not in entry.after and "password" not in entry.before
    assert entry.after["username"] == "tongji"


def test_nobody_writes_or_rewrites_the_trail_in_the_admin(admin_client):
    assert admin_client.get(url(AuditEntry, "add")).status_code == 403
    admin_client.post(url(Department, "add"), {"name": "区科技局"})
    entry = AuditEntry.objects.get()
    assert admin_client.post(url(entry, "change", entry.pk), {"summary": "改写"}).status_code == 403
    assert admin_client.post(url(entry, "delete", entry.pk), {"post": "yes"}).status_code == 403


def test_the_trail_is_written_in_chinese_from_the_english_admin(admin_client):
    admin_client.post(url(Department, "add"), {"name": "区科技局"}, HTTP_ACCEPT_LANGUAGE="en")
    entry = AuditEntry.objects.get(action="admin_add")
    assert entry.summary == "在管理后台新增部门“区科技局”"
