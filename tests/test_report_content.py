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
from planwatch.report.content import build_report
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
    assert report.summary[0] == (
        f"规划实施中期（截至2023年），《{plan.title}》确定的16项主要指标中，"
        "快于预期3项，基本符合预期4项，滞后4项，5项暂无法评估。"
    )
    assert report.summary[1] == (
        "进度滞后的指标有：地区生产总值增长、社会消费品零售总额增长、每千人拥有执业助理医师数、基本养老保险参保率，需加大工作力度。"
    )
    assert [g.category for g in report.groups] == ["经济发展", "创新驱动", "民生福祉", "绿色生态"]
    assert [r.name for g in report.groups for r in g.rows] == [i.name for i in indicators]
    assert [p.name for p in report.behind] == [
        "地区生产总值增长", "社会消费品零售总额增长", "每千人拥有执业助理医师数", "基本养老保险参保率",
    ]  # fmt: skip
    assert report.behind[0].text.endswith("（数据来源：示例数据（非统计数据））")
    assert report.completion == []


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
