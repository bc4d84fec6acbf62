"""Anticipated progress (预计完成情况), worked by hand: the two examples of docs/method.md "Anticipated
progress", each kind of target's trend, the warning it raises, and the projection on the chart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.evaluate.path import chart
from planwatch.evaluate.settings import Settings
from tests.test_method import indicator, obs, one

FOREST = indicator("森林覆盖率", "30.0", "32.0", attribute="约束性")
GDP = indicator("地区生产总值增长", target="5.5", rate=True)


def test_worked_example_a_binding_level_slowing_down_warns_before_it_is_behind():
    a = one(FOREST, obs(FOREST, y2021=30.6, y2022=31.0, y2023=31.1), 2023)
    # on the path: 30 + 2 x 0.6 = 31.2 expected, 1.1 of 1.2 done (92%)
    assert a.status == "on_track" and a.progress == pytest.approx(0.917)
    # yearly changes 0.6, 0.4, 0.1 weighted 1, 2, 3: (0.6 + 0.8 + 0.3) / 6 = 0.2833 a year
    # 2025: 31.1 + 2 x 0.2833 = 31.67, progress (31.67 - 30) / 2 = 83% < 90%
    assert a.projected == pytest.approx(31.67) and a.projected_met is False
    assert a.likelihood == "unlikely" and a.warning
    assert a.explanation.endswith("；按近年趋势预计2025年为31.67%，预计难以完成，约束性指标预警。")
    assert a.actual == a.actual_latest == 31.1


def test_an_expected_indicator_unlikely_to_meet_its_target_does_not_warn():
    expected = indicator("森林覆盖率", "30.0", "32.0")
    a = one(expected, obs(expected, y2021=30.6, y2022=31.0, y2023=31.1), 2023)
    assert a.likelihood == "unlikely" and not a.warning
    assert "预计" not in a.explanation  # the projection is in its own fields, the sentence unchanged


def test_worked_example_a_growth_target_compounds_the_weighted_rates():
    a = one(GDP, obs(GDP, y2021=8.1, y2022=3.0, y2023=5.2), 2023)
    # both actuals: the average of the years (1.081 x 1.030 x 1.052)^(1/3) - 1 = 5.41%, and the year's 5.2
    assert (a.actual, a.actual_latest) == (5.41, 5.2)
    assert a.status == "on_track"
    # weighted rate (8.1 + 2 x 3.0 + 3 x 5.2) / 6 = 4.95%; index 1.17133 x 1.0495^2 = 1.29016 in 2025,
    # 5.23% a year over 2021-2025; the target's index 1.055^5 = 1.30696: progress
    # 1 + (1.29016 - 1.30696) / 0.30696 = 94.5%, within the on-track band
    assert a.projected == pytest.approx(5.23) and a.projected_met is False
    assert a.likelihood == "difficult" and not a.warning


def test_a_cumulative_fall_compounds_its_yearly_falls():
    energy = indicator("单位GDP能源消耗降低", target="[13.5]", rate=True, attribute="约束性")
    a = one(energy, obs(energy, y2021=2.7, y2022=0.1, y2023=0.5), 2023)
    # kept 0.973 x 0.999 x 0.995 = 0.96718 (3.28% done); falls weighted (2.7 + 0.2 + 1.5) / 6 = 0.7333%;
    # 0.96718 x 0.992667^2 = 0.95304: 4.70% by 2025
    assert a.actual == 3.28 and a.projected == pytest.approx(4.7)
    assert a.likelihood == "unlikely" and a.warning


def test_a_flow_adds_its_weighted_yearly_amounts():
    jobs = indicator("新增城镇就业", target="[5]", unit="万人")
    a = one(jobs, obs(jobs, y2021=1.2, y2022=0.9), 2022)
    # done 2.1; yearly 1.2 and 0.9 weighted 1, 2: 1.0 a year; 2.1 + 3 x 1.0 = 5.1 by 2025
    assert a.projected == pytest.approx(5.1) and a.projected_met and a.likelihood == "likely"


def test_a_held_ceiling_is_projected_against_its_bound():
    jobless = indicator("城镇调查失业率", "5.0", "5.5以内")
    a = one(jobless, obs(jobless, y2021=5.1, y2022=5.3), 2022)
    # changes 0.1 and 0.2 weighted 1, 2: 0.1667 a year; 5.3 + 3 x 0.1667 = 5.8, 5.5% over the bound
    assert a.projected == pytest.approx(5.8) and a.likelihood == "unlikely"
    b = one(jobless, obs(jobless, y2021=5.1, y2022=5.0), 2022)
    assert b.projected == pytest.approx(4.9) and b.likelihood == "likely"


def test_a_money_level_grows_by_its_weighted_rates():
    revenue = indicator("一般公共预算收入", "100", "150", unit="亿元")
    a = one(revenue, obs(revenue, y2021=110, y2022=118.8), 2022)
    # growth 10% and 8% weighted 1, 2: 8.667%; 118.8 x 1.08667^3 = 152.44
    assert a.projected == pytest.approx(152.44, abs=0.01) and a.likelihood == "likely"


def test_fewer_than_two_points_have_no_projection():
    rd = indicator("研发经费投入强度", target="2.5以上")  # no baseline, one figure
    a = one(rd, obs(rd, y2021=2.1), 2021)
    assert (a.projected, a.projected_met, a.likelihood) == (None, None, None)
    drawn = chart(rd, {o.year: o for o in obs(rd, y2021=2.1)}, Settings())
    assert drawn.projected == [None] * len(drawn.years)


def test_judgements_with_no_path_have_no_projection():
    income = indicator("居民人均可支配收入增长", target="与经济增长基本同步", rate=True)
    gdp = indicator("地区生产总值增长", target="6.5", rate=True)
    a = one(income, obs(income, y2021=7.0, y2022=6.0) + obs(gdp, y2021=7.5, y2022=6.0), 2022, gdp)
    assert a.projected is None and a.likelihood is None and a.actual_latest == 6.0


def test_a_target_already_met_is_projected_as_met():
    urban = indicator("常住人口城镇化率", "60.6", "65")
    a = one(urban, obs(urban, y2021=64.0, y2022=65.2, y2023=65.1), 2023)
    assert a.status == "achieved" and a.likelihood == "likely" and a.projected_met
    assert a.projected >= 65


def test_the_final_year_projects_the_year_itself():
    a = one(GDP, obs(GDP, y2021=8.1, y2022=3.0, y2023=5.2, y2024=5.0, y2025=5.0), 2025)
    assert a.projected == a.actual and a.projected_met is (a.actual >= 5.5)


def test_the_english_sentence():
    a = one(FOREST, obs(FOREST, y2021=30.6, y2022=31.0, y2023=31.1), 2023, lang="en")
    assert a.explanation.endswith(
        "; on the recent trend it is expected at 31.67% in 2025, unlikely to be met;"
        " binding indicator: early warning."
    )


def test_the_chart_draws_the_projection_from_the_latest_figure():
    own = {o.year: o for o in obs(FOREST, y2021=30.6, y2022=31.0, y2023=31.1)}
    drawn = chart(FOREST, own, Settings()).as_json()
    assert drawn["projected"][:3] == [None, None, None]
    assert drawn["projected"][3:] == pytest.approx([31.1, 31.3833, 31.6667], abs=1e-4)
    growth = {o.year: o for o in obs(GDP, y2021=8.1, y2022=3.0, y2023=5.2)}
    index = chart(GDP, growth, Settings()).as_json()
    # the chained index, base year = 100: 117.13 in 2023, 129.02 in 2025
    assert index["projected"][3] == pytest.approx(index["observed"][3])
    assert index["projected"][5] == pytest.approx(129.016, abs=1e-3)


def test_a_chart_with_every_year_observed_has_nothing_to_project():
    own = {o.year: o for o in obs(FOREST, y2021=30.6, y2022=31.0, y2023=31.1, y2024=31.5, y2025=32)}
    assert chart(FOREST, own, Settings()).as_json()["projected"] == [None] * 6


@given(
    st.floats(min_value=60.0, max_value=64.0),
    st.lists(st.floats(min_value=-1.5, max_value=1.5), min_size=0, max_size=3),
)
def test_a_value_at_or_past_its_target_is_projected_as_met(past: float, changes: list[float]):
    urban = indicator("常住人口城镇化率", "60.6", "65", attribute="约束性")
    levels = [past + sum(changes[:n]) for n in range(len(changes) + 1)]
    levels[-1] = 65 + abs(levels[-1] - past)
    figures = {f"y{2021 + n}": v for n, v in enumerate(levels)}
    a = one(urban, obs(urban, **figures), 2020 + len(levels))
    assert a.likelihood == "likely" and a.projected_met and a.projected >= 65


def test_a_share_in_percent_is_projected_no_higher_than_100():
    pension = indicator("基本养老保险参保率", "99", "100")
    a = one(pension, obs(pension, y2021=99.5, y2022=99.9, y2023=100), 2023)
    assert a.projected == 100 and a.likelihood == "likely"
