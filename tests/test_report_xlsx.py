"""The report as an .xlsx workbook, read back with openpyxl: what an office filters, sorts and prints."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from planwatch.plan.vocabulary import STATUS_COLOURS
from planwatch.report.content import Report
from planwatch.report.layout import COMPLETION_COLUMNS, planned_text, result_text
from planwatch.report.palette import ink
from planwatch.report.xlsx import write_xlsx
from tests.report_samples import sample_report


def _written(report: Report, tmp_path: Path) -> Workbook:
    path = tmp_path / f"{report.kind}.xlsx"
    write_xlsx(report, path)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def midterm() -> Report:
    return sample_report("midterm")


@pytest.fixture(scope="module")
def final() -> Report:
    return sample_report("final")


def _same(cell: object, printed: str) -> bool:
    """A figure printed as text in the report is written as a number; anything else as the same text."""
    if printed == "":
        return cell is None
    if isinstance(cell, int | float):
        return float(printed) == cell
    return cell == printed


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def test_title_row_and_note(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm, tmp_path)["主要指标"]
    assert ws["A1"].value == midterm.title
    assert "示例数据（非统计数据）" in [c.value for c in ws[1]]
    assert [c.value for c in ws[2]] == [
        "序号",
        "类别",
        "指标",
        "单位",
        "属性",
        "基期值",
        "目标值",
        "2023年",
        "2021—2023年年均",
        "序时进度值",
        "进展情况",
        "尚需年均",
        "预警",
        "预计2025年",
        "预计完成情况",
    ]


def test_no_note_for_real_figures(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm.model_copy(update={"illustrative": False}), tmp_path)["主要指标"]
    assert "示例数据（非统计数据）" not in [c.value for c in ws[1]]


def test_every_row_by_category(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm, tmp_path)["主要指标"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    expected = []
    for group in midterm.groups:
        expected.append(("group", group.category))
        expected.extend(("row", r.number) for r in group.rows)
    assert [("row", r[0]) if r[0] is not None else ("group", r[1]) for r in rows] == expected
    written = {r[0]: r for r in rows if r[0] is not None}
    for group in midterm.groups:
        for r in group.rows:
            cells = written[r.number]
            assert cells[1:5] == (group.category, r.name, r.unit or None, r.attribute or None)
            assert _same(cells[5], r.baseline), (r.name, cells[5])
            assert _same(cells[6], r.target), (r.name, cells[6])
            assert (cells[7], cells[8], cells[9]) == (r.actual, r.average, r.expected)
            assert cells[10] == r.status_zh
            assert (cells[11] or "") == r.required
            assert cells[12] == ("是" if r.warning else None)
            assert cells[13:] == (r.projected, r.likelihood_zh or None)


def test_figures_are_numbers_without_spurious_decimals(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm, tmp_path)["主要指标"]
    figures = [
        c for row in ws.iter_rows(min_row=3, min_col=8, max_col=10) for c in row if c.value is not None
    ]
    assert figures
    assert all(isinstance(c.value, int | float) and c.number_format == "General" for c in figures)


def test_status_cells_are_coloured(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm, tmp_path)["主要指标"]
    status = {row[10].value: row[10] for row in ws.iter_rows(min_row=3) if row[0].value is not None}
    lagging = status["滞后"]
    assert lagging.fill.fgColor.rgb == _argb(STATUS_COLOURS["lagging"])
    assert lagging.font.b
    on_track = status["基本符合预期"]
    assert on_track.fill.fgColor.rgb == _argb(STATUS_COLOURS["on_track"])
    assert on_track.font.color.rgb == _argb(ink(STATUS_COLOURS["on_track"]))  # legible on its fill


def test_frozen_filtered_and_printable(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm, tmp_path)["主要指标"]
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.auto_filter.ref == f"A2:O{ws.max_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["C"].width >= 20


def test_observations_sheet(midterm: Report, tmp_path: Path) -> None:
    ws = _written(midterm, tmp_path)["监测数据"]
    assert [c.value for c in ws[1]] == ["指标", "年份", "值", "来源", "备注"]
    assert ws.max_row == 1 + len(midterm.observations)
    first = midterm.observations[0]
    assert [c.value for c in ws[2]] == [first.name, first.year, first.value, first.source, first.note]


def test_completion_sheet_only_for_final(midterm: Report, final: Report, tmp_path: Path) -> None:
    assert _written(midterm, tmp_path).sheetnames == ["主要指标", "监测数据"]
    wb = _written(final, tmp_path)
    assert wb.sheetnames == ["主要指标", "监测数据", "完成情况"]
    ws = wb["完成情况"]
    assert ws["A1"].value == "“十四五”规划主要指标完成情况"
    assert [c.value for c in ws[2]] == list(COMPLETION_COLUMNS)
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    body = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in body if r[1] is None] == list(dict.fromkeys(c.category for c in final.completion))
    rows = {r[0]: r for r in body if r[1] is not None}
    assert len(rows) == len(final.completion)
    for c in final.completion:
        assert rows[c.number] == (
            c.number,
            c.name,
            c.unit or None,
            planned_text(c),
            result_text(c),
            {True: "是", False: "否", None: c.status_zh}[c.met],
            c.attribute or None,
        )
    met = {c.name: c.met for c in final.completion}
    assert met["每万人口发明专利拥有量"] is True
    assert met["地区生产总值增长"] is False
