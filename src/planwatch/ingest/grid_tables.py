"""Real tables (from .docx, .html, .pdf) as indicator tables.

The header rows name the columns (a cell spanning two columns heads both, as
“十三五”基数 over 2020年绝对值 and 年均增长); lead columns hold the row number,
the name and the unit, a tail column the attribute; a row with one text
across the table is a group row (一、经济发展). A merged value cell belongs to
the row where it starts.
"""

from __future__ import annotations

import re

from planwatch.cells import read_cell
from planwatch.ingest import columns as cols
from planwatch.ingest.blocks import Slot, TableBlock
from planwatch.plan import Cell, Row, Table, Warning

_HEADER_WORDS = re.compile(r"序号|指标|属性|单位|年均增长|绝对值|目标|基数|完成情况|20\d\d年|备注|类别")
_FIGURE = re.compile(r"^[\[〔【]?[-−]?\d+(?:\.\d+)?")
GROUP_ROW = re.compile(rf"^{cols.GROUP_NUMERAL}[、．.]\s*(.+)$")
_ROW_NUMBER = re.compile(r"^\s*(\d{1,3}|[Il|])\s*[.、]?\s*$")


def _clean(text: str) -> str:
    """A line break inside a cell is a wrap of the printed column, not a space."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def _is_header_row(row: list[Slot]) -> bool:
    texts = [_clean(s.text) for s in row if s.text.strip()]
    if not texts or any(_FIGURE.match(t) and not re.match(r"20\d\d年", t) for t in texts if t not in ("%",)):
        return False
    return any(_HEADER_WORDS.search(t) for t in texts)


def build_table(block: TableBlock, caption: str | None) -> tuple[Table | None, list[Warning]]:
    """The table as an indicator table, or None where it holds no rows."""
    grid = block.grid()
    if not grid or not grid[0]:
        return None, []
    warnings: list[Warning] = []
    where = caption or "table"
    height = 0
    while height < len(grid) and _is_header_row(grid[height]):
        height += 1
    names = _column_names(grid[:height]) if height else [f"列{k + 1}" for k in range(len(grid[0]))]
    number_col = next((k for k, n in enumerate(names) if n == "序号"), None)
    name_col = next((k for k, n in enumerate(names) if "指标" in n or n in ("项目", "类别")), None)
    unit_col = next((k for k, n in enumerate(names) if n == "单位"), None)
    attr_col = next((k for k, n in enumerate(names) if "属性" in n), None)
    if name_col is None:
        name_col = 1 if number_col == 0 and len(names) > 1 else 0
    lead = {k for k in (number_col, name_col, unit_col, attr_col) if k is not None}
    value_idx = [k for k in range(len(names)) if k not in lead and "备注" not in names[k]]
    value_columns = [cols.value_column(names[k]) for k in value_idx]
    table = Table(
        caption=caption or "",
        columns=names,
        cell_columns=[c.name for c in value_columns],
        page=block.page,
    )
    category = None
    parent: Row | None = None
    for line in grid[height:]:
        texts = [_clean(s.text) if s.origin else "" for s in line]
        distinct = {_clean(s.text) for s in line if s.text.strip()}
        if len(distinct) == 1:
            only = distinct.pop()
            group = GROUP_ROW.match(only)
            if only.startswith("注"):
                table.notes.append(re.sub(r"^注\s*[:：]\s*", "", only))
                continue
            if group or not any(texts[k] for k in value_idx):
                table.groups.append(only)
                category = group.group(1).strip() if group else only
                parent = None
                continue
        raw_name = texts[name_col] if name_col < len(texts) else ""
        if not raw_name and not any(texts[k] for k in value_idx):
            continue
        number = None
        if number_col is not None and texts[number_col]:
            m = _ROW_NUMBER.match(texts[number_col])
            number = ("1" if m.group(1) in "Il|" else m.group(1)) if m else texts[number_col]
            if m and m.group(1) in "Il|":
                warnings.append(
                    Warning(
                        code="row_number_repaired",
                        message=f"row number '{m.group(1)}' read as 1",
                        where=where,
                    )
                )
        name, unit, lost = cols.split_name(raw_name)
        if unit_col is not None and texts[unit_col]:
            unit = texts[unit_col]
        elif lost:
            warnings.append(
                Warning(
                    code="unit_lost",
                    message=f"{name}: the unit printed as '()' is read as {unit or 'unknown'}",
                    where=where,
                )
            )
        row = Row(number=number, name=name, unit=unit, category=category)
        if attr_col is not None and texts[attr_col] in cols.ATTRIBUTES:
            row.attribute = texts[attr_col]
        for k, column in zip(value_idx, value_columns, strict=True):
            row.cells.append(_cell(texts[k] if k < len(texts) else "", column.name))
        if name.startswith("其中") and table.rows:
            row.parent = next((r.name for r in reversed(table.rows) if not r.name.startswith("其中")), None)
        elif number is None and parent is not None and not any(c.raw for c in parent.cells):
            row.parent = parent.name
        if number is not None:
            parent = row
        table.rows.append(row)
    return (table if table.rows else None), warnings


def _column_names(header: list[list[Slot]]) -> list[str]:
    """Each column's header, the levels joined by '/': “十三五”基数/2020年绝对值."""
    names = []
    for k in range(len(header[0])):
        parts: list[str] = []
        for line in header:
            text = _clean(line[k].text).replace("（", "(").replace("）", ")")
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        names.append("/".join(parts))
    return names


def _cell(text: str, column: str) -> Cell:
    printed = None
    if text in ("一", "-", "－", "–"):
        printed, text = text, "—"
    elif re.fullmatch(r"口\s*[-\d.]+\s*口?", text):
        printed, text = text, "[" + text.strip("口 ") + "]"
    reading = read_cell(text)
    return Cell(raw=text, printed=printed, column=column, reading=reading, uncertain=reading.uncertain)
