"""What is done to the figures: enter one (a revision supersedes, never overwrites), store a workbook's rows
all or none; each with its audit entry."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from planwatch.ingest.spreadsheets import read_observations
from planwatch.plan import model as plan_model
from planwatch.server.accounts.services import acting, audit
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Indicator, Plan


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
            entered_by=acting(user),
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
def store_observations(
    plan: Plan, rows: list[plan_model.Observation], user=None, illustrative: bool = False
) -> list[Observation]:
    """Enter every figure of a workbook as read, in one transaction."""
    by_key = {i.key: i for i in plan.indicators.all()}
    return [
        record_observation(
            by_key[r.indicator],
            r.year,
            r.value,
            user,
            source=r.source or "",
            note=r.note or "",
            annual_target=r.annual_target_raw,
            illustrative=illustrative,
        )
        for r in rows
    ]


def import_observations(plan: Plan, path: Path, user=None, illustrative: bool = False) -> list[Observation]:
    """Import a departments' workbook: every row good, or nothing stored (InputError lists the bad rows)."""
    rows = read_observations(path, [i.to_library() for i in plan.indicators.all()])
    return store_observations(plan, rows, user, illustrative)
