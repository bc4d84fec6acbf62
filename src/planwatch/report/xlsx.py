"""A report as an Excel workbook: main table, observations, completion table (final) and tasks.

Offices sort, filter and reuse the figures of a report, so every figure is
written as a number where the plan prints one, the tables carry autofilters,
and each sheet prints on A4 with its header repeated on every page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.plan.sheet_text import text_cells
from planwatch.plan.vocabulary import STATUS_COLOURS
from planwatch.report.content import Report, task_summary
from planwatch.report.layout import (
    COMPLETION_COLUMNS,
    ILLUSTRATIVE,
    OBSERVATION_COLUMNS,
    PROJECT_COLUMNS,
    PROJECTS_TITLE,
    TASK_COLUMNS,
    TASKS_TITLE,
    actual_heads,
    completion_title,
    met_text,
    planned_text,
    project_cells,
    result_text,
    task_status_text,
)
from planwatch.report.palette import GROUP, HEAD, RULE, ink


def _argb(colour: str) -> str:
    """A '#rrggbb' colour as Excel writes it, opaque."""
    return "FF" + colour.lstrip("#").upper()


_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_THIN = Side(style="thin", color=_argb(RULE))
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor=_argb(HEAD))
_GROUP_FILL = PatternFill("solid", fgColor=_argb(GROUP))
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def _value(text: str) -> str | int | float | None:
    """A figure printed as text ('100', '27.9') as a number, so Excel sums and sorts it; other text as is."""
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


def _title_row(ws: Worksheet, report: Report, title: str, width: int) -> None:
    """The title across the table, and the illustrative-data note at its right end where it applies."""
    span = width - 3 if report.illustrative else width
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
    if report.illustrative:
        note = ws.cell(row=1, column=span + 1, value=ILLUSTRATIVE)
        note.font = Font(bold=True, color=_argb(STATUS_COLOURS["severely_lagging"]))
        note.alignment = Alignment(horizontal="right", vertical="center")
        ws.merge_cells(start_row=1, start_column=span + 1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 40


def _header(ws: Worksheet, row: int, names: Sequence[str]) -> None:
    for col, name in enumerate(names, start=1):
        _header_style(ws.cell(row=row, column=col, value=name))


def _header_style(cell) -> None:
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = _CENTRE
    cell.border = _BORDER


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _print(ws: Worksheet, title_rows: str, *, landscape: bool = True) -> None:
    """A4, as wide as the page, the header on every page and page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _main_sheet(ws: Worksheet, report: Report) -> None:
    names = (
        "序号", "类别", "指标", "单位", "属性", "基期值", "目标值", *actual_heads(report), "序时进度值", "进展情况",
        "尚需年均", "预警", f"预计{report.period[1]}年", "预计完成情况",
    )  # fmt: skip
    _title_row(ws, report, report.title, len(names))
    _header(ws, 2, names)
    row = 2
    for group in report.groups:
        row += 1
        ws.cell(row=row, column=2, value=group.category)
        for col in range(1, len(names) + 1):
            cell = ws.cell(row=row, column=col)
            cell.font = Font(bold=True)
            cell.fill = _GROUP_FILL
            cell.border = _BORDER
            cell.alignment = _LEFT
        for r in group.rows:
            row += 1
            values = (
                r.number,
                group.category,
                r.name,
                r.unit,
                r.attribute,
                _value(r.baseline),
                _value(r.target),
                r.actual,
                r.average,
                r.expected,
                r.status_zh,
                r.required,
                "是" if r.warning else None,
                r.projected,
                r.likelihood_zh,
            )
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=None if value == "" else value)
                cell.border = _BORDER
                cell.number_format = "General"
                cell.alignment = _LEFT if col in (2, 3, 7) else _CENTRE
            status = ws.cell(row=row, column=11)
            status.fill = PatternFill("solid", fgColor=_argb(STATUS_COLOURS[r.status]))
            status.font = Font(bold=True, color=_argb(ink(STATUS_COLOURS[r.status])))
            if r.warning:
                ws.cell(row=row, column=13).font = Font(
                    bold=True, color=_argb(STATUS_COLOURS["severely_lagging"])
                )
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(names))}{row}"
    _widths(ws, (6, 10, 30, 14, 8, 14, 22, 10, 12, 11, 14, 11, 6, 10, 14))
    ws.row_dimensions[2].height = 30
    _print(ws, "2:2")


def _observations_sheet(ws: Worksheet, report: Report) -> None:
    """One row per figure with its source, under the headers the observation import knows, to copy into one."""
    _header(ws, 1, OBSERVATION_COLUMNS)
    for row, o in enumerate(report.observations, start=2):
        for col, value in enumerate((o.name, o.year, o.value, o.source or None, o.note or None), start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = _BORDER
            cell.alignment = _LEFT if col in (1, 4, 5) else _RIGHT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{max(len(report.observations) + 1, 2)}"
    _widths(ws, (30, 8, 12, 26, 20))
    _print(ws, "1:1", landscape=False)


def _completion_sheet(ws: Worksheet, report: Report) -> None:
    """专栏1: target against result as the next plan prints it, by category, to paste into its first chapter."""
    width = len(COMPLETION_COLUMNS)
    _title_row(ws, report, completion_title(report), width)
    _header(ws, 2, COMPLETION_COLUMNS)
    row, category = 2, None
    for c in report.completion:
        if c.category != category:
            row, category = row + 1, c.category
            ws.cell(row=row, column=1, value=category)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            for col in range(1, width + 1):
                cell = ws.cell(row=row, column=col)
                cell.font, cell.fill, cell.border, cell.alignment = (
                    Font(bold=True),
                    _GROUP_FILL,
                    _BORDER,
                    _LEFT,
                )
        row += 1
        values = (c.number, c.name, c.unit, planned_text(c), result_text(c), met_text(c), c.attribute)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=None if value == "" else value)
            cell.border = _BORDER
            cell.alignment = _LEFT if col == 2 else _CENTRE
    ws.freeze_panes = "A3"
    _widths(ws, (6, 30, 12, 20, 20, 10, 8))
    ws.row_dimensions[2].height = 20
    _print(ws, "2:2", landscape=False)


def _tasks_sheet(ws: Worksheet, report: Report) -> None:
    """The summary sentences, then one row per task with its deadline as a date, to filter by lead or status."""
    width = len(TASK_COLUMNS)
    _title_row(ws, report, f"《{report.plan_title}》{TASKS_TITLE}（{report.year}年）", width)
    row = 1
    for line in task_summary(report):
        row += 1
        ws.cell(row=row, column=1, value=line).alignment = _LEFT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    header = row + 1
    _header(ws, header, TASK_COLUMNS)
    for row, t in enumerate(report.tasks, start=header + 1):
        values = (
            t.number,
            t.title,
            t.chapter,
            t.lead,
            t.supporting,
            t.due,
            task_status_text(t),
            t.latest,
        )
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=None if value == "" else value)
            cell.border = _BORDER
            cell.alignment = _LEFT if col in (2, 3, 5, 8) else _CENTRE
        ws.cell(row=row, column=6).number_format = "yyyy-mm-dd"
        if t.overdue:
            ws.cell(row=row, column=7).font = Font(bold=True, color=_argb(STATUS_COLOURS["severely_lagging"]))
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:{get_column_letter(width)}{header + max(len(report.tasks), 1)}"
    _widths(ws, (6, 30, 22, 16, 22, 12, 14, 36))
    _print(ws, f"{header}:{header}")


def _projects_sheet(ws: Worksheet, report: Report) -> None:
    """The boxes' projects, one row each, with the progress reported (未报送 where none is)."""
    width = len(PROJECT_COLUMNS)
    _title_row(ws, report, f"《{report.plan_title}》{PROJECTS_TITLE}（{report.year}年）", width)
    _header(ws, 2, PROJECT_COLUMNS)
    for row, line in enumerate(report.projects, start=3):
        for col, value in enumerate(project_cells(row - 2, line), start=1):
            cell = ws.cell(row=row, column=col, value=row - 2 if col == 1 else value or None)
            cell.border = _BORDER
            cell.alignment = _LEFT if col in (3, 4, 7) else _CENTRE
    ws.freeze_panes = "A3"
    _widths(ws, (6, 10, 26, 36, 12, 14, 30))
    _print(ws, "2:2")


def write_xlsx(report: Report, path: Path) -> None:
    """Write the report's tables as an .xlsx workbook at `path`."""
    wb = Workbook()
    wb.properties.title = report.title
    wb.properties.creator = "planwatch"
    main = wb.active
    main.title = "主要指标"
    _main_sheet(main, report)
    _observations_sheet(wb.create_sheet("监测数据"), report)
    if report.kind == "final":
        _completion_sheet(wb.create_sheet("完成情况"), report)
    if report.tasks:
        _tasks_sheet(wb.create_sheet("重点任务"), report)
    if report.projects:
        _projects_sheet(wb.create_sheet("重大工程"), report)
    text_cells(wb)
    wb.save(path)
