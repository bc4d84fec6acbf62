"""The body rows of a real table, read by the roles of its columns.

A row with one text across the table is a group row (一、经济发展: the
category of the rows below) or a note (注：…); a row repeating the header (a
page turned) is skipped. Any other row is an indicator: its number from the
number column or from the front of its name (`1. 地区生产总值年均增长`), its
unit from the unit column or from the brackets that end its name
(`国内生产总值(GDP)增长(%)`), its category from the category column (merged
down its rows, `创新\\n发展\\n(5项)`) or the group row above. Category, name,
unit and attribute cells merged down belong to every row they cover; a merged
value cell belongs to the row where it starts.

Sub-rows: a name merged down over rows that print a second name beside it
(`24. 每千人口拥有医护人员数` over 执业（助理）医师数 and 注册护士数) gives the
indicator as a parent row without cells and one row per sub-name; a row
named 其中… or a row without a number after a numbered row with no values
is a sub-row of that row.

A table of no targets (a box listing projects or actions) has items, not
indicators: an item printed as a title over its paragraph is named by the
title, the paragraph kept as its note.
"""

from __future__ import annotations

import re

from planwatch.ingest import columns as cols
from planwatch.ingest.blocks import Place
from planwatch.ingest.table_roles import ATTRIBUTE, TARGET_ROLES, unit_text
from planwatch.plan.cells import noted, read_cell
from planwatch.plan.model import Cell, PlanWarning, Row, Table
from planwatch.plan.tables import VALUE_ROLES, cell_phrase

GROUP_ROW = re.compile(rf"^{cols.GROUP_NUMERAL}[、．.]\s*(.+)$")
_NOTE_ROW = re.compile(r"^(注|说明|备注|资料来源)\s*\d?\s*[:：.、]")
_CONTINUED = re.compile(r"^[(（]?续(表)?[)）]?$|[(（]续[)）]$")
_FUSED_NUMBER = re.compile(r"^(\d{1,3})\s*[.、．](?!\d)\s*(.+)$", re.S)
_ROW_NUMBER = re.compile(r"^\s*(\d{1,3}|[Il|])\s*[.、．]?\s*$")
_LONG_ITEM = 40
_COUNT = re.compile(r"\s*[(（]\s*(?:共)?\s*\d+\s*(?:项|个)\s*[)）]\s*$")


def clean(text: str) -> str:
    """A line break inside a cell is a wrap of the printed column, not a space."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def read_rows(
    table: Table, lines: list[tuple[int, list[Place]]], repeated: list[list[str]], where: str
) -> list[PlanWarning]:
    """Fill the table's rows, groups and notes from its body `lines` (grid row index, positions).

    `repeated` holds the caption and header rows as texts: printed again in the body, they are skipped.
    """
    reader = _Reader(table, where)
    for r, line in lines:
        texts = [clean(p.cell.text) for p in line]
        if any(texts) and texts not in repeated:
            reader.line(r, line, texts)
    reader.finish()
    return reader.warnings


class _Reader:
    def __init__(self, table: Table, where: str) -> None:
        self.table = table
        self.where = where
        self.warnings: list[PlanWarning] = []
        roles = table.roles
        self.category_col = roles.index("category") if "category" in roles else None
        self.number_col = roles.index("number") if "number" in roles else None
        self.unit_col = roles.index("unit") if "unit" in roles else None
        self.attr_col = roles.index("attribute") if "attribute" in roles else None
        self.name_cols = [k for k, r in enumerate(roles) if r == "name"]
        self.note_cols = [k for k, r in enumerate(roles) if r == "note"]
        self.value_cols = [k for k, r in enumerate(roles) if r in VALUE_ROLES]
        self.listing = bool(self.name_cols) and not TARGET_ROLES.intersection(roles)  # a box of items
        self.category: str | None = None
        self.merged: tuple[str, Row] | None = None  # the name merged down over sub-rows, and its row
        self.numbered: Row | None = None  # the last row with a number

    def line(self, r: int, line: list[Place], texts: list[str]) -> None:
        fresh = [(p.row, p.col) == (r, k) for k, p in enumerate(line)]
        values = [texts[k] if fresh[k] else "" for k in self.value_cols]
        lone = {t for k, t in enumerate(texts) if t and k != self.category_col}
        if len(lone) == 1 and self.lone(lone.pop(), any(values)):
            return
        if self.category_col is not None and texts[self.category_col]:
            self.category = _category(texts[self.category_col])
        names = list(dict.fromkeys(texts[k] for k in self.name_cols if texts[k]))
        if not names and not any(values):
            return
        number = self.number(texts[self.number_col]) if self.number_col is not None else None
        lead = names[0] if names else ""
        fused = _FUSED_NUMBER.match(lead)
        if fused:
            number, lead = number or fused.group(1), fused.group(2).strip()
        if len(names) > 1:
            parent = self.merged_parent(names[0], number, lead)
            row = self.row(None, names[-1], texts, values)
            row.parent = parent.name
        else:
            row = self.row(number, lead, texts, values)
            self.adopt(row)
            if self.listing:
                _titled(row, line[self.name_cols[0]].cell.text)
        self.table.rows.append(row)

    def lone(self, text: str, has_values: bool) -> bool:
        """A row of one text: a note, a continuation mark or a group row; False for an indicator row."""
        if _NOTE_ROW.match(text):
            self.table.notes.append(re.sub(r"^注\s*[:：]\s*", "", text))
            return True
        if _CONTINUED.search(text):
            return True
        group = GROUP_ROW.match(text)
        heading = not self.listing and not _FUSED_NUMBER.match(text) and not has_values
        if group or heading:
            self.table.groups.append(text)
            self.category = _category(text)
            self.merged = self.numbered = None
            return True
        return False

    def number(self, text: str) -> str | None:
        m = _ROW_NUMBER.match(text)
        if not m:
            return text or None
        if m.group(1) in "Il|":
            self.warnings.append(
                PlanWarning(
                    code="row_number_repaired",
                    message=f"{self.where}：序号“{m.group(1)}”读作1。",
                    message_en=f"{self.where}: row number “{m.group(1)}” read as 1.",
                    where=self.where,
                )
            )
            return "1"
        return m.group(1)

    def row(self, number: str | None, printed: str, texts: list[str], values: list[str]) -> Row:
        """An indicator row: name and unit, category, attribute, notes and value cells."""
        unit_cell = unit_text(texts[self.unit_col]) if self.unit_col is not None else None
        if self.unit_col is not None and texts[self.unit_col]:
            name, unit = printed, unit_cell
        else:
            name, unit, lost = cols.split_name(printed)
            if lost:
                self.unit_lost(name, unit)
        attribute = ATTRIBUTE.get(texts[self.attr_col]) if self.attr_col is not None else None
        row = Row(number=number, name=name, unit=unit, category=self.category, attribute=attribute)
        row.notes = [texts[k] for k in self.note_cols if texts[k]]
        names = [self.table.columns[k] for k in self.value_cols]
        row.cells = [_cell(text, column) for text, column in zip(values, names, strict=True)]
        return row

    def merged_parent(self, printed: str, number: str | None, lead: str) -> Row:
        """The row of a name merged down over sub-rows, added once before its first sub-row."""
        if self.merged is None or self.merged[0] != printed:
            name, unit, _ = cols.split_name(lead)
            parent = Row(number=number, name=name, unit=unit, category=self.category)
            self.table.rows.append(parent)
            self.merged = (printed, parent)
            self.numbered = None
        return self.merged[1]

    def adopt(self, row: Row) -> None:
        """Make `row` a sub-row of the row above it where the table prints it so."""
        parent = None
        if row.name.startswith("其中") and self.table.rows:
            parent = next((r for r in reversed(self.table.rows) if not r.name.startswith("其中")), None)
        elif row.number is None and self.numbered is not None and not any(c.raw for c in self.numbered.cells):
            parent = self.numbered
        if parent is not None:
            row.parent = parent.name
            if not any(c.raw for c in parent.cells):
                parent.cells = []  # a heading over its sub-rows, not an indicator of its own
        if row.number is not None:
            self.numbered = row
        self.merged = None

    def unit_lost(self, name: str, unit: str | None) -> None:
        guess = unit or "未知"
        self.warnings.append(
            PlanWarning(
                code="unit_lost",
                message=f"{self.where}：指标“{name}”的单位印作“()”，读作“{guess}”，请核对。",
                message_en=f"{self.where}: the unit of “{name}” is printed as “()”; read as "
                f"{unit or 'unknown'}, please check.",
                where=self.where,
            )
        )

    def finish(self) -> None:
        """Rows that did not fill: an indicator row with no target, or values with no name."""
        if "name" not in self.table.roles or not TARGET_ROLES.intersection(self.table.roles):
            return
        targets = [k for k, c in enumerate(self.value_cols) if self.table.roles[c] in TARGET_ROLES]
        parents = {r.parent for r in self.table.rows if r.parent}
        for row in self.table.rows:
            if row.name in parents or not row.cells:
                continue
            if not row.name or not any(row.cells[k].raw for k in targets):
                self.warnings.append(_unfilled(self.where, row))


def _unfilled(where: str, row: Row) -> PlanWarning:
    label = f"第{row.number}项" if row.number else "一行"
    if not row.name:
        values = "、".join(c.raw for c in row.cells if c.raw)
        return PlanWarning(
            code="row_without_name",
            message=f"{where}：{label}有数值（{values}）却没有指标名称，请核对。",
            message_en=f"{where}: a row holds values ({values}) but no indicator name; please check.",
            where=where,
        )
    return PlanWarning(
        code="row_unfilled",
        message=f"{where}：{label}“{row.name}”没有读到目标值，请核对。",
        message_en=f"{where}: no target was read for “{row.name}”"
        + (f" (row {row.number})" if row.number else "")
        + "; please check.",
        where=where,
    )


def _titled(row: Row, printed: str) -> None:
    """An item of a box printed as its title over a paragraph (汽车\n重点发展…) is named by the title."""
    title, _, rest = printed.strip().partition("\n")
    if rest and len(printed) > _LONG_ITEM and len(title) <= _LONG_ITEM:
        row.name, row.notes = clean(title), [clean(rest), *row.notes]


def _category(text: str) -> str:
    """`一、经济发展` and `创新发展(5项)` are the categories 经济发展 and 创新发展."""
    group = GROUP_ROW.match(text)
    return _COUNT.sub("", group.group(1) if group else text).strip()


def _cell(text: str, column: str) -> Cell:
    """A value cell: scan repairs (一 for —, 口 for [ ]) kept beside the text; a value printed with
    its kind (`“十五五”年均增长5.0左右`) read on its figure."""
    printed = None
    if text in ("一", "-", "－", "–"):
        printed, text = text, "—"
    elif re.fullmatch(r"口\s*[-\d.]+\s*口?", text):
        printed, text = text, "[" + text.strip("口 ") + "]"
    kind, figure = cell_phrase(text)
    reading = read_cell(figure)
    if kind:
        what = (
            ("年均增速", "an annual growth rate") if kind == "growth" else ("累计数", "a cumulative figure")
        )
        reading = noted(reading, (f"印作“{text}”，读作{what[0]}", f"{what[1]}: {text}"))
    return Cell(raw=text, printed=printed, column=column, reading=reading, uncertain=reading.uncertain)
