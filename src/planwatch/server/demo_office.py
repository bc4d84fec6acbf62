"""The demo's office: the departments that carry out the sample plan, who leads each indicator and task, a
planning office clerk and a statistics bureau reporter who log in, and tasks done, under way and overdue.

Like the demo's figures, its progress reports and the reporter's figure are made up for showing the
application and say so (示例数据). Loading is idempotent: departments and users are found again, only what
has no department yet is assigned, and each run gives the users new passwords, printed at start.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from planwatch.server.accounts.models import Department
from planwatch.server.accounts.services import audit
from planwatch.server.demo import REPORTING, load_demo, submit_figure
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.tasks.models import Status
from planwatch.server.tasks.services import assign, report_progress

OFFICE = "区发展和改革委员会"  # the planning office; it leads what no other department does
STATISTICS = "区统计局"
# Who leads what: the first department one of whose words the indicator's name or the task's title holds.
# Words in a task's text name the departments that support it.
DEPARTMENTS = (
    (STATISTICS, ("生产总值", "劳动生产率", "城镇化率", "可支配收入")),
    (REPORTING, ("消费品", "开放", "招商", "商贸")),
    ("区市场监督管理局", ("专利", "质量", "品牌")),
    ("区财政局", ("上市", "资本", "财政", "资金")),
    ("区科技局", ("研发", "创新", "科技", "技术")),
    ("区人力资源和社会保障局", ("人才", "就业", "养老保险")),
    ("区教育局", ("教育", "高校", "学校")),
    ("区卫生健康委员会", ("医师", "预期寿命", "医疗")),
    ("区生态环境局", ("二氧化碳", "空气", "水体", "生态")),
    ("区自然资源局", ("森林", "国土")),
    ("区工业和信息化局", ("产业", "制造", "企业", "工业")),
)
SUPPORTING_MOST = 2
# Of every four tasks in the plan's order: one done, one overdue, one under way, one not started. Deadlines are
# days from the day the demo is loaded, so that some are past whenever it is; the next four's a week further
# away from it, and so on for five weeks.
SCHEDULE = (
    (Status.DONE, -120, "示例数据：已按计划完成，相关材料已归档。"),
    (Status.IN_PROGRESS, -30, "示例数据：受项目审批进度影响尚未完成，正在加快推进。"),
    (Status.IN_PROGRESS, 90, "示例数据：已完成年度工作计划的一半。"),
    (Status.NOT_STARTED, 180, ""),
)
# The statistics bureau's reporter submits next year's figure of one indicator it leads: it awaits review.
REPORTED_INDICATOR, REPORTED_YEAR, REPORTED_VALUE = "全员劳动生产率增长", 2025, 5.6


@dataclass(frozen=True)
class Login:
    """A user of the demo, with the password generated for this run and who the user is."""

    username: str
    password: str
    role: str


CLERK = ("guihuake", f"{OFFICE}规划科工作人员")
REPORTER = ("tongjiju", f"{STATISTICS}填报人员")


def load_demo_office() -> tuple[Plan, list[Login]]:
    """The demo's plan and figures, its office around them, and the users who log in to it."""
    plan = load_demo()
    return plan, open_office(plan)


@transaction.atomic
def open_office(plan: Plan) -> list[Login]:
    """Departments, the lead of every indicator and task, deadlines and progress, and two users."""
    departments = {
        name: Department.objects.get_or_create(name=name)[0]
        for name in [OFFICE, *(d for d, _ in DEPARTMENTS)]
    }
    for indicator in plan.indicators.filter(lead=None):
        _lead_indicator(indicator, departments[leading(indicator.name)])
    _assign_tasks(plan, departments)
    clerk = _login(*CLERK, departments[OFFICE], staff=True)
    reporter = _login(*REPORTER, departments[STATISTICS], staff=False)
    _report_figure(plan, reporter.username)
    return [clerk, reporter]


def leading(words: str) -> str:
    """The department that leads an indicator or a task of these words."""
    return next((name for name, own in DEPARTMENTS if any(w in words for w in own)), OFFICE)


def supporting(text: str, lead: str) -> list[str]:
    """The departments other than the lead that a task's text names the work of, the first few."""
    named = [name for name, own in DEPARTMENTS if name != lead and any(w in text for w in own)]
    return named[:SUPPORTING_MOST]


def _lead_indicator(indicator: Indicator, department: Department) -> None:
    indicator.lead = department
    indicator.save(update_fields=["lead"])
    audit(None, "assign", indicator, f"指标分工：{indicator.name}，牵头单位 {department.name}")


def _assign_tasks(plan: Plan, departments: dict[str, Department]) -> None:
    """Each task not yet assigned: its lead, supporting departments, deadline and the progress reported."""
    today = timezone.localdate()
    tasks = plan.tasks.filter(lead=None, updates=None).order_by("position")
    for k, task in enumerate(tasks):
        status, days, progress = SCHEDULE[k % len(SCHEDULE)]
        days += (1 if days > 0 else -1) * 7 * (k // len(SCHEDULE) % 5)
        lead = leading(task.title)
        helpers = [departments[name] for name in supporting(task.text, lead)]
        assign(task, None, departments[lead], helpers, today + dt.timedelta(days=days))
        if progress:
            report_progress(task, None, progress, status)


def _login(username: str, role: str, department: Department, staff: bool) -> Login:
    """The user, found or made, a member of the department, with a new password."""
    user, _ = get_user_model().objects.get_or_create(username=username)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_staff = staff
    user.save()
    department.members.add(user)
    return Login(username, password, role)


def _report_figure(plan: Plan, username: str) -> None:
    """The reporter's figure awaiting review, submitted once."""
    indicator = plan.indicators.get(name=REPORTED_INDICATOR)
    reporter = get_user_model().objects.get(username=username)
    if Observation.objects.filter(indicator=indicator, year=REPORTED_YEAR, entered_by=reporter).exists():
        return
    submit_figure(indicator, REPORTED_YEAR, REPORTED_VALUE, reporter)
