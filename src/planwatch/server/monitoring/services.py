"""What is done to the figures: enter one (a revision supersedes, never overwrites), store a workbook's rows
all or none, and review a department's figures (approve, or return with a reason); each with its audit entry.

A figure a department's member enters awaits review; one the office (or a script) enters is approved at once.
Approval supersedes the approved figure of the year, so the history keeps every figure that was in force.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.evaluate.plausibility import Question, question
from planwatch.ingest.spreadsheets import read_observations
from planwatch.plan import model as plan_model
from planwatch.server.accounts.access import is_office
from planwatch.server.accounts.services import acting, audit
from planwatch.server.monitoring.models import APPROVED, PENDING, RETURNED, REVIEW_ZH, Observation
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.translations import page_lang


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
    is superseded, not overwritten, and keeps its vintage and publication day. A department member's figure
    awaits review and supersedes only the figure of the year still awaiting it."""
    at = at or timezone.now()
    review = PENDING if provisional(user) else APPROVED
    with transaction.atomic():
        previous = _standing(indicator, year, review)
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
            review=review,
        )
        action = "revise" if previous is not None else "create"
        summary = f"{indicator.name} {year}年 = {value:g}" + (
            f"（{REVIEW_ZH[PENDING]}）" if review == PENDING else ""
        )
        audit(user, action, obs, summary, _audited(previous), _audited(obs))
    return obs


def questioned(indicator: Indicator, year: int, value: float) -> Question | None:
    """What is doubtful about a figure for an indicator's year, against its figures in force and its baseline,
    in the page's language; None when nothing is."""
    earlier = dict(indicator.observations.current().values_list("year", "value"))
    return question(indicator.to_library(), year, value, earlier, page_lang())


def provisional(user) -> bool:
    """Whether this user's figures await the office's review: a department's member not of the office."""
    return acting(user) is not None and not is_office(user) and user.departments.exists()


def _standing(indicator: Indicator, year: int, review: str) -> Observation | None:
    """The figure of the year in force (approved) or awaiting review, locked until the transaction ends."""
    return (
        Observation.objects.select_for_update()
        .filter(indicator=indicator, year=year, review=review, superseded_at__isnull=True)
        .first()
    )


def approve_observation(obs: Observation, user, at: datetime | None = None) -> Observation:
    """The office approves a figure awaiting review: it supersedes the approved figure of its year."""
    at = at or timezone.now()
    with transaction.atomic():
        obs = _awaiting(obs)
        previous = _standing(obs.indicator, obs.year, APPROVED)
        if previous is not None:
            previous.superseded_at = at
            previous.save(update_fields=["superseded_at"])
        _review(obs, user, APPROVED, at)
        summary = f"{obs.indicator.name} {obs.year}年 = {obs.value:g}（{REVIEW_ZH[APPROVED]}）"
        audit(user, "approve", obs, summary, _audited(previous), _audited(obs))
    return obs


def return_observation(obs: Observation, user, reason: str, at: datetime | None = None) -> Observation:
    """The office returns a figure awaiting review with its reason; it stays in the history, never in force."""
    at = at or timezone.now()
    with transaction.atomic():
        obs = _awaiting(obs)
        obs.return_reason = reason
        _review(obs, user, RETURNED, at)
        summary = f"{obs.indicator.name} {obs.year}年 = {obs.value:g}（{REVIEW_ZH[RETURNED]}：{reason}）"
        audit(user, "return", obs, summary, None, _audited(obs) | {"reason": reason})
    return obs


class NotAwaitingReview(ValueError):
    """The figure was reviewed or replaced meanwhile (another member of the office was quicker)."""


def _awaiting(obs: Observation) -> Observation:
    """The figure, locked, if it still awaits review."""
    obs = Observation.objects.select_for_update(of=("self",)).select_related("indicator").get(pk=obs.pk)
    if obs.review != PENDING or obs.superseded_at is not None:
        label = {"name": obs.indicator.name, "year": obs.year}
        raise NotAwaitingReview(_("%(name)s %(year)s年的这一数值已审核或已被修订，无需再审核。") % label)
    return obs


def _review(obs: Observation, user, review: str, at: datetime) -> None:
    obs.review, obs.reviewed_by, obs.reviewed_at = review, acting(user), at
    obs.save(update_fields=["review", "reviewed_by", "reviewed_at", "return_reason"])


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
