"""The task list as offices circulate it in Excel (序号, 任务, 牵头单位, 配合单位, 完成时限, 进展), written and read.

The sheet is a Chinese government form whatever the page language, so its
headers stay in Chinese; reading finds the header row under any title rows and
accepts the usual variants of the headers.
"""

from __future__ import annotations

import calendar
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from planwatch.errors import InputError
from planwatch.ingest.limits import Limits, check_package
from planwatch.plan.sheet_text import text_cells
from planwatch.server.plans.models import Plan
from planwatch.server.tasks.models import Task
from planwatch.server.translations import page_lang

COLUMNS = (("序号", 6), ("任务", 50), ("牵头单位", 16), ("配合单位", 28), ("完成时限", 16), ("进展", 40))
# Other headers offices write for the same columns.
ALIASES = {
    "完成时间": "完成时限",
    "时限": "完成时限",
    "进展情况": "进展",
    "工作进展": "进展",
    "重点任务": "任务",
}
REQUIRED = ("序号", "任务", "牵头单位", "配合单位", "完成时限")
# Deadlines that are no date: the task has none.
NO_DATE = frozenset({"长期坚持", "持续推进", "长期", "持续", "常态化推进"})
# A header is looked for in the first rows only, under a title or two.
HEADER_SEARCH_ROWS = 10
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

_SEPARATORS = re.compile(r"[、，,；;/\s]+")
_DUE = re.compile(
    r"(?P<year>\d{4})(?:年|[-/.])?"
    r"(?:(?P<month>\d{1,2})(?:月|[-/.])?(?:(?P<day>\d{1,2})日?)?)?"
    r"(?:年底|年末|底|末)?(?:前|以前|之前)?"
)


class SheetError(Exception):
    """The file as a whole cannot be read as a task list."""


@dataclass
class SheetRow:
    """A row of the sheet as written, cells stripped; `row` is the number Excel shows."""

    row: int
    number: int | None
    title: str
    lead: str
    supporting: list[str]
    due: object
    progress: str


def write_tasks(plan: Plan, tasks: list[Task], progress: dict[int, str]) -> bytes:
    """The workbook for the tasks given, the latest progress of each from `progress` (by task id)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "重点任务"
    last = get_column_letter(len(COLUMNS))
    sheet.append([f"{plan.title}重点任务分工及进展"])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([title for title, _width in COLUMNS])
    for task in tasks:
        sheet.append(
            [
                task.number,
                task.title,
                task.lead.name if task.lead_id else "",
                "、".join(d.name for d in task.supporting.all()),
                task.due_date,
                progress.get(task.pk, ""),
            ]
        )
    _style(sheet, len(tasks))
    text_cells(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _style(sheet, rows: int) -> None:
    """Bordered, wrapped cells, a shaded header repeated on every printed page, landscape to one page wide."""
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        header = sheet.cell(2, index)
        header.font = Font(bold=True)
        header.fill = PatternFill("solid", start_color="DDEBF7")
        header.alignment = Alignment(horizontal="center", vertical="center")
        header.border = border
    for cells in sheet.iter_rows(min_row=3, max_row=rows + 2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = border
        cells[0].alignment = Alignment(horizontal="center", vertical="top")
        cells[4].number_format = DATE_FORMAT
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def read_tasks(path: Path) -> list[SheetRow]:
    """The filled rows of the first sheet, below its header row."""
    try:
        check_package(path, Limits.from_environment())
    except InputError as error:
        raise SheetError(error.text(page_lang())) from None
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise SheetError(
            _("不是能读取的 .xlsx 文件，可能已损坏；请在 Excel 中打开、另存为 .xlsx 后再导入。")
        ) from None
    rows = list(book.worksheets[0].iter_rows(min_row=1, values_only=True))
    header = next(
        (at for at, cells in enumerate(rows[:HEADER_SEARCH_ROWS]) if set(REQUIRED) <= _columns(cells).keys()),
        None,
    )
    if header is None:
        raise SheetError(_("找不到表头：表中需要“%(columns)s”各列") % {"columns": "”“".join(REQUIRED)})
    columns = _columns(rows[header])
    found = []
    for number, cells in enumerate(rows[header + 1 :], start=header + 2):
        if all(_text(value) == "" for value in cells):
            continue

        def cell(name: str, cells: tuple = cells) -> object:
            at = columns.get(name)
            return cells[at] if at is not None and at < len(cells) else None

        found.append(
            SheetRow(
                row=number,
                number=_serial(cell("序号")),
                title=_text(cell("任务")),
                lead=_text(cell("牵头单位")),
                supporting=names(_text(cell("配合单位"))),
                due=cell("完成时限"),
                progress=_text(cell("进展")),
            )
        )
    return found


def names(text: str) -> list[str]:
    """Department names in a cell, however separated (、 ， ; or new lines), each once."""
    return list(dict.fromkeys(name for name in _SEPARATORS.split(text) if name))


def due_date(value: object) -> date | None:
    """The deadline a cell gives: a date, or text such as 2025年底前, 2024年6月, 2025-12-31.

    A year or a month alone means its last day; ValueError for anything else.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", _text(value)))
    if not text or text in NO_DATE:
        return None
    match = _DUE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month = int(match["year"]), int(match["month"] or 12)
    if not 1 <= month <= 12:
        raise ValueError(text)
    day = int(match["day"]) if match["day"] else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def _columns(cells: tuple) -> dict[str, int]:
    """Where each known header is in a row."""
    columns: dict[str, int] = {}
    for at, value in enumerate(cells):
        header = re.sub(r"\s+", "", _text(value))
        header = ALIASES.get(header, header)
        if header in dict(COLUMNS) and header not in columns:
            columns[header] = at
    return columns


def _serial(value: object) -> int | None:
    """序号 as a number: 3, 3.0 and '3' alike; None when it is not one."""
    text = _text(value)
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
