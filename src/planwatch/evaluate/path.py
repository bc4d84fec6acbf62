"""The time-elapsed path (序时进度) year by year, beside the observations and the target: what a chart draws.

The path follows the assessment rules of `planwatch.evaluate.method`, year by
year from the base year to the target year, so the chart shows the same
`expected` value an assessment compares with. Each kind of target is drawn in
the measure its rule judges:

- level and bound: the level itself, linear b + (t − b)·s, geometric b·(t/b)^s for money units
  or a level with a growth target, flat where a bound or level is to be held;
- growth: the chained index (base year = 100), on the path 100·(1 + g)^n;
- cumulative: the total done so far (compounded rates, summed flows), or, for a change of a
  level such as life expectancy [1], the level b + T·s;
- relation, qualitative, unknown: no path, the observations alone.

Beside the path, the trend of `planwatch.evaluate.projection` from the latest figure to the target
year, in the same measure: where the figures so far are heading.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from planwatch.evaluate.figures import target_kind
from planwatch.evaluate.projection import projection_line
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import FLOW, baseline_value, geometric_path, growth_target
from planwatch.plan.model import Indicator, Observation
from planwatch.plan.vocabulary import PERCENT, is_reduction_name

Measure = Literal["level", "index", "cumulative", "none"]
Series = Mapping[int, Observation]


@dataclass
class Chart:
    """Yearly values from the base year to the target year; None where there is nothing to draw."""

    measure: Measure
    unit: str
    years: list[int]
    path: list[float | None] = field(default_factory=list)
    observed: list[float | None] = field(default_factory=list)
    target: float | None = None
    projected: list[float | None] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "measure": self.measure,
            "unit": self.unit,
            "years": self.years,
            "path": [_round(v) for v in self.path],
            "observed": [_round(v) for v in self.observed],
            "target": _round(self.target),
            "projected": [_round(v) for v in self.projected],
        }


def _round(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, 4)


def chart(ind: Indicator, own: Series, settings: Settings) -> Chart:
    """The chart of one indicator from its observations (one per year, the figures in force), with the
    projection from the latest figure to the target year."""
    drawn = _path_chart(ind, own, settings)
    drawn.projected = projection_line(ind, own, settings, drawn.years)
    return drawn


def _baseline(ind: Indicator, own: Series) -> float | None:
    """The baseline in force: the base-year figure where one is given."""
    obs = own.get(ind.base_year)
    return baseline_value(ind, obs.value if obs is not None else None, [])


def _index(ind: Indicator, year: int, own: Series) -> float | None:
    """The chained index of growth from the base year to `year` (1.0 = no growth): a rate's yearly
    figures chained, else the level over the baseline; None where a figure it needs is missing."""
    if ind.rate:
        index = 1.0
        for y in range(ind.base_year + 1, year + 1):
            if y not in own:
                return None
            index *= 1 + own[y].value / 100
        return index
    b = _baseline(ind, own)
    obs = own.get(year)
    return obs.value / b if b is not None and b > 0 and obs is not None else None


def _path_chart(ind: Indicator, own: Series, settings: Settings) -> Chart:
    years = list(range(ind.base_year, ind.target_year + 1))
    kind = target_kind(ind)
    total = ind.target_year - ind.base_year
    unit = ind.unit or ""
    levels = [own[y].value if y in own else None for y in years]
    if total <= 0:
        return Chart("none", unit, years, [None] * len(years), levels)
    if kind in ("level", "bound"):
        return _level_chart(ind, own, settings, years, levels)
    if kind == "growth":
        return _growth_chart(ind, own, years)
    if kind == "cumulative":
        return _cumulative_chart(ind, own, years, levels)
    return Chart("none", unit, years, [None] * len(years), levels)


def _share(ind: Indicator, year: int) -> float:
    """The share of the plan period elapsed by `year`."""
    return (year - ind.base_year) / (ind.target_year - ind.base_year)


def _level_chart(
    ind: Indicator, own: Series, settings: Settings, years: list[int], levels: list[float | None]
) -> Chart:
    assert ind.target is not None and ind.target.value is not None
    t = ind.target.value
    b = _baseline(ind, own)
    levels = levels.copy()
    if b is not None:
        levels[0] = b
    unit = ind.unit or ""
    if b is None:
        return Chart("level", unit, years, [None] * len(years), levels, t)
    comparator = ind.target.comparator
    bound = comparator in ("ge", "gt", "le", "lt")
    if comparator in ("gt", "lt"):
        held = b > t if comparator == "gt" else b < t
    elif bound:
        held = b >= t if comparator == "ge" else b <= t
    else:
        held = t == b
    if held:
        return Chart("level", unit, years, [t] * len(years), levels, t)
    geometric = not bound and geometric_path(ind, b, t, settings)
    path = [b * (t / b) ** _share(ind, y) if geometric else b + (t - b) * _share(ind, y) for y in years]
    return Chart("level", unit, years, path, levels, t)


def _growth_chart(ind: Indicator, own: Series, years: list[int]) -> Chart:
    g = growth_target(ind).value / 100
    path = [100 * (1 + g) ** (y - ind.base_year) for y in years]
    observed: list[float | None] = [100.0]
    for y in years[1:]:
        index = _index(ind, y, own)
        observed.append(None if index is None else 100 * index)
    return Chart("index", "", years, path, observed, path[-1])


def _cumulative_chart(ind: Indicator, own: Series, years: list[int], levels: list[float | None]) -> Chart:
    assert ind.target is not None and ind.target.value is not None
    total_target = ind.target.value
    if not ind.rate and not FLOW.match(ind.name):
        b = _baseline(ind, own)
        if b is None:
            return Chart("level", ind.unit or "", years, [None] * len(years), levels)
        levels = [b, *levels[1:]]
        path = [b + total_target * _share(ind, y) for y in years]
        return Chart("level", ind.unit or "", years, path, levels, b + total_target)
    sign = -1 if is_reduction_name(ind.name) else 1
    if ind.rate:
        path = [sign * ((1 + sign * total_target / 100) ** _share(ind, y) - 1) * 100 for y in years]
    else:
        path = [total_target * _share(ind, y) for y in years]
    done: list[float | None] = [0.0]
    kept, added = 1.0, 0.0
    for y in years[1:]:
        if y not in own or done[-1] is None:
            done.append(None)
            continue
        v = own[y].value
        if ind.rate:
            kept *= 1 + sign * v / 100
            done.append(sign * (kept - 1) * 100)
        else:
            added += v
            done.append(added)
    return Chart("cumulative", PERCENT if ind.rate else ind.unit or "", years, path, done, total_target)
