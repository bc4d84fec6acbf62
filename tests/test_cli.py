"""The command line: help, JSON output, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
from typer.testing import CliRunner

from planwatch.cli import app
from tests.built_plans import as_html, document

runner = CliRunner()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planwatch", *args], capture_output=True, text=True, timeout=60
    )


def test_help_reads_in_both_languages():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "ingest" in result.output and "五年规划" in result.output


def test_ingest_json_validates_against_the_shipped_schema(sample_file):
    out = runner.invoke(app, ["ingest", str(sample_file), "--json"])
    assert out.exit_code == 0
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    data = json.loads(out.output)
    jsonschema.validate(data, schema)
    assert data["period"] == {"start": 2021, "end": 2025}
    assert len(data["tables"]) == 2


def test_summary_names_tables_uncertain_cells_and_truncation(sample_file):
    out = runner.invoke(app, ["ingest", str(sample_file)], env={"COLUMNS": "200"})
    assert out.exit_code == 0
    assert "许昌市魏都区" in out.output and "2021-2025" in out.output
    assert "专栏1" in out.output and "表2" in out.output
    assert "读取不确定的单元格" in out.output
    assert "文本不完整" in out.output and "提前结束" in out.output


def test_summary_says_how_sure_the_reading_is_in_the_language_asked(sample_file):
    chinese = runner.invoke(app, ["ingest", str(sample_file)], env={"COLUMNS": "200"}).output
    assert re.search(r"读取可信度: 高 \(0\.\d\d\)", chinese)
    assert "中有7项指标没有读出单位" in chinese and "table_units_missing" not in chinese
    english = runner.invoke(app, ["ingest", str(sample_file), "--lang", "en"], env={"COLUMNS": "200"}).output
    assert re.search(r"Reading confidence: high \(0\.\d\d\)", english)
    assert "no unit was read for 7 indicators" in english and "没有读出单位" not in english
    assert "Cells read with uncertainty" in english and "The document stops early" in english
    assert runner.invoke(app, ["ingest", str(sample_file), "--lang", "fr"]).exit_code == 2


def test_json_carries_the_confidence_and_the_warnings_in_both_languages(tmp_path):
    broken = tmp_path / "plan.html"
    broken.write_text(as_html(document(table=False)), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["ingest", str(broken), "--json"]).output)
    assert data["confidence"] < 0.4
    (missing,) = [w for w in data["warnings"] if w["code"] == "no_indicator_table"]
    assert missing["message"].startswith("没有找到主要指标表") and missing["message_en"].startswith(
        "No indicator table"
    )
    shown = runner.invoke(app, ["ingest", str(broken)], env={"COLUMNS": "200"}).output
    assert "读取可信度: 低" in shown and "没有找到主要指标表" in shown


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    result = _run("ingest", str(tmp_path / "absent.docx"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"planwatch: {tmp_path / 'absent.docx'}: 文件不存在。"


def test_unknown_format_and_undecodable_bytes(tmp_path):
    sheet = tmp_path / "plan.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(200))
    result = _run("ingest", str(sheet))
    assert result.returncode == 2 and "无法读取 .xls 格式的文件" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    garbled = tmp_path / "plan.txt"
    garbled.write_bytes(b"\xff\xfe\xfd\x81\x30" * 40 + b"\x80")
    result = _run("ingest", str(garbled))
    assert result.returncode == 2 and str(garbled) in result.stderr
    assert "Traceback" not in result.stderr
