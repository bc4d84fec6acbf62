"""What is done to a plan: store it as read, correct a cell of its reading, change its evaluation settings;
each change with its audit entry."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.settings import Settings
from planwatch.plan import model as plan_model
from planwatch.plan.cells import read_cell
from planwatch.server.accounts.services import acting, audit
from planwatch.server.plans.models import CellCorrection, Indicator, Plan
from planwatch.server.regions.hierarchy import region_code_for
from planwatch.server.search.services import index_plan
from planwatch.server.tasks.services import load_tasks

_INDICATOR_FIELDS = ("baseline", "baseline_growth", "target", "target_growth")


@transaction.atomic
def store_plan(
    reading: plan_model.Plan, user=None, source_name: str = "", illustrative: bool = False
) -> Plan:
    """Keep a plan as read, in three stages, each called here rather than left to a signal: the plan with the
    indicators of its main table; its tasks and commitments, ready to assign; its sections, indexed for search."""
    indicators = indicators_from_plan(reading)
    years = [(i.base_year, i.target_year) for i in indicators]
    start = reading.period.start if reading.period else (years[0][0] + 1 if years else timezone.now().year)
    end = reading.period.end if reading.period else (years[0][1] if years else start + 4)
    plan = Plan.objects.create(
        title=reading.title or source_name or "规划",
        region=reading.region or "",
        region_code=region_code_for(reading.region or ""),
        period_start=start,
        period_end=end,
        source_name=source_name,
        reading=reading.model_dump(mode="json"),
        illustrative=illustrative,
        created_by=acting(user),
    )
    Indicator.objects.bulk_create(Indicator.from_library(plan, ind, k) for k, ind in enumerate(indicators))
    audit(user, "create", plan, f"导入规划 {plan.title}（{len(indicators)} 项指标）")
    load_tasks(plan)
    index_plan(plan)
    return plan


@transaction.atomic
def correct_cell(plan: Plan, table: int, row: int, cell: int, text: str, user) -> CellCorrection:
    """Put a cell right; the reading is updated, the earlier text kept, and the plan's indicators follow."""
    reading = plan.read()
    try:
        target = reading.tables[table].rows[row].cells[cell]
    except IndexError:
        raise ValueError(f"no cell {table}/{row}/{cell} in this plan") from None
    before = target.raw
    target.printed = target.printed or before
    target.raw = text.strip()
    target.reading = read_cell(target.raw)
    target.uncertain = target.reading.uncertain
    target.alternatives = []
    plan.reading = reading.model_dump(mode="json")
    plan.save(update_fields=["reading"])
    correction = CellCorrection.objects.create(
        plan=plan, table=table, row=row, cell=cell, before=before, after=target.raw, by=user
    )
    _follow_indicators(plan, reading)
    touch(plan)
    audit(user, "correct", plan, f"更正 {reading.tables[table].rows[row].name}：{before} → {target.raw}",
          {"cell": before}, {"cell": target.raw})  # fmt: skip
    return correction


def _follow_indicators(plan: Plan, reading: plan_model.Plan) -> None:
    """Indicators read from the corrected table take the corrected baselines and targets."""
    stored = {i.key: i for i in plan.indicators.all()}
    for ind in indicators_from_plan(reading):
        row = stored.get(ind.id)
        if row is None:
            continue
        fresh = Indicator.from_library(plan, ind, row.position)
        changed = [f for f in _INDICATOR_FIELDS if getattr(row, f) != getattr(fresh, f)]
        for f in changed:
            setattr(row, f, getattr(fresh, f))
        if changed:
            row.save(update_fields=changed)


def touch(plan: Plan) -> None:
    """Mark the plan changed (its reading, settings, region or the targets set for it): its stored
    assessments, and those of the plans below it, are judged again."""
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1)
    plan.refresh_from_db(fields=["revision"])


def save_settings(plan: Plan, settings: Settings, user) -> None:
    before = plan.evaluation_settings
    plan.evaluation_settings = settings.model_dump(exclude_defaults=True)
    plan.save(update_fields=["evaluation_settings"])
    touch(plan)
    audit(user, "settings", plan, f"修改评估参数 {plan.title}", before, plan.evaluation_settings)
