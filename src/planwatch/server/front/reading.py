"""The plan as read, shaped for its page: the outline with each box's table in place, tables with their headers.

A reader checks the reading against the printed plan, so every uncertain cell
keeps the other texts it may hold, and every repaired cell what was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from planwatch import plan as doc


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class CellView:
    """A cell as shown; `index` is its place in the row read, None for a blank padding a short row."""

    text: str
    uncertain: bool = False
    title: str = ""
    index: int | None = None


@dataclass
class RowView:
    """A row as shown; `index` is its place in the table read, which a correction names."""

    index: int
    number: str
    name: str
    unit: str
    attribute: str
    cells: list[CellView]
    sub: bool = False
    group: str = ""
    notes: str = ""


@dataclass
class TableView:
    index: int
    table: doc.Table
    header: list[list[HeaderCell]]
    rows: list[RowView]
    width: int
    attribute: bool
    uncertain: int


@dataclass
class NodeView:
    node: doc.OutlineNode
    table: TableView | None = None
    children: list[NodeView] = field(default_factory=list)


def _cell(index: int, cell: doc.Cell) -> CellView:
    notes = []
    if cell.uncertain and cell.alternatives:
        alts = "、".join(a or _("（空）") for a in cell.alternatives)
        notes.append(_("其他可能：%(alternatives)s") % {"alternatives": alts})
    elif cell.uncertain:
        notes.append(_("读取不确定"))
    if cell.printed is not None:
        notes.append(_("原文印作：%(printed)s") % {"printed": cell.printed})
    return CellView(cell.raw, cell.uncertain, "；".join(notes), index)


def _group(table: doc.Table, category: str) -> str:
    """The group row a category belongs to: 经济发展 -> 一、经济发展."""
    return next((g for g in table.groups if g.endswith(category)), category)


def table_view(index: int, table: doc.Table) -> TableView:
    columns, cells = table.columns, table.cell_columns
    first = columns.index(cells[0]) if cells and cells[0] in columns else 0
    before = columns[:first]
    attribute = any("属性" in c for c in columns) or any(r.attribute for r in table.rows)
    split = [c.split("/", 1) for c in cells]
    two_levels = any(len(parts) == 2 for parts in split)
    rowspan = 2 if two_levels else 1
    top = [
        HeaderCell(before[0] if len(before) >= 2 else _("序号"), rowspan=rowspan),
        HeaderCell(before[-1] if before else _("指标"), rowspan=rowspan),
        HeaderCell(_("单位"), rowspan=rowspan),
    ]
    second: list[HeaderCell] = []
    for parts in split:
        if len(parts) == 1:
            top.append(HeaderCell(parts[0], rowspan=rowspan))
            continue
        if top[-1].text == parts[0] and top[-1].rowspan == 1:
            top[-1].colspan += 1
        else:
            top.append(HeaderCell(parts[0]))
        second.append(HeaderCell(parts[1]))
    if attribute:
        top.append(HeaderCell(_("属性"), rowspan=rowspan))
    rows = []
    previous = None
    for k, row in enumerate(table.rows):
        group = ""
        if row.category and row.category != previous:
            group = _group(table, row.category)
            previous = row.category
        views = [_cell(i, c) for i, c in enumerate(row.cells)]
        views += [CellView("")] * (len(cells) - len(views))
        rows.append(
            RowView(
                index=k,
                number=row.number or "",
                name=row.name,
                unit=row.unit or "",
                attribute=row.attribute or "",
                cells=views,
                sub=row.parent is not None,
                group=group,
                notes="；".join(row.notes),
            )
        )
    uncertain = sum(c.uncertain for r in table.rows for c in r.cells)
    header = [top, second] if two_levels else [top]
    width = 3 + len(cells) + attribute
    return TableView(index, table, header, rows, width, attribute, uncertain)


def outline_view(reading: doc.Plan) -> tuple[list[NodeView], list[TableView]]:
    """The outline with each box's table in place, and the tables no outline node holds."""
    tables = [table_view(k, t) for k, t in enumerate(reading.tables)]
    placed: set[int] = set()

    def view(node: doc.OutlineNode) -> NodeView:
        table = None
        if node.table is not None and 0 <= node.table < len(tables):
            table = tables[node.table]
            placed.add(node.table)
        return NodeView(node, table, [view(c) for c in node.children])

    outline = [view(n) for n in reading.outline]
    return outline, [t for t in tables if t.index not in placed]


def cell_place(reading: doc.Plan, table: int, row: int, cell: int) -> str:
    """A cell named as a reader finds it in the plan: the table's caption › the row's name › the column."""
    try:
        found = reading.tables[table]
        names = [found.caption or _("表%(number)s") % {"number": table + 1}, found.rows[row].name]
    except IndexError:
        return f"{table + 1} › {row + 1} › {cell + 1}"
    columns = found.cell_columns
    names.append(columns[cell] if cell < len(columns) else str(cell + 1))
    return " › ".join(names)
