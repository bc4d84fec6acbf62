"""`planwatch report` from the command line, and the report downloads of the dashboard."""

from __future__ import annotations

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.server.demo import OBSERVATIONS, load_demo, sample_file

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_a_midterm_report_in_each_form(sample_file, tmp_path, fmt):
    out = tmp_path / f"midterm.{fmt}"
    args = ["report", "--plan", str(sample_file), "--observations", str(sample_file_obs()), "--year", "2023"]
    result = runner.invoke(app, [*args, "--kind", "midterm", "-o", str(out), "--illustrative"])
    assert result.exit_code == 0, result.output
    assert "中期评估报告（2023年）" in result.output
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(out).paragraphs)
        assert "中期评估报告" in text and "示例数据" in text
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(out).worksheets[0]
        assert "中期评估报告" in str(sheet.cell(1, 1).value)
    else:
        page = out.read_text(encoding="utf-8")
        assert "中期评估报告（2023年）" in page and "地区生产总值增长" in page


def sample_file_obs():
    return sample_file(OBSERVATIONS)


def test_unknown_format_and_kind_are_refused(sample_file, tmp_path):
    args = ["report", "--plan", str(sample_file), "--observations", str(sample_file_obs()), "--year", "2023"]
    assert runner.invoke(app, [*args, "-o", str(tmp_path / "r.pdf")]).exit_code == 2
    assert runner.invoke(app, [*args, "--kind", "yearly", "-o", str(tmp_path / "r.docx")]).exit_code == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("docx", "wordprocessingml"), ("xlsx", "spreadsheetml"), ("html", "text/html")],
)
def test_the_dashboard_downloads_each_form(client, settings, fmt, content_type):
    settings.PUBLIC_READ = True
    plan = load_demo()
    page = client.get(f"/plans/{plan.pk}/?year=2024").content.decode()
    assert f'action="/plans/{plan.pk}/report/"' in page
    response = client.get(f"/plans/{plan.pk}/report/", {"year": 2024, "kind": "annual", "format": fmt})
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert f"2024-annual.{fmt}" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert len(body) > 5000
    bad = client.get(f"/plans/{plan.pk}/report/", {"year": 2031, "kind": "annual", "format": fmt})
    assert bad.status_code == 400
