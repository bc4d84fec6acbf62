"""A city plan and two district plans: the districts' targets left to the city (控制在市目标内,
按市下达目标) judged once the city's target is known, and 高于全市平均水平 judged from the city's figures.
The figures are worked by hand in the comments."""

from __future__ import annotations

import pytest

from planwatch.evaluate.method import evaluate
from planwatch.evaluate.parents import Parent
from planwatch.plan.cells import read_cell
from planwatch.plan.matching import best_match, canonical_name, match_indicators
from planwatch.plan.model import Indicator, Observation


def indicator(
    id: str, name: str, unit: str, base: str = "", target: str = "", rate: bool = False
) -> Indicator:
    return Indicator(
        id=id,
        name=name,
        unit=unit,
        base_year=2020,
        target_year=2025,
        baseline=read_cell(base) if base else None,
        baseline_raw=base,
        target=read_cell(target) if target else None,
        target_raw=target,
        rate=rate,
    )


def figures(id: str, values: dict[int, float]) -> list[Observation]:
    return [Observation(indicator=id, year=y, value=v) for y, v in values.items()]


CITY = [
    indicator("c1", "地区生产总值增长", "%", target="6.5", rate=True),
    indicator("c2", "单位GDP能源消耗降低", "%", target="[14.5]", rate=True),
    indicator("c3", "森林覆盖率", "%", base="33", target="35"),
]
CITY_FIGURES = figures("c1", {2021: 7.0, 2022: 5.0, 2023: 6.0})

# district A: faster than the city every year; energy and forest left to the city
DISTRICT_A = [
    indicator("a1", "全区地区生产总值增长", "%", target="高于全市平均水平", rate=True),
    indicator("a2", "单位地区生产总值能源消耗降低", "%", target="控制在市目标内", rate=True),
    indicator("a3", "森林覆盖率", "%", base="30", target="按市下达目标"),
]
A_FIGURES = (
    figures("a1", {2021: 7.5, 2022: 5.5, 2023: 6.2})
    + figures("a2", {2021: 3.0, 2022: 3.2, 2023: 2.5})
    + figures("a3", {2021: 30.5, 2022: 31.0, 2023: 31.2})
)

# district B: slower than the city in 2022
DISTRICT_B = [indicator("b1", "地区生产总值增长", "%", target="高于全市平均水平", rate=True)]
B_FIGURES = figures("b1", {2021: 7.2, 2022: 4.8, 2023: 6.1})


def by_id(assessments):
    return {a.indicator: a for a in assessments}


def test_without_the_city_nothing_delegated_is_judged():
    got = by_id(evaluate(DISTRICT_A, A_FIGURES, 2023))
    assert {a.status for a in got.values()} == {"not_assessable"}
    assert "上级" in got["a1"].explanation
    assert "控制在市目标内" in got["a2"].explanation


def test_delegated_targets_taken_from_the_city_plan():
    got = by_id(evaluate(DISTRICT_A, A_FIGURES, 2023, parent=Parent("许昌市", CITY, CITY_FIGURES)))
    # a2 against the city's [14.5]: 1 - 0.97 x 0.968 x 0.975 = 8.45 % done; the path 1 - 0.855^(3/5)
    # = 8.97 %; 8.45 / 8.97 = 94 % of the path: on track
    assert got["a2"].status == "on_track"
    assert got["a2"].actual == pytest.approx(8.45, abs=0.01)
    assert got["a2"].expected == pytest.approx(8.97, abs=0.01)
    assert "按许昌市规划目标“[14.5]”评估" in got["a2"].explanation
    # a3 against the city's 35 from its own 30: the path is 30 + 5 x 3/5 = 33, 31.2 is 40 % of the way
    assert got["a3"].status == "severely_lagging"
    assert got["a3"].expected == pytest.approx(33)
    assert got["a3"].progress == pytest.approx(0.4)


def test_a_target_the_city_office_entered_comes_before_the_city_plan():
    parent = Parent("许昌市", CITY, CITY_FIGURES, entered={"a3": "32"})
    got = by_id(evaluate(DISTRICT_A, A_FIGURES, 2023, parent=parent))
    # 30 -> 32: the path is 31.2 in 2023, exactly the figure
    assert got["a3"].status == "on_track"
    assert got["a3"].progress == pytest.approx(1.0)
    assert "按许昌市下达的“32”评估" in got["a3"].explanation
    english = by_id(evaluate(DISTRICT_A, A_FIGURES, 2023, lang="en", parent=parent))
    assert "set by 许昌市" in english["a3"].explanation


def test_higher_than_the_city_average_judged_from_the_city_figures():
    parent = Parent("许昌市", CITY, CITY_FIGURES)
    a = by_id(evaluate(DISTRICT_A, A_FIGURES, 2023, parent=parent))["a1"]
    # 7.5 > 7.0, 5.5 > 5.0, 6.2 > 6.0: held in every year
    assert a.status == "on_track"
    assert (a.actual, a.expected) == (6.2, 6.0)
    assert "许昌市地区生产总值增长为6%" in a.explanation
    b = by_id(evaluate(DISTRICT_B, B_FIGURES, 2023, parent=parent))["b1"]
    # 4.8 < 5.0 in 2022: held in 2 of 3 years, so lagging (at least half the years)
    assert b.status == "lagging"
    assert b.progress == pytest.approx(2 / 3, abs=0.001)


def test_names_compared_as_any_plan_writes_them():
    assert canonical_name("单位GDP能源消耗降低（%）") == canonical_name("单位地区生产总值能源消耗降低")
    assert canonical_name("全区地区生产总值增长") == canonical_name("地区生产总值增长")
    assert canonical_name("全市一般公共预算收入") == canonical_name("一般公共预算收入")


def test_a_close_name_or_another_unit_is_offered_not_taken():
    ours = indicator("x", "每千人口拥有执业（助理）医师数", "人")
    same_unit_close = indicator("y", "每千人口执业（助理）医师数", "人")
    other_unit = indicator("z", "每千人口拥有执业（助理）医师数", "名")
    found = best_match(ours, [same_unit_close])
    assert found is not None and not found.certain
    found = best_match(ours, [other_unit])
    assert found is not None and not found.certain
    assert best_match(ours, [indicator("w", "森林覆盖率", "%")]) is None


def test_each_indicator_matched_once_surest_first():
    ours = [indicator("o1", "地区生产总值", "亿元"), indicator("o2", "地区生产总值增长", "%", rate=True)]
    theirs = [
        indicator("t1", "地区生产总值增长", "%", rate=True),
        indicator("t2", "全市地区生产总值", "亿元"),
    ]
    pairs = {(m.ours.id, m.theirs.id, m.certain) for m in match_indicators(ours, theirs)}
    assert pairs == {("o1", "t2", True), ("o2", "t1", True)}
