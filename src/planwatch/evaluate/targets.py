"""What an indicator's baseline and target say, read the same way by the judge (method), the chart (path)
and the projection: the baseline in force, the growth a growth target names, whether a level's path is
geometric, and which names count yearly amounts (flows)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from planwatch.evaluate.settings import Settings
from planwatch.plan.model import Indicator, Observation, Reading

Series = Mapping[int, Observation]
FLOW = re.compile(r"^(新增|累计|新建|新开工|新改建|完成)")


def baseline_value(ind: Indicator, figure: float | None, notes: list[str]) -> float | None:
    """The baseline, replaced by the base-year figure where one is given (the assessment says so)."""
    b = ind.baseline.value if ind.baseline is not None and ind.baseline.kind == "number" else None
    if figure is not None:
        if b is None:
            notes.append(f"baseline_from_observation:{figure:g}")
        elif ind.baseline is not None and ind.baseline.earlier_year:
            notes.append(f"baseline_starred_replaced:{b:g}->{figure:g}")
        elif figure != b:
            notes.append(f"baseline_revised:{b:g}->{figure:g}")
        return figure
    if ind.baseline is not None and ind.baseline.earlier_year and b is not None:
        notes.append(f"baseline_earlier_year:{b:g}")
    return b


def geometric_path(ind: Indicator, b: float, t: float, settings: Settings) -> bool:
    """Whether a level's path from b to t grows by a constant rate (money, or a level with a growth
    target) rather than by equal steps."""
    return b > 0 and t > 0 and (ind.unit in settings.geometric_units or ind.target_growth is not None)


def growth_target(ind: Indicator) -> Reading:
    """The growth a growth indicator is judged against: a rate's own target cell, else its growth cell."""
    t = ind.target
    target = t if ind.rate and t is not None and t.value is not None else ind.target_growth
    assert target is not None and target.value is not None
    return target
