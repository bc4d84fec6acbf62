"""The 14th plan's final evaluation (2021-2025) end to end: the sample plan, five years of figures, the
final report from the command line as .docx and .xlsx with the completion table (专栏1) in both, and
that table read back as the baseline of a 15th plan.

The figures are illustrative (the sample's 2021-2024 figures and the 2025 ones below), not statistics;
the reports say so.
"""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.method import evaluate
from planwatch.ingest.spreadsheets import read_indicators, read_observations
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Observation
from planwatch.report.completion import write_baseline
from planwatch.report.content import Report, build_report
from planwatch.report.layout import COMPLETION_COLUMNS, ILLUSTRATIVE, result_text
from planwatch.server.demo import OBSERVATIONS
from planwatch.server.demo import sample_file as packaged

runner = CliRunner()
# The last year's figures, illustrative like the sample's 2021-2024 ones.
FIGURES_2025 = {
    "地区生产总值增长": 5.3,
    "全员劳动生产率增长": 6.0,
    "固定资产投资增长": 1.5,
    "社会消费品零售总额增长": 5.8,
    "常住人口城镇化率": 100,
    "研发经费投入增长": 10.6,
    "每万人口发明专利拥有量": 34.2,
    "居民人均可支配收入增长": 5.6,
    "每千人拥有执业助理医师数": 3.21,
    "基本养老保险参保率": 100,
    "人均预期寿命": 78.5,
    "单位GDP能源消耗降幅": 3.0,
    "城市空气优良天数比率": 74.2,
    "森林覆盖率": 41.7,
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five years of figures: the sample's 2021-2024 and the 2025 ones, in an observation file."""
    path = tmp_path_factory.mktemp("final") / "figures-2021-2025.csv"
    rows = list(csv.reader(packaged(OBSERVATIONS).read_text(encoding="utf-8").splitlines()))
    rows += [[name, "2025", str(value), ILLUSTRATIVE, "示例"] for name, value in FIGURES_2025.items()]
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


@pytest.fixture(scope="module")
def final(sample_plan, figures: Path) -> Report:
    indicators = indicators_from_plan(sample_plan)
    return build_report(
        indicators,
        read_observations(figures, indicators),
        2025,
        "final",
        plan_title=sample_plan.title,
        illustrative=True,
    )


def test_five_years_judged(final: Report):
    rows = {r.name: r for r in final.completion}
    # 1.069 x 1.041 x 1.056 x 1.052 x 1.053 = 1.30178: 5.42 % a year against 6.5
    gdp = rows["地区生产总值增长"]
    assert (gdp.result_growth, gdp.met) == (5.42, False)
    assert (rows["每万人口发明专利拥有量"].result, rows["每万人口发明专利拥有量"].met) == (34.2, True)
    assert rows["每千人拥有执业助理医师数"].met is True  # 3.21 against 3.2
    # 77.5 in 2020, 78.5 in 2025: a gain of [1] year, printed as the plan words it
    life = rows["人均预期寿命"]
    assert (result_text(life), life.result, life.met) == ("提高1岁", 78.5, True)
    assert final.overall[0].startswith("“十四五”时期（2021—2025年），")
    assert final.next_plan == "“十五五”"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_final_report_from_the_command_line(sample_file: Path, figures: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"final.{fmt}"
    args = ["report", "--plan", str(sample_file), "--observations", str(figures), "--year", "2025"]
    result = runner.invoke(app, [*args, "--kind", "final", "-o", str(out), "--illustrative"])
    assert result.exit_code == 0, result.output
    assert "总结评估报告（2025年）" in result.output
    if fmt == "docx":
        document = docx.Document(str(out))
        table = next(
            t for t in document.tables if [c.text for c in t.rows[0].cells] == list(COMPLETION_COLUMNS)
        )
        gdp = next(
            [c.text for c in row.cells] for row in table.rows if row.cells[1].text == "地区生产总值增长"
        )
        assert gdp[3:] == ["年均增长6.5%", "年均增长5.42%", "否", "预期性"]
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert "五、“十五五”时期工作建议" in headings
    else:
        sheet = openpyxl.load_workbook(out)["完成情况"]
        assert [c.value for c in sheet[2]] == list(COMPLETION_COLUMNS)
        patents = next(
            r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == "每万人口发明专利拥有量"
        )
        assert patents[2:] == ("件", "32", "34.2", "是", "预期性")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_completion_table_is_the_next_plans_baseline(final: Report, tmp_path: Path, suffix: str):
    path = tmp_path / f"十五五基期{suffix}"
    write_baseline(final, path)
    fifteenth = read_indicators(path)
    assert [i.name for i in fifteenth] == [c.name for c in final.completion]
    assert {(i.base_year, i.target_year) for i in fifteenth} == {(2025, 2030)}
    by_name = {i.name: i for i in fifteenth}
    assert by_name["每万人口发明专利拥有量"].baseline.value == 34.2
    assert by_name["每万人口发明专利拥有量"].category == "创新驱动"
    assert by_name["地区生产总值增长"].baseline_growth_raw == "5.42"
    assert by_name["森林覆盖率"].attribute == "约束性"
    # the office sets the 15th plan's target; its first year is judged from the 2025 base
    patents = by_name["每万人口发明专利拥有量"].model_copy(
        update={"target": read_cell("40"), "target_raw": "40"}
    )
    [judged] = evaluate([patents], [Observation(indicator=patents.id, year=2026, value=35.4)], 2026)
    # the path from 34.2 to 40 stands at 35.36 in 2026: 35.4 is on it
    assert judged.expected == 35.36
    assert judged.status in ("on_track", "ahead")


def test_the_command_line_writes_the_next_plans_baseline(sample_file: Path, figures: Path, tmp_path: Path):
    out, base = tmp_path / "总结评估.docx", tmp_path / "十五五基期.xlsx"
    args = ["report", "--plan", str(sample_file), "--observations", str(figures), "--year", "2025"]
    result = runner.invoke(app, [*args, "--kind", "final", "-o", str(out), "--baseline", str(base)])
    assert result.exit_code == 0, result.output
    assert "下一规划指标基期表" in result.output
    fifteenth = {i.name: i for i in read_indicators(base)}
    assert fifteenth["每万人口发明专利拥有量"].baseline.value == 34.2
    assert fifteenth["每万人口发明专利拥有量"].base_year == 2025


def test_only_a_final_evaluation_gives_a_baseline(sample_file: Path, figures: Path, tmp_path: Path):
    args = ["report", "--plan", str(sample_file), "--observations", str(figures), "--year", "2023"]
    base = tmp_path / "基期.xlsx"
    result = runner.invoke(
        app, [*args, "--kind", "midterm", "-o", str(tmp_path / "m.docx"), "--baseline", str(base)]
    )
    assert result.exit_code == 2
    assert "总结评估" in result.output and not base.exists()
