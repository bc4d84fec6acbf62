"""The intermediate form every reader yields: a flat list of blocks.

A reader knows its file format and nothing about plans; everything after the
readers (outline, tables, cells) works on blocks only, so a new format needs a
reader and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """A run of text: a paragraph, a heading, or a whole scraped page of text.

    `heading_level` is set where the format marks headings (Word heading
    styles, HTML h1-h6): 1 is the highest level the document uses.
    """

    text: str
    page: int | None = None
    heading_level: int | None = None


@dataclass
class GridCell:
    """A table cell as the document holds it: once, with its span."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableBlock:
    """A real table. `rows` hold each merged cell once, where it starts (as HTML does)."""

    rows: list[list[GridCell]]
    page: int | None = None
    caption: str | None = None

    def places(self) -> list[list[Place]]:
        """The table on its full grid: each position with the merged cell covering it and where that starts.

        Cells are placed as HTML does: each row's cells fill the positions not yet covered from above.
        A position no cell covers (a short row) holds an empty cell of its own.
        """
        grid: list[list[Place | None]] = []
        for r, row in enumerate(self.rows):
            while len(grid) <= r:
                grid.append([])
            c = 0
            for cell in row:
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                for dr in range(max(cell.rowspan, 1)):
                    while len(grid) <= r + dr:
                        grid.append([])
                    line = grid[r + dr]
                    for dc in range(max(cell.colspan, 1)):
                        while len(line) <= c + dc:
                            line.append(None)
                        line[c + dc] = Place(cell, r, c)
                c += max(cell.colspan, 1)
        width = max((len(line) for line in grid), default=0)
        return [
            [
                p if p is not None else Place(GridCell(""), r, c)
                for c, p in enumerate(line + [None] * (width - len(line)))
            ]
            for r, line in enumerate(grid)
        ]

    def grid(self) -> list[list[Slot]]:
        """The table laid out on a full grid; a merged cell covers all its positions, origin at the first."""
        return [
            [Slot(p.cell.text, (p.row, p.col) == (r, c)) for c, p in enumerate(line)]
            for r, line in enumerate(self.places())
        ]


@dataclass(frozen=True)
class Place:
    """One position of a table's full grid: the cell covering it, and the row and column where that cell starts."""

    cell: GridCell
    row: int
    col: int


@dataclass(frozen=True)
class Slot:
    """One position of a table's full grid; `origin` is False where a merged cell spills over."""

    text: str
    origin: bool


@dataclass
class ImageBlock:
    """A picture in the flow of the text. Plans sometimes print a table as one: it cannot be read,
    but where it stands after a table's caption, the table is known to be missing rather than absent.

    `name` is what the document calls the picture (file name, alt text or title), where it says;
    `width` and `height` are in points (1/72 inch), where known.
    """

    name: str | None = None
    page: int | None = None
    width: float | None = None
    height: float | None = None


Block = Paragraph | TableBlock | ImageBlock


def relative_heading_levels(blocks: list[Block]) -> None:
    """Shift heading levels so the highest a document uses is 1, whatever its format numbered it."""
    levels = [b.heading_level for b in blocks if isinstance(b, Paragraph) and b.heading_level]
    if not levels:
        return
    shift = min(levels) - 1
    for block in blocks:
        if isinstance(block, Paragraph) and block.heading_level:
            block.heading_level -= shift


@dataclass
class Document:
    """What a reader returns: the blocks, and what it noticed on the way."""

    blocks: list[Block]
    format: str
    source: str
    notes: list[str] = field(default_factory=list)
