"""The lead departments page: the office names each indicator's lead in one form, saved all or nothing and
audited; whoever may read sees who leads what; a lead department's member then enters its figures."""

from __future__ import annotations

import re

import pytest

from planwatch.server.accounts.models import AuditEntry, Department
from planwatch.server.monitoring.models import Observation

pytestmark = pytest.mark.django_db

GDP = "地区生产总值增长"


@pytest.fixture
def office(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def science(django_user_model) -> tuple[Department, object]:
    """A department with no indicator yet, and its member."""
    department = Department.objects.create(name="区科学技术局")
    member = django_user_model.objects.create_user("keji", password="x" * 12)
    department.members.add(member)
    return department, member


def url(plan, query: str = "") -> str:
    return f"/plans/{plan.pk}/leads/{query}"


def choices(plan, **chosen) -> dict[str, str]:
    """The form as the page sends it: every indicator's select, as it stands unless `chosen` (name -> id)."""
    form = {f"lead-{i.pk}": str(i.lead_id or "") for i in plan.indicators.all()}
    for name, value in chosen.items():
        form[f"lead-{plan.indicators.get(name=name).pk}"] = str(value)
    return form


def leads(plan) -> dict[str, str | None]:
    return {i.name: i.lead.name if i.lead_id else None for i in plan.indicators.select_related("lead")}


def test_the_office_sees_every_indicator_with_a_choice_of_departments(office, plan, science):
    html = office.get(url(plan)).content.decode()
    indicators = plan.indicators.count()
    assert html.count('<select name="lead-') == indicators and html.count("<tr>") == indicators + 1
    assert "区科学技术局</option>" in html and "（未指定）</option>" in html
    led = plan.indicators.filter(lead__isnull=False).count()
    assert f"已指定牵头单位 {led} 项，共 {indicators} 项指标。" in html
    for column in ("类别", "指标", "单位", "属性", "目标", "牵头单位"):
        assert f"<th>{column}</th>" in html
    assert "<td>年均增长6.5%</td>" in html  # the target as the plan writes it


def test_one_save_assigns_them_all_and_each_change_is_audited(office, plan, science, staff):
    department, _ = science
    before = leads(plan)
    form = choices(plan, **{GDP: department.pk, "研发经费投入增长": department.pk})
    response = office.post(url(plan), form)
    assert response.status_code == 302 and response["Location"] == url(plan)
    after = leads(plan)
    assert after[GDP] == after["研发经费投入增长"] == "区科学技术局"
    assert {k: v for k, v in after.items() if k not in (GDP, "研发经费投入增长")} == {
        k: v for k, v in before.items() if k not in (GDP, "研发经费投入增长")
    }
    entries = AuditEntry.objects.filter(action="assign", object_type="Indicator")
    assert entries.count() == 2 and {e.user for e in entries} == {staff}
    gdp = entries.get(object_id=str(plan.indicators.get(name=GDP).pk))
    assert gdp.before == {"lead": before[GDP]} and gdp.after == {"lead": "区科学技术局"}
    assert "已保存 2 项指标的牵头单位。" in office.get(url(plan)).content.decode()
    assert office.post(url(plan), choices(plan)).status_code == 302  # the same again: nothing to record
    assert "牵头单位没有变化。" in office.get(url(plan)).content.decode()
    assert AuditEntry.objects.filter(action="assign").count() == 2


def test_a_wrong_choice_saves_nothing(office, plan, science):
    department, _ = science
    before = leads(plan)
    form = choices(plan, **{GDP: department.pk, "研发经费投入增长": 999999})
    response = office.post(url(plan), form)
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert leads(plan) == before and not AuditEntry.objects.filter(action="assign").exists()


def test_only_the_unassigned_ones_when_asked(office, plan, science):
    department, _ = science
    unassigned = plan.indicators.filter(lead__isnull=True)
    count = unassigned.count()
    html = office.get(url(plan, "?unassigned=1")).content.decode()
    assert html.count('<select name="lead-') == count > 0
    first = unassigned.first()
    response = office.post(url(plan, "?unassigned=1"), {f"lead-{first.pk}": department.pk})
    assert response["Location"] == url(plan, "?unassigned=1")
    assert plan.indicators.filter(lead__isnull=True).count() == count - 1
    plan.indicators.update(lead=department)
    assert "每项指标都已指定牵头单位。" in office.get(url(plan, "?unassigned=1")).content.decode()


def test_readers_see_the_leads_and_only_the_office_changes_them(client, settings, plan, statistician):
    settings.PUBLIC_READ = True
    html = client.get(url(plan)).content.decode()
    assert '<select name="lead-' not in html and '<form method="post">' not in html
    assert "<td>区统计局</td>" in html and "只有规划办工作人员可以指定牵头单位。" in html
    form = choices(plan, **{GDP: ""})
    assert client.post(url(plan), form).status_code == 302  # to log in
    client.force_login(statistician)
    assert client.post(url(plan), form).status_code == 403
    assert leads(plan)[GDP] == "区统计局"


def test_without_departments_the_page_says_how_to_add_them(office, plan, admin_user):
    Department.objects.all().delete()
    html = office.get(url(plan)).content.decode()
    assert '<select name="lead-' not in html and "部门由系统管理员在管理后台的“部门”页面添加" in html
    assert "/admin/accounts/department/add/" not in html
    office.force_login(admin_user)
    assert 'href="/admin/accounts/department/add/">添加部门</a>' in office.get(url(plan)).content.decode()


def test_a_lead_departments_member_then_enters_its_figures_only(office, client, plan, science):
    department, member = science
    gdp, other = plan.indicators.get(name=GDP), plan.indicators.exclude(name=GDP).first()
    assert office.post(url(plan), choices(plan, **{GDP: department.pk})).status_code == 302
    client.force_login(member)
    figure = {"value": "6.1", "source": "统计公报", "confirmed": "on"}
    assert client.post(f"/monitoring/indicators/{gdp.pk}/2025/", figure).status_code == 302
    assert Observation.objects.filter(indicator=gdp, year=2025, value=6.1, entered_by=member).exists()
    refused = client.post(f"/monitoring/indicators/{other.pk}/2025/", figure)
    assert refused.status_code == 403
    assert not Observation.objects.filter(indicator=other, year=2025, entered_by=member).exists()


def test_the_page_in_english_and_the_dashboards_link_to_it(office, plan, science):
    html = office.get(url(plan), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Lead departments</h1>" in html and "(not assigned)</option>" in html
    assert "<th>Lead department</th>" in html and "Save the lead departments" in html
    assert not re.search("指标牵头单位|未指定|保存", html)
    dashboard = office.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="{url(plan)}">指标牵头单位</a>' in dashboard
