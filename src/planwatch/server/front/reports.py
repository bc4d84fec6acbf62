"""Report downloads from the dashboard: the report of a plan and a year, as .docx, .xlsx or .html."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from planwatch.report import FORMATS, build_report, write_report
from planwatch.report.content import TASK_STATUS_ZH, TaskLine
from planwatch.server.plans.access import read_access
from planwatch.server.plans.models import Observation, Plan
from planwatch.server.tasks.models import Task

KINDS = ("annual", "midterm", "final")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


@require_safe
@read_access
def download(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    fmt, kind = request.GET.get("format", "docx"), request.GET.get("kind", "annual")
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return HttpResponseBadRequest("year: a year of the plan period")
    if fmt not in FORMATS or kind not in KINDS or not plan.period_start <= year <= plan.period_end:
        return HttpResponseBadRequest(
            f"format ({'/'.join(FORMATS)}), kind ({'/'.join(KINDS)}) or year out of range"
        )
    indicators = [i.to_library() for i in plan.indicators.all()]
    observations = [
        o.to_library()
        for o in Observation.objects.filter(indicator__plan=plan).current().select_related("indicator")
    ]
    report = build_report(
        indicators,
        observations,
        year,
        kind,
        plan_title=plan.title,
        region=plan.region,
        settings=plan.settings(),
        illustrative=plan.illustrative,
        tasks=task_lines(plan),
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"
        write_report(report, fmt, path)
        data = path.read_bytes()
    name = f"{plan.region or 'plan'}-{year}-{kind}.{fmt}"
    return FileResponse(io.BytesIO(data), content_type=CONTENT_TYPES[fmt], as_attachment=True, filename=name)


def task_lines(plan: Plan) -> list[TaskLine]:
    """The plan's tasks as the report lists them, overdue as of today: the day the report is downloaded."""
    tasks = Task.objects.filter(plan=plan).with_latest().select_related("lead").prefetch_related("supporting")
    return [
        TaskLine(
            number=t.number,
            title=t.title,
            chapter=t.chapter,
            lead=t.lead.name if t.lead else "",
            supporting="、".join(sorted(d.name for d in t.supporting.all())),
            due=t.due_date,
            status=t.status,
            status_zh=TASK_STATUS_ZH[t.status],
            overdue=t.overdue,
            latest=_latest(t.latest_text, t.latest_at),
        )
        for t in tasks
    ]


def _latest(text: str | None, at: dt.datetime | None) -> str:
    """The latest progress report with the day it was made, so a reader sees how recent it is."""
    if not text or at is None:
        return ""
    day = timezone.localtime(at).date()
    return f"{text}（{day.year}年{day.month}月{day.day}日）"
