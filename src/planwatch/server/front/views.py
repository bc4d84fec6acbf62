"""The pages: the plans, a plan's dashboard for a year, an indicator's page, the plan as read (with its
corrections, and for the office a form on each cell to make one).

Every figure comes from `services.assessments`, so a page says what the
reports say; `?as_of=YYYY-MM-DD` shows the figures as they stood at the end
of that day, before later revisions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.staticfiles import finders
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.path import chart
from planwatch.plan import model as doc
from planwatch.plan.cells import read_cell
from planwatch.plan.vocabulary import STATUSES
from planwatch.server.front.reading import cell_place, outline_view, reading_check
from planwatch.server.office.models import CellCorrection
from planwatch.server.plans.access import read_access
from planwatch.server.plans.models import Indicator, Observation, Plan
from planwatch.server.plans.services import assessments

ECHARTS = "echarts/echarts.min.js"
BINDING = "约束性"
BEHIND = {"severely_lagging": 0, "lagging": 1}


@dataclass
class AsOf:
    """The day asked for with ?as_of=, the moment it ends, and the text when it could not be read."""

    day: date | None = None
    moment: datetime | None = None
    invalid: str = ""


@dataclass
class Row:
    """An indicator's line on the dashboard."""

    indicator: Indicator
    assessment: Assessment

    @property
    def target(self) -> str:
        return target_text(self.indicator)

    @property
    def percent(self) -> bool:
        """The figures compared are rates in %, whatever the indicator's unit."""
        return self.assessment.kind == "growth" or (
            self.assessment.kind == "cumulative" and self.indicator.rate
        )


def figure_text(level: str, growth: str) -> str:
    """A baseline or target as the plan writes it, with its growth as 年均增长6.5%: 302，年均增长7%."""
    parts = [level] if level else []
    if growth:
        if read_cell(growth).kind == "number":
            parts.append(_("年均增长%(growth)s%%") % {"growth": growth})
        else:
            parts.append(growth)
    return "，".join(parts) or "—"


def target_text(ind: Indicator) -> str:
    return figure_text(ind.target, ind.target_growth)


def _lang() -> str:
    """The language of the assessment sentences: the page's, so English only where the pages are translated."""
    english = (get_language() or "").startswith("en") and _("规划监测评估") != "规划监测评估"
    return "en" if english else "zh"


def _as_of(request: HttpRequest) -> AsOf:
    text = request.GET.get("as_of", "").strip()
    if not text:
        return AsOf()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return AsOf(invalid=text)
    return AsOf(day, timezone.make_aware(datetime.combine(day, time.max)))


def _year(request: HttpRequest, plan: Plan, as_of: AsOf) -> int:
    """The year asked for, else the latest with a figure; within the plan period."""
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        observations = Observation.objects.filter(indicator__plan=plan).current(as_of.moment)
        year = observations.aggregate(latest=Max("year"))["latest"] or plan.period_start
    return min(max(year, plan.period_start), plan.period_end)


@require_safe
@read_access
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.annotate(indicator_count=Count("indicators")))
    if len(plans) == 1:
        return redirect("front:dashboard", plan_id=plans[0].pk)
    return render(request, "front/plan_list.html", {"plans": plans})


@require_safe
@read_access
def dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    as_of = _as_of(request)
    year = _year(request, plan, as_of)
    indicators = list(plan.indicators.all())
    found = {a.indicator: a for a in assessments(plan, year, as_of.moment, _lang())}
    rows = [Row(i, found[i.key]) for i in indicators]
    # Binding indicators first; within each attribute the ones behind their path, the worst first.
    rows.sort(
        key=lambda r: (
            r.indicator.attribute != BINDING,
            BEHIND.get(r.assessment.status, len(BEHIND)),
            r.indicator.position,
        )
    )
    overall = Counter(r.assessment.status for r in rows)
    by_category: dict[str, Counter] = {}
    for r in sorted(rows, key=lambda r: r.indicator.position):
        by_category.setdefault(r.indicator.category or _("其他"), Counter())[r.assessment.status] += 1
    context = {
        "plan": plan,
        "year": year,
        "years": range(plan.period_start, plan.period_end + 1),
        "as_of": as_of,
        "rows": rows,
        "statuses": STATUSES,
        "counts": {s: overall[s] for s in STATUSES},
        "overall": [(s, overall[s]) for s in STATUSES],
        "categories": [
            (name, [(s, c[s]) for s in STATUSES], sum(c.values())) for name, c in by_category.items()
        ],
        "warnings": sum(r.assessment.warning for r in rows),
    }
    return render(request, "front/dashboard.html", context)


@require_safe
@read_access
def indicator(request: HttpRequest, indicator_id: int) -> HttpResponse:
    ind = get_object_or_404(Indicator.objects.select_related("plan", "lead"), pk=indicator_id)
    plan = ind.plan
    as_of = _as_of(request)
    current = {o.year: o.to_library() for o in ind.observations.current(as_of.moment)}
    lang = _lang()
    history = [
        next(a for a in assessments(plan, y, as_of.moment, lang) if a.indicator == ind.key)
        for y in sorted(current)
        if ind.base_year < y <= ind.target_year
    ]
    drawn = chart(ind.to_library(), current, plan.settings())
    axis = {
        "level": ind.unit,
        "index": _("指数（基期年=100）"),
        "cumulative": _("累计") + (f"（{drawn.unit}）" if drawn.unit else ""),
        "none": ind.unit,
    }[drawn.measure]
    data = drawn.as_json() | {
        "labels": {"path": _("序时进度"), "observed": _("实际"), "target": _("目标"), "axis": axis or ""},
    }
    observations = ind.observations.select_related("entered_by").order_by("year", "entered_at")
    context = {
        "plan": plan,
        "indicator": ind,
        "baseline": figure_text(ind.baseline, ind.baseline_growth),
        "target": target_text(ind),
        "as_of": as_of,
        "history": history,
        "chart": data,
        "chart_rows": list(zip(drawn.years, data["path"], data["observed"], strict=True)),
        "axis": axis,
        "echarts": finders.find(ECHARTS) is not None,
        "observations": observations,
    }
    return render(request, "front/indicator.html", context)


@require_safe
@read_access
def reading(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    read = doc.Plan.model_validate(plan.reading)
    outline, other_tables = outline_view(read)
    corrections = CellCorrection.objects.filter(plan=plan).select_related("by")
    context = {
        "plan": plan,
        "reading": read,
        "outline": outline,
        "other_tables": other_tables,
        # Who may post to office.views.correct (staff_member_required).
        "may_correct": request.user.is_active and request.user.is_staff,
        "corrections": [(c, cell_place(read, c.table, c.row, c.cell)) for c in corrections],
        **reading_check(read, outline),
    }
    return render(request, "front/reading.html", context)
