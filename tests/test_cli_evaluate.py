"""`planwatch evaluate` and `planwatch template` from the command line."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import InputError

runner = CliRunner()

INDICATORS = """指标,单位,属性,基期值,目标值,目标年均增长
地区生产总值增长,%,预期性,,,6.5
常住人口城镇化率,%,预期性,60.6,65,
森林覆盖率,%,约束性,41.26,43,
"""
OBSERVATIONS = """指标,年份,值,来源
地区生产总值增长,2021,8.0,统计公报
地区生产总值增长,2022,-1.0,统计公报
地区生产总值增长,2023,6.0,统计公报
常住人口城镇化率（%）,2023,63.0,统计公报
森林覆盖率,2023,41.3,林业局
"""


@pytest.fixture
def files(tmp_path):
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(INDICATORS, encoding="utf-8")
    observations = tmp_path / "obs.csv"
    observations.write_text(OBSERVATIONS, encoding="utf-8")
    return indicators, observations


def _evaluate(*args):
    return runner.invoke(app, ["evaluate", *args], env={"COLUMNS": "200"})


def test_json_has_an_assessment_per_indicator(files):
    indicators, observations = files
    args = ["--indicators", str(indicators), "--base-year", "2020", "--target-year", "2025"]
    result = _evaluate(*args, "--observations", str(observations), "--year", "2023", "--json")
    assert result.exit_code == 0, result.output
    found = {a["indicator"]: a for a in json.loads(result.output)}
    for key in (
        "indicator",
        "year",
        "status",
        "expected",
        "actual",
        "progress",
        "required_annual_growth",
        "explanation",
    ):
        assert key in found["常住人口城镇化率"]
    assert [found[k]["status"] for k in ("地区生产总值增长", "常住人口城镇化率", "森林覆盖率")] == [
        "lagging",
        "on_track",
        "severely_lagging",
    ]
    assert found["森林覆盖率"]["warning"] is True


def test_table_and_summary_line(files):
    indicators, observations = files
    args = ["--indicators", str(indicators), "--base-year", "2020", "--target-year", "2025"]
    result = _evaluate(*args, "--observations", str(observations), "--year", "2023")
    assert result.exit_code == 0
    assert "基本符合预期" in result.output and "严重滞后" in result.output
    assert (
        "合计 3: 提前实现 0, 快于预期 0, 基本符合预期 1, 滞后 1, 严重滞后 1, 无法评估 0; 预警 1"
        in result.output
    )
    english = _evaluate(
        *args, "--observations", str(observations), "--year", "2023", "--json", "--lang", "en"
    )
    assert "time-elapsed path" in json.loads(english.output)[1]["explanation"]


def test_plan_json_from_ingest(sample_file, tmp_path, files):
    plan = tmp_path / "plan.json"
    plan.write_text(runner.invoke(app, ["ingest", str(sample_file), "--json"]).output, encoding="utf-8")
    obs = tmp_path / "obs.csv"
    obs.write_text("指标,年份,值\n地区生产总值增长,2021,6.8\n地区生产总值增长,2022,6.2\n", encoding="utf-8")
    result = _evaluate("--plan", str(plan), "--observations", str(obs), "--year", "2022", "--json")
    assert result.exit_code == 0, result.output
    assessments = json.loads(result.output)
    assert len(assessments) == 16
    assert assessments[0]["name"] == "地区生产总值增长" and assessments[0]["status"] == "on_track"


def test_bad_observations_name_the_row_and_nothing_is_used(files, tmp_path):
    indicators, _ = files
    bad = tmp_path / "bad.csv"
    bad.write_text("指标,年份,值\n地区生产总值增长,2021,8.0\n人均GDP,2021,5\n", encoding="utf-8")
    args = ["--indicators", str(indicators), "--base-year", "2020", "--target-year", "2025"]
    result = _evaluate(*args, "--observations", str(bad), "--year", "2021")
    assert isinstance(result.exception, InputError)
    assert "第3行" in str(result.exception) and "人均GDP" in str(result.exception)


def test_template_is_one_row_per_indicator_and_year(files, tmp_path):
    indicators, _ = files
    out = tmp_path / "template.xlsx"
    result = runner.invoke(
        app,
        [
            "template",
            "--indicators",
            str(indicators),
            "--base-year",
            "2020",
            "--target-year",
            "2025",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 * 5
    assert sheet.data_validations.dataValidation
