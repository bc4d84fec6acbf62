"""A printed table (a grid of cells with spans) as text that keeps printed lines, in the ways plans print it.

Each renderer takes the grid as a TableBlock (header rows first, merged cells
held once where they start, as HTML does) and the number of header rows, and
returns the lines a PDF's text layer, a Word export or a copied page gives,
with how many of them print the header:

- `row_a_line`: a grid row a line, cells between single spaces; a merged cell
  is printed once, on its first row; an empty cell leaves nothing.
- `aligned`: a grid row a line, every cell starting at its column's place,
  padded with runs of spaces, an empty cell left blank. With `size`, a column
  is at most that wide (never narrower than its header word: the header is
  printed on one line, and so again after a page turn) and its cells wrap inside it, each line of a cell
  under the one before, as `pdftotext -layout` prints a ruled table; a merged
  cell's lines run down beside the rows it spans.
- `cell_a_line`: every printed cell on a line of its own.
- `wrapped`: cells wrapped at a fixed width as a narrow printed column does;
  a cell of one line shares its line with its one-line neighbours, a wrapped
  cell takes lines of its own (as the PDF text layer of a real plan prints).

Cells wrap as Chinese typesetting breaks lines: between any two Chinese
characters, never inside a figure or a Latin word (`41.65`, `PM2.5`), never
before closing punctuation nor after opening punctuation. `narrowest` is the
least width a table can be printed at so: its widest unbreakable piece.

A line break inside a cell ("2025年\\n完成值") is kept by `cell_a_line` and
`wrapped` (and `aligned` with `size`), and run on by the others. `centred`
moves a category merged down the first column to the middle of its rows, as
a cell centred vertically prints. `with_footers` puts page numbers (`— 12 —`)
between any lines, and the header again after each of them, as a table
running over pages prints. `text_of` prints a grid of tests/layouts.py
(caption, header, body, notes) in one of these layouts.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from planwatch.ingest.blocks import GridCell, TableBlock
from tests import layouts

# Chinese typesetting: no line starts with closing punctuation nor ends with opening punctuation.
_CLOSING = set("）)]】〕」』”’，。、；：？！,.;:?!%")
_OPENING = set("（([【〔「『“‘≤≥<>＜＞")


def width(text: str) -> int:
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def printed_rows(block: TableBlock) -> list[list[tuple[int, str]]]:
    """Each grid row's printed cells, with the grid column each starts in."""
    out = []
    for r, line in enumerate(block.places()):
        row = []
        for c, place in enumerate(line):
            if (place.row, place.col) == (r, c) and place.cell.text.strip():
                row.append((c, place.cell.text))
        out.append(row)
    return out


Printed = tuple[list[str], int]


def header_rows_of(block: TableBlock, header_rows: int) -> set[int]:
    """The rows that print the header: the first ones, and the header printed again after a page turn."""
    rows = printed_rows(block)
    texts = [[t for _, t in row] for row in rows]
    return set(range(header_rows)) | {
        r for r in range(header_rows, len(rows)) if texts[r] in texts[:header_rows]
    }


def _run_on(text: str) -> str:
    return text.replace("\n", "")


# -- typesetting ----------------------------------------------------------------------------------


def units(text: str) -> list[str]:
    """The pieces a line may not break inside: a figure or Latin word, a Chinese character, with the
    punctuation bound to them (opening punctuation to what follows, closing to what precedes)."""
    raw: list[str] = []
    for ch in text:
        if raw and ch.isascii() and ch != " " and raw[-1][-1].isascii() and raw[-1][-1] != " ":
            raw[-1] += ch
        else:
            raw.append(ch)
    out: list[str] = []
    pending = ""
    for unit in raw:
        if out and not pending and unit[0] in _CLOSING:
            out[-1] += unit
        elif all(ch in _OPENING for ch in unit):
            pending += unit
        else:
            out.append(pending + unit)
            pending = ""
    if pending:
        out.append(pending)
    return out


def typeset(text: str, size: int) -> list[str]:
    """The lines a column `size` wide prints the text in (each "\\n" part on lines of its own)."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for unit in units(part):
            if line and width(line + unit) > size:
                lines.append(line.strip())
                line = unit.lstrip()
            else:
                line += unit
        if line.strip():
            lines.append(line.strip())
    return lines


def narrowest(block: TableBlock, header_rows: int) -> int:
    """The least width the body's cells can be printed at: the widest piece no line may break inside."""
    return max(width(u) for row in printed_rows(block)[header_rows:] for _, t in row for u in units(t))


# -- the layouts ----------------------------------------------------------------------------------


def row_a_line(block: TableBlock, header_rows: int) -> Printed:
    return [" ".join(_run_on(text) for _, text in row) for row in printed_rows(block)], header_rows


def cell_a_line(block: TableBlock, header_rows: int) -> Printed:
    rows = printed_rows(block)
    lines = [line for row in rows for _, text in row for line in text.split("\n")]
    return lines, sum(len(text.split("\n")) for row in rows[:header_rows] for _, text in row)


def aligned(block: TableBlock, header_rows: int, gap: int = 3, size: int | None = None) -> Printed:
    """Columns as wide as their widest one-column cell (at most `size`, never narrower than a header
    word), `gap` spaces apart; with `size`, body cells wrap inside their columns."""
    places = block.places()
    heads = header_rows_of(block, header_rows)
    ncols = len(places[0])
    widths = [0] * ncols
    for r, line in enumerate(places):
        for c, p in enumerate(line):
            if (p.row, p.col) == (r, c) and p.cell.colspan == 1 and p.cell.text.strip():
                wide = width(_run_on(p.cell.text))
                widths[c] = max(widths[c], wide if r in heads or size is None else min(wide, size))
    starts = [sum(widths[:c]) + gap * c for c in range(ncols)]
    grid: list[list[tuple[int, str]]] = []  # each printed line: (start, text) pieces
    row_lines: list[int] = []  # the first printed line of each grid row
    spanning: list[tuple[int, int, int, list[str]]] = []  # (row, rowspan, start, lines) of merged cells
    for r, line in enumerate(places):
        row_lines.append(len(grid))
        cells = [(c, p.cell) for c, p in enumerate(line) if (p.row, p.col) == (r, c) and p.cell.text.strip()]
        texts = {c: _cell_lines(cell, widths, c, gap, None if r in heads else size) for c, cell in cells}
        height = max((len(t) for c, t in texts.items() if places[r][c].cell.rowspan == 1), default=1)
        grid.extend([] for _ in range(height))
        for c, cell in cells:
            if cell.rowspan > 1:
                spanning.append((r, cell.rowspan, starts[c], texts[c]))
                continue
            for k, text in enumerate(texts[c]):
                grid[row_lines[r] + k].append((starts[c], text))
    row_lines.append(len(grid))
    for r, span, start, texts in spanning:
        first, end = row_lines[r], row_lines[min(r + span, len(row_lines) - 1)]
        for k, text in enumerate(texts):
            if first + k >= end:
                grid.insert(end, [])
                row_lines[r + span :] = [n + 1 for n in row_lines[r + span :]]
                end += 1
            grid[first + k].append((start, text))
    header_lines = row_lines[header_rows]
    return [_aligned_line(pieces) for pieces in grid], header_lines


def _cell_lines(cell: GridCell, widths: list[int], c: int, gap: int, size: int | None) -> list[str]:
    if size is None:
        return [_run_on(cell.text)]
    return typeset(cell.text, sum(widths[c : c + cell.colspan]) + gap * (cell.colspan - 1))


def _aligned_line(pieces: list[tuple[int, str]]) -> str:
    line = ""
    for start, text in sorted(pieces):
        line += " " * max(start - width(line), 1 if line else 0) + text
    return line


def wrapped(block: TableBlock, header_rows: int, size: int = 20) -> Printed:
    """Body cells wider than `size` (printed width) wrap; the header is printed a row a line, where it is
    printed again too.

    A cell across several columns wraps at their width together (`size` each)."""
    rows = printed_rows(block)
    heads = header_rows_of(block, header_rows)
    spans = {(r, c): p.cell.colspan for r, line in enumerate(block.places()) for c, p in enumerate(line)}
    lines: list[str] = []
    for r, row in enumerate(rows):
        if r in heads:
            lines.append(" ".join(_run_on(text) for _, text in row))
            continue
        run: list[str] = []
        for c, text in row:
            pieces = typeset(text, size * spans[(r, c)] + spans[(r, c)] - 1)
            if len(pieces) == 1:
                run.append(pieces[0])
                continue
            if run:
                lines.append(" ".join(run))
                run = []
            lines.extend(pieces)
        if run:
            lines.append(" ".join(run))
    return lines, header_rows


# -- variations -----------------------------------------------------------------------------------


def centred(block: TableBlock, header_rows: int) -> TableBlock:
    """The table with each cell merged down the first column printed from the middle of its rows."""
    rows = [list(row) for row in block.rows]
    places = block.places()
    for r in range(header_rows, len(rows)):
        if not rows[r] or places[r][0].row != r or rows[r][0].rowspan < 2:
            continue
        cell = rows[r][0]
        middle = (cell.rowspan - 1) // 2
        if middle:
            rows[r][0] = GridCell("", rowspan=middle)
            rows[r + middle].insert(0, GridCell(cell.text, rowspan=cell.rowspan - middle))
    return TableBlock(rows)


def with_footers(printed: Printed, seed: int, every: int = 9) -> Printed:
    """Page numbers after every few lines (at random), the header printed again after each; none after
    the last line, nor inside the header where the table prints it again itself."""
    lines, header_rows = printed
    rnd = random.Random(seed)
    header, body = lines[:header_rows], lines[header_rows:]
    out = list(header)
    page = 3
    left = rnd.randint(2, every)
    k = 0
    while k < len(body):
        step = header_rows if header_rows and body[k : k + header_rows] == header else 1
        out.extend(body[k : k + step])
        k += step
        left -= 1
        if left <= 0 and k < len(body):  # after the last row the table is over: no header again
            out.append(rnd.choice([f"— {page} —", f"- {page} -", f"－{page}－"]))
            out.extend(header)
            page += 1
            left = rnd.randint(2, every)
    return out, header_rows


def text_of(
    table: layouts.Printed,
    render: Callable[[TableBlock, int], Printed],
    centre: bool = False,
    pages: tuple[int, int] | None = None,
) -> list[str]:
    """A printed grid of tests/layouts as lines: its caption, the table in the layout `render` prints
    (with page numbers and the header again, `with_footers(seed, every)`, where `pages` says), its notes."""
    rows = table.rows[1:] if table.caption_row else table.rows
    notes = [row[0].text for row in rows if len(row) == 1 and row[0].text.startswith("注")]
    block = TableBlock(rows[: len(rows) - len(notes)])
    if centre:
        block = centred(block, table.header_rows)
    printed = render(block, table.header_rows)
    if pages is not None:
        printed = with_footers(printed, *pages)
    return [table.caption, *printed[0], *notes]
