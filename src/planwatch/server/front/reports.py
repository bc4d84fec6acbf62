"""Report downloads from the dashboard: the report of a plan and a year, as .docx, .xlsx or .html."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from planwatch.report import FORMATS, build_report, write_report
from planwatch.server.plans.access import read_access
from planwatch.server.plans.models import Observation, Plan

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
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"
        write_report(report, fmt, path)
        data = path.read_bytes()
    name = f"{plan.region or 'plan'}-{year}-{kind}.{fmt}"
    return FileResponse(io.BytesIO(data), content_type=CONTENT_TYPES[fmt], as_attachment=True, filename=name)
