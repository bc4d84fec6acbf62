"""One plan after another (“十四五” → “十五五”): the new plan opened from the one before it, its indicators
paired with the old ones by name and unit (the office confirms the uncertain pairs), and the old plan's
figures of the new base year carried over as the new plan's baseline figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from planwatch.plan.matching import Match, match_indicators
from planwatch.server.accounts.services import audit
from planwatch.server.monitoring.models import Observation
from planwatch.server.monitoring.services import record_observation
from planwatch.server.plans.models import Indicator, Plan


def plans_before(plan: Plan) -> list[Plan]:
    """The plans a plan may follow: of the same region, ended before it starts, the latest first."""
    same = {"region_code": plan.region_code} if plan.region_code else {"region": plan.region}
    return list(Plan.objects.filter(period_end__lt=plan.period_start, **same).order_by("-period_end"))


@dataclass
class Pair:
    """A new indicator and the old one taken as the same; `certain` pairs are taken without asking."""

    new: Indicator
    old: Indicator
    certain: bool

    @property
    def key(self) -> str:
        return f"{self.new.pk}-{self.old.pk}"


def pairs(plan: Plan, before: Plan) -> list[Pair]:
    """The new plan's indicators paired with the old plan's, surest first."""
    new = {i.key: i for i in plan.indicators.all()}
    old = {i.key: i for i in before.indicators.all()}
    found: list[Match] = match_indicators(
        [i.to_library() for i in new.values()], [i.to_library() for i in old.values()]
    )
    return [Pair(new[m.ours.id], old[m.theirs.id], m.certain) for m in found]


@transaction.atomic
def open_from(plan: Plan, before: Plan, confirmed: set[str], user) -> int:
    """Make `before` the plan's predecessor, link the certain pairs and the confirmed ones (by Pair.key),
    and carry each old figure of a new indicator's base year over as its baseline figure where it has
    none; returns how many figures were carried."""
    plan.predecessor = before
    plan.save(update_fields=["predecessor"])
    carried = 0
    for pair in pairs(plan, before):
        if not (pair.certain or pair.key in confirmed):
            continue
        pair.new.predecessor = pair.old
        pair.new.save(update_fields=["predecessor"])
        carried += _carry(pair, before, user)
    audit(
        user,
        "predecessor",
        plan,
        f"{plan.title} 承接 {before.title}，结转基期值 {carried} 项",
        None,
        before.pk,
    )
    return carried


def _carry(pair: Pair, before: Plan, user) -> int:
    year = pair.new.base_year
    if pair.new.observations.current().filter(year=year).exists():
        return 0
    old = pair.old.observations.current().filter(year=year).first()
    if old is None:
        return 0
    record_observation(
        pair.new,
        year,
        old.value,
        user,
        source=_("%(plan)s%(year)s年监测值") % {"plan": before.title, "year": year},
        vintage=old.vintage,
        published_on=old.published_on,
        illustrative=old.illustrative,
    )
    return 1


def long_series(indicator: Indicator) -> list[Observation]:
    """The figures of the same indicator in the plans before, oldest first, each year once: a year is
    taken from the nearest plan that has it."""
    out: list[Observation] = []
    limit = indicator.base_year
    old, seen = indicator.predecessor, {indicator.pk}
    while old is not None and old.pk not in seen:
        seen.add(old.pk)
        found = list(old.observations.current().filter(year__lt=limit).order_by("year"))
        out[:0] = found
        limit = found[0].year if found else limit
        old = old.predecessor
    return out
