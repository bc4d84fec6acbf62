"""A table printed with its cells aligned in columns by runs of spaces, read by where each piece stands.

`pdftotext -layout`, a Word export or a copied page prints a ruled table so:
each cell starts where its column's header word starts, an empty cell is
left blank, a cell too wide for its column wraps onto the next lines under
itself, and a category merged down its rows prints its lines beside them,
at their top or in their middle.

The header line's character offsets give the columns; every piece of the
body (text between runs of two or more spaces) goes to the column it starts
in, so an empty cell is known to be empty rather than guessed from what the
columns hold. A line opens a new row where it holds a row number, or a cell
that cannot go on from the line above (see `line_pieces.wraps_on`); other
lines go on with the cells above them. A second name printed beside a name
(a sub-name column with no header of its own) makes sub-rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from planwatch.ingest.line_grid import Body, Column, Grid, LineRow
from planwatch.ingest.line_pieces import (
    COUNT,
    DASH,
    GROUP_ROW,
    NUMBERED_NAME,
    ROW_NUMBER,
    Fragment,
    continues_value,
    join,
    width,
    wraps_on,
)

_GAP = re.compile(r"\s{2,}|\t")
_ALIGNED_SHARE = 0.8  # of the body's pieces starting where a column starts, for a table read by place
_SUB = -1  # the band of a second name printed beside the name
_MIN_GAP = 2  # spaces between aligned columns, where no line shows the gap
_MAX_GAP = 1_000


@dataclass
class Chunk:
    start: int  # printed offset on its line
    text: str

    @property
    def end(self) -> int:
        return self.start + width(self.text)


def chunks(line: str) -> list[Chunk]:
    """The pieces of a line between runs of two or more spaces, with the printed offset of each."""
    out: list[Chunk] = []
    pos = 0
    printed = 0  # the printed width of line[:pos]
    for m in _GAP.finditer(line + "  "):
        text = line[pos : m.start()]
        if text.strip():
            lead = len(text) - len(text.lstrip())
            out.append(Chunk(printed + lead, text.strip()))
        printed += width(line[pos : m.end()])
        pos = m.end()
    return out


def spaced(line: str) -> bool:
    """The line sets its pieces apart by runs of spaces: printed in aligned columns."""
    return len(chunks(line)) > 1


@dataclass
class _State:
    rows: list[LineRow] = field(default_factory=list)
    top: LineRow | None = None
    current: LineRow | None = None
    above: dict[int, str] = field(default_factory=dict)  # each band's piece on the row's last line
    label: list[str] = field(default_factory=list)  # a category label being printed line by line
    label_row: LineRow | None = None  # the row it is printed beside
    pending: str | None = None  # a label printed on lines of its own, for the next row
    last_number: int | None = None
    last_line: int | None = None
    repeats: int = 0


class AlignedReader:
    """Reads body lines by the columns' offsets (`starts`, one per column, from the header lines)."""

    def __init__(self, columns: list[Column], starts: list[int], header: Callable[[str], bool], where: str):
        self.starts = starts
        self.roles = [c.role for c in columns]
        self.header = header  # a line of the header printed again
        self.in_header = False
        self.grid = Grid(columns, where)
        self.where = where
        self.rooms: dict[int, int] = {}
        self.sub_start: int | None = None
        self.s = _State()

    def fits(self, lines: list[tuple[int, str]]) -> bool:
        """Most of the body's pieces start where a column starts: the body is printed in these columns."""
        placed = [c for _, line in lines if spaced(line) for c in chunks(line)]
        near = sum(1 for c in placed if any(abs(c.start - s) <= 1 for s in self.starts))
        return bool(placed) and near >= _ALIGNED_SHARE * len(placed)

    def read(self, lines: list[tuple[int, str]]) -> Body:
        body = [(k, self._bands(line)) for k, line in lines if not self._repeat(line)]
        self._measure([bands for _, bands in body])
        for k, bands in body:
            self._line(k, bands)
        self._close_label()
        unread = [self.s.pending] if self.s.pending else []
        return self.grid.body(self.s.rows, self.s.last_line, unread, self.s.repeats)

    def _repeat(self, line: str) -> bool:
        """A line of the header printed again after a page break (a header of two lines counted once)."""
        again = self.header(line)
        self.s.repeats += again and not self.in_header
        self.in_header = again
        return again

    # -- pieces into bands --------------------------------------------------------------

    def _bands(self, line: str) -> list[tuple[int, Chunk]]:
        """Each piece with the column it starts in (a piece across a column's start at a space is cut)."""
        return [(self._column(piece.start), piece) for chunk in chunks(line) for piece in self._cut(chunk)]

    def _cut(self, chunk: Chunk) -> list[Chunk]:
        for s in self.starts:
            if chunk.start + 1 < s < chunk.end:
                k = _index_at(chunk.text, s - chunk.start - 1)
                if k is not None and chunk.text[k] == " ":
                    head, tail = chunk.text[:k].rstrip(), chunk.text[k:].lstrip()
                    return [Chunk(chunk.start, head), *self._cut(Chunk(s, tail))]
        return [chunk]

    def _column(self, start: int) -> int:
        k = 0
        for j, s in enumerate(self.starts):
            if s <= start + 1:
                k = j
        return k

    def _measure(self, body: list[list[tuple[int, Chunk]]]) -> None:
        """Where a sub-name column starts (a second name beside a name), and each column's room: to the
        next column's start, less the narrowest gap printed before it (the last: its widest piece)."""
        name = self.roles.index("name") if "name" in self.roles else None
        for bands in body:
            names = [c for k, c in bands if k == name]
            if len(names) > 1:
                start = names[1].start
                self.sub_start = start if self.sub_start is None else min(self.sub_start, start)
        starts = {k: s for k, s in enumerate(self.starts)}
        if self.sub_start is not None:
            starts[_SUB] = self.sub_start
        order = sorted(starts, key=starts.__getitem__)
        after = dict(pairwise(order))
        gaps: dict[int, int] = {}
        widths: dict[int, int] = {}
        for bands in body:
            if len(bands) == 1 and GROUP_ROW.match(bands[0][1].text):
                continue  # a group row runs across the columns
            placed = [(self._band(k, c), c) for k, c in bands]
            for (band, chunk), (nxt, following) in pairwise(placed):
                if after.get(band) == nxt:
                    gaps[band] = min(gaps.get(band, _MAX_GAP), following.start - chunk.end)
            for band, chunk in placed:
                widths[band] = max(widths.get(band, 0), width(chunk.text))
        self.rooms = {
            band: starts[after[band]] - starts[band] - gaps.get(band, _MIN_GAP)
            if band in after
            else widths.get(band, 0)
            for band in starts
        }

    def _band(self, k: int, chunk: Chunk) -> int:
        if self.roles[k] == "name" and self.sub_start is not None and chunk.start >= self.sub_start - 1:
            return _SUB
        return k

    # -- lines into rows ----------------------------------------------------------------

    def _line(self, k: int, bands: list[tuple[int, Chunk]]) -> None:
        s = self.s
        labels = [c.text for b, c in bands if self.roles[b] == "category"]
        pieces: dict[int, str] = {}
        for b, chunk in bands:
            if self.roles[b] != "category":
                band = self._band(b, chunk)
                pieces[band] = f"{pieces[band]} {chunk.text}" if band in pieces else chunk.text
        if len(pieces) == 1 and GROUP_ROW.match(next(iter(pieces.values()))) and "category" not in self.roles:
            s.rows.append(LineRow(group=next(iter(pieces.values()))))
            s.top = s.current = None
            s.above = {}
        elif pieces:
            self._row_line(pieces)
        self._labels(labels, bool(pieces))
        s.last_line = k

    def _row_line(self, pieces: dict[int, str]) -> None:
        s = self.s
        number, cells = self._number(pieces)
        if number is not None:
            self._open(LineRow(number=number))
            if _SUB in cells:
                self._sub_row()
        elif s.current is None or not self._goes_on(pieces):
            self._unnumbered(pieces)
        for band, text in cells.items():
            self._put(band, text)
        s.above = pieces

    def _number(self, pieces: dict[int, str]) -> tuple[str | None, dict[int, str]]:
        """The row number this line opens with, in its column or fused to the name; the pieces left."""
        if "number" in self.roles:
            col = self.roles.index("number")
            m = ROW_NUMBER.fullmatch(pieces.get(col, ""))
            return (m.group(1), {b: t for b, t in pieces.items() if b != col}) if m else (None, pieces)
        if "name" not in self.roles:
            return None, pieces
        col = self.roles.index("name")
        m = NUMBERED_NAME.fullmatch(pieces.get(col, ""))
        last = self.s.last_number
        if m and (last is None or int(m.group(1)) in (last + 1, last + 2)):
            return m.group(1), {**pieces, col: m.group(2)}
        return None, pieces

    def _goes_on(self, pieces: dict[int, str]) -> bool:
        """The line wraps the cells above it: it holds no name (every row prints its name on its first
        line), or only names in a numbered table (every row and sub-row prints a value on its first
        line), or each of its pieces stands under a piece of the line above, its name goes on from the
        name above as lines break (a sub-name beside a name merged over its sub-rows, where there is
        one) and its other cells go on from theirs."""
        s = self.s
        names = {b for b in pieces if b == _SUB or self.roles[b] == "name"}
        if not names or (s.last_number is not None and _SUB not in names and set(pieces) == names):
            return True
        if not all(b in s.above for b in pieces):
            return False  # a cell wraps under itself: a piece under no piece opens a row
        band = _SUB if _SUB in pieces and s.top is not None and s.top.subrows else min(names)
        if not wraps_on(s.above[band], pieces[band], self.rooms.get(band)):
            return False
        return all(b in names or self._cell_goes_on(b, t) for b, t in pieces.items())

    def _cell_goes_on(self, band: int, text: str) -> bool:
        """A cell of the line goes on from the one above: by how lines break, or as words do (a figure
        under a figure is a new cell)."""
        above = self.s.above[band]
        return wraps_on(above, text, self.rooms.get(band)) or continues_value(
            Fragment(above, 0, True, True), Fragment(text, 0, True, True)
        )

    def _unnumbered(self, pieces: dict[int, str]) -> None:
        """A row without a number: a sub-row where the table numbers its rows (or it is 其中…), else a row."""
        s = self.s
        name = next((t for b, t in pieces.items() if b != _SUB and self.roles[b] == "name"), "")
        if s.top is not None and (s.last_number is not None or _SUB in pieces or name.startswith("其中")):
            self._sub_row()
        else:
            self._open(LineRow())

    def _sub_row(self) -> None:
        assert self.s.top is not None
        sub = LineRow()
        self.s.top.subrows.append(sub)
        self.s.current = sub

    def _open(self, row: LineRow) -> None:
        s = self.s
        if row.number is not None:
            if s.last_number is not None and int(row.number) != s.last_number + 1:
                self._skipped(int(row.number))
            s.last_number = int(row.number)
        if s.pending:
            row.category, s.pending = s.pending, None
        s.rows.append(row)
        s.top = s.current = row

    def _skipped(self, number: int) -> None:
        last = self.s.last_number
        self.grid.warn(
            "row_number_skipped",
            f"{self.where}：第{last}行之后是第{number}行，序号不连续，请核对。",
            f"{self.where}: row {number} follows row {last}; the numbers do not run on, please check.",
        )

    def _put(self, band: int, text: str) -> None:
        """The piece into the cell of its column, on the row (or the sub-row) the line prints."""
        s = self.s
        assert s.top is not None and s.current is not None
        if band == _SUB:
            s.current.name.append(Fragment(text, 0, True, True))
            return
        role = self.roles[band]
        row = s.top if role == "name" and self.sub_start is not None else s.current
        if role == "name":
            row.name.append(Fragment(text, 0, True, True))
        elif role == "unit":
            unit = _joined(row.unit, text)
            row.unit = None if unit in DASH else unit
        elif role == "attribute":
            row.attribute = _joined(row.attribute, text)
        elif role == "value":
            if row.cells is None:
                row.cells = [""] * self.grid.width
            k = self.roles[:band].count("value")
            row.cells[k] = _joined(row.cells[k] or None, text)

    # -- category labels ----------------------------------------------------------------

    def _labels(self, texts: list[str], beside: bool) -> None:
        """A label's lines in the category column: it marks the row it starts beside, and ends at its
        count (`(4项)`) or at a line without it."""
        s = self.s
        if not texts:
            self._close_label()
            return
        if not s.label:
            s.label_row = s.top if beside else None
        s.label.extend(texts)
        if COUNT.search(texts[-1]):
            self._close_label()

    def _close_label(self) -> None:
        s = self.s
        if not s.label:
            return
        label, row = "".join(s.label), s.label_row
        s.label, s.label_row = [], None
        if row is None or row.category is not None:
            s.pending = label
        else:
            row.category = label


def _joined(before: str | None, text: str) -> str:
    if before is None:
        return text
    return join([Fragment(before, 0, True, True), Fragment(text, 0, True, True)])


def _index_at(text: str, offset: int) -> int | None:
    """The index of the character printed at `offset` in the text."""
    pos = 0
    for k, ch in enumerate(text):
        if pos >= offset:
            return k
        pos += width(ch)
    return None
