"""The plan as read, shaped for its page: the outline with each box's table in place, tables with their headers,
how sure the reading is and its warnings, each linked to its place.

A reader checks the reading against the printed plan, so every uncertain cell
keeps the other texts it may hold, and every repaired cell what was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from planwatch.ingest import quality
from planwatch.ingest.quality import confidence_level, label, table_place
from planwatch.plan import model as plan_model
from planwatch.server.translations import page_lang


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
    table: plan_model.Table
    header: list[list[HeaderCell]]
    rows: list[RowView]
    width: int
    attribute: bool
    uncertain: int


@dataclass
class NodeView:
    node: plan_model.OutlineNode
    table: TableView | None = None
    children: list[NodeView] = field(default_factory=list)
    anchor: str = ""


def _cell(index: int, cell: plan_model.Cell) -> CellView:
    notes = []
    if cell.uncertain and cell.alternatives:
        alts = "、".join(a or _("（空）") for a in cell.alternatives)
        notes.append(_("其他可能：%(alternatives)s") % {"alternatives": alts})
    elif cell.uncertain:
        notes.append(_("读取不确定"))
    if cell.printed is not None:
        notes.append(_("原文印作：%(printed)s") % {"printed": cell.printed})
    return CellView(cell.raw, cell.uncertain, "；".join(notes), index)


def _group(table: plan_model.Table, category: str) -> str:
    """The group row a category belongs to: 经济发展 -> 一、经济发展."""
    return next((g for g in table.groups if g.endswith(category)), category)


def _lead_headers(table: plan_model.Table) -> tuple[str, str, bool]:
    """The printed headers over the number and the name, and whether the table has an attribute column.

    Where the columns' roles are known they say which header is which (a 类别 or 单位 column may stand
    before the value columns); else the headers before the first value column are taken in order.
    """
    columns, cells = table.columns, table.cell_columns
    if table.roles:
        said: dict[str, str] = {}
        for name, role in zip(columns, table.roles, strict=False):
            said.setdefault(role, name)
        name = said.get("name") or _("指标")
        number = said.get("number") if said.get("number") not in (None, "", name) else _("序号")
        return number, name, "attribute" in said
    first = columns.index(cells[0]) if cells and cells[0] in columns else 0
    before = columns[:first]
    number = before[0] if len(before) >= 2 else _("序号")
    return number, (before[-1] if before else _("指标")), any("属性" in c for c in columns)


def table_view(index: int, table: plan_model.Table) -> TableView:
    cells = table.cell_columns
    number, name, attribute = _lead_headers(table)
    attribute = attribute or any(r.attribute for r in table.rows)
    split = [c.split("/", 1) for c in cells]
    two_levels = any(len(parts) == 2 for parts in split)
    rowspan = 2 if two_levels else 1
    top = [
        HeaderCell(number, rowspan=rowspan),
        HeaderCell(name, rowspan=rowspan),
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
                notes=("; " if page_lang() == "en" else "；").join(row.note_texts(page_lang())),
            )
        )
    uncertain = sum(c.uncertain for r in table.rows for c in r.cells)
    header = [top, second] if two_levels else [top]
    width = 3 + len(cells) + attribute
    return TableView(index, table, header, rows, width, attribute, uncertain)


def outline_view(reading: plan_model.Plan) -> tuple[list[NodeView], list[TableView]]:
    """The outline with each box's table in place, and the tables no outline node holds.

    Each heading has an anchor (node-2-4: the fourth heading under the second) a warning can link to.
    """
    tables = [table_view(k, t) for k, t in enumerate(reading.tables)]
    placed: set[int] = set()

    def view(node: plan_model.OutlineNode, anchor: str) -> NodeView:
        table = None
        if node.table is not None and 0 <= node.table < len(tables):
            table = tables[node.table]
            placed.add(node.table)
        children = [view(c, f"{anchor}-{k + 1}") for k, c in enumerate(node.children)]
        return NodeView(node, table, children, anchor)

    outline = [view(n, f"node-{k + 1}") for k, n in enumerate(reading.outline)]
    return outline, [t for t in tables if t.index not in placed]


@dataclass
class WarningView:
    """A warning as a clerk reads it: the sentence in the page's language, and the anchor of its place."""

    text: str
    anchor: str = ""


@dataclass
class ConfidenceView:
    value: float
    level: str  # high, medium, low: the class that colours the bar
    label: str
    sentence: str

    @property
    def percent(self) -> int:
        return round(self.value * 100)


def confidence_view(reading: plan_model.Plan) -> ConfidenceView | None:
    """How sure the reading is, as the band 高/中/低 and a sentence saying what the office should do."""
    level = confidence_level(reading.confidence)
    if level is None or reading.confidence is None:
        return None
    band = {"high": pgettext("confidence", "高"), "medium": pgettext("confidence", "中")}.get(
        level, pgettext("confidence", "低")
    )
    sentence = {
        "high": _("读取结果基本可靠；仍请对照原文核对下面的提示和标黄（读取不确定）的单元格。"),
        "medium": _("读取结果有疑点，请逐条查看下面的提示，对照原文核对相应的章节和表格。"),
        "low": _("读取结果很可能有错，请先查看下面的提示，对照原文核对。"),
    }[level]
    return ConfidenceView(reading.confidence, level, band, sentence)


def _places(outline: list[NodeView], reading: plan_model.Plan) -> dict[str, str]:
    """The texts a warning may name a place by (a heading, a table's caption) and the anchor of each."""
    places: dict[str, str] = {}

    def add(item: NodeView) -> None:
        node = item.node
        for text in (label(node), f"{node.number}{node.title}"):
            places.setdefault(text, item.anchor)
        for child in item.children:
            add(child)

    for item in outline:
        add(item)
    for k, table in enumerate(reading.tables):
        for text in (table.caption, table_place(table, k)):
            places[text] = f"table-{k}"
    return {text: anchor for text, anchor in places.items() if len(text) >= 4}


def reading_check(
    reading: plan_model.Plan, outline: list[NodeView], by_code: dict[str, str] | None = None
) -> dict:
    """What a page showing a reading says of it: the confidence, and the warnings linked to their places."""
    return {
        "confidence": confidence_view(reading),
        "warnings": warning_views(reading, outline, page_lang(), by_code),
    }


def warning_views(
    reading: plan_model.Plan, outline: list[NodeView], lang: str, by_code: dict[str, str] | None = None
) -> list[WarningView]:
    """Each warning in the page's language, linked to the heading or table it names where that is on the page
    (or to the anchor `by_code` gives its code); the self-check's findings, which judge the whole reading, first."""
    places = _places(outline, reading)
    longest_first = sorted(places, key=len, reverse=True)
    views = []
    for w in sorted(reading.warnings, key=lambda w: w.code not in quality.CODES):
        if by_code and w.code in by_code:
            views.append(WarningView(w.text(lang), by_code[w.code]))
            continue
        anchor = places.get(w.where or "", "")
        if not anchor:
            said = f"{w.where or ''} {w.message}"
            anchor = next((places[p] for p in longest_first if p in said), "")
        views.append(WarningView(w.text(lang), anchor))
    return views


def cell_place(reading: plan_model.Plan, table: int, row: int, cell: int) -> str:
    """A cell named as a reader finds it in the plan: the table's caption › the row's name › the column."""
    try:
        found = reading.tables[table]
        names = [found.caption or _("表%(number)s") % {"number": table + 1}, found.rows[row].name]
    except IndexError:
        return f"{table + 1} › {row + 1} › {cell + 1}"
    columns = found.cell_columns
    names.append(columns[cell] if cell < len(columns) else str(cell + 1))
    return " › ".join(names)
