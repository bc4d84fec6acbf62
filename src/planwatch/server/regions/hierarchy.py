"""Where a plan stands among the others: its region (GB/T 2260), the plan of the region above in the
same period, the plans of the regions below, and the plan of the period before."""

from __future__ import annotations

from planwatch.plan.regions import Region, children, find, regions
from planwatch.server.plans.models import Plan


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
    region = region_of(plan)
    if region is None or region.parent is None:
        return None
    return (
        Plan.objects.filter(region_code=region.parent, period_end=plan.period_end)
        .order_by("-created_at")
        .first()
    )


def plans_below(code: str, period_end: int) -> list[Plan]:
    """The plans of the regions directly below the region `code` for the period ending in `period_end`."""
    below = [r.code for r in children(code)]
    return list(Plan.objects.filter(region_code__in=below, period_end=period_end).order_by("region_code"))


def child_plans(plan: Plan) -> list[Plan]:
    """The plans of the regions directly below the plan's region for the same period."""
    return plans_below(plan.region_code, plan.period_end) if plan.region_code else []
