"""One indicator compared across regions, as a sheet an office circulates: 排名, 地区, 实际, 目标, 进展状态."""

from __future__ import annotations

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from planwatch.plan.sheet_text import text_cells
from planwatch.plan.vocabulary import STATUS_COLOURS, status_label
from planwatch.server.regions.services import Compared
from planwatch.server.translations import page_lang

WIDTHS = (8, 22, 14, 18, 24, 14, 60)


def comparison_workbook(title: str, heading: str, year: int, rows: list[Compared]) -> bytes:
    """The comparison as an .xlsx: a title row, a header, one row a region in the order given (by rank)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("各地区比较")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([heading])
    figure = _("%(year)s年数值") % {"year": year}
    sheet.append([_("排名"), _("地区"), figure, _("目标"), _("规划"), _("进展状态"), _("说明")])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    lang = page_lang()
    for row in rows:
        a = row.assessment
        status = a.status if a is not None else "not_assessable"
        sheet.append(
            [
                row.rank,
                row.region,
                row.figure,
                row.target,
                row.plan.title,
                status_label(status, lang),
                a.explanation if a is not None else _("该地区规划中没有同名同单位的指标。"),
            ]
        )
        marked = sheet.cell(sheet.max_row, 6)
        marked.fill = PatternFill("solid", fgColor=STATUS_COLOURS[status].lstrip("#"))
        marked.font = Font(bold=True, color="FFFFFF")
    for k, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = width
    text_cells(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
