"""The demo is a working office: departments lead the indicators and tasks, a clerk and a reporter log in with
the passwords printed at start, figures await review, tasks are done, under way and overdue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planwatch.server.accounts.models import AuditEntry, Department
from planwatch.server.demo import SUBMITTED_INDICATOR
from planwatch.server.demo_office import (
    CLERK,
    DEPARTMENTS,
    OFFICE,
    REPORTED_INDICATOR,
    REPORTER,
    STATISTICS,
    leading,
    load_demo_office,
    open_office,
    supporting,
)
from planwatch.server.monitoring.models import PENDING, Observation
from planwatch.server.tasks.models import Status, TaskUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return load_demo_office()


def test_every_indicator_and_task_has_a_lead_department(office):
    plan, _ = office
    assert set(Department.objects.values_list("name", flat=True)) >= {OFFICE, *(d for d, _ in DEPARTMENTS)}
    assert not plan.indicators.filter(lead=None).exists()
    assert not plan.tasks.filter(lead=None).exists()
    leads = {i.name: i.lead.name for i in plan.indicators.select_related("lead")}
    assert leads["地区生产总值增长"] == STATISTICS
    assert leads["研发经费投入增长"] == "区科技局"
    assert leads["城市空气优良天数比率"] == "区生态环境局"
    assert leads["固定资产投资增长"] == OFFICE
    assert leads[SUBMITTED_INDICATOR] == "区商务局"
    assert plan.tasks.get(title="完善多元化人才引育机制").lead.name == "区人力资源和社会保障局"
    assert any(t.supporting.exists() for t in plan.tasks.all())
    assert AuditEntry.objects.filter(action="assign", object_type="Indicator").count() > 0


def test_tasks_are_done_under_way_and_overdue(office):
    plan, _ = office
    tasks = list(plan.tasks.all())
    assert all(t.due_date is not None for t in tasks)
    done = [t for t in tasks if t.status == Status.DONE]
    overdue = [t for t in tasks if t.overdue]
    later = [t for t in tasks if not t.overdue and t.status != Status.DONE]
    assert done and overdue and later
    assert all(t.updates.first().text.startswith("示例数据") for t in done + overdue)


def test_the_task_list_shows_the_overdue_ones(client, office, django_user_model):
    plan, _ = office
    client.force_login(django_user_model.objects.get(username=CLERK[0]))
    response = client.get(reverse("tasks:plan", args=[plan.pk]) + "?status=overdue")
    shown = [t.key for t in response.context["tasks"]]
    assert shown and shown == [t.key for t in plan.tasks.order_by("position") if t.overdue]


def test_figures_await_review(office):
    plan, _ = office
    pending = Observation.objects.filter(indicator__plan=plan, review=PENDING, superseded_at=None)
    by = {(o.indicator.name, o.entered_by.username) for o in pending}
    assert len(pending) == 3
    assert (REPORTED_INDICATOR, REPORTER[0]) in by and (SUBMITTED_INDICATOR, "demo-reporter") in by
    assert all(o.illustrative for o in pending)


@pytest.mark.parametrize(("who", "staff"), [(CLERK, True), (REPORTER, False)])
def test_the_users_log_in_with_the_printed_passwords(client, office, who, staff):
    _, logins = office
    login = next(x for x in logins if x.username == who[0])
    assert login.role == who[1] and login.password
    response = client.post(reverse("login"), {"username": login.username, "password": login.password})
    assert response.status_code == 302
    user = client.get("/").wsgi_request.user
    assert user.username == login.username and user.is_staff is staff


def test_the_reporter_is_a_member_of_the_statistics_bureau(office):
    bureau = Department.objects.get(name=STATISTICS)
    assert bureau.members.filter(username=REPORTER[0]).exists()
    assert Department.objects.get(name=OFFICE).members.filter(username=CLERK[0]).exists()


def test_loading_twice_finds_the_departments_and_users_again(office, django_user_model):
    plan, first = office

    def counts() -> tuple[int, int, int]:
        return Department.objects.count(), django_user_model.objects.count(), TaskUpdate.objects.count()

    before = counts()
    again = open_office(plan)
    assert counts() == before
    assert [x.password for x in again] != [x.password for x in first]  # new passwords, printed again
    assert Observation.objects.filter(indicator__plan=plan, review=PENDING, superseded_at=None).count() == 3
    second, _ = load_demo_office()  # the demo loaded once more on the same database: a plan of its own
    assert second.pk != plan.pk and not second.tasks.filter(lead=None).exists()
    assert Department.objects.count() == before[0]


def test_the_first_tasks_are_tasks_not_principles(office):
    plan, _ = office
    first = [t.title for t in plan.tasks.order_by("position")[:12]]
    assert first[0] == "加强创新型企业培育"
    assert not [t for t in first if t.startswith(("坚持", "突出", "注重"))]


def test_leads_and_supporting_departments_follow_the_words():
    assert leading("每万人口发明专利拥有量") == "区市场监督管理局"
    assert leading("单位GDP能源消耗降幅") == OFFICE
    assert supporting("引进高层次人才，支持高校建设研发平台。", "区科技局") == [
        "区人力资源和社会保障局",
        "区教育局",
    ]
