"""Projects: the rows of a box or table that lists projects or actions.

A box or table whose header names projects or actions (项目名称, 工程名称, 行动名称) beside their
content, investment or period, and no indicator column, lists projects: one per row. The investment
keeps the unit its header prints (总投资（亿元） → 25亿元). Project ids are chapter.section.pN, as
Project has no chapter and section fields of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from planwatch.plan.model import Project, Row, Table

_PROJECT_COLUMN = re.compile(r"(?:项目|工程|行动|任务)(?:名称)?|^名称$")
_ROLES = {
    "content": re.compile(r"内容|规模"),
    "investment": re.compile(r"投资"),
    "period": re.compile(r"期限|年限|起止|工期|时间"),
}
_INDICATOR_COLUMN = re.compile(r"指标|属性")
_GENERIC_COLUMN = re.compile(r"^列\d+$")
_LEAD_COLUMNS = ("序号", "单位", "属性", "备注")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计)$")
_HEADER_UNIT = re.compile(r"[（(]([^（()）]+)[）)]")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def read_projects(table: Table, box: str, ids: Callable[[], str]) -> list[Project]:
    """Rows of a box whose header names projects beside their content, investment or period."""
    rows, name_header, headers = _header(table)
    if not _PROJECT_COLUMN.search(name_header) or any(
        _INDICATOR_COLUMN.search(h) for h in [name_header, *headers.values()]
    ):
        return []
    roles: dict[str, str] = {}
    for role, pattern in _ROLES.items():
        column = next((c for c, title in headers.items() if pattern.search(title)), None)
        if column is not None:
            roles[role] = column
    if not roles:
        return []
    unit_printed = "单位" in table.columns
    return [
        _project(row, box, ids(), roles, headers, unit_printed)
        for row in rows
        if row.name and not _TOTAL_ROW.match(row.name)
    ]


def _header(table: Table) -> tuple[list[Row], str, dict[str, str]]:
    """The body rows, the title of the name column and the title of each cell column.

    A table read without a header of its own (列1, 列2…) has it in its first row.
    """
    if all(_GENERIC_COLUMN.match(c) for c in table.cell_columns):
        if not table.rows:
            return [], "", {}
        header = table.rows[0]
        return table.rows[1:], header.name, {c.column: c.raw for c in header.cells}
    name_header = next(
        (c for c in table.columns if c not in table.cell_columns and c not in _LEAD_COLUMNS), ""
    )
    return table.rows, name_header, {c: c for c in table.cell_columns}


def _project(
    row: Row, box: str, id: str, roles: dict[str, str], headers: dict[str, str], unit_printed: bool
) -> Project:
    name = f"{row.name}（{row.unit}）" if row.unit and not unit_printed else row.name
    cells = {c.column: (c.printed or c.raw) for c in row.cells}
    investment = cells.get(roles.get("investment", ""), "") or None
    unit = _HEADER_UNIT.search(headers.get(roles.get("investment", ""), ""))
    if investment and unit and _BARE_NUMBER.match(investment):
        investment += unit.group(1)
    return Project(
        id=id,
        box=box,
        name=name,
        content=cells.get(roles.get("content", ""), ""),
        investment=investment,
        period=cells.get(roles.get("period", ""), "") or None,
    )
