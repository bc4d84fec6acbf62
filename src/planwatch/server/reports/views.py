"""The evaluation pages: a plan's dashboard for a year, an indicator's page, and the report downloads.

Every figure comes from `services.assessments`, so a page says what the
reports say; `?as_of=YYYY-MM-DD` shows the figures as they stood at the end
of that day, before later revisions; `?provisional=1` counts the departments'
figures awaiting the office's review (含待审核数据), labelled so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.staticfiles import finders
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.parents import is_delegated
from planwatch.evaluate.path import chart
from planwatch.evaluate.projection import outlook_text
from planwatch.plan import model as plan_model
from planwatch.plan.vocabulary import (
    BEHIND,
    BINDING,
    LIKELIHOOD_STATUS,
    NO_FIGURE,
    PERCENT,
    REPORT_KIND_EN,
    REPORT_KIND_ZH,
    REPORT_KINDS,
    STATUS_COLOURS,
    STATUSES,
    likelihood_label,
    target_text,
)
from planwatch.report import FORMATS
from planwatch.server.accounts.access import is_office, read_access
from planwatch.server.downloads import attachment, report_file_name
from planwatch.server.errors import not_understood
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.regions.periods import long_series
from planwatch.server.regions.services import among
from planwatch.server.reports.services import assessments, assessments_in, report_file
from planwatch.server.reports.stored import drawn
from planwatch.server.translations import page_lang

ECHARTS = "echarts/echarts.min.js"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


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
        return target_of(self.indicator)

    @property
    def delegated(self) -> bool:
        """Not assessable: the plan leaves the target to the level above (控制在市目标内) and none is entered."""
        return self.assessment.status == "not_assessable" and is_delegated(self.indicator.to_library().target)

    @property
    def percent(self) -> bool:
        """The figures compared are rates in %, whatever the indicator's unit."""
        return self.assessment.kind == "growth" or self.indicator.rate

    @property
    def actual_span(self) -> str:
        """What the compared figure is when it is not the year's own: 年均 for a growth, 累计 for a total."""
        spans = {"growth": _("年均"), "cumulative": pgettext("before a figure", "累计")}
        return spans.get(self.assessment.kind, "")

    @property
    def latest_unit(self) -> str:
        """The year's own figure is a rate in % for a rate indicator."""
        return PERCENT if self.indicator.rate and self.assessment.actual_latest is not None else ""

    @property
    def likelihood(self) -> str:
        return likelihood_label(self.assessment.likelihood or "", page_lang())

    @property
    def likelihood_status(self) -> str:
        """The status whose colour the likelihood is drawn in."""
        return LIKELIHOOD_STATUS.get(self.assessment.likelihood or "", "not_assessable")

    @property
    def outlook(self) -> str:
        """The anticipated progress in a sentence: 按近年趋势预计2025年为64.1%，预计难以完成."""
        return outlook_text(self.assessment, self.indicator.to_library(), page_lang())


def figure_text(level: str, growth: str) -> str:
    """A baseline or target as the plan writes it, with its growth, in the page's language: 302，年均增长7%."""
    return target_text(level, growth, NO_FIGURE, page_lang())


def target_of(ind: Indicator) -> str:
    return figure_text(ind.target, ind.target_growth)


def _behind(status: str) -> int:
    """Where a status sorts: the worst behind first, then every other alike."""
    return -BEHIND.index(status) - 1 if status in BEHIND else 0


def _as_of(request: HttpRequest) -> AsOf:
    text = request.GET.get("as_of", "").strip()
    if not text:
        return AsOf()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return AsOf(invalid=text)
    return AsOf(day, timezone.make_aware(datetime.combine(day, time.max)))


def _provisional(request: HttpRequest) -> bool:
    """Whether the page asks to count the figures awaiting review (含待审核数据)."""
    return request.GET.get("provisional") == "1"


def _year(request: HttpRequest, plan: Plan, as_of: AsOf, provisional: bool = False) -> int:
    """The year asked for, else the latest with a figure; within the plan period."""
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        observations = Observation.objects.filter(indicator__plan=plan).current(as_of.moment, provisional)
        year = observations.aggregate(latest=Max("year"))["latest"] or plan.period_start
    return min(max(year, plan.period_start), plan.period_end)


@require_safe
@read_access
def dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    as_of = _as_of(request)
    provisional = _provisional(request)
    year = _year(request, plan, as_of, provisional)
    lang = page_lang()

    def draw() -> dict[str, Any]:
        return _judged_part(request, plan, year, as_of, provisional)

    if as_of == AsOf() and not provisional:
        # The figures in force: the tables are drawn once per stored assessments and kind of reader.
        reader = "office" if is_office(request.user) else "reader"
        part = drawn(plan, f"dashboard {year} {reader}", lang, draw)
    else:
        part = draw()
    context = {
        "plan": plan,
        "year": year,
        "years": range(plan.period_start, plan.period_end + 1),
        "as_of": as_of,
        "provisional": provisional,
        "kinds": [(k, (REPORT_KIND_EN if lang == "en" else REPORT_KIND_ZH)[k]) for k in REPORT_KINDS],
    }
    # Drawn here from the templates (escaped there), read back as plain text where it was stored.
    judged = mark_safe(part["judged"])
    return render(request, "reports/dashboard.html", context | part | {"judged": judged})


def _judged_part(
    request: HttpRequest, plan: Plan, year: int, as_of: AsOf, provisional: bool
) -> dict[str, Any]:
    """The dashboard's judged part, its notices and tables, as HTML (nothing in it is the user's own but
    whether they are of the office), with the count of figures awaiting review it names."""
    found = assessments(plan, year, as_of.moment, page_lang(), provisional)
    judged = {a.indicator: a for a in found}
    rows = [Row(i, judged[i.key]) for i in plan.indicators.all()]
    # Binding indicators first; within each attribute the ones behind their path, the worst first.
    rows.sort(
        key=lambda r: (
            r.indicator.attribute != BINDING,
            _behind(r.assessment.status),
            r.indicator.position,
        )
    )
    overall = Counter(r.assessment.status for r in rows)
    by_category: dict[str, Counter] = {}
    for r in sorted(rows, key=lambda r: r.indicator.position):
        by_category.setdefault(r.indicator.category or _("其他"), Counter())[r.assessment.status] += 1
    figures = Observation.objects.filter(indicator__plan=plan)
    context = {
        "plan": plan,
        "year": year,
        "as_of": as_of,
        "provisional": provisional,
        "awaiting": figures.awaiting_review().count(),
        "rows": rows,
        "statuses": STATUSES,
        "counts": {s: overall[s] for s in STATUSES},
        "overall": [(s, overall[s]) for s in STATUSES],
        "categories": [
            (name, [(s, c[s]) for s in STATUSES], sum(c.values())) for name, c in by_category.items()
        ],
        "warnings": sum(r.assessment.warning for r in rows),
        # What to do next where nothing can be judged yet: no figure entered, or targets the level above sets.
        "no_figures": not figures.exists(),
        "delegated": sum(r.delegated for r in rows),
        "binding": BINDING,
    }
    html = render_to_string("reports/_judged.html", context, request)
    return {"judged": html, "awaiting": context["awaiting"]}


@require_safe
@read_access
def indicator(request: HttpRequest, indicator_id: int) -> HttpResponse:
    ind = get_object_or_404(Indicator.objects.select_related("plan", "lead"), pk=indicator_id)
    plan = ind.plan
    as_of = _as_of(request)
    lang = page_lang()

    def draw() -> dict[str, Any]:
        return _series_part(request, ind, as_of, lang)

    # The figures in force: the series is drawn once per stored assessments.
    part = drawn(plan, f"indicator {ind.pk}", lang, draw) if as_of == AsOf() else draw()
    observations = ind.observations.select_related("entered_by").order_by("year", "entered_at")
    context = {
        "plan": plan,
        "indicator": ind,
        "baseline": figure_text(ind.baseline, ind.baseline_growth),
        "target": target_of(ind),
        "as_of": as_of,
        # Drawn here from the templates (escaped there), read back as plain text where they were stored.
        "series": mark_safe(part["series"]),
        "outlook": mark_safe(part["outlook"]),
        "echarts": finders.find(ECHARTS) is not None,
        "observations": observations,
        "earlier": long_series(ind),
        "comparable": _comparable(plan),
    }
    return render(request, "reports/indicator.html", context)


def _series_part(request: HttpRequest, ind: Indicator, as_of: AsOf, lang: str) -> dict[str, str]:
    """The indicator's path and figures (chart data and table) and its judgement in each year with a
    figure, as HTML, with the anticipated progress of the latest year among its facts."""
    current = {o.year: o.to_library() for o in ind.observations.current(as_of.moment)}
    years = [y for y in sorted(current) if ind.base_year < y <= ind.target_year]
    judged = assessments_in(ind.plan, years, as_of.moment, lang)
    history = [Row(ind, next(a for a in judged[y] if a.indicator == ind.key)) for y in years]
    context = {"history": history} | _chart(ind, current)
    return {
        "series": render_to_string("reports/_series.html", context, request),
        "outlook": render_to_string("reports/_outlook.html", context, request),
    }


def _chart(ind: Indicator, current: dict[int, plan_model.Observation]) -> dict[str, Any]:
    """The indicator's path, figures and projection as the chart draws them and the table lists them."""
    plotted = chart(ind.to_library(), current, ind.plan.settings())
    axis = {
        "level": ind.unit,
        "index": _("指数（基期年=100）"),
        "cumulative": _("累计") + (f"（{plotted.unit}）" if plotted.unit else ""),
        "none": ind.unit,
    }[plotted.measure]
    data = plotted.as_json() | {
        "labels": {
            "path": _("序时进度"),
            "observed": _("实际"),
            "target": _("目标"),
            "projected": _("按近年趋势预计"),
            "axis": axis or "",
        },
        # The path drawn as on track, the target as reached, the figures as the warning colour, the
        # projection in the grey of what is not yet known.
        "colours": {
            k: STATUS_COLOURS[s]
            for k, s in (
                ("path", "on_track"),
                ("target", "achieved"),
                ("observed", "lagging"),
                ("projected", "not_assessable"),
            )
        },
    }
    return {
        "chart": data,
        "chart_rows": list(
            zip(plotted.years, data["path"], data["observed"], data["projected"], strict=True)
        ),
        "projecting": any(v is not None for v in data["projected"]),
        "axis": axis,
    }


def _comparable(plan: Plan) -> str:
    """The link text to the comparison across regions (各地区比较) where there are plans to compare."""
    heading, plans = among(plan)
    return _("与%(regions)s比较") % {"regions": heading} if len(plans) > 1 else ""


@require_safe
@read_access
def download(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The report of a plan and a year, as .docx, .xlsx or .html, named as the office files it."""
    plan = get_object_or_404(Plan, pk=plan_id)
    fmt, kind = request.GET.get("format", "docx"), request.GET.get("kind", "annual")
    year = request.GET.get("year", "")
    if not (year.isascii() and year.isdigit()) or not plan.period_start <= int(year) <= plan.period_end:
        period = {"start": plan.period_start, "end": plan.period_end}
        return not_understood(request, _("报告年份须在规划期%(start)s—%(end)s年之内。") % period)
    if fmt not in FORMATS or kind not in REPORT_KINDS:
        return not_understood(
            request, _("报告可下载为Word、Excel或网页，种类为年度监测报告、中期评估报告或总结评估报告。")
        )
    data = report_file(plan, int(year), kind, fmt, _provisional(request))
    name = report_file_name(plan, int(year), kind, fmt)
    return attachment(data, name, f"planwatch-{year}-{kind}.{fmt}", CONTENT_TYPES[fmt])
