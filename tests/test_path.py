"""The chart's time-elapsed path for every kind of target: the docs/method.md examples, and the value the
assessment compares with on the path in every year."""

from __future__ import annotations

import pytest

from planwatch.evaluate.method import evaluate
from planwatch.evaluate.path import chart
from planwatch.evaluate.settings import Settings
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Observation


def indicator(name: str, baseline="", target="", target_growth="", unit="%", rate=False) -> Indicator:
    def reading(text: str):
        return read_cell(text) if text else None

    return Indicator(
        id=name,
        name=name,
        unit=unit,
        base_year=2020,
        target_year=2025,
        baseline=reading(baseline),
        baseline_raw=baseline,
        target=reading(target),
        target_raw=target,
        target_growth=reading(target_growth),
        target_growth_raw=target_growth,
        rate=rate,
    )


def series(ind: Indicator, **years: float) -> dict[int, Observation]:
    return {int(y[1:]): Observation(indicator=ind.id, year=int(y[1:]), value=v) for y, v in years.items()}


def drawn(ind: Indicator, own: dict[int, Observation]) -> dict[int, float | None]:
    c = chart(ind, own, Settings())
    return dict(zip(c.years, c.as_json()["path"], strict=True))


def expected_by_assessment(ind: Indicator, own: dict[int, Observation], year: int) -> float | None:
    return evaluate([ind], own.values(), year)[0].expected


def test_level_linear():
    urban = indicator("常住人口城镇化率", "60.6", "65")
    own = series(urban, y2023=63.0)
    path = drawn(urban, own)
    assert path[2020] == 60.6 and path[2023] == pytest.approx(63.24) and path[2025] == 65
    assert path[2023] == pytest.approx(expected_by_assessment(urban, own, 2023), abs=0.005)


def test_money_level_geometric():
    gdp = indicator("地区生产总值", "302", "450", unit="亿元")
    own = series(gdp, y2023=380)
    path = drawn(gdp, own)
    assert path[2023] == pytest.approx(383.65, abs=0.005)  # 302 x (450/302)^0.6
    assert chart(gdp, own, Settings()).observed[3] == 380


def test_growth_chained_index():
    gdp = indicator("地区生产总值增长", target_growth="6.5", rate=True)
    c = chart(gdp, series(gdp, y2021=8.0, y2022=-1.0, y2023=6.0), Settings())
    assert c.measure == "index"
    assert c.path[3] == pytest.approx(120.795, abs=1e-3)  # 1.065^3
    assert c.observed[3] == pytest.approx(113.335, abs=1e-3)  # 1.08 x 0.99 x 1.06
    assert c.observed[4] is None and c.target == pytest.approx(137.0087, abs=1e-4)


def test_cumulative_reduction_compounds():
    energy = indicator("单位GDP能耗降低", target="[13.5]", rate=True)
    own = series(energy, y2021=3.0, y2022=2.5)
    c = chart(energy, own, Settings())
    assert c.measure == "cumulative" and c.target == 13.5
    assert c.path[2] == pytest.approx(5.64, abs=0.005)  # 1 - 0.865^0.4
    assert c.observed[2] == pytest.approx(5.425, abs=1e-3)  # 1 - 0.97 x 0.975
    assert c.path[2] == pytest.approx(expected_by_assessment(energy, own, 2022), abs=0.005)


def test_cumulative_change_of_a_level_is_drawn_as_the_level():
    life = indicator("人均预期寿命", "77.5", "[1]", unit="岁")
    own = series(life, y2023=78.1)
    c = chart(life, own, Settings())
    assert c.measure == "level" and c.target == 78.5
    assert c.path[3] == pytest.approx(78.1) and c.observed[3] == 78.1


def test_flows_add_up():
    jobs = indicator("新增城镇就业人数", target="[8]", unit="万人")
    c = chart(jobs, series(jobs, y2021=1.5, y2022=1.8), Settings())
    assert (
        c.measure == "cumulative" and c.path[2] == pytest.approx(3.2) and c.observed[2] == pytest.approx(3.3)
    )


def test_bound_reached_on_a_path_and_bound_held_flat():
    rate = indicator("参保率", "90", "95以上")
    own = series(rate, y2022=93)
    assert drawn(rate, own)[2022] == pytest.approx(92)
    assert drawn(rate, own)[2022] == pytest.approx(expected_by_assessment(rate, own, 2022))
    jobless = indicator("城镇登记失业率", "5.0", "5.5以内")
    assert set(drawn(jobless, series(jobless, y2021=5.2)).values()) == {5.5}


def test_relations_have_no_path():
    income = indicator("居民人均可支配收入增长", target_growth="与经济增长基本同步", rate=True)
    c = chart(income, series(income, y2021=7.0), Settings())
    assert c.measure == "none" and c.target is None
    assert set(c.path) == {None} and c.observed[1] == 7.0
