"""Figures questioned against their indicator's unit and the figure before, and the impossible ones refused."""

from __future__ import annotations

import pytest

from planwatch.evaluate.plausibility import question
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator
from planwatch.plan.vocabulary import is_rate_name


def indicator(name: str, unit: str | None, baseline: str = "") -> Indicator:
    return Indicator(
        id=name,
        name=name,
        unit=unit,
        base_year=2020,
        target_year=2025,
        baseline=read_cell(baseline) if baseline else None,
        baseline_raw=baseline,
        rate=is_rate_name(name),
    )


URBAN = indicator("常住人口城镇化率", "%", "60")
GDP_GROWTH = indicator("地区生产总值增长", "%")
ENERGY = indicator("单位GDP能源消耗降低", "%")
DOCTORS = indicator("每千人拥有执业助理医师数", "人", "3")
OUTPUT = indicator("地区生产总值", "亿元", "302")
PRODUCTIVITY = indicator("全员劳动生产率增长", "元/人,2020年价格")


@pytest.mark.parametrize(
    ("ind", "value", "earlier"),
    [
        (URBAN, 61.5, {}),
        (URBAN, 0, {2021: 0}),
        (GDP_GROWTH, -6.8, {}),  # a fall in a bad year
        (ENERGY, -2.0, {}),  # energy use per GDP rose
        (PRODUCTIVITY, 5.5, {}),  # a rate, though its unit is a level's
        (indicator("居民消费价格涨幅", "%"), -0.5, {}),  # prices may fall
        (indicator("居民消费价格指数", "%"), 102.5, {}),  # an index (上年=100) is no share
        (DOCTORS, 3.2, {2021: 3.1}),
        (OUTPUT, 2000, {}),  # six times the baseline
        (indicator("城镇新增就业", "万人"), 0.8, {}),  # no baseline: nothing to compare with
    ],
)
def test_a_plausible_figure_is_not_questioned(ind, value, earlier):
    assert question(ind, 2022, value, earlier) is None


def test_a_share_below_minus_100_is_impossible():
    found = question(URBAN, 2024, -999, {})
    assert found is not None and found.impossible
    assert found.text == "“常住人口城镇化率”2024年的数值-999%不可能：比重和增减幅度都不会低于-100%"
    assert question(URBAN, 2024, -999, {}, "en").text.startswith(
        "常住人口城镇化率, 2024: -999% is impossible"
    )


@pytest.mark.parametrize("value", [120, -5])
def test_a_share_outside_0_to_100_is_questioned(value):
    found = question(URBAN, 2024, value, {})
    assert found is not None and not found.impossible
    assert "“常住人口城镇化率”2024年" in found.text and "超出0—100%" in found.text


def test_a_share_by_its_name_alone_is_one():
    found = question(indicator("城市空气优良天数比率", None), 2023, 150, {})
    assert found is not None and "超出0—100%" in found.text


def test_changes_may_be_negative_but_not_below_minus_100():
    assert question(GDP_GROWTH, 2023, -120, {}).impossible
    over = question(GDP_GROWTH, 2023, 150, {})
    assert not over.impossible and "增减幅度150%超过100%" in over.text
    assert question(ENERGY, 2023, 130, {}).impossible  # nothing falls by more than all of it
    assert not question(ENERGY, 2023, -130, {}).impossible


def test_a_negative_count_or_amount_is_questioned():
    count = question(DOCTORS, 2023, -3, {})
    assert count.text == "“每千人拥有执业助理医师数”2023年的数值-3人是负数，以人计的数量一般不会为负，请核对"
    assert not count.impossible
    amount = question(OUTPUT, 2023, -50, {})
    assert "以亿元计的金额" in amount.text and not amount.impossible
    assert question(OUTPUT, 2023, -50, {}, "en").text.endswith("an amount in 亿元 seldom is; please check")


def test_a_figure_far_from_the_one_before_is_questioned():
    tenfold = question(DOCTORS, 2023, 32, {2021: 3.0, 2022: 3.1, 2024: 33})
    assert tenfold.text == "“每千人拥有执业助理医师数”2023年的数值32人是2022年数值3.1人的10.3倍，请核对"
    tenth = question(OUTPUT, 2021, 30.2, {})
    assert tenth.text == "“地区生产总值”2021年的数值30.2亿元不到基期（2020年）数值302亿元的十分之一，请核对"
    assert "the figure of the base year 2020, 302 亿元" in question(OUTPUT, 2021, 30.2, {}, "en").text
    assert question(OUTPUT, 2021, 3000, {}) is None  # just under ten times is not far enough
    assert question(GDP_GROWTH, 2023, 60, {2022: 5.0}) is None  # changes are not compared
