"""The task pages: a plan's task list with its filters and Excel export and import, one task with its
assignment and progress reports, the reports' evidence, and the commitments the office confirms as indicators."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from planwatch.server import uploads
from planwatch.server.accounts.access import forbidden, is_office, office_required, read_access
from planwatch.server.accounts.models import Department
from planwatch.server.downloads import attachment
from planwatch.server.plans.models import Plan
from planwatch.server.tasks.access import may_report, may_see_evidence
from planwatch.server.tasks.excel import write_tasks
from planwatch.server.tasks.forms import AssignmentForm, ImportForm, UpdateForm
from planwatch.server.tasks.imports import WORKBOOK
from planwatch.server.tasks.models import Commitment, Status, Task, TaskUpdate
from planwatch.server.tasks.services import Refused, assign, confirm_commitment, report_progress

OVERDUE = "overdue"


@read_access
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {"plans": Plan.objects.all(), "heading": WORKBOOK.section, "plan_link": "tasks:plan"}
    return render(request, "tasks/index.html", context)


def _filtered(request: HttpRequest, plan: Plan) -> tuple[QuerySet, dict]:
    """The plan's tasks narrowed by ?department=, ?chapter= and ?status= (a status code or `overdue`)."""
    tasks = plan.tasks.with_latest().select_related("lead").prefetch_related("supporting")
    chosen = {"department": None, "chapter": request.GET.get("chapter", ""), "status": ""}
    department = request.GET.get("department", "")
    if department.isdigit():
        chosen["department"] = Department.objects.filter(pk=int(department)).first()
    if chosen["department"] is not None:
        tasks = tasks.filter(Q(lead=chosen["department"]) | Q(supporting=chosen["department"])).distinct()
    if chosen["chapter"]:
        tasks = tasks.filter(chapter=chosen["chapter"])
    status = request.GET.get("status", "")
    if status == OVERDUE:
        tasks = tasks.filter(due_date__lt=timezone.localdate()).exclude(status=Status.DONE)
        chosen["status"] = status
    elif status in Status.values:
        tasks = tasks.filter(status=status)
        chosen["status"] = status
    return tasks, chosen


@read_access
@require_safe
def plan_tasks(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    tasks, chosen = _filtered(request, plan)
    chapters = list(dict.fromkeys(plan.tasks.exclude(chapter="").values_list("chapter", flat=True)))
    return render(
        request,
        "tasks/plan.html",
        {
            "plan": plan,
            "tasks": list(tasks),
            "total": plan.tasks.count(),
            "chosen": chosen,
            "departments": Department.objects.order_by("name"),
            "chapters": chapters,
            "statuses": Status.choices,
            "overdue": OVERDUE,
            "query": request.GET.urlencode(),
            "import_form": ImportForm(),
            "workbook": WORKBOOK,
        },
    )


@read_access
@require_safe
def export(request: HttpRequest, plan_id: int) -> FileResponse:
    """The task list in the layout offices circulate, narrowed by the same filters as the page."""
    plan = get_object_or_404(Plan, pk=plan_id)
    tasks = list(_filtered(request, plan)[0])
    data = write_tasks(plan, tasks, {t.pk: t.latest_text or "" for t in tasks})
    return uploads.workbook_download(data, plan, _("%(title)s-重点任务分工.xlsx"), "planwatch-tasks.xlsx")


def _task_page(
    request: HttpRequest,
    task: Task,
    assignment: AssignmentForm | None = None,
    update: UpdateForm | None = None,
) -> HttpResponse:
    """A task's page, with the forms the user may use (bound when a post came back with errors)."""
    office = is_office(request.user)
    if office and assignment is None:
        assignment = AssignmentForm(
            initial={
                "lead": task.lead_id,
                "supporting": [d.pk for d in task.supporting.all()],
                "due_date": task.due_date,
            },
            lead=task.lead,
        )
    if update is None and may_report(request.user, task):
        update = UpdateForm(initial={"status": task.status})
    return render(
        request,
        "tasks/task.html",
        {
            "plan": task.plan,
            "task": task,
            "updates": task.updates.select_related("by"),
            "evidence_shown": may_see_evidence(request.user, task),
            "assignment": assignment if office else None,
            "update": update,
        },
    )


def _task(task_id: int) -> Task:
    """The task with its plan, whose reading (the whole Plan JSON) the page does not need."""
    return get_object_or_404(
        Task.objects.select_related("plan", "lead").defer("plan__reading").prefetch_related("supporting"),
        pk=task_id,
    )


@read_access
@require_safe
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    return _task_page(request, _task(task_id))


@office_required
@require_POST
def task_assign(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(task_id)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        return _task_page(request, task, assignment=form)
    if assign(task, request.user, **form.cleaned_data):
        messages.success(request, _("已保存任务分工。"))
    else:
        messages.info(request, _("分工没有变化。"))
    return redirect("tasks:task", task.pk)


@login_required
@require_POST
def task_report(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(task_id)
    if not may_report(request.user, task):
        return forbidden(request, _("只有该任务牵头单位、配合单位的成员和规划办工作人员可以报送进展。"))
    form = UpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        return _task_page(request, task, update=form)
    data = form.cleaned_data
    report_progress(task, request.user, data["text"], data["status"], data["evidence"])
    messages.success(request, _("已报送进展。"))
    return redirect("tasks:task", task.pk)


@read_access
@require_safe
def evidence(request: HttpRequest, update_id: int) -> FileResponse:
    """An update's evidence, to the office and the task's departments; the files are not served from MEDIA_URL.

    Anyone else gets the answer an unknown id gets, so counting through the ids finds nothing.
    """
    update = TaskUpdate.objects.select_related("task").filter(pk=update_id).first()
    if update is None or not update.evidence or not may_see_evidence(request.user, update.task):
        raise Http404(_("这条进展没有佐证材料。"))
    try:
        file = update.evidence.open("rb")
    except FileNotFoundError:
        raise Http404(_("佐证材料文件已不存在。")) from None
    return attachment(file, update.evidence_name, f"evidence-{update.pk}{PurePath(file.name).suffix}")


@read_access
@require_safe
def commitments(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    return render(
        request,
        "tasks/commitments.html",
        {
            "plan": plan,
            "commitments": plan.commitments.select_related("indicator"),
        },
    )


@office_required
@require_POST
def commitment_confirm(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_object_or_404(Commitment, pk=commitment_id)
    try:
        indicator = confirm_commitment(commitment, request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("已将“%(name)s”确认为指标，目标 %(target)s。")
            % {"name": indicator.name, "target": indicator.target},
        )
    return redirect("tasks:commitments", commitment.plan_id)
