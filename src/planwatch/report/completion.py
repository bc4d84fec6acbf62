"""The final evaluation's completion table as the next plan's indicator table: what a plan achieved by
its last year is the base (基期值) the next one starts from.

The file is an indicator spreadsheet under the headers planwatch.ingest.spreadsheets reads: each
indicator with its unit, attribute and category, the final year's figure as 基期值 (and the period's
average growth as 基期年均增长 where the plan set one), the final year as 基期年 and the next plan's
last year as 目标年; the target columns are left for the office to fill.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from planwatch.plan.sheet_text import csv_rows, text_cells
from planwatch.plan.vocabulary import exact_text
from planwatch.report.content import CompletionRow, Report

# The headers planwatch.ingest.spreadsheets reads an indicator table with.
BASELINE_COLUMNS = (
    "序号", "类别", "指标", "单位", "属性", "基期值", "基期年均增长", "目标值", "目标年均增长", "基期年", "目标年",
)  # fmt: skip
NEXT_PERIOD = 5  # years of the next plan


def _figure(x: float | None) -> str:
    return "" if x is None else exact_text(x)


def baseline_row(row: CompletionRow, end: int) -> tuple[str, ...]:
    """One indicator of the next plan: its base the completion row's result, its targets empty."""
    return (
        str(row.number),
        row.category,
        row.name,
        row.unit,
        row.attribute,
        _figure(row.result),
        _figure(row.result_growth),
        "",
        "",
        str(end),
        str(end + NEXT_PERIOD),
    )


def write_baseline(report: Report, path: Path) -> None:
    """The next plan's indicator table, based on `report`'s completion table, as .xlsx or .csv."""
    if report.kind != "final":
        raise ValueError("the baseline of a next plan comes from a final evaluation")
    rows = [BASELINE_COLUMNS, *(baseline_row(r, report.period[1]) for r in report.completion)]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows(csv_rows(rows))
        return
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    for row in rows:
        ws.append(list(row))
    text_cells(wb)
    wb.save(path)
