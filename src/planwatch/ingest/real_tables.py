"""A document's real tables where they stand in its text, and the pictures that stand for tables.

A table's caption is its own first row, the HTML `<caption>`, or the
paragraph just before it when that reads 专栏N/表N …. Consecutive tables of
the same width, the second opening with the first's header or with no header
and no caption of its own, are one table cut by a page turn (a PDF gives one
table per page) and are read as one. A picture right after a caption, with no
table after it, is a table printed as an image: it cannot be read, and a
warning says the table is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.ingest import grid_tables
from planwatch.ingest.blocks import GridCell, ImageBlock, TableBlock
from planwatch.ingest.stream import Stream
from planwatch.ingest.table_rows import clean
from planwatch.plan.model import PlanWarning, Table

_MAX_CAPTION = 80


@dataclass
class FoundTable:
    """A table read from the stream, from its caption (or its first position) to its end."""

    start: int
    end: int
    table: Table


@dataclass
class _Run:
    """One table as printed: a table block, and the blocks continuing it after page turns."""

    block: TableBlock
    index: int  # the first block's place among the document's tables
    pos: int
    end: int
    last: int  # the last block's index in the stream


def find_tables(
    stream: Stream, roles: dict[int, list[str]] | None = None
) -> tuple[list[FoundTable], list[PlanWarning]]:
    """Every real table, read with the roles given by table index where an office assigned them."""
    roles = roles or {}
    found: list[FoundTable] = []
    warnings: list[PlanWarning] = []
    for run in _runs(stream):
        caption, start = run.block.caption, run.pos
        before = _caption_before(stream, run.pos)
        if before is not None:
            caption, start = caption or before[0], before[1]
        table, more = grid_tables.build_table(run.block, caption, roles.get(run.index), index=run.index)
        warnings += more
        if table is not None:
            found.append(FoundTable(start, run.end, table))
    warnings += _pictured_tables(stream)
    return found, warnings


def _runs(stream: Stream) -> list[_Run]:
    runs: list[_Run] = []
    index = -1
    for pos, block in sorted(stream.tables.items()):
        if not isinstance(block, TableBlock):
            continue
        index += 1
        at = stream.block_at(pos)
        last = runs[-1] if runs else None
        joined = _joined(last.block, block) if last is not None and last.last == at - 1 else None
        if last is not None and joined is not None:
            last.block, last.end, last.last = joined, pos + 1, at
            continue
        runs.append(_Run(block, index, pos, pos + 1, at))
    return runs


def _joined(first: TableBlock, then: TableBlock) -> TableBlock | None:
    """`first` and `then` as one table where `then` goes on with it, else None.

    `then` goes on with `first` when it opens with `first`'s header, or when it has the same width
    and no header or caption of its own. A page's ruling may split a column the other page does
    not (a sub-name column under 指标 only where sub-rows are printed): the header, printed on
    both, says which columns match, and the narrower side's column is widened to match.
    """
    if then.caption or not then.rows:
        return None
    head = [clean(c.text) for c in then.rows[0]]
    match = next((r for r, row in enumerate(first.rows[:4]) if [clean(c.text) for c in row] == head), None)
    if match is None:
        same_width = len(first.places()[0]) == len(then.places()[0])
        return _join(first, then) if same_width and not grid_tables.opens_table(then.places()) else None
    widen_first = [1] * len(first.places()[0])
    widen_then = [1] * len(then.places()[0])
    for (a, cell_a), (b, cell_b) in zip(_starts(first, match), _starts(then, 0), strict=True):
        if cell_a.colspan == cell_b.colspan:
            continue
        if cell_a.colspan == 1:
            widen_first[a] = cell_b.colspan
        elif cell_b.colspan == 1:
            widen_then[b] = cell_a.colspan
        else:
            return None
    first, then = _widened(first, widen_first), _widened(then, widen_then)
    return _join(first, then) if len(first.places()[0]) == len(then.places()[0]) else None


def _join(first: TableBlock, then: TableBlock) -> TableBlock:
    return TableBlock(first.rows + then.rows, page=first.page, caption=first.caption)


def _starts(block: TableBlock, r: int) -> list[tuple[int, GridCell]]:
    """The cells of row r with the grid column where each starts."""
    return [(c, p.cell) for c, p in enumerate(block.places()[r]) if (p.row, p.col) == (r, c)]


def _widened(block: TableBlock, widths: list[int]) -> TableBlock:
    """The table with column k made `widths[k]` columns wide: the cells over it span that many more."""
    if all(w == 1 for w in widths):
        return block
    start = {id(p.cell): p.col for line in block.places() for p in line}
    rows = [
        [GridCell(c.text, c.rowspan, sum(widths[start[id(c)] : start[id(c)] + c.colspan])) for c in row]
        for row in block.rows
    ]
    return TableBlock(rows, page=block.page, caption=block.caption)


def _caption_before(stream: Stream, pos: int) -> tuple[str, int] | None:
    """The paragraph before position `pos` where it is a caption (专栏N/表N …), and where it starts."""
    index = stream.block_at(pos)
    if index == 0 or stream.starts[index - 1] in stream.tables:
        return None
    start = stream.starts[index - 1]
    text = stream.text[start : stream.block_end(index - 1)].strip()
    if len(text) <= _MAX_CAPTION and grid_tables.CAPTION.match(text):
        return text, start
    return None


def _pictured_tables(stream: Stream) -> list[PlanWarning]:
    """A picture right after a caption, with no table after it: the table is missing."""
    warnings = []
    for pos, block in sorted(stream.tables.items()):
        if not isinstance(block, ImageBlock):
            continue
        caption = _caption_before(stream, pos)
        following = stream.block_at(pos) + 1
        after = stream.tables.get(stream.starts[following]) if following < len(stream.starts) else None
        if caption is None or isinstance(after, TableBlock):
            continue
        where = caption[0]
        page = f"（第{block.page}页）" if block.page else ""
        page_en = f" (page {block.page})" if block.page else ""
        warnings.append(
            PlanWarning(
                code="table_is_image",
                message=f"{where}{page}：表格是一张图片，其中的指标无法读取；请上传该表的电子表格，或在审核页录入。",
                message_en=f"{where}{page_en}: the table is printed as a picture and its indicators cannot be "
                "read; upload the table as a spreadsheet, or enter it in the review.",
                where=where,
            )
        )
    return warnings
