"""Properties of the method that must hold for any figures."""

from __future__ import annotations

import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planwatch.evaluate.method import RANK, evaluate
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Observation
from planwatch.plan.vocabulary import BEHIND

YEARS = st.integers(2021, 2025)
LEVELS = st.floats(1, 1000, allow_nan=False)
RATES = st.floats(-15, 25, allow_nan=False)


def level(b: float, t: float, unit: str = "%") -> Indicator:
    return Indicator(
        id="x", name="指标", unit=unit, base_year=2020, target_year=2025,
        baseline=read_cell(f"{b:g}"), target=read_cell(f"{t:g}"),
    )  # fmt: skip


def rate(name: str, **targets) -> Indicator:
    return Indicator(id=name, name=name, base_year=2020, target_year=2025, rate=True, **targets)


def growth(g: float) -> Indicator:
    return rate("地区生产总值增长", target_growth=read_cell(f"{g:g}"))


def reduction(total: float) -> Indicator:
    return rate("单位GDP能源消耗降低", target=read_cell(f"[{total:g}]"))


def judged(ind: Indicator, values: dict[int, float], year: int):
    return evaluate([ind], [Observation(indicator=ind.id, year=y, value=v) for y, v in values.items()], year)[
        0
    ]


@settings(max_examples=300, deadline=None)
@given(LEVELS, LEVELS, YEARS, LEVELS, st.floats(0.001, 100), st.sampled_from(["%", "亿元"]))
def test_a_better_level_never_gets_a_worse_status(b, t, year, a, better, unit):
    assume(abs(t - b) > 1e-3)
    up = 1 if t > b else -1
    worse = judged(level(b, t, unit), {year: a}, year)
    improved = judged(level(b, t, unit), {year: max(a + up * better, 1e-3)}, year)
    assume(up * (improved.actual - worse.actual) > 0)
    assert RANK[improved.status] >= RANK[worse.status]


@settings(max_examples=300, deadline=None)
@given(st.floats(-5, 15), st.lists(RATES, min_size=5, max_size=5), YEARS, st.floats(0.01, 10))
def test_a_faster_year_never_gets_a_worse_status(g, rates, year, more):
    assume(abs(g) > 0.01)
    values = dict(zip(range(2021, 2026), rates, strict=True))
    slower = judged(growth(g), values, year)
    faster = judged(growth(g), {**values, year: values[year] + more}, year)
    assert RANK[faster.status] >= RANK[slower.status]


@settings(max_examples=300, deadline=None)
@given(LEVELS, LEVELS, st.floats(0, 50))
def test_a_met_final_target_is_achieved(b, t, beyond):
    assume(abs(t - b) > 1e-3)
    ind = level(b, t)
    target = ind.target.value
    a = target + beyond if target > ind.baseline.value else max(target - beyond, 0.0)
    assert judged(ind, {2025: a}, 2025).status == "achieved"


@settings(max_examples=300, deadline=None)
@given(st.floats(1, 1000), st.floats(1, 1000), st.integers(2021, 2024), st.floats(1, 1000))
def test_required_growth_reaches_a_money_level(b, t, year, a):
    assume(abs(t - b) > 1e-3 and (a < t if t > b else a > t))
    ind = level(b, t, "亿元")
    found = judged(ind, {year: a}, year)
    reached = a * (1 + found.required_annual_growth / 100) ** (2025 - year)
    assert math.isclose(reached, ind.target.value, rel_tol=1e-3)


@settings(max_examples=300, deadline=None)
@given(st.floats(1, 15), st.lists(RATES, min_size=4, max_size=4), st.integers(2021, 2024))
def test_required_growth_reaches_an_average_growth_target(g, rates, year):
    values = dict(zip(range(2021, 2025), rates, strict=True))
    found = judged(growth(g), values, year)
    assume(found.required_annual_growth is not None)
    index = math.prod(1 + values[y] / 100 for y in range(2021, year + 1))
    index *= (1 + found.required_annual_growth / 100) ** (2025 - year)
    assert math.isclose(index, (1 + g / 100) ** 5, rel_tol=1e-3)


@settings(max_examples=300, deadline=None)
@given(st.floats(1, 30), st.lists(st.floats(-3, 8), min_size=4, max_size=4), st.integers(2021, 2024))
def test_required_reduction_reaches_a_cumulative_target(total, rates, year):
    values = dict(zip(range(2021, 2025), rates, strict=True))
    found = judged(reduction(total), values, year)
    assume(found.required_annual_growth is not None)
    kept = math.prod(1 - values[y] / 100 for y in range(2021, year + 1))
    kept *= (1 - found.required_annual_growth / 100) ** (2025 - year)
    assert math.isclose(kept, 1 - total / 100, rel_tol=1e-3)


BOUNDS = st.sampled_from([("{}以上", 1, False), ("≥{}", 1, False), ("＞{}", 1, True),
                          ("{}以内", -1, False), ("≤{}", -1, False), ("＜{}", -1, True)])  # fmt: skip
BASELINES = st.one_of(st.just(None), LEVELS)


def bound(form: str, v: float, b: float | None) -> Indicator:
    return Indicator(
        id="x", name="指标", unit="%", base_year=2020, target_year=2025,
        baseline=read_cell(f"{b:g}" if b is not None else "—"), target=read_cell(form.format(f"{v:g}")),
    )  # fmt: skip


def past(v: float, side: int, strict: bool, beyond: float) -> float:
    """A figure at or past the bound `v` on its good side (strictly past a strict bound)."""
    return v + side * (beyond + (max(abs(v), 1) * 1e-6 if strict else 0.0))


@settings(max_examples=300, deadline=None)
@given(LEVELS, LEVELS, YEARS, st.floats(0, 50), st.sampled_from(["%", "亿元"]))
def test_a_level_at_or_past_its_target_is_never_behind(b, t, year, beyond, unit):
    ind = level(b, t, unit)
    target = ind.target.value
    up = 1 if target >= ind.baseline.value else -1
    a = target + up * beyond
    assume(a > 0)
    assert judged(ind, {year: a}, year).status not in BEHIND


@settings(max_examples=300, deadline=None)
@given(BOUNDS, LEVELS, BASELINES, YEARS, st.lists(LEVELS, min_size=5, max_size=5), st.floats(0, 50))
def test_a_bound_met_now_is_never_behind(form, v, b, year, history, beyond):
    template, side, strict = form
    ind = bound(template, v, b)
    values = dict(zip(range(2021, 2026), history, strict=True))
    values[year] = past(ind.target.value, side, strict, beyond)
    assert judged(ind, values, year).status not in BEHIND


@settings(max_examples=300, deadline=None)
@given(BOUNDS, LEVELS, BASELINES, YEARS, st.lists(st.floats(0, 50), min_size=5, max_size=5))
def test_a_bound_never_broken_is_never_behind(form, v, b, year, margins):
    template, side, strict = form
    ind = bound(template, v, b)
    values = {
        y: past(ind.target.value, side, strict, m) for y, m in zip(range(2021, 2026), margins, strict=True)
    }
    assert judged(ind, values, year).status not in BEHIND
