"""What the office does to a stored plan: correct a cell, change the evaluation settings."""

from __future__ import annotations

from django.db import transaction

from planwatch import plan as doc
from planwatch.cells import read_cell
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.settings import Settings
from planwatch.server.office.models import CellCorrection
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.plans.services import audit

_INDICATOR_FIELDS = ("baseline", "baseline_growth", "target", "target_growth")


@transaction.atomic
def correct_cell(plan: Plan, table: int, row: int, cell: int, text: str, user) -> CellCorrection:
    """Put a cell right; the reading is updated, the earlier text kept, and the plan's indicators follow."""
    reading = doc.Plan.model_validate(plan.reading)
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
    audit(user, "correct", plan, f"更正 {reading.tables[table].rows[row].name}：{before} → {target.raw}",
          {"cell": before}, {"cell": target.raw})  # fmt: skip
    return correction


def _follow_indicators(plan: Plan, reading: doc.Plan) -> None:
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


def save_settings(plan: Plan, settings: Settings, user) -> None:
    before = plan.evaluation_settings
    plan.evaluation_settings = settings.model_dump(exclude_defaults=True)
    plan.save(update_fields=["evaluation_settings"])
    audit(user, "settings", plan, f"修改评估参数 {plan.title}", before, plan.evaluation_settings)
