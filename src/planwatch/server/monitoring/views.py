"""The monitoring pages: a plan's figures by indicator and year, one figure's form and history, the
departments' Excel template, the import of a filled one (preview first, then all rows or none), and the
review of the figures departments submitted (the office approves them or returns them with a reason)."""

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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planwatch.ingest.spreadsheets import write_template
from planwatch.plan.vocabulary import vintage_label
from planwatch.server import uploads
from planwatch.server.accounts.access import View, forbidden, may_change, office_required, read_access
from planwatch.server.monitoring.access import may_import
from planwatch.server.monitoring.forms import ImportForm, ObservationForm, ReturnForm
from planwatch.server.monitoring.imports import WORKBOOK
from planwatch.server.monitoring.models import APPROVED, Observation
from planwatch.server.monitoring.services import (
    NotAwaitingReview,
    approve_observation,
    provisional,
    questioned,
    record_observation,
    return_observation,
)
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.translations import page_lang


@dataclass
class Cell:
    """One indicator's figure in one year; `open` is False for a year outside the indicator's period;
    `awaiting` is a department's figure for it awaiting review."""

    year: int
    observation: Observation | None
    open: bool
    awaiting: bool = False


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
    awaiting = set(
        Observation.objects.filter(indicator__plan=plan).awaiting_review().values_list("indicator_id", "year")
    )
    rows = [
        (
            indicator,
            [
                Cell(
                    year,
                    current.get((indicator.pk, year)),
                    indicator.base_year < year <= indicator.target_year,
                    (indicator.pk, year) in awaiting,
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
            "preliminary_mark": vintage_label("preliminary", page_lang()),
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
    current = next((o for o in history if o.superseded_at is None and o.review == APPROVED), None)
    allowed = may_change(request.user, indicator)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not allowed:
            return forbidden(request, _refusal(request.user, indicator))
        form = ObservationForm(request.POST)
        if form.is_valid() and not form.questioned(questioned(indicator, year, form.cleaned_data["value"])):
            if form.same_as(current):
                messages.info(request, _("与现行数值相同，没有保存新的修订。"))
            else:
                record_observation(indicator, year, user=request.user, **form.figure())
                saved = _("已保存 %(name)s %(year)s年的监测值。") % {"name": indicator.name, "year": year}
                if provisional(request.user):
                    saved += _("待规划办审核通过后计入评估。")
                messages.success(request, saved)
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
            "provisional": provisional(request.user),
        },
    )


@read_access
@require_GET
def review(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The figures awaiting review, by the department that leads each indicator."""
    plan = get_object_or_404(Plan, pk=plan_id)
    awaiting = (
        Observation.objects.filter(indicator__plan=plan)
        .awaiting_review()
        .select_related("indicator", "indicator__lead", "entered_by")
        .order_by("indicator__lead__name", "indicator__position", "year")
    )
    by_department: dict[str, list[Observation]] = {}
    for obs in awaiting:
        lead = obs.indicator.lead.name if obs.indicator.lead else _("未指定牵头单位")
        by_department.setdefault(lead, []).append(obs)
    context = {
        "plan": plan,
        "departments": list(by_department.items()),
        "return_form": ReturnForm(auto_id=False),
    }
    return render(request, "monitoring/review.html", context)


@office_required
@require_POST
def decide(request: HttpRequest, observation_id: int) -> HttpResponse:
    """The office's decision on one figure: approve it, or return it with the reason the department reads."""
    obs = get_object_or_404(Observation.objects.select_related("indicator"), pk=observation_id)
    label = {"name": obs.indicator.name, "year": obs.year}
    try:
        if "return" in request.POST:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("退回时请写明理由。"))
                return redirect("monitoring:review", obs.indicator.plan_id)
            return_observation(obs, request.user, form.cleaned_data["reason"])
            messages.success(request, _("已退回 %(name)s %(year)s年的监测值。") % label)
        else:
            approve_observation(obs, request.user)
            messages.success(request, _("已审核通过 %(name)s %(year)s年的监测值。") % label)
    except NotAwaitingReview as error:
        messages.info(request, str(error))
    return redirect("monitoring:review", obs.indicator.plan_id)


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
    return uploads.workbook_download(
        data, plan, _("%(title)s-监测数据填报模板.xlsx"), "planwatch-template.xlsx"
    )


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
