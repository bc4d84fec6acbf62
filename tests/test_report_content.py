"""What a report says, before any writer lays it out."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.cli import sample_path
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.method import evaluate
from planwatch.ingest import ingest
from planwatch.ingest.spreadsheets import read_observations
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator, Observation
from planwatch.plan.vocabulary import BEHIND, BINDING, STATUS_ZH, STATUSES
from planwatch.report.content import build_report
from planwatch.report.evaluation import plan_name
from planwatch.report.layout import evaluation_chapters, planned_text, result_text
from planwatch.server.demo import OBSERVATIONS, sample_file

DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def inputs():
    plan = ingest(sample_path())
    indicators = indicators_from_plan(plan)
    return plan, indicators, read_observations(sample_file(OBSERVATIONS), indicators)


def test_midterm_summary_counts_and_names(inputs):
    plan, indicators, observations = inputs
    report = build_report(indicators, observations, 2023, "midterm", plan_title=plan.title, date=DATE)
    assessments = evaluate(indicators, observations, 2023)
    assert report.counts == {s: sum(a.status == s for a in assessments) for s in report.counts}
    assert report.title == f"《{plan.title}》实施中期评估报告（2023年）"
    counts = report.counts
    parts = "，".join(f"{STATUS_ZH[s]}{counts[s]}项" for s in STATUSES[:-1] if counts[s])
    assert report.summary[0] == (
        f"规划实施中期（截至2023年），《{plan.title}》确定的16项主要指标中，"
        f"{parts}，{counts['not_assessable']}项暂无法评估。"
    )
    behind = [a.name for a in assessments if a.status in BEHIND]
    assert "地区生产总值增长" in behind
    assert f"进度滞后的指标有：{'、'.join(behind)}，需加大工作力度。" in report.summary
    assert [g.category for g in report.groups] == ["经济发展", "创新驱动", "民生福祉", "绿色生态"]
    assert [r.name for g in report.groups for r in g.rows] == [i.name for i in indicators]
    assert [p.name for p in report.behind] == behind
    assert report.behind[0].text.endswith("（数据来源：示例数据（非统计数据））")
    assert report.completion == []
    # what the remaining years need, with its unit a year (a growth in % stays a rate)
    needs = [r.required for g in report.groups for r in g.rows if r.required]
    assert needs and all(n.endswith(("/年", "%")) for n in needs)
    assert any(n.endswith("/年") for n in needs)


def test_final_report_has_the_completion_table(inputs):
    plan, indicators, observations = inputs
    ids = {i.name: i.id for i in indicators}
    final = [
        Observation(indicator=ids["地区生产总值增长"], year=2025, value=5.0),
        Observation(indicator=ids["每万人口发明专利拥有量"], year=2025, value=33.5),
    ]
    report = build_report(indicators, observations + final, 2025, "final", plan_title=plan.title, date=DATE)
    rows = {r.name: r for r in report.completion}
    gdp = rows["地区生产总值增长"]
    # 1.069 x 1.041 x 1.056 x 1.052 x 1.05 = 1.29807: 5.36 % a year against 6.5
    assert (gdp.target_growth, gdp.result_growth, gdp.met) == ("6.5", 5.36, False)
    patents = rows["每万人口发明专利拥有量"]
    assert (patents.target, patents.result, patents.met) == ("32", 33.5, True)
    assert rows["森林覆盖率"].met is None


def test_same_inputs_same_report(inputs):
    plan, indicators, observations = inputs
    first = build_report(indicators, observations, 2024, "annual", plan_title=plan.title, date=DATE)
    again = build_report(indicators, observations, 2024, "annual", plan_title=plan.title, date=DATE)
    assert first.model_dump() == again.model_dump()


@pytest.mark.parametrize(
    ("level", "growth", "printed"),
    [
        ("", "与经济增长基本同步", "与经济增长基本同步"),  # words stay as the plan wrote them, no stray %
        ("", "6左右", "年均增长6%左右"),
        ("302", "7", "302，年均增长7%"),
        ("65", "", "65"),
    ],
)
def test_targets_are_printed_as_the_plan_writes_them(level, growth, printed):
    indicator = Indicator(
        id="1",
        name="居民人均可支配收入",
        base_year=2020,
        target_year=2025,
        target=read_cell(level) if level else None,
        target_raw=level,
        target_growth=read_cell(growth) if growth else None,
        target_growth_raw=growth,
    )
    report = build_report([indicator], [], 2023, "annual", plan_title="规划", date=DATE)
    assert report.groups[0].rows[0].target == printed


# A plan of two indicators, worked by hand: growth judged on its average, a binding level behind its path.
HAND = [
    Indicator(
        id="1", name="地区生产总值增长", unit="%", category="经济发展", attribute="预期性", base_year=2020,
        target_year=2025, target_growth=read_cell("6.5"), target_growth_raw="6.5", rate=True,
    ),
    Indicator(
        id="2", name="森林覆盖率", unit="%", category="绿色生态", attribute=BINDING, base_year=2020,
        target_year=2025, baseline=read_cell("41.26"), baseline_raw="41.26", target=read_cell("42"),
        target_raw="42",
    ),
]  # fmt: skip
HAND_FIGURES = [
    *(Observation(indicator="1", year=y, value=v) for y, v in ((2021, 6.9), (2022, 4.1), (2023, 5.6))),
    Observation(indicator="2", year=2023, value=41.5),
]


def test_a_growth_target_shows_both_actuals():
    report = build_report(HAND, HAND_FIGURES, 2023, "annual", plan_title="规划", date=DATE)
    gdp = report.groups[0].rows[0]
    # 1.069 x 1.041 x 1.056 = 1.17515, cube root 1.0553: 5.53 % a year; the year's own figure is 5.6
    assert (gdp.actual, gdp.average) == (5.6, 5.53)
    assert report.groups[1].rows[0].average is None, "a level has one actual"
    assert report.overall == report.problems == report.suggestions == [], "the annual report stays short"


def test_an_evaluation_judges_in_sentences_binding_first():
    # 森林覆盖率: the path to 42 stands at 41.26 + 0.74 x 3/5 = 41.704 in 2023; 41.5 has made 0.24 of
    # the 0.444 expected (54 %): behind, and as a binding indicator it warns.
    report = build_report(
        HAND, HAND_FIGURES, 2023, "midterm", plan_title="规划", leads={"2": "区林业局"}, date=DATE
    )
    assert report.overall[0] == (
        "规划实施以来（2021—2023年），主要指标总体进度滞后于预期，规划目标实现面临较大压力："
        "可评估的2项指标中，0项达到或快于序时进度。"
    )
    assert report.overall[1].startswith(f"{BINDING}指标中，森林覆盖率进度滞后并触发预警")
    assert report.problems[0].startswith(f"森林覆盖率进度滞后，作为{BINDING}指标已触发预警。")
    assert report.problems[0].endswith("该指标由区林业局牵头。")
    assert report.problems[1].startswith(
        "地区生产总值增长进度滞后。2021—2023年年均增长5.53%，目标年均增长6.5%"
    )
    assert "森林覆盖率（区林业局牵头）、地区生产总值增长要对照" in report.suggestions[0]
    assert report.groups[0].text.startswith("经济发展方面，1项指标中滞后1项。地区生产总值增长滞后，")
    assert evaluation_chapters(report)[-1] == "下一步工作建议"


def test_a_final_evaluation_names_the_next_plan():
    final = [*HAND_FIGURES, *(Observation(indicator="1", year=y, value=7.5) for y in (2024, 2025))]
    final.append(Observation(indicator="2", year=2025, value=42.1))
    report = build_report(HAND, final, 2025, "final", plan_title="规划", date=DATE)
    assert report.next_plan == "“十五五”"
    assert evaluation_chapters(report) == (
        "总体评价", "主要指标完成情况", "重大任务和重大工程推进情况", "存在的主要问题", "“十五五”时期工作建议",
    )  # fmt: skip
    forest = report.completion[1]
    assert (forest.category, forest.attribute, forest.result, forest.met) == ("绿色生态", BINDING, 42.1, True)
    assert report.overall[0].startswith("“十四五”时期（2021—2025年），")
    assert report.suggestions[-1].endswith("可作为编制“十五五”规划基期值的依据。")


@pytest.mark.parametrize(
    ("period", "ahead", "name"),
    [
        ((2021, 2025), 0, "“十四五”"),
        ((2021, 2025), 1, "“十五五”"),
        ((2016, 2020), 0, "“十三五”"),
        ((2021, 2030), 0, ""),
    ],
)
def test_plan_names(period, ahead, name):
    assert plan_name(period, ahead) == name


def _cumulative(name: str, unit: str, baseline: str, target: str, rate: bool) -> Indicator:
    return Indicator(
        id=name, name=name, unit=unit, base_year=2020, target_year=2025, baseline=read_cell(baseline),
        baseline_raw=baseline, target=read_cell(target), target_raw=target, rate=rate,
    )  # fmt: skip


def test_the_completion_table_words_a_cumulative_target_as_the_plan_does():
    life = _cumulative("人均预期寿命", "岁", "77.3", "[1]", rate=False)
    energy = _cumulative("单位GDP能源消耗降低", "%", "", "[13.5]", rate=True)
    observations = [Observation(indicator=life.id, year=2025, value=78.5)] + [
        Observation(indicator=energy.id, year=y, value=3.0) for y in range(2021, 2026)
    ]
    report = build_report([life, energy], observations, 2025, "final", plan_title="规划", date=DATE)
    rows = {r.name: r for r in report.completion}
    # 78.5 - 77.3 = 1.2 years gained against [1]: the level 78.5 stays the next plan's baseline
    assert (result_text(rows["人均预期寿命"]), rows["人均预期寿命"].result) == ("提高1.2岁", 78.5)
    assert rows["人均预期寿命"].met is True
    # 1 - 0.97^5 = 0.141266: a fall of 14.13% over five years against [13.5]
    assert result_text(rows["单位GDP能源消耗降低"]) == "累计降低14.13%"
    assert planned_text(rows["单位GDP能源消耗降低"]) == "[13.5]" and rows["单位GDP能源消耗降低"].met is True
