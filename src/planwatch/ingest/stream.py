"""The blocks of a document laid end to end as one string, with a map back to blocks.

Headings in scraped text run straight into their body text, so the outline
reader works on positions in one string rather than on paragraphs; real tables
stand in the string as one placeholder character each.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from planwatch.ingest import noise, wrapping
from planwatch.ingest.blocks import Document, Paragraph, TableBlock

TABLE_MARK = "\ufffc"


@dataclass
class Stream:
    text: str
    starts: list[int] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)
    heading_levels: list[int | None] = field(default_factory=list)
    tables: dict[int, TableBlock] = field(default_factory=dict)
    repairs: Counter[str] = field(default_factory=Counter)
    soft: list[int] = field(default_factory=list)  # sorted positions of line breaks that are wraps

    def prose(self, start: int, end: int) -> str:
        """The text between two positions with wrapped lines joined back into their paragraphs."""
        first = bisect.bisect_left(self.soft, start)
        last = bisect.bisect_left(self.soft, end)
        if first == last:
            return self.text[start:end]
        pieces = []
        pos = start
        for brk in self.soft[first:last]:
            pieces.append(self.text[pos:brk])
            pos = brk + 1
            if _latin(self.text[brk - 1 : brk]) and _latin(self.text[pos : pos + 1]):
                pieces.append(" ")
        pieces.append(self.text[pos:end])
        return "".join(pieces)

    def block_at(self, pos: int) -> int:
        """Index of the block that holds position `pos`."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def page_at(self, pos: int) -> int | None:
        if not self.pages:
            return None
        return self.pages[self.block_at(pos)]

    def block_end(self, index: int) -> int:
        """Position just after the text of block `index` (before the separator)."""
        if index + 1 < len(self.starts):
            return self.starts[index + 1] - 1
        return len(self.text)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def build(document: Document) -> Stream:
    """Join the document's blocks with newlines, repairing certain noise on the way."""
    stream = Stream("")
    parts: list[str] = []
    pos = 0
    lines = [b.text if isinstance(b, Paragraph) else "" for b in document.blocks]
    wraps = wrapping.soft_breaks(lines) if document.format == "text" else [False] * len(lines)
    for block, wraps_on in zip(document.blocks, wraps, strict=True):
        stream.starts.append(pos)
        stream.pages.append(block.page)
        if isinstance(block, Paragraph):
            piece = noise.repair(block.text, stream.repairs)
            stream.heading_levels.append(block.heading_level)
        else:
            piece = TABLE_MARK
            stream.tables[pos] = block
            stream.heading_levels.append(None)
        parts.append(piece)
        pos += len(piece) + 1
        if wraps_on:
            stream.soft.append(pos - 1)
    stream.text = "\n".join(parts)
    return stream
