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

    def grid(self) -> list[list[Slot]]:
        """The table laid out on a full grid; a merged cell covers all its positions, origin at the first."""
        grid: list[list[Slot | None]] = []
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
                        line[c + dc] = Slot(cell.text, (dr, dc) == (0, 0))
                c += max(cell.colspan, 1)
        width = max((len(line) for line in grid), default=0)
        return [
            [s if s is not None else Slot("", True) for s in line + [None] * (width - len(line))]
            for line in grid
        ]


@dataclass(frozen=True)
class Slot:
    """One position of a table's full grid; `origin` is False where a merged cell spills over."""

    text: str
    origin: bool


Block = Paragraph | TableBlock


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
