"""Worked examples of every kind of target, figures computed by hand (docs/method.md explains each)."""

from __future__ import annotations

import pytest

from planwatch.evaluate.method import PlanFigures, evaluate, evaluate_plans, evaluate_years, target_kind
from planwatch.evaluate.settings import Settings
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Observation


def indicator(name, baseline="", target="", target_growth="", unit="%", rate=False, attribute="预期性", **kw):
    def reading(text):
        return read_cell(text) if text else None

    return Indicator(
        id=kw.pop("id", name),
        name=name,
        unit=unit,
        attribute=attribute,
        base_year=2020,
        target_year=2025,
        baseline=reading(baseline),
        baseline_raw=baseline,
        target=reading(target),
        target_raw=target,
        target_growth=reading(target_growth),
        target_growth_raw=target_growth,
        rate=rate,
        **kw,
    )


def obs(ind, **years):
    return [Observation(indicator=ind.id, year=int(y[1:]), value=v) for y, v in years.items()]


def one(ind, observations, year, *others, lang="zh", settings=None):
    found = evaluate([ind, *others], observations, year, settings=settings, lang=lang)
    return found[0]


URBAN = indicator("常住人口城镇化率", "60.6", "65")


def test_level_target_on_the_path():
    a = one(URBAN, obs(URBAN, y2023=63.0), 2023)
    assert target_kind(URBAN) == "level"
    # 2023 is 3 of 5 years: the path stands at 60.6 + 4.4 x 0.6 = 63.24
    assert a.expected == 63.24
    assert a.progress == pytest.approx(2.4 / 2.64, abs=1e-3)  # 0.909
    assert a.status == "on_track"
    assert a.required_annual_growth == 1.0 and a.required_unit == "%/年"  # (65 - 63) / 2 points a year
    assert "基本符合预期" in a.explanation and "63.24" in a.explanation


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (65.2, "achieved"),
        (63.6, "ahead"),
        (62.5, "lagging"),
        (62.0, "severely_lagging"),
        (60.0, "severely_lagging"),
    ],
)
def test_level_statuses(actual, status):
    # progress = (actual - 60.6) / 2.64: 63.6 -> 1.14, 62.5 -> 0.72, 62.0 -> 0.53, 60.0 -> negative (wrong way)
    assert one(URBAN, obs(URBAN, y2023=actual), 2023).status == status


def test_money_levels_follow_a_geometric_path():
    gdp = indicator("地区生产总值", "302", "450", unit="亿元")
    a = one(gdp, obs(gdp, y2023=380), 2023)
    # 302 x (450/302)^0.6 = 383.65; (380 - 302) / 81.65 = 0.955; (450/380)^(1/2) - 1 = 8.82%
    assert a.expected == 383.65
    assert a.progress == pytest.approx(0.955, abs=1e-3)
    assert a.status == "on_track"
    assert a.required_annual_growth == pytest.approx(8.82, abs=0.005) and a.required_unit == "%"


GROWTH = indicator("地区生产总值增长", target_growth="6.5", rate=True)


def test_average_growth_chains_yearly_rates_including_a_fall():
    a = one(GROWTH, obs(GROWTH, y2021=8.0, y2022=-1.0, y2023=6.0), 2023)
    assert target_kind(GROWTH) == "growth"
    # index 1.08 x 0.99 x 1.06 = 1.13335 against 1.065^3 = 1.20795: progress 0.13335 / 0.20795 = 0.641
    assert a.progress == pytest.approx(0.641, abs=1e-3)
    assert a.actual == 4.26  # 1.13335^(1/3) - 1
    assert a.expected == 6.5
    assert a.status == "lagging"
    # (1.065^5 / 1.13335)^(1/2) - 1 = 9.95% a year for 2024 and 2025
    assert a.required_annual_growth == pytest.approx(9.95, abs=0.005)


def test_a_missing_year_cannot_be_chained():
    a = one(GROWTH, obs(GROWTH, y2021=8.0, y2023=6.0), 2023)
    assert a.status == "not_assessable"
    assert "2022" in a.explanation


def test_five_year_cumulative_reduction_compounds():
    energy = indicator("单位GDP能源消耗降低", target="[13.5]", rate=True, attribute="约束性")
    a = one(energy, obs(energy, y2021=3.0, y2022=2.5), 2022)
    assert target_kind(energy) == "cumulative"
    # 1 - 0.97 x 0.975 = 5.425% done; 1 - 0.865^0.4 = 5.636% expected; 0.963
    assert a.actual == 5.43 and a.expected == 5.64
    assert a.progress == pytest.approx(0.963, abs=1e-3)
    assert a.status == "on_track"
    assert not a.warning
    # 1 - (0.865 / 0.94575)^(1/3) = 2.93% a year for the three years left
    assert a.required_annual_growth == pytest.approx(2.93, abs=0.005)


def test_cumulative_change_of_a_level():
    life = indicator("人均预期寿命", "77.5", "[1]", unit="岁")
    a = one(life, obs(life, y2023=78.1), 2023)
    # +0.6 years done; 1 x 0.6 expected; (1 - 0.6) / 2 = 0.2 a year left
    assert (a.actual, a.expected, a.progress, a.status) == (0.6, 0.6, 1.0, "on_track")
    assert a.required_annual_growth == pytest.approx(0.2) and a.required_unit == "岁/年"


def test_a_floor_not_met_at_the_baseline_is_achieved_once_met():
    rate = indicator("城市生活垃圾无害化处理率", "90", "95以上")
    ahead = one(rate, obs(rate, y2022=93.0), 2022)
    assert target_kind(rate) == "bound"
    assert (
        ahead.expected == 92.0 and ahead.progress == 1.5 and ahead.status == "ahead"
    )  # path 90 -> 95: 92 in 2022
    assert one(rate, obs(rate, y2022=93.0, y2023=96.0), 2023).status == "achieved"


JOBLESS = indicator("城镇调查失业率", "5.2", "＜5.5")


def test_a_ceiling_met_at_the_baseline_is_held_over_the_elapsed_years():
    series = obs(JOBLESS, y2021=5.1, y2022=5.6)
    assert one(JOBLESS, series, 2021).status == "on_track"
    held = one(JOBLESS, series, 2022)
    # 2022 broke the ceiling by (5.6 - 5.5) / 5.5 = 1.8%, within the 5% tolerance, and the two years
    # average (5.1 + 5.6) / 2 = 5.35, within 5.5: on track, naming 2022
    assert held.status == "on_track"
    assert held.progress == 0.5  # held in 1 of 2 years
    assert "2022年未达到要求" in held.explanation and "平均为5.35%" in held.explanation
    assert "missed in 2022" in one(JOBLESS, series, 2022, lang="en").explanation
    # every year must hold it: 2022 missed within the tolerance is lagging; beyond 1% severely
    assert one(JOBLESS, series, 2022, settings=Settings(hold_on_average=False)).status == "lagging"
    assert one(JOBLESS, series, 2022, settings=Settings(bound_tolerance=0.01)).status == "severely_lagging"
    # 5.1 then 5.9: the average 5.5 holds, but 2022 broke it by 0.4 / 5.5 = 7.3%, beyond the tolerance
    assert one(JOBLESS, obs(JOBLESS, y2021=5.1, y2022=5.9), 2022).status == "severely_lagging"
    # 5.9 and 5.8 broke it by 7%; 2023 is back at 5.3, and a figure within the ceiling is never behind
    again = obs(JOBLESS, y2021=5.9, y2022=5.8, y2023=5.3)
    assert one(JOBLESS, again, 2022).status == "severely_lagging"
    assert one(JOBLESS, again, 2023).status == "on_track"


def test_a_level_to_hold_at_its_target_is_never_behind_there():
    pension = indicator("基本养老保险参保率", "100", "100")
    series = obs(pension, y2021=100, y2022=100, y2023=99.6, y2024=100)
    # 2023: 99.6 misses 100 by 0.4%, and the average 99.87 misses it too: lagging
    assert one(pension, series, 2023).status == "lagging"
    back = one(pension, series, 2024)
    # 2024: 100 against 100 is on track whatever an earlier year did; the sentence names 2023
    assert back.status == "on_track" and back.progress == 0.75
    assert back.basis == "years"  # the share of the years that held it, not a place on a path
    assert "须保持100%" in back.explanation and "2023年未达到要求" in back.explanation


def test_a_gap_within_the_plans_precision_is_on_track():
    doctors = indicator("每千人口拥有执业（助理）医师数", "3.0", "3.2", unit="人")
    # 2023 path 3.0 + 0.2 x 0.6 = 3.12; 3.1 is 0.02 short, progress 0.1 / 0.12 = 0.83 (lagging), but the
    # plan prints its figures to one decimal, and the path printed so is 3.1: within half of 0.1
    a = one(doctors, obs(doctors, y2023=3.1), 2023)
    assert a.expected == 3.12 and a.progress == pytest.approx(0.833, abs=1e-3)
    assert a.status == "on_track" and "数据精度0.1" in a.explanation
    # 3.05 is 0.07 short, more than 0.05: progress 0.05 / 0.12 = 0.42, severely lagging
    assert one(doctors, obs(doctors, y2023=3.05), 2023).status == "severely_lagging"
    unforgiving = Settings(published_precision=False)
    assert one(doctors, obs(doctors, y2023=3.1), 2023, settings=unforgiving).status == "lagging"


def test_a_floor_held_since_the_baseline_is_on_track_until_the_final_year():
    grain = indicator("粮食综合生产能力", "6.69", "＞6.5", unit="亿吨", attribute="约束性")
    series = obs(grain, y2021=6.83, y2022=6.87, y2025=6.9)
    assert one(grain, series, 2022).status == "on_track"  # held, not reached during the period
    assert one(grain, series, 2025).status == "achieved"
    # no baseline printed (—): met from the first year of the period, it is judged as held too
    unprinted = indicator("粮食综合生产能力", "—", "＞6.5", unit="亿吨", attribute="约束性")
    a = one(unprinted, series, 2022)
    assert a.status == "on_track" and "按保持目标评估" in a.explanation
    # missed in the first year and met since: reached during the period
    energy = indicator("能源综合生产能力", "—", "＞46", unit="亿吨标准煤", attribute="约束性")
    assert one(energy, obs(energy, y2021=43.3, y2023=48.3), 2023).status == "achieved"


INCOME = indicator("居民人均可支配收入增长", target="与经济增长基本同步", rate=True)


def test_relation_compared_year_by_year():
    series = obs(INCOME, y2021=7.0, y2022=4.0) + obs(GROWTH, y2021=7.5, y2022=6.0)
    assert target_kind(INCOME) == "relation"
    assert one(INCOME, series, 2021, GROWTH).status == "on_track"  # |7.0 - 7.5| <= 1 point
    a = one(INCOME, series, 2022, GROWTH)
    assert (a.actual, a.expected, a.progress, a.status) == (
        4.0,
        6.0,
        0.5,
        "lagging",
    )  # 2022 is 2 points behind
    assert a.basis == "years"
    higher = indicator("农村居民人均可支配收入增长", target="高于GDP增长", rate=True)
    series = obs(higher, y2021=8.0) + obs(GROWTH, y2021=7.5)
    assert one(higher, series, 2021, GROWTH).status == "on_track"


def test_binding_indicator_behind_its_path_warns():
    forest = indicator("森林覆盖率", "41.26", "43", attribute="约束性")
    a = one(forest, obs(forest, y2023=41.3), 2023)
    # path 42.304; progress 0.04 / 1.044 = 0.038; needs 0.85 a year against 0.348 planned
    assert a.status == "severely_lagging"
    assert a.warning
    assert "预警" in a.explanation


def test_qualitative_judged_against_the_annual_target():
    prices = indicator("居民消费价格涨幅", target="保持在合理区间")
    assert target_kind(prices) == "qualitative"
    plain = one(prices, obs(prices, y2023=2.1), 2023)
    assert plain.status == "not_assessable" and "年度目标" in plain.explanation
    with_goal = [Observation(indicator=prices.id, year=2023, value=2.1, annual_target=read_cell("3以内"))]
    assert one(prices, with_goal, 2023).status == "on_track"
    missed = [Observation(indicator=prices.id, year=2023, value=3.5, annual_target=read_cell("3以内"))]
    # 0.5 over a ceiling of 3, beyond twice the tolerance 5% x 3 = 0.15
    assert one(prices, missed, 2023).status == "severely_lagging"


def annual(ind, year, value, goal=""):
    return Observation(
        indicator=ind.id, year=year, value=value, annual_target=read_cell(goal) if goal else None
    )


GDP = indicator("国内生产总值（GDP）增长", target="保持在合理区间、各年度视情提出", rate=True)


def test_a_target_set_each_year_is_judged_on_the_average_of_the_elapsed_years():
    series = [annual(GDP, 2021, 8.1, "6%以上"), annual(GDP, 2022, 3.0, "5.5%左右")]
    assert target_kind(GDP) == "qualitative"
    a = one(GDP, series, 2022)
    # the figures average (8.1 + 3.0) / 2 = 5.55, the targets (6 + 5.5) / 2 = 5.75: 0.2 points short,
    # within the 1-point tolerance, so on track although 2022 alone missed its target by 2.5 points
    assert (a.actual, a.expected, a.status) == (5.55, 5.75, "on_track")
    assert "2021、2022年平均为5.55%" in a.explanation and "1个百分点" in a.explanation
    # 2.5 points short on average is more than twice the tolerance
    assert one(GDP, [annual(GDP, 2021, 3.5, "6%以上")], 2021).status == "severely_lagging"
    # 1.5 points short is within twice it: lagging
    assert one(GDP, [annual(GDP, 2021, 4.5, "6%以上")], 2021).status == "lagging"


def test_a_year_without_an_annual_target_is_left_out_and_named():
    series = [annual(GDP, 2021, 8.1, "6%以上"), annual(GDP, 2022, 3.0), annual(GDP, 2023, 5.2, "5%左右")]
    a = one(GDP, series, 2023)
    # (8.1 + 5.2) / 2 = 6.65 against (6 + 5) / 2 = 5.5
    assert (a.actual, a.expected, a.status) == (6.65, 5.5, "on_track")
    assert "2022年未设年度目标" in a.explanation
    assert "no annual target for 2022" in one(GDP, series, 2023, lang="en").explanation


def test_a_figure_with_a_clause_is_judged_as_the_figure():
    rd = indicator("全社会研发经费投入增长", target="＞7、力争投入强度高于“十三五”时期实际", rate=True)
    assert target_kind(rd) == "growth" and rd.target.note.startswith("力争")
    a = one(rd, obs(rd, y2021=14.2, y2022=10.4), 2022)
    # index 1.142 x 1.104 = 1.26077 against 1.07^2 = 1.1449: progress 0.26077 / 0.1449 = 1.80
    assert a.progress == pytest.approx(1.8, abs=1e-3)
    assert a.status == "ahead" and a.expected == 7


def test_higher_plan_and_undetermined_targets_are_not_assessable():
    city = indicator("单位GDP二氧化碳排放降低", "待定", "控制在市目标内", rate=True, attribute="约束性")
    a = one(city, obs(city, y2023=3.0), 2023)
    assert a.status == "not_assessable" and "控制在市目标内" in a.explanation
    assert not a.warning


def test_a_base_year_observation_replaces_a_starred_baseline():
    starred = indicator("常住人口城镇化率", "60.6*", "65")
    a = one(starred, obs(starred, y2020=61.0, y2023=63.0), 2023)
    assert a.expected == 63.4  # 61 + 4 x 0.6
    assert "基期值由60.6改用基期年监测值61" in a.explanation
    assert (
        "baseline 60.6 replaced"
        in one(starred, obs(starred, y2020=61.0, y2023=63.0), 2023, lang="en").explanation
    )


def test_final_year_says_met_or_not_with_the_completion_ratio():
    final = one(URBAN, obs(URBAN, y2025=64.0), 2025)
    assert final.met is False and final.completion == pytest.approx(3.4 / 4.4, abs=1e-3)
    assert final.status == "lagging"
    done = one(URBAN, obs(URBAN, y2025=65.0), 2025)
    assert done.met and done.status == "achieved" and done.completion == 1.0


def test_years_outside_the_period():
    assert one(URBAN, obs(URBAN, y2020=60.6), 2020).status == "not_assessable"


def test_the_years_judged_in_one_pass_are_judged_as_year_by_year():
    """`evaluate_years` works each indicator's invariants and trend once; every assessment is the one
    `evaluate` gives for its year, a binding warning from the trend and a year outside the period included."""
    forest = indicator("森林覆盖率", "41.26", "43", attribute="约束性")
    gdp = indicator("地区生产总值增长", target_growth="6", rate=True)
    income = indicator("居民人均可支配收入增长", target_growth="与经济增长基本同步", rate=True)
    energy = indicator("单位GDP能源消耗降低", target="[13.5]", rate=True, attribute="约束性")
    unemployment = indicator("城镇调查失业率", "5.0", "＜5.5")
    plan = [forest, gdp, income, energy, unemployment]
    figures = [
        *obs(forest, y2021=41.3, y2022=41.35, y2024=41.4),
        *obs(gdp, y2021=8.1, y2022=3.0, y2023=5.2, y2024=5.0),
        *obs(income, y2021=8.6, y2022=2.9, y2023=6.3, y2024=5.3),
        *obs(energy, y2021=2.7, y2022=0.1, y2023=0.5),
        *obs(unemployment, y2021=5.1, y2022=5.6, y2023=5.2, y2024=5.0),
    ]
    years = range(2020, 2027)
    for lang in ("zh", "en"):
        together = evaluate_years(plan, figures, years, lang=lang)
        for year in years:
            assert together[year] == evaluate(plan, figures, year, lang=lang)
    assert together[2024][0].warning and together[2024][0].likelihood == "unlikely"
    assert [a.status for a in together[2026]] == ["not_assessable"] * 5


def test_many_plans_judged_at_once_are_judged_as_each_alone():
    """`evaluate_plans` lays every plan out in one table; each plan's assessments are those it gets alone,
    across plans of different periods, plans without figures, figures of other plans' indicators, a
    relation within a plan and figures given twice for one year (the later counts)."""
    forest = indicator("森林覆盖率", "41.26", "43", attribute="约束性")
    gdp = indicator("地区生产总值增长", target_growth="6", rate=True)
    income = indicator("居民人均可支配收入增长", target_growth="与经济增长基本同步", rate=True)
    energy = indicator("单位GDP能源消耗降低", target="[13.5]", rate=True, attribute="约束性")
    earlier = [i.model_copy(update={"base_year": 2015, "target_year": 2020}) for i in (forest, gdp, income)]
    later = [i.model_copy(update={"base_year": 2025, "target_year": 2030}) for i in (forest, energy)]
    plans = [
        PlanFigures(
            [forest, gdp, income, energy],
            [
                *obs(forest, y2021=41.3, y2022=41.35, y2024=41.4),
                *obs(gdp, y2021=8.1, y2022=3.0, y2023=5.2),
                *obs(income, y2021=8.6, y2022=2.9, y2023=6.3),
                *obs(energy, y2021=2.7, y2022=0.1, y2023=0.5, y2024=3.0),
                *obs(energy, y2024=3.1),
            ],
        ),
        PlanFigures(
            earlier, [*obs(earlier[0], y2016=40.0, y2019=41.0), *obs(earlier[1], y2016=7.0, y2017=6.0)]
        ),
        PlanFigures(later, obs(later[1], y2026=3.0, y2027=2.5, y2021=9.0)),
        PlanFigures([], obs(forest, y2021=1.0)),
        PlanFigures([gdp], []),
    ]
    years = range(2016, 2028)
    for lang in ("zh", "en"):
        together = evaluate_plans(plans, years, lang=lang)
        for plan, found in zip(plans, together, strict=True):
            alone = evaluate_years(plan.indicators, plan.observations, years, lang=lang)
            assert {y: [a.model_dump() for a in found[y]] for y in years} == {
                y: [a.model_dump() for a in alone[y]] for y in years
            }
    assert together[0][2024][3].actual_latest == 3.1  # the later figure of 2024
    assert together[1][2017][1].status != "not_assessable" and together[2][2027][1].projected is not None


def test_no_years_asked_gives_no_assessments():
    assert evaluate_years([URBAN], obs(URBAN, y2021=61.0), []) == {}
