"""What the web pages and the API do to plans, in one place, each change with its audit entry."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.method import evaluate
from planwatch.evaluate.spreadsheets import read_observations
from planwatch.plan import model as doc
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Observation as LibraryObservation
from planwatch.server.plans.models import AuditEntry, Indicator, Observation, Plan


def audit(user, action: str, obj, summary: str, before=None, after=None) -> None:
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        summary=summary[:500],
        before=before,
        after=after,
    )


@transaction.atomic
def store_plan(reading: doc.Plan, user=None, source_name: str = "", illustrative: bool = False) -> Plan:
    """Keep a plan as read, with the indicators of its main table."""
    indicators = indicators_from_plan(reading)
    years = [(i.base_year, i.target_year) for i in indicators]
    start = reading.period.start if reading.period else (years[0][0] + 1 if years else timezone.now().year)
    end = reading.period.end if reading.period else (years[0][1] if years else start + 4)
    plan = Plan.objects.create(
        title=reading.title or source_name or "规划",
        region=reading.region or "",
        period_start=start,
        period_end=end,
        source_name=source_name,
        reading=reading.model_dump(mode="json"),
        illustrative=illustrative,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    Indicator.objects.bulk_create(Indicator.from_library(plan, ind, k) for k, ind in enumerate(indicators))
    audit(user, "create", plan, f"导入规划 {plan.title}（{len(indicators)} 项指标）")
    return plan


def record_observation(
    indicator: Indicator,
    year: int,
    value: float,
    user=None,
    source: str = "",
    note: str = "",
    annual_target: str = "",
    illustrative: bool = False,
    at: datetime | None = None,
) -> Observation:
    """Enter a figure; one already standing for the year is superseded, not overwritten."""
    at = at or timezone.now()
    with transaction.atomic():
        previous = (
            Observation.objects.select_for_update().filter(indicator=indicator, year=year).current().first()
        )
        if previous is not None:
            previous.superseded_at = at
            previous.save(update_fields=["superseded_at"])
        obs = Observation.objects.create(
            indicator=indicator,
            year=year,
            value=value,
            source=source,
            note=note,
            annual_target=annual_target,
            illustrative=illustrative,
            entered_at=at,
            entered_by=user if user is not None and user.is_authenticated else None,
        )
        before = None if previous is None else {"value": previous.value, "source": previous.source}
        action = "revise" if previous is not None else "create"
        audit(
            user,
            action,
            obs,
            f"{indicator.name} {year}年 = {value:g}",
            before,
            {"value": value, "source": source},
        )
    return obs


@transaction.atomic
def import_observations(plan: Plan, path: Path, user=None) -> list[Observation]:
    """Import a departments' workbook: every row good, or nothing stored (InputError lists the bad rows)."""
    indicators = list(plan.indicators.all())
    by_key = {i.key: i for i in indicators}
    rows = read_observations(path, [i.to_library() for i in indicators])
    return [
        record_observation(
            by_key[r.indicator],
            r.year,
            r.value,
            user,
            source=r.source or "",
            note=r.note or "",
            annual_target=r.annual_target_raw,
        )
        for r in rows
    ]


def assessments(plan: Plan, year: int, as_of: datetime | None = None, lang: str = "zh") -> list[Assessment]:
    """Every indicator of the plan judged in `year`, with the figures in force (or as of a date)."""
    indicators = [i.to_library() for i in plan.indicators.all()]
    # Plain rows, not model instances: the dashboard and the API ask for this on every request.
    rows = (
        Observation.objects.filter(indicator__plan=plan)
        .current(as_of)
        .values_list("indicator__key", "year", "value", "annual_target")
    )
    observations = [
        LibraryObservation(
            indicator=key,
            year=year,
            value=value,
            annual_target=read_cell(target) if target else None,
            annual_target_raw=target,
        )
        for key, year, value, target in rows
    ]
    return evaluate(indicators, observations, year, plan.settings(), lang)
