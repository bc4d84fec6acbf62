"""Importing the task list back from Excel in two steps (see server.uploads): every row read and checked for
the preview, then all stored or none.

A row finds its task by 序号 and 任务 together, or by 任务 alone when the rows
were reordered; departments are matched by their exact names. The rows read
are checked again on confirmation, since tasks may have changed in between.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch.server.accounts.models import Department
from planwatch.server.accounts.services import audit
from planwatch.server.plans.models import Plan
from planwatch.server.tasks.excel import SheetError, SheetRow, due_date, names, read_tasks
from planwatch.server.tasks.forms import ImportForm
from planwatch.server.tasks.models import Task
from planwatch.server.tasks.services import assign, report_progress
from planwatch.server.uploads import Problem, Workbook


@dataclass
class Difference:
    """One field of a task the import changes, as shown before and after."""

    label: str
    before: str
    after: str


@dataclass
class Change:
    """What a row sets on its task."""

    row: int
    task: Task
    lead: Department | None
    supporting: list[Department]
    due_date: date | None
    progress: str
    differences: list[Difference]


@dataclass
class Check:
    """The rows that change a task, how many change nothing, and every reason the file cannot be imported."""

    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems and bool(self.changes)


def read(plan: Plan, path: Path, name: str) -> dict:
    """The sheet's rows as read, a deadline cell kept as text or a number (a date as YYYY-MM-DD)."""
    try:
        rows = read_tasks(path)
    except SheetError as error:
        return {"error": str(error)}
    return {"rows": [asdict(row) | {"due": _plain_due(row.due)} for row in rows]}


def _plain_due(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()[:10]
    return value if value is None or isinstance(value, int | float | str) else str(value)


def check(plan: Plan, parsed: dict, user=None) -> Check:
    """Every row read as it would change its task, or every reason the file cannot be imported."""
    if "error" in parsed:
        return Check(problems=[Problem(parsed["error"])])
    rows = [SheetRow(**row) for row in parsed["rows"]]
    tasks = list(plan.tasks.with_latest().select_related("lead").prefetch_related("supporting"))
    departments = {d.name: d for d in Department.objects.all()}
    result = Check()
    first_row: dict[int, int] = {}
    for row in rows:
        task = _find(tasks, row)
        if task is None:
            result.problems.append(
                Problem(_("本规划中没有这项任务（按序号和任务名称查找）"), row=row.row, label=row.title)
            )
            continue
        if task.pk in first_row:
            message = _("与第 %(row)s 行是同一项任务") % {"row": first_row[task.pk]}
            result.problems.append(Problem(message, row=row.row, label=row.title))
            continue
        first_row[task.pk] = row.row
        change, problems = _change(row, task, departments)
        result.problems += problems
        if change is not None and change.differences:
            result.changes.append(change)
        elif change is not None:
            result.unchanged += 1
    if not rows:
        result.problems.append(Problem(_("表头下面没有任务行")))
    result.problems.sort(key=lambda problem: problem.row or 0)
    return result


def store(plan: Plan, parsed: dict, name: str, user) -> Check:
    """Check the rows read again and, when every one is good, apply every change in one transaction."""
    with transaction.atomic():
        result = check(plan, parsed)
        if result.problems:
            return result
        for change in result.changes:
            assign(change.task, user, change.lead, change.supporting, change.due_date)
            if change.progress:
                report_progress(change.task, user, change.progress, change.task.status)
        audit(
            user,
            "import",
            plan,
            f"导入任务分工表 {name}（{len(result.changes)} 项任务有变更）",
            after={"file": name, "changed": len(result.changes), "unchanged": result.unchanged},
        )
    return result


def _find(tasks: list[Task], row: SheetRow) -> Task | None:
    """The task with the row's 序号 and title, else the only task with its title."""
    title = _plain(row.title)
    numbered = next((t for t in tasks if t.number == row.number), None)
    if numbered is not None and _plain(numbered.title) == title:
        return numbered
    same = [t for t in tasks if _plain(t.title) == title]
    return same[0] if len(same) == 1 else None


def _change(
    row: SheetRow, task: Task, departments: dict[str, Department]
) -> tuple[Change | None, list[Problem]]:
    """What the row sets on the task, or why it cannot be imported."""
    problems = []

    def refuse(message: str) -> None:
        problems.append(Problem(message, row=row.row, label=task.title))

    lead = None
    leads = names(row.lead)
    if len(leads) > 1:
        refuse(_("牵头单位只能填写一个部门：%(names)s") % {"names": "、".join(leads)})
    elif leads and leads[0] not in departments:
        refuse(_("牵头单位“%(name)s”不是系统中的部门") % {"name": leads[0]})
    elif leads:
        lead = departments[leads[0]]
    unknown = [name for name in row.supporting if name not in departments]
    if unknown:
        refuse(_("配合单位“%(names)s”不是系统中的部门") % {"names": "、".join(unknown)})
    try:
        due = due_date(row.due)
    except ValueError as error:
        refuse(_("完成时限“%(text)s”无法识别，请填写如 2025年12月31日 或 2025年底") % {"text": error})
    if problems:
        return None, problems
    supporting = [departments[name] for name in row.supporting]
    # The exported sheet repeats the latest report; only a new text is a new report.
    progress = row.progress if _plain(row.progress) not in ("", _plain(task.latest_text or "")) else ""
    differences = []
    before_lead, after_lead = (task.lead.name if task.lead else ""), (lead.name if lead else "")
    if before_lead != after_lead:
        differences.append(Difference(_("牵头单位"), before_lead or "—", after_lead or "—"))
    before_supporting = list(task.supporting.all())
    if {d.pk for d in before_supporting} != {d.pk for d in supporting}:
        differences.append(Difference(_("配合单位"), _joined(before_supporting), _joined(supporting)))
    if task.due_date != due:
        differences.append(Difference(_("完成时限"), _day(task.due_date), _day(due)))
    if progress:
        differences.append(Difference(_("进展"), "—", progress))
    return Change(row.row, task, lead, supporting, due, progress, differences), []


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _joined(departments: list[Department]) -> str:
    return "、".join(d.name for d in departments) or "—"


def _plain(text: str) -> str:
    """A title as compared: without the spaces and line breaks a cell may add."""
    return "".join(text.split())


def _done(result: Check, name: str) -> str:
    return _("已导入任务分工表（%(name)s），%(count)s 项任务有变更。") % {
        "name": name,
        "count": len(result.changes),
    }


WORKBOOK = Workbook(
    app="tasks",
    section=gettext_lazy("任务清单"),
    title=gettext_lazy("导入任务分工表"),
    hint=gettext_lazy(
        "导出的 Excel 填好牵头单位、配合单位、完成时限和进展后导入：先逐行显示将要作出的变更，确认后才保存；"
        "有任何一行有误，就一行也不导入。部门名称须与系统中的完全一致。"
    ),
    download="tasks:export",
    download_label=gettext_lazy("导出 Excel"),
    rows_template="tasks/_preview_rows.html",
    problem_label=gettext_lazy("任务"),
    form=ImportForm,
    read=read,
    check=check,
    store=store,
    done=_done,
)
