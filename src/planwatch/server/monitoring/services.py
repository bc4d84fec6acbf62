"""What is done to the figures: enter one (a revision supersedes, never overwrites), store a workbook's rows
all or none; each with its audit entry."""

from __future__ import annotations

from datetime import date, datetime
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
    vintage: str | None = "",
    published_on: date | None = None,
    illustrative: bool = False,
    at: datetime | None = None,
) -> Observation:
    """Enter a figure; one already standing for the year (a preliminary one the final revises, or a mistake)
    is superseded, not overwritten, and keeps its vintage and publication day."""
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
            vintage=vintage or "",
            published_on=published_on,
            illustrative=illustrative,
            entered_at=at,
            entered_by=acting(user),
        )
        action = "revise" if previous is not None else "create"
        audit(user, action, obs, f"{indicator.name} {year}年 = {value:g}", _audited(previous), _audited(obs))
    return obs


def _audited(obs: Observation | None) -> dict | None:
    """What the audit trail keeps of a figure: its value, source, and vintage and publication day where given."""
    if obs is None:
        return None
    kept = {"value": obs.value, "source": obs.source}
    if obs.vintage:
        kept["vintage"] = obs.vintage
    if obs.published_on:
        kept["published_on"] = obs.published_on.isoformat()
    return kept


@transaction.atomic
def store_observations(
    plan: Plan, rows: list[plan_model.Observation], user=None, illustrative: bool = False
) -> list[Observation]:
    """Enter every figure of a workbook as read, in one transaction; two figures of a year in the order they
    were published, so the later one (the final after the preliminary) stands."""
    by_key = {i.key: i for i in plan.indicators.all()}
    rows = sorted(rows, key=lambda r: r.published or date.min)
    return [
        record_observation(
            by_key[r.indicator],
            r.year,
            r.value,
            user,
            source=r.source or "",
            note=r.note or "",
            annual_target=r.annual_target_raw,
            vintage=r.vintage,
            published_on=r.published,
            illustrative=illustrative,
        )
        for r in rows
    ]


def import_observations(plan: Plan, path: Path, user=None, illustrative: bool = False) -> list[Observation]:
    """Import a departments' workbook: every row good, or nothing stored (InputError lists the bad rows)."""
    rows = read_observations(path, [i.to_library() for i in plan.indicators.all()])
    return store_observations(plan, rows, user, illustrative)
