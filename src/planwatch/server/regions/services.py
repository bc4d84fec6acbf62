"""What is done across plans: a plan placed in its region, a target the office of the region above sets
for a plan (控制在市目标内), and one indicator compared across the plans of the regions below a region.

Each change is audited; the comparison reads each plan's assessments as its dashboard does.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.parents import delegate, is_delegated
from planwatch.plan.cells import read_cell
from planwatch.plan.matching import best_match
from planwatch.plan.model import Indicator as LibraryIndicator
from planwatch.plan.regions import Region, regions
from planwatch.server.accounts.services import audit
from planwatch.server.plans.models import DelegatedTarget, Indicator, Plan
from planwatch.server.plans.services import touch
from planwatch.server.regions.hierarchy import child_plans, plans_below, region_of
from planwatch.server.reports.services import assessments, parent_of


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


def delegated(plan: Plan) -> list[Delegated]:
    """The plan's indicators left to the region above, each with the target it is now judged against."""
    stored = [i for i in plan.indicators.select_related("delegated_target")]
    library = {i.key: i.to_library() for i in stored}
    resolved = {i.id: i for i in delegate(list(library.values()), parent_of(plan))}
    out = []
    for ind in stored:
        own = library[ind.key]
        if not (is_delegated(own.target) or is_delegated(own.target_growth)):
            continue
        now = resolved[ind.key]
        used = (now.target_raw or now.target_growth_raw) if now.target_source is not None else ""
        entered = ind.delegated_target.target if hasattr(ind, "delegated_target") else ""
        out.append(Delegated(ind, own.target_raw or own.target_growth_raw, used, entered))
    return out


@dataclass
class Compared:
    """One region's line in a comparison: its plan, its indicator and its assessment in the year."""

    plan: Plan
    region: str
    indicator: Indicator | None
    assessment: Assessment | None
    rank: int | None = None
    share: float = 0.0  # the bar's length, a share of the largest figure

    @property
    def figure(self) -> float | None:
        """The region's own figure of the year (a growth target's assessment compares an average)."""
        return self.assessment.actual_latest if self.assessment is not None else None


def compare(indicator: Indicator, plans: list[Plan], year: int, lang: str) -> list[Compared]:
    """The indicator in each of `plans` (matched by name and unit), judged in `year`, ranked by the
    figure compared (the lowest first where a lower figure is better)."""
    own = indicator.to_library()
    rows = []
    for plan in plans:
        theirs = {i.key: i for i in plan.indicators.all()}
        match = best_match(own, [i.to_library() for i in theirs.values()])
        if match is None or not match.certain:
            rows.append(Compared(plan, _region_name(plan), None, None))
            continue
        found = {a.indicator: a for a in assessments(plan, year, lang=lang)}
        rows.append(Compared(plan, _region_name(plan), theirs[match.theirs.id], found.get(match.theirs.id)))
    _rank(rows, lower=_lower_better(own, indicator.plan))
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.region))


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


def among(plan: Plan) -> tuple[str, list[Plan]]:
    """The plans an indicator of `plan` is compared across: those of the regions below it, else those of
    the regions beside it (under the same region above), with a heading naming the region above."""
    below = child_plans(plan)
    if below:
        return _("%(region)s所辖各地区") % {"region": _region_name(plan)}, below
    region = region_of(plan)
    if region is None or region.parent is None:
        return "", []
    parent = regions()[region.parent]
    return _("%(region)s所辖各地区") % {"region": parent.name}, plans_below(parent.code, plan.period_end)
