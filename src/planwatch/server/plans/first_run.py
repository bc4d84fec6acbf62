"""The first-run guide of the plans page: the office's five steps from a plan document to its reports, each
with the page that does it and whether it is done for the plan the office is working on.

The plan worked on is the one the office stored last (its own before an illustrative one); the guide is
open until every step is done, then folded away, still there to be opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from planwatch.server.accounts.models import Department
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Plan
from planwatch.server.tasks.models import Task


@dataclass(frozen=True)
class Step:
    """A step: what to do, why, where (none until there is a plan), done or not, and how far along."""

    title: str
    why: str
    links: list[tuple[str, str]] = field(default_factory=list)
    done: bool = False
    detail: str = ""


@dataclass(frozen=True)
class Guide:
    plan: Plan | None
    steps: list[Step]

    @property
    def finished(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def current(self) -> Step | None:
        """The first step not done: the one the page points to."""
        return next((step for step in self.steps if not step.done), None)


def worked_on(plans: list[Plan]) -> Plan | None:
    """The plan the office stored last, its own before an illustrative one."""
    return max(plans, key=lambda p: (not p.illustrative, p.created_at, p.pk), default=None)


def guide(plans: list[Plan], user, upload_pending: bool) -> Guide:
    """The five steps for the plan worked on; `upload_pending` when a document is uploaded, not yet confirmed."""
    plan = worked_on(plans)
    upload = Step(
        _("上传规划"),
        _("上传规划纲要文件（Word、PDF、网页或文本），系统读取章节、指标表和重点任务。"),
        [(_("上传规划文件"), reverse("plans:upload"))],
        done=plan is not None or upload_pending,
    )
    check = Step(_("核对读取结果"), _("逐项核对读取出的指标表和任务，改正读错的单元格，确认后保存。"))
    if plan is None:
        later = _("上传规划后可用")
        if upload_pending:
            check = _with(check, links=[(_("继续核对"), reverse("plans:review"))])
        return Guide(None, [upload, check, *(_with(s, detail=later) for s in _later_steps())])
    check = _with(check, links=[(_("查看读取结果"), reverse("plans:reading", args=[plan.pk]))], done=True)
    return Guide(plan, [upload, check, _assign(plan, user), *_figures(plan)])


def _later_steps() -> list[Step]:
    return [
        Step(_("分配责任部门"), _("为每项指标和重点任务指定牵头单位，各部门即可填报数据、报告进展。")),
        Step(_("填报模板导入数据"), _("下载 Excel 填报模板发给各部门，收回后导入监测值。")),
        Step(_("查看监测看板、生成报告"), _("在监测看板查看各项指标的进度，下载年度监测报告。")),
    ]


def _with(step: Step, **changes) -> Step:
    return Step(**{**step.__dict__, **changes})


def _assign(plan: Plan, user) -> Step:
    indicators = plan.indicators.aggregate(all=Count("pk"), led=Count("lead"))
    tasks = Task.objects.filter(plan=plan).aggregate(all=Count("pk"), led=Count("lead"))
    links = [
        (_("指定指标牵头单位"), reverse("plans:leads", args=[plan.pk])),
        (_("分配重点任务"), reverse("tasks:plan", args=[plan.pk])),
    ]
    # Nothing can be assigned before there are departments, which an administrator adds.
    if user.has_perm("accounts.add_department") and not Department.objects.exists():
        links.append((_("添加部门"), reverse("admin:accounts_department_add")))
    detail = _("已指定牵头单位：指标 %(led)s/%(all)s 项，任务 %(tasks_led)s/%(tasks)s 项") % {
        "led": indicators["led"],
        "all": indicators["all"],
        "tasks_led": tasks["led"],
        "tasks": tasks["all"],
    }
    done = indicators["led"] == indicators["all"] and tasks["led"] == tasks["all"]
    return _with(_later_steps()[0], links=links, done=done, detail=detail)


def _figures(plan: Plan) -> list[Step]:
    """Figures imported (any, awaiting review or not), and figures approved: what the dashboard judges."""
    figures = Observation.objects.filter(indicator__plan=plan)
    entered = figures.filter(superseded_at__isnull=True).count()
    approved = figures.current().count()
    awaiting = figures.awaiting_review().count()
    fill, see = _later_steps()[1:]
    fill = _with(
        fill,
        links=[(_("下载模板并导入"), reverse("monitoring:import", args=[plan.pk]))],
        done=entered > 0,
        detail=_("已有 %(n)s 条监测值") % {"n": entered} if entered else "",
    )
    see_links = [(_("打开监测看板"), reverse("reports:dashboard", args=[plan.pk]))]
    if awaiting:
        review = _("审核待审核的监测值（%(n)s 条）") % {"n": awaiting}
        see_links.append((review, reverse("monitoring:review", args=[plan.pk])))
    return [fill, _with(see, links=see_links, done=approved > 0)]
