"""Rows read from a table printed as lines, laid out as the grid of cells a real table holds.

Both readers of tables printed as lines (`line_rows` by the order of the
pieces, `line_columns` by where they stand on the line) give rows: a number,
a name, a unit, values, an attribute, sub-rows, the category label printed
beside them, or a group row. Here they become the grid
`grid_tables.build_table` reads, so one row reader serves every kind of table:

- a category label merged down its rows is printed anywhere beside them: at
  their top, in their middle, before the first. Where every label says how
  many rows it covers (`创新发展(5项)`) the rows are counted off; else a label
  starts at the row it is printed beside.
- an attribute printed once for a row's sub-rows covers them all.
- values placed by where they stood are kept; values read in order are put in
  the value columns by what the columns hold (`splitting`), and a guess is said.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from planwatch.ingest import columns as cols
from planwatch.ingest import splitting
from planwatch.ingest.blocks import GridCell
from planwatch.ingest.line_pieces import COUNT, Fragment, continues_value, join, starts_value
from planwatch.ingest.table_found import cells_text, where_warning
from planwatch.plan.model import PlanWarning
from planwatch.plan.tables import row_kind
from planwatch.plan.vocabulary import count_en

_MAX_JOINS = 5000  # ways of joining a row's pieces into its cells worth weighing


@dataclass
class Column:
    name: str
    role: str  # category, number, name, unit, value, attribute, remark


@dataclass
class LineRow:
    number: str | None = None
    name: list[Fragment] = field(default_factory=list)
    unit: str | None = None
    values: list[Fragment] = field(default_factory=list)  # read in order, to be placed in the columns
    cells: list[str] | None = None  # or placed where they stood, one text per value column
    attribute: str | None = None
    merged_attribute: bool = False  # printed once for the row and its sub-rows
    subrows: list[LineRow] = field(default_factory=list)
    category: str | None = None  # a category label printed beside (or before) this row
    group: str | None = None  # a group row's text

    def label(self) -> tuple[str, str]:
        """The row as a warning names it, in Chinese and in English."""
        name = join(self.name)
        if self.number:
            return f"第{self.number}行（{name}）", f"row {self.number} ({name})"
        return f"“{name}”行", f"row “{name}”"

    def has_values(self) -> bool:
        return bool(self.values) or any(self.cells or [])


@dataclass
class Body:
    rows: list[list[GridCell]]
    warnings: list[PlanWarning]
    last_line: int | None
    unread: list[str]
    uncertain: dict[str, list[list[str]]] = field(default_factory=dict)


class Grid:
    """Lays out the rows of one table in the header's columns, saying what was guessed."""

    def __init__(self, columns: list[Column], where: str):
        self.columns = columns
        self.where = where
        self.width = sum(1 for c in columns if c.role == "value")
        self.kinds = [cols.value_column(c.name) for c in columns if c.role == "value"]
        self.warnings: list[PlanWarning] = []

    def warn(self, code: str, message: str, message_en: str) -> None:
        self.warnings.append(where_warning(code, self.where, message, message_en))

    def body(self, rows: list[LineRow], last_line: int | None, unread: list[str], repeats: int) -> Body:
        self._place_categories(rows)
        grid: list[list[GridCell]] = []
        uncertain: dict[str, list[list[str]]] = {}
        for row, height in zip(rows, _category_heights(rows), strict=True):
            if row.group is not None:
                grid.append([GridCell(row.group, colspan=len(self.columns))])
                continue
            grid.extend(self._grid_rows(row, height, uncertain))
        self._warn_unfilled(rows, uncertain)
        if repeats:
            self.warn(
                "header_repeated",
                f"{self.where}：换页后重复印出的表头（{repeats}处）已跳过。",
                f"{self.where}: the header printed again after a page break ({repeats}×) was skipped.",
            )
        return Body(grid, self.warnings, last_line, unread, uncertain)

    # -- categories ---------------------------------------------------------------------

    def _place_categories(self, rows: list[LineRow]) -> None:
        """Count off each label's rows where every label gives its count and the counts fit the labels'
        places; else each label starts at the row it is printed beside, and a count that does not fit
        is said."""
        tops = [r for r in rows if r.group is None]
        labelled = [(k, r.category) for k, r in enumerate(tops) if r.category]
        counts = [COUNT.search(label) for _, label in labelled]
        if not labelled:
            return
        if not all(counts):
            self._warn_unlabelled(labelled[0][0])
            return
        starts, k = [], 0
        for m in counts:
            starts.append(k)
            k += int(m.group(1))
        fits = k == len(tops) and all(
            start <= at < start + int(m.group(1))
            for (at, _), start, m in zip(labelled, starts, counts, strict=True)
        )
        if not fits:
            shown = "、".join(label for _, label in labelled)
            self.warn(
                "category_count_mismatch",
                f"{self.where}：类别（{shown}）所注的项数与表中的{len(tops)}行对不上，类别已按其印出的位置归属，请核对。",
                f"{self.where}: the counts the categories give ({shown}) do not fit the table's {len(tops)} "
                "rows; each category was given the rows from where it is printed, please check.",
            )
            return
        for row in tops:
            row.category = None
        for (_, label), start in zip(labelled, starts, strict=True):
            tops[start].category = label

    def _warn_unlabelled(self, first: int) -> None:
        """Rows before the first category label: the labels may be printed in the middle of their rows."""
        if first == 0:
            return
        self.warn(
            "category_unplaced",
            f"{self.where}：表的前{first}行没有类别（第一个类别印在其后），类别可能印在其所属各行的中间"
            "而又未注明项数，各行的类别可能归错，请核对。",
            f"{self.where}: no category is printed before the first {count_en(first, 'row')}; the categories may be "
            "printed in the middle of their rows without their counts, so rows may be given the wrong one; "
            "please check.",
        )

    # -- the rows ------------------------------------------------------------------------

    def _grid_rows(self, row: LineRow, height: int | None, uncertain: dict) -> list[list[GridCell]]:
        subs = row.subrows
        marked = [s for s in subs if s.attribute]
        if len(subs) > 1 and not row.has_values() and len(marked) == 1 and marked[0] in (subs[0], subs[-1]):
            row.attribute, marked[0].attribute = marked[0].attribute, None  # printed once for the sub-rows
        if subs and row.attribute and not row.has_values() and not any(s.attribute for s in subs):
            row.merged_attribute = True  # printed once for the sub-rows, on the row that heads them
        out = []
        for k, r in enumerate([row, *row.subrows]):
            cells, alternatives = self._fit(r)
            if alternatives:
                uncertain[join(r.name)] = alternatives
            values = iter(cells)
            out.append([c for column in self.columns for c in self._cell(column, row, r, k, height, values)])
        return out

    def _cell(
        self, column: Column, row: LineRow, r: LineRow, k: int, height: int | None, values
    ) -> list[GridCell]:
        """The grid cell of `column` on the k-th grid line of `row` (r: the row or sub-row printed there)."""
        role = column.role
        if role == "category":
            return (
                [GridCell(row.category or "", rowspan=max(height, 1))]
                if k == 0 and height is not None
                else []
            )
        if role == "number":
            return [GridCell(r.number or "")]
        if role == "name":
            number = f"{r.number}." if r.number and not any(c.role == "number" for c in self.columns) else ""
            return [GridCell(number + join(r.name))]
        if role == "unit":
            return [GridCell(r.unit or "")]
        if role == "value":
            return [GridCell(next(values))]
        if role == "attribute" and row.merged_attribute:
            if k == 0:
                return [GridCell("")]
            return [GridCell(row.attribute or "", rowspan=len(row.subrows))] if k == 1 else []
        if role == "attribute":
            return [GridCell(r.attribute or "")]
        return [GridCell("")]

    def cells_so_far(self, row: LineRow) -> int:
        """The cells the row's value pieces make, joining the wraps that are certain."""
        return len(certain_cells(row.values))

    def _warn_unfilled(self, rows: list[LineRow], uncertain: dict[str, list[list[str]]]) -> None:
        """Rows with fewer values than columns: said where the placing was a guess or the table fills its rows."""
        read = [r for top in rows if top.group is None for r in (top, *top.subrows) if r.values]
        short = [r for r in read if self.cells_so_far(r) < self.width]
        usual = len(short) <= len(read) / 2
        for row in short:
            if join(row.name) not in uncertain and not usual:
                continue
            zh, en = row.label()
            self.warn(
                "row_unfilled",
                f"{self.where}：{zh}的数值少于{self.width}列，已按各列的含义放置，请核对。",
                f"{self.where}, {en}: fewer values than the {self.width} columns, placed by what the columns "
                "hold; please check.",
            )

    # -- values into columns ----------------------------------------------------------

    def _fit(self, row: LineRow) -> tuple[list[str], list[list[str]]]:
        """The row's values as one text per value column; other close readings where placing was a guess."""
        if row.cells is not None:
            return row.cells, []
        pieces, n = row.values, self.width
        if not pieces:
            return [""] * n, []
        if len(pieces) > n:
            return self._joined(row, pieces, n), []
        texts = certain_cells(pieces)
        if len(texts) == n:
            return texts, []
        return self._placed(row, texts)

    def _joined(self, row: LineRow, pieces: list[Fragment], n: int) -> list[str]:
        """More pieces than columns: the cheapest way to join neighbours into n cells (wrapped cells)."""
        if math.comb(len(pieces) - 1, n - 1) > _MAX_JOINS:
            return self._too_many(row, pieces, n)
        costs = [_join_cost(pieces[k - 1], pieces[k]) for k in range(1, len(pieces))]
        ranked = sorted(
            (sum(c for k, c in enumerate(costs, start=1) if k not in cuts), cuts)
            for cuts in combinations(range(1, len(pieces)), n - 1)
        )
        best, cuts = ranked[0]
        bounds = [0, *cuts, len(pieces)]
        cells = [join(pieces[a:b]) for a, b in pairwise(bounds)]
        if best > 0 or (len(ranked) > 1 and ranked[1][0] - best < 1.0):
            zh, en = row.label()
            self.warn(
                "cell_joined",
                f"{self.where}：{zh}折行的单元格按推测合并为{cells_text(cells)}，请核对。",
                f"{self.where}, {en}: wrapped cells joined by guess as {cells_text(cells, 'en')}; please check.",
            )
        return cells

    def _too_many(self, row: LineRow, pieces: list[Fragment], n: int) -> list[str]:
        """Far more pieces than columns: the certain wraps joined, the rest run into the last cell, said."""
        cells = certain_cells(pieces)
        cells = (
            [*cells[: n - 1], "".join(cells[n - 1 :])] if len(cells) > n else cells + [""] * (n - len(cells))
        )
        zh, en = row.label()
        self.warn(
            "row_unread",
            f"{self.where}：{zh}的文字远多于{n}列，无法可靠地分入各列，请核对。",
            f"{self.where}, {en}: far more pieces of text than the {n} columns; they could not be placed "
            "reliably, please check.",
        )
        return cells

    def _placed(self, row: LineRow, texts: list[str]) -> tuple[list[str], list[list[str]]]:
        """Fewer pieces than columns: each figure goes where the columns' kinds and the row's kind want it."""
        name, unit, _ = cols.split_name(join(row.name))
        context = splitting.RowContext(row_kind(name), row.unit or unit, name)
        atoms = [splitting.Atom("text", t) for t in texts]
        found = splitting.readings(atoms, self.kinds, context)
        best, close = splitting.choose(found)
        if best is None:
            return texts + [""] * (self.width - len(texts)), []
        return best.cells, [r.cells for r in close]


def _category_heights(rows: list[LineRow]) -> list[int | None]:
    """For a row where a category starts, the grid rows it covers (to the next category); else None."""
    out: list[int | None] = []
    open_at: int | None = None
    count = 0
    for row in rows:
        size = 1 + len(row.subrows) if row.group is None else 0
        if row.category is not None or open_at is None:
            if open_at is not None:
                out[open_at] = count
            open_at, count = len(out), 0
        out.append(None)
        count += size
    if open_at is not None:
        out[open_at] = count
    return out


def certain_cells(pieces: list[Fragment]) -> list[str]:
    """The pieces with the wraps that certainly go on (`控制在市目标` `内`) joined."""
    cells: list[list[Fragment]] = []
    for k, f in enumerate(pieces):
        if k and continues_value(pieces[k - 1], f):
            cells[-1].append(f)
        else:
            cells.append([f])
    return [join(c) for c in cells]


def _join_cost(a: Fragment, b: Fragment) -> float:
    """What joining two neighbouring pieces into one cell assumes."""
    if not a.last:
        return 4.0  # pieces on one line stand apart: two cells
    if continues_value(a, b):
        return 0.0
    if starts_value(b.text) and (a.text[-1].isdigit() or a.text[-1] in "%】]"):
        return 5.0  # two figures are two cells
    return 1.5
