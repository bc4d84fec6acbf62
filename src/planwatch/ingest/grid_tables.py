"""Real tables (from .docx, .html, .pdf) as indicator tables, whatever their columns.

A real table may open with its own caption, printed as a row spanning all
columns (专栏1 “十五五”时期经济社会发展主要指标); then come one or more header
rows (a cell spanning two columns heads both, as “十三五”基数 over 2020年绝对值
and 年均增长; the levels are joined with '/'); then the body. Each column's
role (table_roles) comes from the header words and the cells together, or
from the roles an office assigned in review. The body is read by table_rows.
A table with no value column (a box listing projects or tasks) is kept as a
table with its caption, its rows named by their text column.
"""

from __future__ import annotations

import re

from planwatch.ingest import table_roles
from planwatch.ingest.blocks import Place, TableBlock
from planwatch.ingest.table_roles import ROLE_LABELS, ROLE_LABELS_EN, ROLES, TARGET_ROLES, Doubt
from planwatch.ingest.table_rows import GROUP_ROW, clean, read_rows
from planwatch.plan.model import PlanWarning, Table
from planwatch.plan.tables import VALUE_ROLES

CAPTION_LABEL = r"(专栏|表|附表)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"  # 专栏3, 表一, 附表2
CAPTION = re.compile(rf"^\s*{CAPTION_LABEL}(?!\d)")
_TITLE_WORDS = re.compile(r"指标|规划|目标|情况|一览|统计")
_UNIT_LINE = re.compile(r"^[(（]?\s*(计量)?单位\s*[:：]")
# Figures a header may hold: years and (%); a cell with any other digit makes the row a body row.
_HEADER_FIGURES = re.compile(r"20\d\d\s*年?|[(（]\s*%\s*[)）]|No\.?\d*")
_MAX_HEADER_ROWS = 4
_MAX_HEADER_CELL = 24


def build_table(
    block: TableBlock, caption: str | None, roles: list[str] | None = None, *, index: int | None = None
) -> tuple[Table | None, list[PlanWarning]]:
    """The table, read with the given roles (one per grid column, from ROLES) or with roles of its own.

    None where the table holds no rows. `index` is the table's place among the document's tables.
    """
    places = block.places()
    if not places or not places[0]:
        return None, []
    width = len(places[0])
    top, caption, notes = _caption_rows(places, caption)
    height = _header_height(places, top)
    header = places[top : top + height]
    names = _column_names(header, width)
    body = list(range(top + height, len(places)))
    where = caption or (f"第{index + 1}个表格" if index is not None else "表格")
    warnings: list[PlanWarning] = []
    doubts: list[Doubt] = []
    used = _given(roles, width, where, warnings)
    if used is None:
        cells = [table_roles.ColumnCells.of(_column_cells(places, body, k)) for k in range(width)]
        used, doubts = table_roles.assign_roles(names, _shared(header, width), cells)
    table = Table(
        caption=caption or "",
        columns=names,
        cell_columns=[n for n, r in zip(names, used, strict=True) if r in VALUE_ROLES],
        roles=used,
        notes=notes,
        block=index,
        page=block.page,
    )
    repeated = [[clean(p.cell.text) for p in line] for line in places[: top + height]]
    warnings += read_rows(table, [(r, places[r]) for r in body], repeated, where)
    if not table.rows:
        return None, warnings
    if is_indicator_table(table):
        warnings += [_doubt_warning(d, table, where) for d in doubts]
    return table, warnings


def is_indicator_table(table: Table) -> bool:
    """A table of indicators: a name column and a column of targets or results."""
    return "name" in table.roles and bool(TARGET_ROLES.intersection(table.roles))


def opens_table(places: list[list[Place]]) -> bool:
    """The first row is a caption or a header: a table starts here rather than going on."""
    first = {clean(p.cell.text) for p in places[0] if p.cell.text.strip()}
    return (len(first) == 1 and bool(CAPTION.match(first.pop()))) or _is_header_row(places[0])


def _caption_rows(places: list[list[Place]], caption: str | None) -> tuple[int, str | None, list[str]]:
    """Rows at the top holding one text across the table: its caption, or a unit line (a note)."""
    top, notes = 0, []
    while top < min(2, len(places) - 1):
        texts = {clean(p.cell.text) for p in places[top] if p.cell.text.strip()}
        if len(texts) != 1:
            break
        text = texts.pop()
        across = len(places[top]) > 1 and all(p.cell is places[top][0].cell for p in places[top])
        if _UNIT_LINE.match(text):
            notes.append(text)
        elif CAPTION.match(text):
            caption = caption if caption and CAPTION.match(caption) else text
        elif across and top == 0 and not GROUP_ROW.match(text) and _titles(text, caption):
            caption = caption or text  # a title row without a label, or the caption printed twice
        else:
            break
        top += 1
    return top, caption, notes


def _titles(text: str, caption: str | None) -> bool:
    """A row across the table's top is its title: there is no other caption, or it repeats it."""
    return not caption or text in caption or caption in text or bool(_TITLE_WORDS.search(text))


def _header_height(places: list[list[Place]], top: int) -> int:
    height = 0
    while (
        top + height < len(places) - 1 and height < _MAX_HEADER_ROWS and _is_header_row(places[top + height])
    ):
        height += 1
    return height


def _is_header_row(line: list[Place]) -> bool:
    """Short texts, no figures but years, at least one header word; not one text across the table."""
    texts = [t for t in (clean(p.cell.text) for p in line) if t]
    if not texts or (len(set(texts)) == 1 and len(line) > 1):
        return False
    for text in texts:
        if len(text) > _MAX_HEADER_CELL or text in table_roles.ATTRIBUTE:
            return False
        if re.search(r"\d", _HEADER_FIGURES.sub("", text)):
            return False
    return any(table_roles.HEADER_WORDS.search(t) for t in texts)


def _column_names(header: list[list[Place]], width: int) -> list[str]:
    """Each column's header, the levels joined by '/': “十三五”基数/2020年绝对值; 列N without a header."""
    if not header:
        return [f"列{k + 1}" for k in range(width)]
    names = []
    for k in range(width):
        parts: list[str] = []
        for line in header:
            text = clean(line[k].cell.text).replace("（", "(").replace("）", ")")
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        names.append("/".join(parts))
    return names


def _shared(header: list[list[Place]], width: int) -> list[bool]:
    """Columns whose lowest header cell spans several columns."""
    if not header:
        return [False] * width
    return [p.cell.colspan > 1 for p in header[-1]]


def _column_cells(places: list[list[Place]], body: list[int], k: int) -> list[tuple[str, bool]]:
    """Column k's body cells as table_roles counts them, over rows of more than one text."""
    out = []
    for r in body:
        line = places[r]
        if len(line) > 1 and len({p.cell.text for p in line if p.cell.text.strip()}) < 2:
            continue  # a group row, a note, a caption repeated
        p = line[k]
        if p.row < r:
            out.append((clean(p.cell.text), True))
        else:
            out.append((clean(p.cell.text) if p.col == k else "", False))
    return out


def _given(roles: list[str] | None, width: int, where: str, warnings: list[PlanWarning]) -> list[str] | None:
    """Roles assigned by an office, where they fit the table; a warning where they do not."""
    if roles is None:
        return None
    if len(roles) == width and all(r in ROLES for r in roles):
        return list(roles)
    warnings.append(
        PlanWarning(
            code="roles_do_not_fit",
            message=f"{where}：指定的列作用（{len(roles)}个）与表格的{width}列不符，已按表格自身读取。",
            message_en=f"{where}: the column roles given ({len(roles)}) do not fit the table's {width} "
            "columns; the table was read on its own.",
            where=where,
        )
    )
    return None


def _doubt_warning(doubt: Doubt, table: Table, where: str) -> PlanWarning:
    k = doubt.column
    role = table.roles[k]
    column = table.columns[k] or "无表头"
    if doubt.against:
        zh = (
            f"{where}：第{k + 1}列（{column}）的表头像“{ROLE_LABELS[doubt.against]}”，单元格内容却像"
            f"“{ROLE_LABELS[role]}”，已按“{ROLE_LABELS[role]}”读取，请核对。"
        )
        en = (
            f"{where}: column {k + 1} ({column}) is headed like {ROLE_LABELS_EN[doubt.against]} but its cells "
            f"read as {ROLE_LABELS_EN[role]}; read as {ROLE_LABELS_EN[role]}, please check."
        )
    else:
        zh = f"{where}：第{k + 1}列（{column}）的表头未说明其作用，按单元格内容读作“{ROLE_LABELS[role]}”，请核对。"
        en = (
            f"{where}: the header of column {k + 1} ({column}) does not say what it holds; "
            f"read from its cells as {ROLE_LABELS_EN[role]}, please check."
        )
    return PlanWarning(code="column_role_guessed", message=zh, message_en=en, where=where)
