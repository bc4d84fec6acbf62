"""The evaluation the pages, the API and the report downloads share: every indicator judged from the figures
in force (or as they stood on a day), and a plan's report for a year as a file.

Only the figures the planning office approved count, unless `provisional` asks to count the departments'
figures awaiting review too; a report made so says it on its title.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from django.utils import timezone

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.method import PlanFigures, evaluate, evaluate_plans, evaluate_years
from planwatch.evaluate.parents import Parent
from planwatch.evaluate.vintages import with_vintages
from planwatch.plan import model as plan_model
from planwatch.plan.cells import read_cell
from planwatch.plan.vocabulary import TASK_STATUS_ZH, ReportKind
from planwatch.report import build_report, write_report
from planwatch.report.content import TaskLine
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import DelegatedTarget, Indicator, Plan
from planwatch.server.regions.hierarchy import parent_plans
from planwatch.server.reports.stored import keep_many, stored
from planwatch.server.tasks.models import Task

PROVISIONAL_TITLE = "（含待审核数据）"
PROVISIONAL_NOTE = "本报告计入了各部门报送、尚未经规划办审核的监测值（待审核数据），数据以审核通过的为准。"


def assessments(
    plan: Plan, year: int, as_of: dt.datetime | None = None, lang: str = "zh", provisional: bool = False
) -> list[Assessment]:
    """Every indicator of the plan judged in `year`, with the figures in force (or as of a date); with
    `provisional`, the figures awaiting review in place of the approved ones of their years. The figures
    in force are judged once and kept until they change (`stored`)."""
    if as_of is None and not provisional:
        return assessments_in(plan, [year], lang=lang)[year]
    indicators, observations = _judged(plan, as_of, provisional)
    found = evaluate(indicators, observations, year, plan.settings(), lang, parent_of(plan, as_of))
    return with_vintages(found, observations)


def assessments_in(
    plan: Plan, years: list[int], as_of: dt.datetime | None = None, lang: str = "zh"
) -> dict[int, list[Assessment]]:
    """`assessments` for each of `years`, the figures read once and the plan judged in one pass; the
    figures in force judged once and kept until they change."""

    def judge(asked: list[int]) -> dict[int, list[Assessment]]:
        indicators, observations = _judged(plan, as_of, provisional=False)
        found = evaluate_years(indicators, observations, asked, plan.settings(), lang, parent_of(plan, as_of))
        return {year: with_vintages(judged, observations) for year, judged in found.items()}

    return judge(years) if as_of is not None else stored(plan, years, lang, judge)


def _judged(
    plan: Plan, as_of: dt.datetime | None, provisional: bool
) -> tuple[list[plan_model.Indicator], list[plan_model.Observation]]:
    """The plan's indicators and the figures in force, as the library judges them."""
    return _indicators([plan]).get(plan.pk, []), _figures([plan], as_of, provisional).get(plan.pk, [])


def _indicators(plans: list[Plan]) -> dict[int, list[plan_model.Indicator]]:
    """The indicators of each plan (by id), in the plan's order, read in one query."""
    found: dict[int, list[plan_model.Indicator]] = {}
    for ind in Indicator.objects.filter(plan__in=plans):
        found.setdefault(ind.plan_id, []).append(ind.to_library())
    return found


def _figures(
    plans: list[Plan], as_of: dt.datetime | None = None, provisional: bool = False
) -> dict[int, list[plan_model.Observation]]:
    """The figures in force of each plan (by id), read in one query."""
    # Plain rows, not model instances: every plan judged asks for this, 3,000 of them at once. Taken by id
    # among the plans' own: SQLite, without statistics, would otherwise go through every approved figure of
    # every plan (its index on the review), a quarter of a second at 3,000 plans.
    own = Observation.objects.filter(indicator__plan__in=plans).values("pk")
    rows = (
        Observation.objects.filter(pk__in=own)
        .current(as_of, provisional)
        .values_list("indicator__plan", "indicator__key", "year", "value", "annual_target", "vintage")
    )
    found: dict[int, list[plan_model.Observation]] = {}
    for plan, key, year, value, target, vintage in rows:
        # the database's own columns, valid as they are: built without validating them again
        found.setdefault(plan, []).append(
            plan_model.trusted(
                plan_model.Observation,
                {
                    "indicator": key,
                    "year": year,
                    "value": value,
                    "annual_target": read_cell(target) if target else None,
                    "annual_target_raw": target,
                    "vintage": vintage or None,
                },
            )
        )
    return found


def assessments_of(
    plans: list[Plan], year: int, lang: str, stamps: dict[int, str]
) -> dict[int, list[Assessment]]:
    """`assessments` of many plans in `year` with the figures in force, judged together by the library
    (`evaluate_plans`, one pass for the plans of the same settings) and stored under their stamps
    (`stamps`, by plan id): a comparison across thousands of plans whose pages nobody opened yet."""
    indicators, figures, parents = _indicators(plans), _figures(plans), _parents(plans)
    by_settings: dict[str, list[Plan]] = {}
    for plan in plans:
        by_settings.setdefault(json.dumps(plan.evaluation_settings, sort_keys=True), []).append(plan)
    out: dict[int, list[Assessment]] = {}
    for alike in by_settings.values():
        work = [
            PlanFigures(indicators.get(p.pk, []), figures.get(p.pk, []), parents.get(p.pk)) for p in alike
        ]
        for plan, found in zip(alike, evaluate_plans(work, [year], alike[0].settings(), lang), strict=True):
            out[plan.pk] = with_vintages(list(found[year]), figures.get(plan.pk, []))
    keep_many([(plan, out[plan.pk]) for plan in plans], year, lang, stamps)
    return out


def _parents(plans: list[Plan], as_of: dt.datetime | None = None) -> dict[int, Parent]:
    """The plan of the region above each plan (by id), as the library judges with it: its indicators, its
    figures in force (as of a date where asked) and the targets its office entered for the plan below;
    the plans above, their indicators and figures and the targets each read once for all."""
    above = parent_plans(plans)
    distinct = list({p.pk: p for p in above.values()}.values())
    indicators, figures = _indicators(distinct), _figures(distinct, as_of)
    entered: dict[int, dict[str, str]] = {}
    targets = DelegatedTarget.objects.filter(indicator__plan__in=plans)
    for plan, key, target in targets.values_list("indicator__plan", "indicator__key", "target"):
        entered.setdefault(plan, {})[key] = target
    return {
        pk: Parent(p.region or p.title, indicators.get(p.pk, []), figures.get(p.pk, []), entered.get(pk, {}))
        for pk, p in above.items()
    }


def parent_of(plan: Plan, as_of: dt.datetime | None = None) -> Parent | None:
    """The plan of the region above, as the library judges with it (`_parents`); None without one."""
    return _parents([plan], as_of).get(plan.pk)


def report_file(plan: Plan, year: int, kind: ReportKind, fmt: str, provisional: bool = False) -> bytes:
    """The plan's report for `year` as a .docx, .xlsx or .html file, with the figures in force (and those
    awaiting review, said on the title and first in the summary, with `provisional`), its tasks and the
    department leading each indicator."""
    stored = list(plan.indicators.select_related("lead"))
    indicators = [i.to_library() for i in stored]
    observations = [
        o.to_library()
        for o in Observation.objects.filter(indicator__plan=plan)
        .current(provisional=provisional)
        .select_related("indicator")
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
        leads={i.key: i.lead.name for i in stored if i.lead},
        projects=plan.read().projects,
        parent=parent_of(plan),
    )
    if provisional:
        report.title += PROVISIONAL_TITLE
        report.summary.insert(0, PROVISIONAL_NOTE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{fmt}"
        write_report(report, fmt, path)
        return path.read_bytes()


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
