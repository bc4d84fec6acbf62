"""The first-run guide of the plans page: the office's five steps, each linked to its page, with the steps
done for the plan it is working on; open until they are all done, then folded away."""

from __future__ import annotations

import re

import pytest

from planwatch.server.accounts.models import Department
from planwatch.server.monitoring.models import PENDING, Observation
from planwatch.server.plans.first_run import guide
from planwatch.server.plans.services import store_plan
from planwatch.server.tasks.models import Task

pytestmark = pytest.mark.django_db

STEPS = ["上传规划", "核对读取结果", "分配责任部门", "填报模板导入数据", "查看监测看板、生成报告"]


def states(html: str) -> list[tuple[str, str]]:
    """Each step of the guide on the page: its state and its title."""
    return re.findall(r'<li class="(done|current|todo)">.*?<strong>(.*?)</strong>', html, re.S)


@pytest.fixture
def office(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def stored(sample_plan):
    return store_plan(sample_plan, source_name="weidu.txt")


def assign_everything(plan) -> None:
    bureau = Department.objects.create(name="区发展和改革委员会")
    plan.indicators.update(lead=bureau)
    Task.objects.filter(plan=plan).update(lead=bureau)


def test_an_office_without_a_plan_is_shown_where_to_start(office):
    html = office.get("/").content.decode()
    assert [title for _, title in states(html)] == STEPS
    assert [state for state, _ in states(html)] == ["current", "todo", "todo", "todo", "todo"]
    assert 'href="/office/upload/">上传规划文件</a>' in html
    assert html.count("上传规划后可用") == 3 and '<details class="first-run" open>' in html


def test_with_a_plan_stored_the_next_step_is_to_assign_departments(office, stored):
    response = office.get("/")
    assert response.status_code == 200  # one plan, steps left: the list with the guide, not the dashboard
    html = response.content.decode()
    assert [state for state, _ in states(html)] == ["done", "done", "current", "todo", "todo"]
    for link in (
        f"/plans/{stored.pk}/reading/",
        f"/plans/{stored.pk}/leads/",
        f"/tasks/plans/{stored.pk}/",
        f"/monitoring/plans/{stored.pk}/import/",
        f"/plans/{stored.pk}/",
    ):
        assert f'href="{link}"' in html, link
    tasks = Task.objects.filter(plan=stored).count()
    assert f"已指定牵头单位：指标 0/16 项，任务 0/{tasks} 项" in html
    assert f"按最近导入的规划“{stored.title}”显示完成情况。" in html
    assert "/admin/accounts/department/add/" not in html  # the admin's link only for who may use it


def test_an_administrator_is_offered_to_add_the_departments_first(office, stored, admin_user):
    office.force_login(admin_user)
    assert 'href="/admin/accounts/department/add/">添加部门</a>' in office.get("/").content.decode()
    Department.objects.create(name="区统计局")
    assert "/admin/accounts/department/add/" not in office.get("/").content.decode()


def test_the_steps_follow_the_plan_as_the_office_works_on_it(office, stored):
    assign_everything(stored)
    html = office.get("/").content.decode()
    assert [s for s, _ in states(html)] == ["done", "done", "done", "current", "todo"]
    gdp = stored.indicators.get(name="地区生产总值增长")
    Observation.objects.create(indicator=gdp, year=2021, value=6.5, review=PENDING)
    html = office.get("/").content.decode()
    assert [s for s, _ in states(html)] == ["done", "done", "done", "done", "current"]
    assert "已有 1 条监测值" in html and f'href="/monitoring/plans/{stored.pk}/review/"' in html


def test_once_every_step_is_done_the_guide_folds_away(office, stored, sample_plan):
    assign_everything(stored)
    Observation.objects.create(indicator=stored.indicators.first(), year=2021, value=6.5)
    response = office.get("/")
    assert response.status_code == 302 and response["Location"] == f"/plans/{stored.pk}/"
    store_plan(sample_plan, source_name="copy.txt", illustrative=True)
    html = office.get("/").content.decode()  # two plans listed; the guide follows the office's own
    assert '<details class="first-run finished">' in html and "开始使用：各步骤均已完成" in html
    assert [s for s, _ in states(html)] == ["done"] * 5


def test_an_upload_waiting_for_review_is_the_next_thing_to_check(staff):
    steps = guide([], staff, upload_pending=True)
    assert [s.done for s in steps.steps] == [True, False, False, False, False]
    assert steps.current.links == [("继续核对", "/office/upload/review/")]


def test_only_the_office_sees_the_guide(client, settings, stored, django_user_model):
    settings.PUBLIC_READ = True
    store_plan(stored.read(), source_name="copy.txt")
    assert "first-run" not in client.get("/").content.decode()
    client.force_login(django_user_model.objects.create_user("bumen", password="x" * 12))
    assert "first-run" not in client.get("/").content.decode()


def test_the_guide_in_english(office, stored):
    html = office.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Getting started: from the plan document to the monitoring report" in html
    assert "Assign departments" in html and "Lead department assigned: 0 of 16 indicators" in html
    assert "分配责任部门" not in html and "已完成" not in html
