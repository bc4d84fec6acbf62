"""What is done across plans: a plan placed in its region, a target the office of the region above sets
for a plan (控制在市目标内), and one indicator compared across the plans of the regions below a region.

Each change is audited; the comparison reads each plan's assessments as its dashboard does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch import __version__
from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.parents import Parent, delegate, is_delegated
from planwatch.plan.cells import read_cell
from planwatch.plan.matching import likeness
from planwatch.plan.model import Indicator as LibraryIndicator
from planwatch.plan.regions import Region, regions
from planwatch.server.accounts.services import audit
from planwatch.server.plans.models import DelegatedTarget, Indicator, Plan
from planwatch.server.plans.services import touch
from planwatch.server.regions.assessed import Counterpart, assessed, stamps
from planwatch.server.regions.hierarchy import (
    child_plans,
    levels_below,
    parent_plans,
    plans_below,
    plans_under,
    region_of,
)

HEADINGS = {
    "city": gettext_lazy("%(region)s所辖各地级地区"),
    "county": gettext_lazy("%(region)s所辖各县级地区"),
    "all": gettext_lazy("%(region)s所辖各级地区"),
}


def set_region(plan: Plan, code: str, user) -> Region:
    """Place the plan in the region with this GB/T 2260 code; a code not in the list is refused."""
    region = regions().get(code.strip())
    if region is None:
        raise ValueError(_("“%(code)s”不是有效的行政区划代码（六位数字，如411002）。") % {"code": code})
    before = plan.region_code
    plan.region_code = region.code
    plan.save(update_fields=["region_code"])
    touch(plan)
    audit(
        user,
        "region",
        plan,
        f"设定 {plan.title} 的地区为 {region.name}（{region.code}）",
        before,
        region.code,
    )
    return region


def enter_target(indicator: Indicator, text: str, user) -> DelegatedTarget | None:
    """Keep the target the region above set for an indicator left to it; an empty text removes it."""
    text = text.strip()
    existing = DelegatedTarget.objects.filter(indicator=indicator).first()
    before = existing.target if existing else None
    if not text:
        if existing:
            existing.delete()
            touch(indicator.plan)
            audit(user, "delegated_target", indicator, f"删除 {indicator.name} 的上级下达目标", before, None)
        return None
    if read_cell(text).value is None:
        raise ValueError(
            _("“%(name)s”的下达目标“%(text)s”不是数值目标，请填写如 6.5、≤0.35、[14] 的目标值。")
            % {"name": indicator.name, "text": text}
        )
    found, _created = DelegatedTarget.objects.update_or_create(
        indicator=indicator, defaults={"target": text, "entered_by": user, "entered_at": timezone.now()}
    )
    touch(indicator.plan)
    audit(user, "delegated_target", indicator, f"录入 {indicator.name} 的上级下达目标：{text}", before, text)
    return found


@dataclass
class Delegated:
    """An indicator whose target the plan leaves to the region above, with the target in force."""

    indicator: Indicator
    written: str
    used: str  # the target judged against, as written where it came from; "" while there is none
    entered: str  # the target the office above entered, if any


def delegated(plan: Plan, above: Plan | None) -> list[Delegated]:
    """The plan's indicators left to the region above, each with the target it is now judged against:
    the one the office above entered, else the one of the plan above (`above`); its figures are not read."""
    stored = list(plan.indicators.select_related("delegated_target"))
    library = {i.key: i.to_library() for i in stored}
    left = [i for i in stored if _left(library[i.key])]
    if not left:
        return []
    entered = {i.key: i.delegated_target.target for i in left if hasattr(i, "delegated_target")}
    parent = None
    if above is not None:
        theirs = [i.to_library() for i in above.indicators.all()]
        parent = Parent(above.region or above.title, theirs, entered=entered)
    resolved = {i.id: i for i in delegate([library[i.key] for i in left], parent)}
    out = []
    for ind in left:
        own, now = library[ind.key], resolved[ind.key]
        used = (now.target_raw or now.target_growth_raw) if now.target_source is not None else ""
        out.append(Delegated(ind, own.target_raw or own.target_growth_raw, used, entered.get(ind.key, "")))
    return out


def _left(ind: LibraryIndicator) -> bool:
    return is_delegated(ind.target) or is_delegated(ind.target_growth)


@dataclass
class Compared:
    """One region's line in a comparison: its plan, its indicator and its assessment in the year."""

    plan: Plan
    region: str
    indicator: Counterpart | None
    assessment: Assessment | None
    rank: int | None = None
    share: float = 0.0  # the bar's length, a share of the largest figure

    @property
    def figure(self) -> float | None:
        """The region's own figure of the year (a growth target's assessment compares an average)."""
        return self.assessment.actual_latest if self.assessment is not None else None

    @property
    def width(self) -> int:
        """The bar's length in per cent of the widest."""
        return round(self.share * 100)

    @property
    def target(self) -> str:
        """The region's target as its plan writes it."""
        return self.indicator.target if self.indicator is not None else ""


@dataclass(frozen=True)
class Scope:
    """The plans a comparison reads, with what their assessments now depend on (`assessed.stamps`)."""

    plans: list[Plan]
    stamps: dict[int, str]


def scope(plans: list[Plan]) -> Scope:
    """The plans with their stamps, the plans above them read in one query."""
    return Scope(plans, stamps(plans, parent_plans(plans)))


def drawn_key(indicator: Indicator, scope: Scope, year: int, lang: str, level: str) -> str:
    """The key a comparison drawn from `scope` is kept under: another as soon as a plan compared (its
    stamp, its name, when it was stored) or the indicator compared (its name, unit, plan's settings) is
    another."""
    own = (indicator.pk, indicator.name, indicator.unit, indicator.rate, indicator.plan.evaluation_settings)
    plans = [
        (p.pk, str(p.created_at), p.region_code, p.region, p.title, scope.stamps[p.pk]) for p in scope.plans
    ]
    mark = [__version__, own, year, lang, level, plans]
    text = json.dumps(mark, ensure_ascii=False, sort_keys=True)
    return "planwatch:compared:" + hashlib.sha1(text.encode()).hexdigest()


def compare(indicator: Indicator, scope: Scope, year: int, lang: str) -> list[Compared]:
    """The indicator in each plan of `scope` (matched by name and unit), judged in `year`, ranked by the
    figure compared (the lowest first where a lower figure is better). The plans' indicators and their
    stored assessments are each read once for all the plans."""
    own, plans = indicator.to_library(), scope.plans
    matched = matching(own, plans)
    pairs = [(plan, matched[plan.pk]) for plan in plans if plan.pk in matched]
    found = assessed(pairs, scope.stamps, year, lang)
    rows = [Compared(p, _region_name(p), matched.get(p.pk), found.get(p.pk)) for p in plans]
    _rank(rows, lower=_lower_better(own, indicator.plan))
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.region))


def matching(own: LibraryIndicator, plans: list[Plan]) -> dict[int, Counterpart]:
    """Each plan's indicator that is certainly `own` (same canonical name and unit, `best_match`), by plan
    id: the names the plans use read once, then the indicators of the names that match."""
    mine = Indicator.objects.filter(plan__in=plans, rate=own.rate)
    names = mine.order_by().values_list("name", "unit").distinct()
    same = {(name, unit) for name, unit in names if likeness(own, _named(own, name, unit)) == (1.0, True)}
    found = (
        mine.filter(name__in={pair[0] for pair in same})
        .order_by("plan", "position", "pk")
        .values_list("plan_id", "pk", "key", "position", "name", "unit", "target", "target_growth")
    )
    out: dict[int, Counterpart] = {}
    for plan_id, pk, key, position, name, unit, target, growth in found:
        if (name, unit) in same and plan_id not in out:
            out[plan_id] = Counterpart(pk, key, position, target or growth)
    return out


def _named(own: LibraryIndicator, name: str, unit: str) -> LibraryIndicator:
    """An indicator of this name and unit, to be matched with `own`."""
    return own.model_copy(update={"id": name, "name": name, "unit": unit or None})


def _lower_better(ind: LibraryIndicator, plan: Plan) -> bool:
    return any(word in ind.name for word in plan.settings().lower_is_better)


def _rank(rows: list[Compared], lower: bool) -> None:
    """Rank the regions by the year's own figure, the one measure every plan shares whatever its target."""
    judged = [r for r in rows if r.figure is not None]
    judged.sort(key=lambda r: r.figure if lower else -r.figure)
    top = max((abs(r.figure) for r in judged), default=0.0)
    for k, row in enumerate(judged, start=1):
        row.rank = k
        row.share = abs(row.figure) / top if top else 0.0


def _region_name(plan: Plan) -> str:
    region = region_of(plan)
    return region.name if region is not None else plan.region or plan.title


def among(plan: Plan, level: str = "") -> tuple[str, list[Plan]]:
    """The plans an indicator of `plan` is compared across: those of the regions below it (of `level` at
    any depth, where asked and the region has it: `hierarchy.levels_below`), else those of the regions
    beside it (under the same region above), with a heading naming the region above."""
    region = region_of(plan)
    if region is not None and level in levels_below(region):
        return HEADINGS[level] % {"region": region.name}, list(
            plans_under(region.code, plan.period_end, level)
        )
    below = child_plans(plan)
    if below:
        return _("%(region)s所辖各地区") % {"region": _region_name(plan)}, below
    if region is None or region.parent is None:
        return "", []
    parent = regions()[region.parent]
    return _("%(region)s所辖各地区") % {"region": parent.name}, plans_below(parent.code, plan.period_end)
