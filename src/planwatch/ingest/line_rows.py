"""The body of a table printed as lines, read back into rows of grid cells.

The pieces of text between spaces and line breaks come in reading order: a
row's number, its name (perhaps wrapped over lines), its unit, its values
(a wrapped value over several lines: `4.5-5,` `努力争取` `更好结果`), its
attribute. What is between a row's attribute and the next row's number is
the next group's category (`创新` `发展` `(5项)`) or a group row (二、…).
A row number is one that continues the count; a figure that merely equals it
is a value while its row still lacks cells.

Where a row has more pieces than columns, the pieces that read as one wrapped
cell are joined; where it has fewer, the figures are placed by the columns'
kinds (a growth rate in a growth column), as `splitting` does for fused runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from planwatch.ingest import columns as cols
from planwatch.ingest import splitting
from planwatch.ingest.blocks import GridCell
from planwatch.ingest.table_found import where_warning
from planwatch.plan import Warning

_NUMBER = re.compile(r"(\d{1,3})[.、．]?")
_FUSED = re.compile(r"(\d{1,3})(?:[.、．]\s*|(?=[\u4e00-\u9fff]))(\S.*)")
_MARKED_NUMBER = re.compile(r"(\d{1,3})[.、．]")
_MARKED_FUSED = re.compile(r"(\d{1,3})[.、．]\s*(\S.*)")
_DASH = ("—", "-", "－", "–", "/", "无")
_VALUE_START = re.compile(r"[-−—–－~～<>≤≥＜＞≦≧\[【〔]|\d|累计|口\d|[+＋]\d")
_VALUE_SUFFIX = re.compile(r"\d+(?:\.\d+)?(?:以上|以下|以内|左右|万|亿|千|[%‰/])")
_PHRASE = re.compile(
    r"(?:完成|控制|按|与|保持|达到(?:国家|省|市|区|县)|不(?:低于|高于|超过)|低于|高于|快于|待定|力争|确保|稳定在|持续|逐步)"
)
_UNIT = re.compile(
    r"(?:百分点|[%‰℃万亿千百十元美人户个家件项座张台辆吨米岁年天次所床位亩瓦时克升标准煤公里平方立顷倍份册部小度点箱微毫纳斤焦贝帕]"
    r"|[/／·每]|[A-Za-z²³])+"
)
_MAX_UNIT = 10
_UNIT_PAREN_END = re.compile(r"[(（][^()（）]{0,20}[)）]$")
_GROUP_ROW = re.compile(rf"{cols.GROUP_NUMERAL}[、．.]\s*\S")
_CONTINUED = re.compile(r"续表|[(（]续[)）]")
_WRAP_END = tuple(",，、(（~～/")
_WRAP_SHARE = 0.8  # a name line this close to the widest name line reached the column's edge
_CATEGORY_REACH = 5  # a category is a few short pieces right before a row number
_MAX_CATEGORY_WIDTH = 24
_MIN_WRAPS = 2  # names that end their line short of their unit, for a column's edge to be known
_NAME_REACH = 4  # a row without a number: its name's lines, then a value


@dataclass
class Column:
    name: str
    role: str  # category, number, name, unit, value, attribute, remark


@dataclass
class Fragment:
    """A piece of text between spaces or line breaks; `first`/`last`: it opens/closes its line."""

    text: str
    line: int
    first: bool
    last: bool


@dataclass
class _Row:
    number: str | None = None
    name: list[Fragment] = field(default_factory=list)
    unit: str | None = None
    values: list[Fragment] = field(default_factory=list)
    attribute: str | None = None
    merged_attribute: bool = False  # printed once for the row and its sub-rows
    subrows: list[_Row] = field(default_factory=list)
    category: str | None = None  # a category starts at this row
    group: str | None = None  # a group row's text

    def label(self) -> tuple[str, str]:
        """The row as a warning names it, in Chinese and in English."""
        name = join(self.name)
        if self.number:
            return f"第{self.number}行（{name}）", f"row {self.number} ({name})"
        return f"“{name}”行", f"row '{name}'"


@dataclass
class Body:
    rows: list[list[GridCell]]
    warnings: list[Warning]
    last_line: int | None
    unread: list[str]
    uncertain: dict[str, list[list[str]]] = field(default_factory=dict)


def join(fragments: list[Fragment]) -> str:
    """Wrapped pieces joined as printed: Chinese runs on without a space, Latin words keep one."""
    out = ""
    for f in fragments:
        if out and out[-1].isascii() and out[-1].isalnum() and f.text[0].isascii() and f.text[0].isalnum():
            out += " "
        out += f.text
    return out


def width(text: str) -> int:
    """Printed width: a Chinese character is two, an ASCII character one."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def read_rows(fragments: list[Fragment], columns: list[Column], header: tuple[str, ...], where: str) -> Body:
    """The body's rows as grid cells in the header's columns, with what was guessed on the way."""
    kept, repeats = _without_repeats(fragments, header)
    reader = _Reader(kept, columns, where)
    reader.repeats = repeats
    reader.read()
    return reader.body()


def _without_repeats(fragments: list[Fragment], header: tuple[str, ...]) -> tuple[list[Fragment], int]:
    """The pieces without the header printed again after a page break, nor 续表 lines; how many repeats."""
    out: list[Fragment] = []
    repeats, k, n = 0, 0, len(header)
    while k < len(fragments):
        f = fragments[k]
        if f.first and tuple(x.text for x in fragments[k : k + n]) == header:
            repeats += 1
            k += n
        elif f.first and _CONTINUED.match(f.text):
            k += 1
            while k < len(fragments) and not fragments[k].first:
                k += 1
        else:
            out.append(f)
            k += 1
    return out, repeats


def _is_attribute(text: str) -> bool:
    return text in cols.ATTRIBUTES


def _starts_value(text: str) -> bool:
    """A figure, a dash, a bound or a bracket opens the piece, and no name follows the figure."""
    if not _VALUE_START.match(text):
        return False
    return not _name_after_figure(text)


def _name_after_figure(text: str) -> bool:
    """`3岁以下婴幼儿入托率(%)`, `5G基站数(个)`: a name that opens with a figure."""
    m = re.match(r"\d+(?:\.\d+)?([A-Za-z]*[\u4e00-\u9fff]{3,})", text)
    return bool(m) and not _VALUE_SUFFIX.match(text) and not re.match(r"\d+(?:\.\d+)?(?:年|个百分点)", text)


def _is_text(text: str) -> bool:
    return not _is_attribute(text) and not _starts_value(text)


def _name_like(text: str) -> bool:
    return _is_text(text) and not _PHRASE.match(text) and not _CONTINUED.match(text)


class _Reader:
    """Reads the fragments one by one into rows; the grid is laid out at the end."""

    def __init__(self, fragments: list[Fragment], columns: list[Column], where: str):
        self.frags = fragments
        self.columns = columns
        self.where = where
        roles = {c.role for c in columns}
        self.has = roles
        self.width = sum(1 for c in columns if c.role == "value")
        self.kinds = [cols.value_column(c.name) for c in columns if c.role == "value"]
        self.i = 0
        self.rows: list[_Row] = []
        self.top: _Row | None = None  # the numbered (or top-level) row being read
        self.current: _Row | None = None  # the row or sub-row taking pieces
        self.phase = "done"
        self.last_number: int | None = None
        self.pending_category: list[Fragment] = []
        self.last_line: int | None = None
        self.warnings: list[Warning] = []
        self.name_width = _name_width(fragments)
        self.repeats = 0

    # -- the loop -----------------------------------------------------------------------

    def read(self) -> None:
        while self.i < len(self.frags):
            anchor = self._anchor()
            if anchor is not None:
                self._start_row(*anchor)
                continue
            if self.current is not None and self.phase != "done" and self._feed(self.frags[self.i]):
                self._took(1)
                continue
            self.phase = "done"
            if not self._between_rows():
                break

    def _took(self, n: int) -> None:
        self.last_line = self.frags[self.i + n - 1].line
        self.i += n

    def _between_rows(self) -> bool:
        """A group row, a category, or a row without a number; False where the table has ended."""
        f = self.frags[self.i]
        if f.first and _GROUP_ROW.match(f.text) and "category" not in self.has:
            n = self._line_length(self.i)
            self.rows.append(_Row(group=" ".join(x.text for x in self.frags[self.i : self.i + n])))
            self._took(n)
            return True
        n = self._category_ahead()
        if n:
            self.pending_category.extend(self.frags[self.i : self.i + n])
            self._took(n)
            return True
        if _name_like(f.text) and self._values_ahead(self.i + 1):
            self._start_unnumbered(f)
            self._took(1)
            return True
        return False

    def _line_length(self, k: int) -> int:
        n = 1
        while k + n < len(self.frags) and not self.frags[k + n].first:
            n += 1
        return n

    # -- row numbers --------------------------------------------------------------------

    def _anchor(self) -> tuple[str, Fragment | None, int] | None:
        """The row number at the current piece (and the name fused to it), where a numbered row starts."""
        f = self.frags[self.i]
        nxt = self.frags[self.i + 1] if self.i + 1 < len(self.frags) else None
        # Without a 序号 column a number stands fused to the name (`1.地区生产总值`, `1. 地区生产总值`).
        pattern = (_NUMBER, _FUSED) if "number" in self.has else (_MARKED_NUMBER, _MARKED_FUSED)
        m = pattern[0].fullmatch(f.text)
        if m and nxt is not None and (_name_like(nxt.text) or _name_after_figure(nxt.text)):
            number, fused = m.group(1), None
        else:
            fused_m = pattern[1].fullmatch(f.text)
            if not fused_m or not _name_like(fused_m.group(2)):
                return None
            number, fused = fused_m.group(1), Fragment(fused_m.group(2), f.line, False, f.last)
        step = self._step(int(number), f)
        if step is None or not self._row_complete(f):
            return None
        return number, fused, step

    def _step(self, number: int, f: Fragment) -> int | None:
        """How far the number moves the count: 1 as expected, 2 where a row number was skipped."""
        if self.last_number is None:
            return 1 if number <= 9 else None
        if number == self.last_number + 1:
            return 1
        if number == self.last_number + 2 and f.first:
            return 2
        return None

    def _row_complete(self, f: Fragment) -> bool:
        """A new row may start: the one being read has its attribute, all its cells, or a line of its own."""
        top = self.top
        if top is None or self.phase == "done":
            return True
        row = self.current or top
        if top.attribute or row.attribute or self._cells_so_far(row) >= self.width:
            return True
        return f.first and bool(row.values or top.subrows)

    def _start_row(self, number: str, fused: Fragment | None, step: int) -> None:
        if step == 2:
            self._warn(
                "row_number_skipped",
                f"{self.where}：缺少第{self.last_number + 1}行，序号直接跳到{number}。",
                f"{self.where}: row {self.last_number + 1} is missing, the numbers run on at {number}.",
            )
        self.last_number = int(number)
        row = _Row(number=number)
        if fused is not None:
            row.name.append(fused)
        self._open(row)
        self._took(1)

    def _start_unnumbered(self, f: Fragment) -> None:
        """A row without a number: a sub-row (其中…) in a numbered table, else a row of its own."""
        row = _Row(name=[f])
        if self.top is not None and self.last_number is not None:
            self.top.subrows.append(row)
            self.current = row
            self.phase = "name"
            return
        self._open(row)

    def _open(self, row: _Row) -> None:
        if self.pending_category:
            row.category = join(self.pending_category)
            self.pending_category = []
        self.rows.append(row)
        self.top = self.current = row
        self.phase = "name"

    # -- the pieces of a row ------------------------------------------------------------

    def _feed(self, f: Fragment) -> bool:
        """Take the piece into the row being read; False where it belongs to what follows."""
        row = self.current
        assert row is not None
        if self.phase == "name":
            if not row.name or self._continues_name(row.name[-1], f):
                row.name.append(f)
                return True
            self.phase = "unit" if "unit" in self.has else "values"
        if self.phase == "unit":
            self.phase = "values"
            if _is_unit(f.text) or (f.text in _DASH and self._values_after() >= self.width):
                row.unit = f.text if f.text not in _DASH else None
                return True
        if _is_attribute(f.text):
            self._attribute(f.text)
            self.phase = "done"
            return True
        last = row.values[-1] if row.values else None
        continues = last is not None and _continues_value(last, f)
        if not continues and self._subrow_name(f, row):
            sub = _Row(name=[f])
            assert self.top is not None
            self.top.subrows.append(sub)
            self.current = sub
            self.phase = "name"
            return True
        if _is_text(f.text) and not continues and self._cells_so_far(row) >= self.width:
            return False
        row.values.append(f)
        return True

    def _values_after(self) -> int:
        """How many pieces after the current one open a value, up to the row's attribute or end."""
        n = 0
        for f in self.frags[self.i + 1 : self.i + 1 + self.width]:
            if not _starts_value(f.text):
                break
            n += 1
        return n

    def _continues_name(self, prev: Fragment, f: Fragment) -> bool:
        """The next line goes on with a wrapped name: the line ended at the column's edge, or a unit follows."""
        if not prev.last or _UNIT_PAREN_END.search(prev.text) or not _name_like(f.text):
            return False
        if f.text.startswith(("(", "（")):
            return True
        at_edge = self.name_width is not None and width(prev.text) >= _WRAP_SHARE * self.name_width
        if "unit" in self.has and _is_unit(f.text):
            after = self.frags[self.i + 1] if self.i + 1 < len(self.frags) else None
            return at_edge and after is not None and _is_unit(after.text)  # `强` `度` `%`: 度 ends the name
        return at_edge

    def _subrow_name(self, f: Fragment, row: _Row) -> bool:
        """A name with its unit, or 其中…, after a row's name: a sub-row (食品药品安全: 食品安全抽检合格率(%))."""
        if not _name_like(f.text):
            return False
        if f.text.startswith("其中"):
            return True
        if row.values and self._cells_so_far(row) < self.width:
            return False
        after = self.frags[self.i + 1] if self.i + 1 < len(self.frags) else None
        unit_next = "unit" in self.has and after is not None and _is_unit(after.text)
        wrapped = after is not None and f.last and after.first and _name_like(after.text)
        return (
            bool(_UNIT_PAREN_END.search(f.text))
            or unit_next
            or (wrapped and bool(_UNIT_PAREN_END.search(f.text + after.text)))
        )

    def _attribute(self, text: str) -> None:
        top, row = self.top, self.current
        assert top is not None and row is not None
        row.attribute = text

    def _cells_so_far(self, row: _Row) -> int:
        """The cells the row's value pieces make, joining the wraps that are certain."""
        n = 0
        for k, f in enumerate(row.values):
            if k == 0 or not _continues_value(row.values[k - 1], f):
                n += 1
        return n

    def _values_ahead(self, k: int) -> bool:
        """A value or an attribute within the next few pieces: a row's name stands here."""
        for f in self.frags[k : k + _NAME_REACH]:
            if _starts_value(f.text) or _is_attribute(f.text):
                return True
            if not _name_like(f.text):
                return False
        return False

    def _category_ahead(self) -> int:
        """How many pieces from here are a category printed before its first row (创新 发展 (5项) 1 …)."""
        if "category" not in self.has:
            return 0
        for n in range(1, _CATEGORY_REACH + 1):
            if self.i + n >= len(self.frags):
                return 0
            piece = self.frags[self.i + n - 1]
            if not _is_text(piece.text) and not re.fullmatch(r"[(（]\d+项[)）]", piece.text):
                return 0
            if width(piece.text) > _MAX_CATEGORY_WIDTH:
                return 0
            saved = self.i
            self.i += n
            anchor = self._anchor_here()
            self.i = saved
            if anchor:
                return n
        return 0

    def _anchor_here(self) -> bool:
        phase, self.phase = self.phase, "done"
        try:
            return self._anchor() is not None
        finally:
            self.phase = phase

    def _warn(self, code: str, message: str, message_en: str) -> None:
        self.warnings.append(where_warning(code, self.where, message, message_en))

    # -- the grid -----------------------------------------------------------------------

    def body(self) -> Body:
        unread = [f.text for f in self.pending_category]
        grid: list[list[GridCell]] = []
        uncertain: dict[str, list[list[str]]] = {}
        heights = self._category_heights()
        for row, height in zip(self.rows, heights, strict=True):
            if row.group is not None:
                grid.append([GridCell(row.group, colspan=len(self.columns))])
                continue
            grid.extend(self._grid_rows(row, height, uncertain))
        self._warn_unfilled(uncertain)
        if self.repeats:
            self._warn(
                "header_repeated",
                f"{self.where}：换页后重复印出的表头（{self.repeats}处）已跳过。",
                f"{self.where}: the header printed again after a page break ({self.repeats}×) was skipped.",
            )
        return Body(grid, self.warnings, self.last_line, unread, uncertain)

    def _warn_unfilled(self, uncertain: dict[str, list[list[str]]]) -> None:
        """Rows with fewer values than columns: said where the placing was a guess or the table fills its rows."""
        rows = [r for top in self.rows if top.group is None for r in (top, *top.subrows) if r.values]
        short = [r for r in rows if self._cells_so_far(r) < self.width]
        usual = len(short) <= len(rows) / 2
        for row in short:
            if join(row.name) not in uncertain and not usual:
                continue
            zh, en = row.label()
            self._warn(
                "row_unfilled",
                f"{self.where}：{zh}的数值少于{self.width}列，已按各列的含义放置，请核对。",
                f"{self.where}, {en}: fewer values than the {self.width} columns, placed by what the columns "
                "hold; please check.",
            )

    def _category_heights(self) -> list[int | None]:
        """For a row where a category starts, the grid rows it covers (to the next category); else None."""
        out: list[int | None] = []
        open_at: int | None = None
        count = 0
        for row in self.rows:
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

    def _grid_rows(self, row: _Row, height: int | None, uncertain: dict) -> list[list[GridCell]]:
        subs = row.subrows
        marked = [s for s in subs if s.attribute]
        if len(subs) > 1 and not row.values and len(marked) == 1 and marked[0] in (subs[0], subs[-1]):
            row.attribute, marked[0].attribute = marked[0].attribute, None  # printed once for the sub-rows
        if subs and row.attribute and not row.values and not any(s.attribute for s in subs):
            row.merged_attribute = True  # printed once for the sub-rows, on the row that heads them
        out = []
        for k, r in enumerate([row, *row.subrows]):
            cells, alternatives = self._fit(r)
            if alternatives:
                uncertain[join(r.name)] = alternatives
            line: list[GridCell] = []
            values = iter(cells)
            for column in self.columns:
                role = column.role
                if role == "category":
                    if k == 0 and height is not None:
                        line.append(GridCell(row.category or "", rowspan=max(height, 1)))
                elif role == "number":
                    line.append(GridCell(r.number or ""))
                elif role == "name":
                    number = f"{r.number}." if r.number and "number" not in self.has else ""
                    line.append(GridCell(number + join(r.name)))
                elif role == "unit":
                    line.append(GridCell(r.unit or ""))
                elif role == "value":
                    line.append(GridCell(next(values)))
                elif role == "attribute" and row.merged_attribute:
                    if k == 0:
                        line.append(GridCell(""))
                    elif k == 1:
                        line.append(GridCell(row.attribute or "", rowspan=len(subs)))
                elif role == "attribute":
                    line.append(GridCell(r.attribute or ""))
                else:
                    line.append(GridCell(""))
            out.append(line)
        return out

    # -- values into columns ----------------------------------------------------------

    def _fit(self, row: _Row) -> tuple[list[str], list[list[str]]]:
        """The row's value pieces as one text per value column; other close readings where placing was a guess."""
        pieces, n = row.values, self.width
        if not pieces:
            return [""] * n, []
        if len(pieces) > n:
            return self._joined(row, pieces, n), []
        texts = _certain_cells(pieces)
        if len(texts) == n:
            return texts, []
        return self._placed(row, texts)

    def _joined(self, row: _Row, pieces: list[Fragment], n: int) -> list[str]:
        """More pieces than columns: the cheapest way to join neighbours into n cells (wrapped cells)."""
        best: tuple[float, tuple[int, ...]] | None = None
        second: float | None = None
        for cuts in combinations(range(1, len(pieces)), n - 1):
            cost = sum(_join_cost(pieces[k - 1], pieces[k]) for k in range(1, len(pieces)) if k not in cuts)
            if best is None or cost < best[0]:
                second = best[0] if best else None
                best = (cost, cuts)
            elif second is None or cost < second:
                second = cost
        assert best is not None
        bounds = [0, *best[1], len(pieces)]
        cells = [join(pieces[a:b]) for a, b in pairwise(bounds)]
        if best[0] > 0 or (second is not None and second - best[0] < 1.0):
            zh, en = row.label()
            self._warn(
                "cell_joined",
                f"{self.where}：{zh}折行的单元格按推测合并为“{' | '.join(cells)}”，请核对。",
                f"{self.where}, {en}: wrapped cells joined by guess as '{' | '.join(cells)}'; please check.",
            )
        return cells

    def _placed(self, row: _Row, texts: list[str]) -> tuple[list[str], list[list[str]]]:
        """Fewer pieces than columns: each figure goes where the columns' kinds and the row's kind want it."""
        name, unit, _ = cols.split_name(join(row.name))
        context = splitting.RowContext(cols.row_kind(name), row.unit or unit, name)
        atoms = [splitting.Atom("text", t) for t in texts]
        found = splitting.readings(atoms, self.kinds, context)
        best, close = splitting.choose(found)
        if best is None:
            return texts + [""] * (self.width - len(texts)), []
        return best.cells, [r.cells for r in close]


def _certain_cells(pieces: list[Fragment]) -> list[str]:
    """The pieces with the wraps that certainly go on (`控制在市目标` `内`) joined."""
    cells: list[list[Fragment]] = []
    for k, f in enumerate(pieces):
        if k and _continues_value(pieces[k - 1], f):
            cells[-1].append(f)
        else:
            cells.append([f])
    return [join(c) for c in cells]


def _continues_value(prev: Fragment, f: Fragment) -> bool:
    """A wrapped value cell goes on: the line ended in the middle of words (`达到国家` `要求`)."""
    if not prev.last or not f.first or not _is_text(f.text) or _UNIT_PAREN_END.search(f.text):
        return False
    end = prev.text[-1]
    return end in _WRAP_END or "\u4e00" <= end <= "\u9fff"


def _join_cost(a: Fragment, b: Fragment) -> float:
    """What joining two neighbouring pieces into one cell assumes."""
    if not a.last:
        return 4.0  # pieces on one line stand apart: two cells
    if _continues_value(a, b):
        return 0.0
    if _starts_value(b.text) and (a.text[-1].isdigit() or a.text[-1] in "%】]"):
        return 5.0  # two figures are two cells
    return 1.5


def _is_unit(text: str) -> bool:
    """A unit cell: measure words and scales only (亿元, 万人, %, 微克/立方米, 吨标准煤/万元)."""
    return len(text) <= _MAX_UNIT and bool(_UNIT.fullmatch(text))


def _name_width(fragments: list[Fragment]) -> int | None:
    """The widest first line of a name that ends its line without its unit: where the name column wraps.

    Known only where several names do so; one name alone on its line is as likely a whole name.
    """
    widths = [
        width(name.text)
        for f, name in pairwise(fragments)
        if _NUMBER.fullmatch(f.text)
        and name.last
        and _name_like(name.text)
        and not _UNIT_PAREN_END.search(name.text)
    ]
    return max(widths) if len(widths) >= _MIN_WRAPS else None
