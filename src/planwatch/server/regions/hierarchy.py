"""Where a plan stands among the others: its region (GB/T 2260), the plan of the region above in the
same period, the plans of the regions below, and the plan of the period before."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.db.models import Q, QuerySet

from planwatch.plan.model import RegionLevel
from planwatch.plan.regions import Region, children, find, regions
from planwatch.server.plans.models import Plan

# The levels a comparison may take under a region beyond the regions directly below it: 县级 counts the
# counties and the districts alike, as the statistics do; "all" is every level at once.
LEVELS: dict[str, tuple[RegionLevel, ...]] = {
    "city": ("city",),
    "county": ("county", "district"),
    "all": ("province", "city", "county", "district"),
}
_DEPTH = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}

# A page over thousands of plans reads them without the plan as read, the largest column (their stamps
# need the revision and the settings).
LISTED = (
    "id",
    "title",
    "region",
    "region_code",
    "period_start",
    "period_end",
    "revision",
    "figures",
    "evaluation_settings",
    "created_at",
)


def region_of(plan: Plan) -> Region | None:
    """The plan's region, from its code."""
    return regions().get(plan.region_code) if plan.region_code else None


def region_code_for(name: str) -> str:
    """The code of the region a plan's title names, when the name means exactly one region; "" when it
    means none or several (鼓楼区), for the office to choose."""
    found = find(name) if name else []
    return found[0].code if len(found) == 1 else ""


def parent_plan(plan: Plan) -> Plan | None:
    """The plan of the region above for the same period (a district's city plan), the latest stored."""
    above = parents_of(plan)
    return None if above is None else Plan.objects.filter(above).order_by("-created_at").first()


def parents_of(plan: Plan) -> Q | None:
    """What the plans of the region above for the same period are (`parent_plan` is the latest of them);
    None where the plan's region has none above."""
    region = region_of(plan)
    if region is None or region.parent is None:
        return None
    return Q(region_code=region.parent, period_end=plan.period_end)


def parent_plans(plans: Iterable[Plan]) -> dict[int, Plan]:
    """`parent_plan` of each of `plans` (by plan id) in one query: those with a plan above."""
    above: dict[tuple[str, int], list[Plan]] = {}
    for plan in plans:
        region = region_of(plan)
        if region is not None and region.parent is not None:
            above.setdefault((region.parent, plan.period_end), []).append(plan)
    if not above:
        return {}
    found: dict[tuple[str, int], Plan] = {}
    candidates = Plan.objects.filter(
        region_code__in={code for code, _ in above}, period_end__in={end for _, end in above}
    )
    for candidate in candidates.only(*LISTED).order_by("-created_at"):
        found.setdefault((candidate.region_code, candidate.period_end), candidate)
    return {p.pk: found[key] for key, below in above.items() if key in found for p in below}


def plans_below(code: str, period_end: int) -> list[Plan]:
    """The plans of the regions directly below the region `code` for the period ending in `period_end`."""
    below = [r.code for r in children(code)]
    return list(
        Plan.objects.filter(region_code__in=below, period_end=period_end)
        .only(*LISTED)
        .order_by("region_code")
    )


def child_plans(plan: Plan) -> list[Plan]:
    """The plans of the regions directly below the plan's region for the same period."""
    return plans_below(plan.region_code, plan.period_end) if plan.region_code else []


@cache
def _below() -> dict[str, list[str]]:
    """The codes of the regions directly below each region."""
    index: dict[str, list[str]] = {}
    for region in regions().values():
        if region.parent is not None:
            index.setdefault(region.parent, []).append(region.code)
    return index


def descendants(code: str) -> list[Region]:
    """Every region below `code`, at any depth."""
    table, index = regions(), _below()
    out, todo = [], list(index.get(code, []))
    while todo:
        region = table[todo.pop()]
        out.append(region)
        todo.extend(index.get(region.code, []))
    return out


def levels_below(region: Region) -> list[str]:
    """The levels (of `LEVELS`) a comparison may take under the region: each level at least two below it
    and all levels together, where it has more than one level below (the nation, a province)."""
    depth = _DEPTH[region.level]
    deeper = [name for name, levels in LEVELS.items() if name != "all" and _DEPTH[levels[0]] > depth + 1]
    return [*deeper, "all"] if deeper else []


def plans_under(code: str, period_end: int, level: str) -> QuerySet[Plan]:
    """The plans of the regions of `level` (a key of `LEVELS`) at any depth below the region `code`."""
    codes = [r.code for r in descendants(code) if r.level in LEVELS[level]]
    return (
        Plan.objects.filter(region_code__in=codes, period_end=period_end)
        .only(*LISTED)
        .order_by("region_code")
    )
