"""The national 14th plan judged as its mid-term evaluation judged it, with the figures published then.

The plan: 《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》, 专栏1 (20 indicators,
tests/data/real-statistics/national-14th-indicators.csv). The figures: 2021 and 2022, the years the mid-term
evaluation used, from
- 中华人民共和国2021年国民经济和社会发展统计公报 (国家统计局, 2022-02-28) and the 2022 communiqué (2023-02-28):
  GDP, labour productivity, income, unemployment, energy and CO2 intensity (2021), air quality (2021);
- 国家统计局 releases of 2023-01-17 (urbanisation 2022), the R&D preliminary estimates (2022-01-26, January 2023)
  and the grain announcements (2021-12-06, 2022-12-12; output stands in for capacity);
- 国家知识产权局 at the SCIO press conference of 2023-01-16 (patents), the 2021 and 2022 卫生健康事业发展统计公报
  (doctors, childcare places), 生态环境部 releases of 2022-01-24 and 2023-01-17 and the 2022中国生态环境状况公报
  (energy and CO2 intensity 2022, forest cover, air and water);
- the annual targets of the 2021 and 2022 government work reports (GDP 6%以上 and 5.5%左右).
The judgement compared: the mid-term evaluation report (国家发展改革委主任郑栅洁, 十四届全国人大常委会第七次会议,
2023-12-26), per indicator as reported by 新华社 (2023-12-26) and 财新网 (2023-12-28). The README beside the data
gives every reprint read and what is unverified or a proxy.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planwatch.evaluate.method import evaluate
from planwatch.ingest.spreadsheets import read_observations
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator
from planwatch.plan.vocabulary import BEHIND, STATUS_ZH, is_rate_name

DATA = Path(__file__).parent / "data" / "real-statistics"
MIDTERM_YEAR = 2022  # the evaluation of December 2023 rests on the 2021 and 2022 figures

# Indicators the figures cannot judge in 2022, and why (the README, §6).
EXCLUDED = {
    "数字经济核心产业增加值占GDP比重": "no published figure for 2021 or 2022 (the first is of 2023, on the census basis)",
    "劳动年龄人口平均受教育年限": "no published figure for 2022",
    "基本养老保险参保率": "no published rate for any year, only insured counts",
    "人均预期寿命": "no published figure for 2022",
    "能源综合生产能力": "no published production figure for 2021 or 2022",
}


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def national_indicators() -> list[Indicator]:
    """专栏1 read with the cell grammar: its columns are 2020年 and 2025年, which the workbook reader does not name."""
    return [
        Indicator(
            id=row["指标"],
            name=row["指标"],
            unit=row["单位"],
            category=row["类别"],
            attribute=row["属性"],
            base_year=2020,
            target_year=2025,
            baseline=read_cell(row["2020年"]),
            baseline_raw=row["2020年"],
            target=read_cell(row["2025年"]),
            target_raw=row["2025年"],
            rate=is_rate_name(row["指标"]),
        )
        for row in _rows("national-14th-indicators.csv")
    ]


@pytest.fixture(scope="module")
def assessed() -> dict[str, object]:
    indicators = national_indicators()
    figures = read_observations(DATA / "national-14th-observations.csv", indicators)
    known = [o for o in figures if o.year <= MIDTERM_YEAR]
    return {a.name: a for a in evaluate(indicators, known, MIDTERM_YEAR)}


MIDTERM = {row["指标"]: row["中期评估结论"] for row in _rows("national-14th-midterm.csv")}


def _agrees(status: str, published: str) -> bool:
    """The report's one class 滞后于进度 covers both lagging and severely lagging."""
    return STATUS_ZH[status] == published or (published == STATUS_ZH["lagging"] and status in BEHIND)


@pytest.mark.parametrize("name", [n for n in MIDTERM if n not in EXCLUDED])
def test_agrees_with_the_published_mid_term_evaluation(assessed, name):
    a = assessed[name]
    assert _agrees(a.status, MIDTERM[name]), f"{name}: {a.explanation} (published: {MIDTERM[name]})"


@pytest.mark.parametrize("name", list(EXCLUDED))
def test_an_indicator_without_its_figures_is_not_assessable(assessed, name):
    assert assessed[name].status == "not_assessable"


def test_the_sentences_say_how_each_rule_judged(assessed):
    gdp = assessed["国内生产总值（GDP）增长"]
    # (8.1 + 3.0) / 2 = 5.55 against (6 + 5.5) / 2 = 5.75: 0.2 points short, within the 1-point tolerance
    assert (gdp.actual, gdp.expected) == (5.55, 5.75)
    assert "2021、2022年平均为5.55%" in gdp.explanation
    jobless = assessed["城镇调查失业率"]
    # 5.1 and 5.6 against ＜5.5: the average 5.35 holds; 2022 missed by 1.8%, within 5%
    assert "2022年未达到要求" in jobless.explanation and "平均为5.35%" in jobless.explanation
    rd = assessed["全社会研发经费投入增长"]
    # ＞7、力争…: 1.142 x 1.104 against 1.07^2, progress 1.80
    assert rd.kind == "growth" and rd.progress == pytest.approx(1.8, abs=1e-3)
    grain = assessed["粮食综合生产能力"]
    assert "按保持目标评估" in grain.explanation
