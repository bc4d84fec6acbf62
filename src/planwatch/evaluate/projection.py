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

import numpy as np

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.figures import KIND, Figures, PlanFigures, figures
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import Series
from planwatch.evaluate.verdicts import NOT_ASSESSABLE, Verdicts
from planwatch.plan.model import Indicator, TargetKind
from planwatch.plan.vocabulary import (
    ATTRIBUTE_EN,
    BINDING,
    NO_FIGURE,
    PERCENT,
    Likelihood,
    figure_text,
    likelihood_label,
)

PROJECTED_KINDS: tuple[TargetKind, ...] = ("level", "bound", "growth", "cumulative")
# What a trend moves: a level, a chained index (1 at the base year), the share kept of a compounded
# rise or fall (1 at the base year), a running total, or a level whose change is the target.
LEVEL, INDEX, KEPT, TOTAL, CHANGE = range(5)


class Trends:
    """The trend of each row of the table from its figures up to a last year: its points in the measure
    it moves in (NaN where none) and, at each point after the first, the weighted average yearly step of
    the points up to it: a change, or a rate (0.05 is 5 %) when compounding."""

    def __init__(self, f: Figures, rows: np.ndarray, last: np.ndarray, settings: Settings) -> None:
        self.f, self.rows = f, rows
        kind = f.kind[rows]
        growth, cumulative = kind == KIND["growth"], kind == KIND["cumulative"]
        rate, flow = f.rate[rows], f.flow[rows]
        b, t = f.in_force[rows], f.target[rows]
        self.measure = np.select(
            [growth, cumulative & rate, cumulative & flow, cumulative], [INDEX, KEPT, TOTAL, CHANGE], LEVEL
        )
        geometric = (kind == KIND["level"]) & f.geometric[rows] & (b > 0) & (t > 0)
        self.compounding = np.isin(self.measure, (INDEX, KEPT)) | ((self.measure == LEVEL) & geometric)
        self.sign = np.where((self.measure == KEPT) & f.fall[rows], -1, 1)
        self.base = b
        self.points = self._points(rate, last)
        self.steps = self._steps()

    def _points(self, rate: np.ndarray, last: np.ndarray) -> np.ndarray:
        f, rows = self.f, self.rows
        values = f.values[rows]
        cols = np.arange(values.shape[1])[None, :]
        base_col = (f.base[rows] - f.first)[:, None]
        after, at_base = (cols > base_col) & (cols <= (last - f.first)[:, None]), cols == base_col
        chained = np.isin(self.measure, (KEPT, TOTAL)) | ((self.measure == INDEX) & rate)
        unbroken = np.cumsum(after & np.isnan(values), axis=1) == 0
        sign = self.sign[:, None]
        growth = np.where(after, 1 + sign * values / 100, 1.0)
        links = np.where(
            (self.measure == TOTAL)[:, None],
            np.cumsum(np.where(after, values, 0.0), axis=1),
            np.cumprod(growth, axis=1),
        )
        start = np.where(self.measure == TOTAL, 0.0, 1.0)[:, None]
        chain = np.where(at_base, start, np.where(after & unbroken, links, np.nan))
        b = self.base[:, None]
        levels = np.where(at_base, b, np.where(after, values, np.nan))
        levels = np.where((self.measure == INDEX)[:, None], np.where(b > 0, levels / b, np.nan), levels)
        levels = np.where((self.measure == CHANGE)[:, None] & np.isnan(b), np.nan, levels)
        return np.where(chained[:, None], chain, levels)

    def _steps(self) -> np.ndarray:
        points = self.points
        have = ~np.isnan(points)
        cols = np.arange(points.shape[1])
        seen = np.maximum.accumulate(np.where(have, cols[None, :], -1), axis=1)
        before = np.full_like(seen, -1)
        before[:, 1:] = seen[:, :-1]
        step_in = have & (before >= 0)
        earlier = np.take_along_axis(points, np.maximum(before, 0), axis=1)
        gap = cols[None, :] - before
        compounding = self.compounding[:, None]
        bad = compounding & step_in & ((earlier <= 0) | (points <= 0))
        step = np.where(compounding, (points / earlier) ** (1 / gap) - 1, (points - earlier) / gap)
        weight = np.where(step_in, cols[None, :] - (self.f.base[self.rows] - self.f.first)[:, None], 0)
        total = np.cumsum(np.where(step_in & ~bad, weight * step, 0.0), axis=1)
        weights = np.cumsum(weight, axis=1)
        broken = np.cumsum(bad, axis=1) > 0
        self.latest = seen
        self.count = np.cumsum(have, axis=1)
        return np.where(broken, np.nan, total / np.where(weights > 0, weights, 1))

    def carried(self, cols: np.ndarray) -> np.ndarray:
        """Where the trend cut at each of `cols` takes each row by its target year, in the measure the
        assessment judges (NaN where it has fewer than two points or cannot be carried on)."""
        latest = self.latest[:, cols]
        at = np.maximum(latest, 0)
        step, v = np.take_along_axis(self.steps, at, 1), np.take_along_axis(self.points, at, 1)
        usable = (self.count[:, cols] >= 2) & (latest >= 0) & ~np.isnan(step)
        years = self.f.target_year[self.rows][:, None] - (at + self.f.first)
        value = self.at(v, step, years)
        return np.where(usable, self.judged(value), np.nan)

    def at(self, v: np.ndarray, step: np.ndarray, years: np.ndarray) -> np.ndarray:
        """A point carried on `years` by `step`; a level in % is a share, so it stays within 0 and 100."""
        value = np.where(self.compounding[:, None], v * (1 + step) ** years, v + step * years)
        share = (self.measure == LEVEL) & (self.f.percent[self.rows])
        return np.where(share[:, None], np.clip(value, 0.0, 100.0), value)

    def judged(self, v: np.ndarray) -> np.ndarray:
        """A value as the assessment measures it: a level, an average yearly growth, a total done."""
        span = (self.f.target_year[self.rows] - self.f.base[self.rows])[:, None]
        growth = np.where(v > 0, (v ** (1 / span) - 1) * 100, -100.0)
        measure = self.measure[:, None]
        measured = np.select(
            [measure == INDEX, measure == KEPT, measure == CHANGE],
            [growth, self.sign[:, None] * (v - 1) * 100, v - self.base[:, None]],
            v,
        )
        return np.where(np.isfinite(measured), measured, np.nan)

    def drawn(self, v: np.ndarray) -> np.ndarray:
        """A value as the chart of `planwatch.evaluate.path` draws it (an index with the base year = 100)."""
        measure = self.measure[:, None]
        return np.select(
            [measure == INDEX, measure == KEPT], [100 * v, self.sign[:, None] * (v - 1) * 100], v
        )


@np.errstate(all="ignore")  # a trend through zero or none at all is NaN, not an error
def anticipate(f: Figures, years: np.ndarray, v: Verdicts, settings: Settings) -> None:
    """The anticipated progress of every judged cell: where the trend of its figures so far takes it.

    A target already met is projected as met. A binding indicator unlikely to meet its target warns
    even before it is behind, and its sentence says why.
    """
    rows = np.flatnonzero(np.isin(f.kind, [KIND[k] for k in PROJECTED_KINDS]))
    if not len(rows):
        return
    last = np.minimum(max(years.tolist()), f.target_year[rows])
    trends = Trends(f, rows, last, settings)
    value = trends.carried(np.clip(years - f.first, 0, f.values.shape[1] - 1))
    met, close = _outcomes(f, rows, value, settings)
    likely = np.where(met, 0, np.where(close, 1, 2))
    shown = (v.status[rows] != NOT_ASSESSABLE) & ~np.isnan(value)
    actual = v.actual[rows]
    done = shown & (v.met[rows] == 1) & ~met & np.isfinite(actual)
    value = np.where(done, actual, value)
    met, likely = met | done, np.where(done, 0, likely)
    r, k = np.nonzero(shown)
    at = (rows[r], k)
    v.projected[at], v.projected_met[at], v.likelihood[at] = value[r, k], met[r, k], likely[r, k]
    r, k = np.nonzero(shown & (likely == 2) & f.binding[rows][:, None] & ~v.warning[rows])
    v.warning[rows[r], k] = v.warned[rows[r], k] = True


def _outcomes(f: Figures, rows: np.ndarray, value: np.ndarray, s: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Whether each projected value meets its target, and whether it comes close (a `difficult` outlook)."""

    def of(name: str) -> np.ndarray:
        return getattr(f, name)[rows][:, None]

    kind, b, t, g = of("kind"), of("in_force"), of("target"), of("growth")
    floor, strict = of("floor"), of("strict")
    with np.errstate(all="ignore"):
        toward_met, toward_close = _toward(value, b, t, s)
        held_met, held_close = _held(value, t, floor, strict, s)
        kept_met, kept_close = _held(value, t, ~of("lower"), np.zeros_like(floor), s)
        level = (kind == KIND["level"]) & (t == b)
        bound = kind == KIND["bound"]
        plain = held_met | np.isnan(b) | (b == t) | _held(b, t, floor, strict, s)[0]
        span = of("target_year") - of("base")
        full, index = (1 + g / 100) ** span, (1 + value / 100) ** span
        progress = np.where(g != 0, 1 + (index - full) / np.abs(full - 1), 1 + (value - g) / 100)
        ceiling = of("ceiling")
        growth_met = np.where(ceiling, value <= g, value >= g)
        growth_close = np.where(ceiling, value - g <= s.same_pace_tolerance, progress >= s.on_track)
        total_met, total_close = _toward(value, 0.0, t, s)
        total_met, total_close = np.where(t != 0, total_met, value >= 0), (t != 0) & total_close
    conditions = [level, bound & plain, bound, kind == KIND["growth"], kind == KIND["cumulative"]]
    met = np.select(conditions, [kept_met, held_met, False, growth_met, total_met], toward_met)
    close = np.select(
        conditions, [kept_close, held_close, toward_close, growth_close, total_close], toward_close
    )
    return met.astype(bool), close.astype(bool)


def _toward(value, start, goal, s: Settings) -> tuple[np.ndarray, np.ndarray]:
    """A target approached from `start`: met at or past `goal`; close when the projected progress reaches `on_track`."""
    met = np.where(goal > start, value >= goal, value <= goal)
    return met, (value - start) / (goal - start) >= s.on_track


def _held(value, bound, floor, strict, s: Settings) -> tuple[np.ndarray, np.ndarray]:
    """A bound held: met on its side; close when missed by at most `bound_tolerance` of it."""
    met = np.where(
        floor,
        np.where(strict, value > bound, value >= bound),
        np.where(strict, value < bound, value <= bound),
    )
    return met, np.abs(value - bound) <= s.bound_tolerance * np.abs(bound)


@np.errstate(all="ignore")
def projection_line(ind: Indicator, own: Series, settings: Settings, years: list[int]) -> list[float | None]:
    """The trend of all the figures from the latest on, drawn in each of `years` (None before the latest
    figure, and everywhere when there is nothing to carry on), as `planwatch.evaluate.path` charts it."""
    f = figures([PlanFigures([ind], list(own.values()))], [ind.target_year], settings)
    if f.kind[0] not in [KIND[k] for k in PROJECTED_KINDS]:
        return [None] * len(years)
    trends = Trends(f, np.array([0]), f.target_year, settings)
    end = ind.target_year - f.first
    latest = int(trends.latest[0, end])
    step = trends.steps[0, latest] if latest >= 0 else np.nan
    if trends.count[0, end] < 2 or np.isnan(step) or latest >= end:
        return [None] * len(years)
    point, since = trends.points[0, latest], latest + f.first
    drawn = trends.drawn(trends.at(np.full((1, len(years)), point), step, np.array([years]) - since))[0]
    return [float(d) if y >= since else None for y, d in zip(years, drawn, strict=True)]


def warning_text(lang: str) -> str:
    return f"，{BINDING}指标预警" if lang != "en" else f"; {ATTRIBUTE_EN[BINDING]} indicator: early warning"


def outlook_text(a: Assessment, ind: Indicator, lang: str = "zh") -> str:
    """The anticipated progress in words: 按近年趋势预计2025年为64.1%，预计难以完成."""
    if a.projected is None or a.likelihood is None:
        return ""
    return outlook_words(a.kind, a.projected, a.likelihood, ind, lang)


def outlook_words(
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
