"""The pages across plans: a plan's place (its region, the plans above, below and before it, and the
targets it leaves to the region above, entered there by the office), and one indicator compared across
the regions under one region, as a table with bars and as an Excel sheet."""

from __future__ import annotations

import zlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from planwatch.plan.regions import find, lineage
from planwatch.server.accounts.access import office_required, read_access
from planwatch.server.downloads import attachment, plan_file_name, safe_name
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.regions import periods, services
from planwatch.server.regions.excel import comparison_workbook
from planwatch.server.regions.hierarchy import child_plans, levels_below, parent_plan, region_of
from planwatch.server.regions.rows import table_rows
from planwatch.server.translations import page_lang

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEPT_FOR = 3600  # seconds a comparison's rows stay kept unasked (a changed plan gives a new key at once)
# The regions a comparison takes under a region: those directly below it, or those of one level at any
# depth (hierarchy.LEVELS), or every level at once.
LEVEL_NAMES = {
    "": gettext_lazy("下一级地区"),
    "city": gettext_lazy("地级地区"),
    "county": gettext_lazy("县级地区"),
    "all": gettext_lazy("各级地区"),
}


def full_name(region) -> str:
    """河南省许昌市魏都区: a region with the regions above it, to tell apart regions of one name."""
    return "".join(r.name for r in lineage(region.code)) + region.name


@require_safe
@read_access
def place(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    region = region_of(plan)
    above = parent_plan(plan)
    context = {
        "plan": plan,
        "region": region,
        "chain": lineage(region.code) if region else [],
        "candidates": [] if region else [(r.code, full_name(r)) for r in find(plan.region)],
        "parent": above,
        "children": child_plans(plan),
        "predecessor": plan.predecessor,
        "successors": list(plan.successors.all()),
        "delegated": services.delegated(plan, above),
    }
    return render(request, "regions/place.html", context)


@require_POST
@office_required
def set_region(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    try:
        region = services.set_region(plan, request.POST.get("code", ""), request.user)
    except ValueError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("已将本规划设为%(name)s（%(code)s）的规划。") % {"name": region.name, "code": region.code},
        )
    return redirect("regions:place", plan_id=plan.pk)


@require_POST
@office_required
def enter_target(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=indicator_id)
    try:
        found = services.enter_target(indicator, request.POST.get("target", ""), request.user)
    except ValueError as e:
        messages.error(request, str(e))
    else:
        if found:
            messages.success(
                request,
                _("已录入“%(name)s”的上级下达目标：%(target)s。")
                % {"name": indicator.name, "target": found.target},
            )
        else:
            messages.success(request, _("已删除“%(name)s”的上级下达目标。") % {"name": indicator.name})
    return redirect("regions:place", plan_id=indicator.plan_id)


def _year(request: HttpRequest, plans: list[Plan], plan: Plan) -> int:
    """The year asked for, else the latest any of the compared plans has a figure for."""
    text = request.GET.get("year", "")
    if text:
        if not (text.isascii() and text.isdigit()) or not plan.period_start <= int(text) <= plan.period_end:
            raise BadRequest(
                _("年份须在规划期%(start)s—%(end)s年之内。")
                % {"start": plan.period_start, "end": plan.period_end}
            )
        return int(text)
    latest = Observation.objects.filter(indicator__plan__in=plans).current().aggregate(year=Max("year"))
    return min(latest["year"] or plan.period_start, plan.period_end)


def _table(indicator: Indicator, compared: services.Scope, year: int, lang: str, level: str) -> str:
    """The comparison's rows as HTML, kept (compressed: 3,000 rows are 1.5 MB) under the stamps of the plans
    they were drawn from, so a view reads them while no plan compared has changed."""
    key = services.drawn_key(indicator, compared, year, lang, level)
    kept = cache.get(key)
    if kept is not None:
        return mark_safe(zlib.decompress(kept).decode())
    table = table_rows(services.compare(indicator, compared, year, lang), lang)
    cache.set(key, zlib.compress(table.encode()), KEPT_FOR)
    return table


@require_safe
@read_access
def compare(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("plan"), pk=indicator_id)
    region = region_of(indicator.plan)
    levels = levels_below(region) if region is not None else []
    level = request.GET.get("level", "")
    level = level if level in levels else ""
    heading, plans = services.among(indicator.plan, level)
    year, lang, compared = _year(request, plans, indicator.plan), page_lang(), services.scope(plans)
    if request.GET.get("format") == "xlsx":
        rows = services.compare(indicator, compared, year, lang)
        title = _("%(name)s各地区比较（%(year)s年）") % {"name": indicator.name, "year": year}
        data = comparison_workbook(title, heading, year, rows)
        name = f"{plan_file_name(indicator.plan)}-{safe_name(indicator.name)}-{year}年各地区比较.xlsx"
        return attachment(data, name, f"planwatch-comparison-{year}.xlsx", XLSX)
    context = {
        "plan": indicator.plan,
        "indicator": indicator,
        "heading": heading,
        "table": _table(indicator, compared, year, lang, level),
        "year": year,
        "level": level,
        "levels": [("", LEVEL_NAMES[""])] + [(k, LEVEL_NAMES[k]) for k in levels] if levels else [],
        "years": range(indicator.plan.period_start, indicator.plan.period_end + 1),
    }
    return render(request, "regions/compare.html", context)


@office_required
def predecessor(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Open the plan from the one before it: choose it, confirm the pairs of indicators, carry the figures."""
    plan = get_object_or_404(Plan, pk=plan_id)
    choices = periods.plans_before(plan)
    chosen = request.POST.get("before") or request.GET.get("before")
    before = next((p for p in choices if str(p.pk) == chosen), choices[0] if choices else None)
    if request.method == "POST" and before is not None:
        carried = periods.open_from(plan, before, set(request.POST.getlist("pair")), request.user)
        messages.success(
            request,
            _("本规划已承接“%(before)s”，%(n)s项指标的基期年数值已结转为本期基期值。")
            % {"before": before.title, "n": carried},
        )
        return redirect("regions:place", plan_id=plan.pk)
    context = {
        "plan": plan,
        "choices": choices,
        "before": before,
        "pairs": periods.pairs(plan, before) if before is not None else [],
    }
    return render(request, "regions/periods.html", context)
