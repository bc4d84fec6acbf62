"""The monitoring pages: a plan's figures by indicator and year, one figure's form and history, the
departments' Excel template, and the import of a filled one (preview first, then all rows or none)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from planwatch.ingest.spreadsheets import write_template
from planwatch.server import uploads
from planwatch.server.accounts.access import View, forbidden, may_change, read_access
from planwatch.server.monitoring.access import may_import
from planwatch.server.monitoring.forms import ImportForm, ObservationForm
from planwatch.server.monitoring.imports import WORKBOOK
from planwatch.server.monitoring.models import Observation
from planwatch.server.monitoring.services import record_observation
from planwatch.server.plans.models import Indicator, Plan


@dataclass
class Cell:
    """One indicator's figure in one year; `open` is False for a year outside the indicator's period."""

    year: int
    observation: Observation | None
    open: bool


def plan_years(indicators: list[Indicator]) -> list[int]:
    """The years figures are reported for: the year after the base year to the target year."""
    if not indicators:
        return []
    return list(range(min(i.base_year for i in indicators) + 1, max(i.target_year for i in indicators) + 1))


@read_access
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {"plans": Plan.objects.all(), "heading": WORKBOOK.section, "plan_link": "monitoring:plan"}
    return render(request, "plan_index.html", context)


@read_access
@require_GET
def plan_figures(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    indicators = list(plan.indicators.all())
    years = plan_years(indicators)
    current = {
        (o.indicator_id, o.year): o for o in Observation.objects.filter(indicator__plan=plan).current()
    }
    rows = [
        (
            indicator,
            [
                Cell(
                    year,
                    current.get((indicator.pk, year)),
                    indicator.base_year < year <= indicator.target_year,
                )
                for year in years
            ],
        )
        for indicator in indicators
    ]
    return render(
        request,
        "monitoring/plan.html",
        {
            "plan": plan,
            "years": years,
            "rows": rows,
            "may_import": may_import(request.user),
            "import_form": ImportForm(),
            "workbook": WORKBOOK,
        },
    )


@read_access
@require_http_methods(["GET", "POST"])
def observation(request: HttpRequest, indicator_id: int, year: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("plan", "lead"), pk=indicator_id)
    if not indicator.base_year < year <= indicator.target_year:
        raise Http404(_("该指标在这一年没有监测值。"))
    history = list(
        indicator.observations.filter(year=year).select_related("entered_by").order_by("-entered_at")
    )
    current = next((o for o in history if o.superseded_at is None), None)
    allowed = may_change(request.user, indicator)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not allowed:
            return forbidden(request, _refusal(request.user, indicator))
        form = ObservationForm(request.POST)
        if form.is_valid():
            if form.same_as(current):
                messages.info(request, _("与现行数值相同，没有保存新的修订。"))
            else:
                record_observation(indicator, year, user=request.user, **form.cleaned_data)
                messages.success(
                    request,
                    _("已保存 %(name)s %(year)s年的监测值。") % {"name": indicator.name, "year": year},
                )
            return redirect("monitoring:observation", indicator.pk, year)
    elif current is not None:
        form = ObservationForm.standing(current)
    else:
        form = ObservationForm()
    return render(
        request,
        "monitoring/observation.html",
        {
            "indicator": indicator,
            "plan": indicator.plan,
            "year": year,
            "history": history,
            "current": current,
            "form": form if allowed else None,
        },
    )


@read_access
@require_GET
def template(request: HttpRequest, plan_id: int) -> FileResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    indicators = list(plan.indicators.all())
    if not indicators:
        raise Http404(_("该规划没有指标，无法生成填报模板。"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_template([i.to_library() for i in indicators], plan_years(indicators), path)
        data = path.read_bytes()
    return uploads.workbook_download(data, plan, _("%(title)s-监测数据填报模板.xlsx"))


def importer(view: View) -> View:
    """The import's pages: for whoever may import at all (rights per row are checked in monitoring.imports)."""

    @wraps(view)
    def wrapped(request: HttpRequest, plan_id: int) -> HttpResponse:
        if not may_import(request.user):
            return forbidden(request, _("只有规划办工作人员和各部门的成员可以导入监测值。"))
        return view(request, plan_id)

    return login_required(wrapped)


def _refusal(user, indicator: Indicator) -> str:
    """Why this user may not change this indicator, in words that say whom to ask."""
    if indicator.lead is None:
        return _("“%(name)s”尚未指定牵头单位，只有规划办工作人员可以录入它的监测值。") % {
            "name": indicator.name
        }
    return _("“%(name)s”的牵头单位是%(lead)s；只有该部门的成员和规划办工作人员可以录入它的监测值。") % {
        "name": indicator.name,
        "lead": indicator.lead.name,
    }
