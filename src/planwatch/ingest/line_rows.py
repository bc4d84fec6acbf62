"""The body of a table printed as lines, read in the order of its pieces into rows.

The pieces of text between spaces and line breaks come in reading order: a
row's number, its name (perhaps wrapped over lines), its unit, its values
(a wrapped value over several lines: `4.5-5,` `努力争取` `更好结果`), its
attribute. Between rows stand a group row (二、…) or a category label, which
a PDF prints beside its rows, often over several short lines
(`创新` `发展` `(5项)`), before their first row or in their middle.
A row number is one that continues the count; a figure that merely equals it
is a value while its row still lacks cells.

A wrapped cell goes on into the next line where that line could not have
held the next printed unit (the column's width is the widest line its names
print), where a bracket is left open, or where the next line opens with
punctuation no line starts with. Where a row has more pieces than columns,
the pieces that read as one wrapped cell are joined; where it has fewer, the
figures are placed by the columns' kinds (`line_grid`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from planwatch.ingest.line_grid import Body, Column, Grid, LineRow
from planwatch.ingest.line_pieces import (
    CONTINUED,
    COUNT,
    DASH,
    GROUP_ROW,
    NUMBERED_NAME,
    ROW_NUMBER,
    UNIT_PAREN_END,
    Fragment,
    attribute_split,
    continues_value,
    first_unit,
    is_attribute,
    is_text,
    is_unit,
    join,
    name_after_figure,
    name_like,
    open_bracket,
    starts_value,
    width,
    wraps_on,
)

_FUSED = re.compile(r"(\d{1,3})(?:[.、．]\s*|(?=[\u4e00-\u9fff]))(\S.*)")
_MARKED_NUMBER = re.compile(r"(\d{1,3})[.、．]")
_LEADING_NUMBER = re.compile(r"^\d{1,3}[.、．]\s*")
_CATEGORY_REACH = 5  # a category is a few short pieces
_MAX_CATEGORY_WIDTH = 24
_MIN_WRAPS = 2  # name lines at the column's edge, for the edge to be known in a table of a cell a line
_ONE_A_LINE = 0.9  # of the lines holding one piece: a table printed a cell a line
_NAME_REACH = 6  # a row without a number: its name's lines, then a value


def read_rows(fragments: list[Fragment], columns: list[Column], header: tuple[str, ...], where: str) -> Body:
    """The body's rows as grid cells in the header's columns, with what was guessed on the way."""
    kept, repeats = without_repeats(fragments, header)
    reader = _Reader(kept, columns, where)
    reader.read()
    unread = [f.text for f in reader.pending_category]
    return reader.grid.body(reader.rows, reader.last_line, unread, repeats)


def without_repeats(fragments: list[Fragment], header: tuple[str, ...]) -> tuple[list[Fragment], int]:
    """The pieces without the header printed again after a page break (however its cells wrap), nor
    续表 lines; how many repeats."""
    whole = "".join(header)
    out: list[Fragment] = []
    repeats, k = 0, 0
    while k < len(fragments):
        f = fragments[k]
        n = _repeat_length(fragments, k, whole) if f.first else 0
        if n:
            repeats += 1
            k += n
        elif f.first and CONTINUED.match(f.text):
            k += 1
            while k < len(fragments) and not fragments[k].first:
                k += 1
        else:
            out.append(f)
            k += 1
    return out, repeats


def _repeat_length(fragments: list[Fragment], k: int, whole: str) -> int:
    """How many pieces from k print the header again, ending at a line's end; 0 where they do not."""
    text, n = "", 0
    while k + n < len(fragments) and len(text) < len(whole):
        text += fragments[k + n].text
        n += 1
        if not whole.startswith(text):
            return 0
    return n if text == whole and fragments[k + n - 1].last else 0


def _edge(fragments: list[Fragment], units: bool) -> int | None:
    """The width of the name column where names wrap: the widest line of a name printed on lines of its
    own, known where a line that wide goes on in another line of name (twice, where the table prints
    one cell a line: one long name alone may just be long)."""
    widths = {k: f.indent + width(f.text) for k, f in enumerate(fragments) if _name_line(f)}
    if not widths:
        return None
    edge = max(widths.values())
    wraps = sum(
        1
        for k, w in widths.items()
        if w >= edge - 1 and k + 1 < len(fragments) and _goes_on_as_name(fragments[k + 1], units)
    )
    lines = sum(1 for f in fragments if f.first)
    one_a_line = sum(1 for f in fragments if f.first and f.last) > _ONE_A_LINE * lines
    return edge if wraps >= (_MIN_WRAPS if one_a_line else 1) else None


def _goes_on_as_name(f: Fragment, units: bool) -> bool:
    return f.first and f.last and name_like(f.text) and not (units and is_unit(f.text))


def _name_line(f: Fragment) -> bool:
    """A line of a name printed on lines of its own (after its row number, where that is fused)."""
    return (
        f.last
        and f.indent is not None
        and name_like(_LEADING_NUMBER.sub("", f.text) or "0")
        and not GROUP_ROW.match(f.text)
    )


def _fused_numbers(fragments: list[Fragment]) -> None:
    """A row number set apart from its name by a space (`12. 每千人口…`) stands in the name's cell."""
    for f, name in pairwise(fragments):
        if f.first and not f.last and _MARKED_NUMBER.fullmatch(f.text) and f.indent is not None:
            name.indent = f.indent + width(f.text) + 1


class _Reader:
    """Reads the fragments one by one into rows; the grid is laid out at the end."""

    def __init__(self, fragments: list[Fragment], columns: list[Column], where: str):
        self.frags = fragments
        self.has = {c.role for c in columns}
        if "number" not in self.has:
            _fused_numbers(fragments)
        self.grid = Grid(columns, where)
        self.where = where
        self.i = 0
        self.rows: list[LineRow] = []
        self.top: LineRow | None = None  # the numbered (or top-level) row being read
        self.current: LineRow | None = None  # the row or sub-row taking pieces
        self.phase = "done"
        self.last_number: int | None = None
        self.pending_category: list[Fragment] = []
        self.last_line: int | None = None
        self.edge = _edge(fragments, "unit" in self.has)

    def at(self, k: int) -> Fragment | None:
        return self.frags[k] if 0 <= k < len(self.frags) else None

    # -- the loop -----------------------------------------------------------------------

    def read(self) -> None:
        while self.i < len(self.frags):
            n = self._counted_label()
            if n:
                self._label(n)
                continue
            anchor = self._anchor()
            if anchor is not None:
                self._start_row(*anchor)
                continue
            if self.current is not None and self.phase != "done":
                n = self._feed(self.frags[self.i])
                if n:
                    self._took(n)
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
        if f.first and GROUP_ROW.match(f.text) and "category" not in self.has:
            n = self._line_length(self.i)
            self.rows.append(LineRow(group=" ".join(x.text for x in self.frags[self.i : self.i + n])))
            self._took(n)
            return True
        n = self._category_ahead()
        if n:
            self.pending_category.extend(self.frags[self.i : self.i + n])
            self._took(n)
            return True
        if name_like(f.text) and self._values_ahead(self.i + 1):
            self._start_unnumbered(f)
            self._took(1)
            return True
        return False

    def _line_length(self, k: int) -> int:
        n = 1
        while k + n < len(self.frags) and not self.frags[k + n].first:
            n += 1
        return n

    # -- categories ---------------------------------------------------------------------

    def _counted_label(self) -> int:
        """How many pieces from here are a category label that ends with its count (`经济` `发展` `(4项)`),
        each opening its line: such a label may stand anywhere beside its rows."""
        if "category" not in self.has or not self.frags[self.i].first:
            return 0
        if self._goes_on_here():
            return 0
        for n in range(1, _CATEGORY_REACH + 1):
            piece = self.at(self.i + n - 1)
            if piece is None or not piece.first or width(piece.text) > _MAX_CATEGORY_WIDTH:
                return 0
            if COUNT.search(piece.text):
                return n
            if not piece.last or not is_text(piece.text):
                return 0
        return 0

    def _goes_on_here(self) -> bool:
        """The current piece is the row's name still to come, or goes on with the name or the last value
        as the lines break."""
        row, f = self.current, self.frags[self.i]
        if row is None or self.phase == "done":
            return False
        if self.phase == "name":
            return not row.name or self._wraps_name(row.name, f, self.i)
        last = row.values[-1] if row.values else None
        return last is not None and last.last and wraps_on(last.text, f.text, self.edge, last.indent)

    def _label(self, n: int) -> None:
        """A label beside the rows: it marks the row it stands before, or the row whose sub-rows it is beside."""
        self.pending_category.extend(self.frags[self.i : self.i + n])
        self._took(n)
        nxt = self.at(self.i)
        beside = nxt is not None and (self.phase != "done" or self._is_subrow_start(nxt))
        if self.top is not None and beside and self._anchor() is None and self.top.category is None:
            self.top.category = _label_text(self.pending_category)
            self.pending_category = []

    def _is_subrow_start(self, f: Fragment) -> bool:
        return name_like(f.text) and self.last_number is not None and self._values_ahead(self.i + 1)

    def _category_ahead(self) -> int:
        """How many pieces from here are a category printed before its first row (创新 发展 1 …)."""
        if "category" not in self.has:
            return 0
        for n in range(1, _CATEGORY_REACH + 1):
            if self.i + n >= len(self.frags):
                return 0
            piece = self.frags[self.i + n - 1]
            if not is_text(piece.text) or width(piece.text) > _MAX_CATEGORY_WIDTH:
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

    # -- row numbers --------------------------------------------------------------------

    def _anchor(self) -> tuple[str, Fragment | None, int] | None:
        """The row number at the current piece (and the name fused to it), where a numbered row starts."""
        f = self.frags[self.i]
        nxt = self.at(self.i + 1)
        # Without a 序号 column a number stands fused to the name (`1.地区生产总值`, `1. 地区生产总值`).
        pattern = (ROW_NUMBER, _FUSED) if "number" in self.has else (_MARKED_NUMBER, NUMBERED_NAME)
        m = pattern[0].fullmatch(f.text)
        if m and nxt is not None and (name_like(nxt.text) or name_after_figure(nxt.text)):
            number, fused = m.group(1), None
        else:
            fused_m = pattern[1].fullmatch(f.text)
            if not fused_m or not (name_like(fused_m.group(2)) or fused_m.group(2)[0] in '“"('):
                return None
            indent = None if f.indent is None else f.indent + width(f.text[: fused_m.start(2)])
            number, fused = fused_m.group(1), Fragment(fused_m.group(2), f.line, False, f.last, indent)
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
        if top.attribute or row.attribute or self.grid.cells_so_far(row) >= self.grid.width:
            return True
        return f.first and bool(row.values or top.subrows)

    def _start_row(self, number: str, fused: Fragment | None, step: int) -> None:
        if step == 2:
            self.grid.warn(
                "row_number_skipped",
                f"{self.where}：缺少第{self.last_number + 1}行，序号直接跳到{number}。",
                f"{self.where}: row {self.last_number + 1} is missing, the numbers run on at {number}.",
            )
        self.last_number = int(number)
        row = LineRow(number=number)
        if fused is not None:
            row.name.append(fused)
        self._open(row)
        self._took(1)

    def _start_unnumbered(self, f: Fragment) -> None:
        """A row without a number: a sub-row (其中…) in a numbered table, else a row of its own."""
        if self.top is not None and self.last_number is not None:
            self._sub_row(f)
            return
        self._open(LineRow(name=[f]))

    def _sub_row(self, f: Fragment) -> None:
        """A sub-row under the numbered row being read. Sub-rows other than 其中… stand under a row of no
        values of its own: where that row was read with values, its name ran on into its first sub-row's."""
        top = self.top
        assert top is not None
        if not top.subrows and top.has_values() and not f.text.startswith("其中"):
            self._split_name(top)
        sub = LineRow(name=[f])
        top.subrows.append(sub)
        self.current = sub
        self.phase = "name"

    def _split_name(self, top: LineRow) -> None:
        """Cut the row's name where its line was least full (the earliest where even), and say so."""
        cuts = [
            (f.indent + width(f.text) + first_unit(nxt.text), k)
            for k, (f, nxt) in enumerate(pairwise(top.name), start=1)
            if f.last and nxt.first and nxt.last and f.indent is not None
        ]
        if not cuts:
            return
        _, k = min(cuts)
        first = LineRow(name=top.name[k:], unit=top.unit, values=top.values, attribute=top.attribute)
        top.name, top.unit, top.values, top.attribute = top.name[:k], None, [], None
        top.subrows.append(first)
        zh, en = top.label()
        self.grid.warn(
            "name_split_guessed",
            f"{self.where}：{zh}的名称与其下第一个分项的名称连排折行，已按推测在“{join(first.name)}”前断开，请核对。",
            f"{self.where}, {en}: the name ran on into its first sub-row's over wrapped lines; cut by guess "
            f"before “{join(first.name)}”, please check.",
        )

    def _open(self, row: LineRow) -> None:
        if self.pending_category:
            row.category = _label_text(self.pending_category)
            self.pending_category = []
        self.rows.append(row)
        self.top = self.current = row
        self.phase = "name"

    # -- the pieces of a row ------------------------------------------------------------

    def _feed(self, f: Fragment) -> int:
        """Take the piece (or the pieces of one wrapped cell) into the row being read; 0 where it belongs
        to what follows."""
        row = self.current
        assert row is not None
        if self.phase == "name":
            if not row.name or self._continues_name(row, f):
                row.name.append(f)
                return 1
            self.phase = "unit" if "unit" in self.has else "values"
        if self.phase == "unit":
            self.phase = "values"
            n = self._unit_length(f)
            if n:
                unit = "".join(x.text for x in self.frags[self.i : self.i + n])
                row.unit = unit if unit not in DASH else None
                return n
        nxt = self.at(self.i + 1)
        if is_attribute(f.text) or (nxt is not None and f.last and attribute_split(f.text, nxt.text)):
            row.attribute = f.text if is_attribute(f.text) else f.text + nxt.text
            self.phase = "done"
            return 1 if is_attribute(f.text) else 2
        return self._feed_value(row, f)

    def _feed_value(self, row: LineRow, f: Fragment) -> int:
        last = row.values[-1] if row.values else None
        continues = last is not None and continues_value(last, f)
        if not continues and self._subrow_name(f, row):
            self._sub_row(f)
            return 1
        full = self.grid.cells_so_far(row) >= self.grid.width
        if not continues and ((is_text(f.text) and full) or GROUP_ROW.match(f.text)):
            return 0
        if continues and self.grid.cells_so_far(row) >= self.grid.width and self._category_ahead():
            return 0
        row.values.append(f)
        return 1

    def _unit_length(self, f: Fragment) -> int:
        """The pieces of the unit cell here (wrapped on lines of their own: `微克/立方` `米`); 0 where
        none stands here."""
        if f.text in DASH:
            return 1 if self._values_after() >= self.grid.width else 0
        if not is_unit(f.text):
            return 0
        n, unit = 1, f.text
        while True:
            prev, nxt = self.frags[self.i + n - 1], self.at(self.i + n)
            if nxt is None or not (prev.first and prev.last and nxt.first and nxt.last):
                return n
            if not is_unit(unit + nxt.text):
                return n
            unit += nxt.text
            n += 1

    def _values_after(self) -> int:
        """How many pieces after the current one open a value, up to the row's attribute or end."""
        n = 0
        for f in self.frags[self.i + 1 : self.i + 1 + self.grid.width]:
            if not starts_value(f.text):
                break
            n += 1
        return n

    def _continues_name(self, row: LineRow, f: Fragment) -> bool:
        """The next line goes on with a wrapped name (see the module's docstring); a line of its own that
        cannot start a row (no value follows its name) goes on too."""
        prev = row.name[-1]
        if not self._wraps_name(row.name, f, self.i):
            return prev.last and f.first and f.last and name_like(f.text) and not self._row_at(self.i)
        return True

    def _wraps_name(self, name: list[Fragment], f: Fragment, k: int) -> bool:
        """The name's last line goes on in `f` (the piece at k) by how the lines break."""
        prev = name[-1]
        if not prev.last or not (name_like(f.text) or f.text[0] in "(（"):
            return False
        if (
            open_bracket("".join(x.text for x in name))
            or f.text[0] in "(（"
            or wraps_on(prev.text, f.text, None)
        ):
            return True
        if not f.last:
            return False  # a wrapped name's line stands alone; a line going on into other cells is a row
        at_edge = wraps_on(prev.text, f.text, self._name_room(name, k), prev.indent)
        if "unit" in self.has and is_unit(f.text):  # `强` `度` `%`: 度 ends the name, % is its unit
            after = self.at(k + 1)
            return at_edge and len(f.text) == 1 and after is not None and is_unit(after.text)
        return at_edge or (prev.first and len(f.text) == 1)  # no name is one character long

    def _name_room(self, name: list[Fragment], k: int) -> int | None:
        """How wide the name's column is. Columns differ (a name merged over sub-names is narrower than
        one across both): no wider than the widest of the lines of names printed on their own from the
        name's first line on, where there are several; never wider than the table's edge."""
        if self.edge is None:
            return None
        lines = [f.indent + width(f.text) for f in name if f.last and f.indent is not None]
        while k < len(self.frags) and len(lines) < _NAME_REACH:
            f = self.frags[k]
            if not (f.first and f.last and name_like(f.text)) or ("unit" in self.has and is_unit(f.text)):
                break
            lines.append(f.indent + width(f.text))
            k += 1
        return min(self.edge, max(lines)) if len(lines) > 1 else self.edge

    def _row_at(self, k: int) -> bool:
        """A row's name starts at piece k: after the lines of its name (and its unit) a value follows."""
        name = [self.frags[k]]
        k += 1
        while k < len(self.frags) and len(name) < _NAME_REACH and self._wraps_name(name, self.frags[k], k):
            name.append(self.frags[k])
            k += 1
        nxt = self.at(k)
        if nxt is not None and "unit" in self.has and (is_unit(nxt.text) or nxt.text in DASH):
            nxt = self.at(k + 1) if is_unit(nxt.text) else nxt
        return nxt is not None and (starts_value(nxt.text) or is_attribute(nxt.text) or nxt.text in DASH)

    def _subrow_name(self, f: Fragment, row: LineRow) -> bool:
        """A name after a row's name and before its values: a sub-row (食品药品安全: 食品安全抽检合格率(%))."""
        if not name_like(f.text):
            return False
        if f.text.startswith("其中"):
            return True
        if row.values and self.grid.cells_so_far(row) < self.grid.width:
            return False
        if not row.values:
            return self.last_number is not None and self._values_ahead(self.i + 1)
        after = self.at(self.i + 1)
        unit_next = "unit" in self.has and after is not None and is_unit(after.text)
        return bool(UNIT_PAREN_END.search(f.text)) or unit_next or open_bracket(f.text)

    def _values_ahead(self, k: int) -> bool:
        """A value or an attribute within the next few pieces: a row's name stands here."""
        for f in self.frags[k : k + _NAME_REACH]:
            if starts_value(f.text) or is_attribute(f.text) or f.text in DASH:
                return True
            if not name_like(f.text) and f.text[0] not in "(（":
                return False
        return False


def _label_text(pieces: list[Fragment]) -> str:
    return "".join(f.text for f in pieces)
