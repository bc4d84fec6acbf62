"""Anticipated progress (预计完成情况): where the trend so far takes an indicator by its target year.

The trend starts from the latest figure and moves on by the weighted average of the yearly steps so
far, the step into the n-th year of the plan weighted n, so the latest years count most:

- a level moves by its yearly changes; a level whose path is geometric (money, or a level with a
  growth target) by its yearly growth rates, compounded;
- a growth target's chained index moves by the yearly rates, compounded;
- a cumulative rise or fall in % compounds its yearly rates, a flow (新增…) adds its yearly amounts,
  and a change of a level (人均预期寿命〔1〕) moves the level by its yearly changes.

Starting from the latest figure, a projection never contradicts what was last published, and a clerk
can work it by hand as offices already do (按近年平均增速测算); docs/method.md works two examples. The
projected value is measured as the assessment's `actual`: a level, an average yearly growth over the
whole period, or a total done.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import FLOW, Series, baseline_value, geometric_path, growth_target
from planwatch.plan.model import Indicator, TargetKind
from planwatch.plan.vocabulary import (
    ATTRIBUTE_EN,
    BINDING,
    NO_FIGURE,
    PERCENT,
    Likelihood,
    figure_text,
    is_reduction_name,
    likelihood_label,
)

# What the trend moves: a level, a chained index (1 at the base year), the share kept of a compounded
# rise or fall (1 at the base year), a running total, or a level whose change is the target.
Measure = Literal["level", "index", "kept", "total", "change"]
PROJECTED_KINDS: tuple[TargetKind, ...] = ("level", "bound", "growth", "cumulative")


@dataclass(slots=True)
class Trend:
    """The figures so far in the measure the trend moves in, base year first where known."""

    ind: Indicator
    measure: Measure
    points: list[tuple[int, float]]
    compounding: bool
    base: float | None = None  # the baseline a change is counted from
    sign: int = 1  # -1 for a fall (降低): its yearly figures are falls

    @property
    def last(self) -> int:
        return self.points[-1][0]

    def step(self) -> float | None:
        """The weighted average yearly step: a change, or a rate (0.05 is 5 %) when compounding."""
        return self.steps()[-1]

    def steps(self) -> list[float | None]:
        """The weighted average yearly step of the figures up to each point after the first: what `step`
        gives for the trend cut there, worked in one pass."""
        total = weights = 0.0
        (y0, v0) = self.points[0]
        found: list[float | None] = []
        for y, v in self.points[1:]:
            if self.compounding:
                if v0 <= 0 or v <= 0:
                    return found + [None] * (len(self.points) - 1 - len(found))
                s = (v / v0) ** (1 / (y - y0)) - 1
            else:
                s = (v - v0) / (y - y0)
            w = y - self.ind.base_year
            total += w * s
            weights += w
            found.append(total / weights)
            y0, v0 = y, v
        return found

    def at(self, year: int, step: float, latest: int = -1) -> float:
        """The trend's value in `year`, carried on from its latest figure (or from point `latest`), in the
        measure it moves in; a level in % is a share, so it stays within 0 and 100."""
        y, v = self.points[latest]
        value = v * (1 + step) ** (year - y) if self.compounding else v + step * (year - y)
        if self.measure == "level" and self.ind.unit == PERCENT:
            return min(max(value, 0.0), 100.0)
        return value

    def drawn(self, v: float) -> float:
        """A value as the chart of `planwatch.evaluate.path` draws it (an index with the base year = 100)."""
        if self.measure == "index":
            return 100 * v
        return self.judged(v) if self.measure == "kept" else v

    def judged(self, v: float) -> float:
        """A value as the assessment measures it: a level, an average yearly growth, a total done."""
        if self.measure == "index":
            span = self.ind.target_year - self.ind.base_year
            return (v ** (1 / span) - 1) * 100 if v > 0 else -100.0
        if self.measure == "kept":
            return self.sign * (v - 1) * 100
        if self.measure == "change" and self.base is not None:
            return v - self.base
        return v


def trend(ind: Indicator, kind: TargetKind, year: int, own: Series, settings: Settings) -> Trend | None:
    """The figures up to `year` a projection starts from; None when there are fewer than two."""
    years = range(ind.base_year + 1, year + 1)
    if kind == "growth" and ind.rate:
        found = _chained(ind, own, years, "index", 1)
    elif kind == "cumulative" and ind.rate:
        found = _chained(ind, own, years, "kept", -1 if is_reduction_name(ind.name) else 1)
    elif kind == "cumulative" and FLOW.match(ind.name):
        found = _chained(ind, own, years, "total", 1)
    else:
        found = _levels(ind, kind, own, years, settings)
    return found if found is not None and len(found.points) >= 2 else None


def _chained(ind: Indicator, own: Series, years: range, measure: Measure, sign: int) -> Trend:
    """Yearly rates chained into an index or a share kept, or yearly amounts summed, until a year is missing."""
    flow = measure == "total"
    value = 0.0 if flow else 1.0
    points = [(ind.base_year, value)]
    for y in years:
        if y not in own:
            break
        v = own[y].value
        value = value + v if flow else value * (1 + sign * v / 100)
        points.append((y, value))
    return Trend(ind, measure, points, compounding=not flow, sign=sign)


def _levels(ind: Indicator, kind: TargetKind, own: Series, years: range, settings: Settings) -> Trend | None:
    """The levels from the baseline on: as an index for a growth target, as a change for a cumulative one."""
    b = baseline_value(ind, own, [])
    points = [(ind.base_year, b)] if b is not None else []
    for y in years:
        obs = own.get(y)
        if obs is not None:
            points.append((y, obs.value))
    if kind == "growth":
        if b is None or b <= 0:
            return None
        return Trend(ind, "index", [(y, v / b) for y, v in points], compounding=True)
    if kind == "cumulative":
        return Trend(ind, "change", points, compounding=False, base=b) if b is not None else None
    t = ind.target.value if ind.target is not None else None
    geometric = kind == "level" and b is not None and t is not None and geometric_path(ind, b, t, settings)
    return Trend(ind, "level", points, compounding=geometric, base=b)


@dataclass(slots=True)
class Outlook:
    """Where the trend takes an indicator by its target year, and whether that meets the target."""

    projected: float
    met: bool
    likelihood: Likelihood


def outlook(ind: Indicator, kind: TargetKind, year: int, own: Series, settings: Settings) -> Outlook | None:
    """The anticipated progress of one indicator from its figures up to `year`; None when it has no trend."""
    if kind not in PROJECTED_KINDS:
        return None
    return project(trend(ind, kind, year, own, settings), kind, settings)


def project(found: Trend | None, kind: TargetKind, settings: Settings) -> Outlook | None:
    """Where a trend takes its indicator by the target year; None when it cannot be carried on."""
    if found is None:
        return None
    return _carried(found, kind, -1, found.step(), settings)


class Outlooks:
    """The anticipated progress of one indicator from its figures up to any year until `last`, as
    `outlook` finds it year by year, with the trend found once and its steps worked in one pass; a year's
    is worked out when first asked for (an assessment asks it only of a year it could judge)."""

    def __init__(self, ind: Indicator, kind: TargetKind, own: Series, last: int, settings: Settings) -> None:
        last = min(last, ind.target_year)
        found = trend(ind, kind, last, own, settings) if kind in PROJECTED_KINDS else None
        self.found, self.kind, self.settings = found, kind, settings
        self.steps = found.steps() if found is not None else []
        self.years = [y for y, _ in found.points] if found is not None else []
        self.carried: dict[int, Outlook | None] = {}

    def of(self, year: int) -> Outlook | None:
        """The anticipated progress from the figures up to `year`."""
        if self.found is None:
            return None
        latest = bisect_right(self.years, year) - 1  # the point the year's trend ends at
        if latest < 1:
            return None
        if latest not in self.carried:
            step = self.steps[latest - 1]
            self.carried[latest] = _carried(self.found, self.kind, latest, step, self.settings)
        return self.carried[latest]


def _carried(
    found: Trend, kind: TargetKind, latest: int, step: float | None, settings: Settings
) -> Outlook | None:
    """The outlook of a trend carried on from its point `latest` by `step`."""
    if step is None:
        return None
    ind = found.ind
    value = found.judged(found.at(ind.target_year, step, latest))
    if not math.isfinite(value):
        return None
    met, close = _OUTCOMES[kind](ind, value, found.base, settings)
    return Outlook(value, met, "likely" if met else "difficult" if close else "unlikely")


def _toward(value: float, start: float, goal: float, settings: Settings) -> tuple[bool, bool]:
    """A target approached from `start`: met at or past `goal`; close when the projected progress reaches `on_track`."""
    met = value >= goal if goal > start else value <= goal
    return met, (value - start) / (goal - start) >= settings.on_track


def _held(value: float, bound: float, floor: bool, strict: bool, settings: Settings) -> tuple[bool, bool]:
    """A bound held: met on its side; close when missed by at most `bound_tolerance` of it."""
    if floor:
        met = value > bound if strict else value >= bound
    else:
        met = value < bound if strict else value <= bound
    return met, abs(value - bound) <= settings.bound_tolerance * abs(bound)


def _level(ind: Indicator, value: float, base: float | None, settings: Settings) -> tuple[bool, bool]:
    assert ind.target is not None and ind.target.value is not None and base is not None
    t = ind.target.value
    if t == base:
        floor = not any(word in ind.name for word in settings.lower_is_better)
        return _held(value, t, floor, False, settings)
    return _toward(value, base, t, settings)


def _bound(ind: Indicator, value: float, base: float | None, settings: Settings) -> tuple[bool, bool]:
    assert ind.target is not None and ind.target.value is not None
    v, comparator = ind.target.value, ind.target.comparator
    floor, strict = comparator in ("ge", "gt"), comparator in ("gt", "lt")
    met, close = _held(value, v, floor, strict, settings)
    if met or base is None or base == v or _held(base, v, floor, strict, settings)[0]:
        return met, close
    return False, _toward(value, base, v, settings)[1]


def _growth(ind: Indicator, value: float, _base: float | None, settings: Settings) -> tuple[bool, bool]:
    reading = growth_target(ind)
    g = reading.value
    if reading.comparator in ("le", "lt"):
        return value <= g, value - g <= settings.same_pace_tolerance
    span = ind.target_year - ind.base_year
    full, index = (1 + g / 100) ** span, (1 + value / 100) ** span
    progress = 1 + (index - full) / abs(full - 1) if g else 1 + (value - g) / 100
    return value >= g, progress >= settings.on_track


def _cumulative(ind: Indicator, value: float, _base: float | None, settings: Settings) -> tuple[bool, bool]:
    assert ind.target is not None and ind.target.value is not None
    total = ind.target.value
    if not total:
        return value >= 0, False
    return _toward(value, 0.0, total, settings)


_OUTCOMES = {"level": _level, "bound": _bound, "growth": _growth, "cumulative": _cumulative}


def anticipate(values: dict[str, Any], ind: Indicator, found: Outlook | None, lang: str) -> None:
    """Adds the anticipated progress to an assessment's values: the outlook of its figures so far.

    A target already met is projected as met. A binding indicator unlikely to meet its target warns
    even before it is behind, and its sentence says why.
    """
    if found is None:
        return
    kind = values["kind"]
    projected, met, likelihood = found.projected, found.met, found.likelihood
    if values["met"] and not met and values["actual"] is not None:
        projected, met, likelihood = values["actual"], True, "likely"
    values["projected"], values["projected_met"], values["likelihood"] = round(projected, 2), met, likelihood
    if likelihood == "unlikely" and ind.attribute == BINDING and not values["warning"]:
        values["warning"] = True
        stop = "。" if lang != "en" else "."
        text = values["explanation"].removesuffix(stop) + ("；" if lang != "en" else "; ")
        words = _outlook_words(kind, values["projected"], likelihood, ind, lang)
        values["explanation"] = text + words + _warning_text(lang) + stop


def _warning_text(lang: str) -> str:
    return f"，{BINDING}指标预警" if lang != "en" else f"; {ATTRIBUTE_EN[BINDING]} indicator: early warning"


def outlook_text(a: Assessment, ind: Indicator, lang: str = "zh") -> str:
    """The anticipated progress in words: 按近年趋势预计2025年为64.1%，预计难以完成."""
    if a.projected is None or a.likelihood is None:
        return ""
    return _outlook_words(a.kind, a.projected, a.likelihood, ind, lang)


def _outlook_words(
    kind: TargetKind, projected: float, likelihood: Likelihood, ind: Indicator, lang: str
) -> str:
    t, value = ind.target_year, figure_text(projected, NO_FIGURE)
    unit = PERCENT if kind == "growth" or (kind == "cumulative" and ind.rate) else ind.unit or ""
    label = likelihood_label(likelihood, lang)
    if lang == "en":
        what = {
            "growth": f"{value}% a year over {ind.base_year + 1}-{t}",
            "cumulative": f"{value}{unit} in all by {t}",
        }.get(kind, f"{value}{unit} in {t}")
        return f"on the recent trend it is expected at {what}, {label}"
    what = {
        "growth": f"{ind.base_year + 1}—{t}年年均增长{value}%",
        "cumulative": f"到{t}年累计{value}{unit}",
    }.get(kind, f"{t}年为{value}{unit}")
    return f"按近年趋势预计{what}，{label}"
