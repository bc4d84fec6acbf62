"""Documents built in the tests: the same small indicator table (主要指标) in every format.

The table has what real plan tables have: a two-row header with cells merged
across both rows and across two columns, group rows spanning all columns, a
cell with a line break, and an attribute cell merged down two body rows.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Table, TableStyle

from planwatch.errors import InputError
from planwatch.ingest.blocks import GridCell as G

INDICATOR_ROWS: list[list[G]] = [
    [
        G("序号", rowspan=2),
        G("指标", rowspan=2),
        G("“十三五”基数", colspan=2),
        G("“十四五”目标", colspan=2),
        G("属性", rowspan=2),
    ],
    [G("2020年绝对值"), G("年均增长(%)"), G("2025年绝对值"), G("年均增长(%)")],
    [G("一、经济发展", colspan=7)],
    [G("1"), G("地区生产总值增长(%)"), G(""), G("7"), G(""), G("6.5"), G("预期性", rowspan=2)],
    [G("2"), G("全员劳动生产率增长\n(元/人,2020年价格)"), G(""), G("6.2"), G(""), G("5")],
    [G("二、创新驱动", colspan=7)],
    [G("6"), G("研发经费投入增长(%)"), G(""), G("-2.5"), G(""), G("10"), G("预期性")],
]

# The same table on its full grid, written out by hand: what TableBlock.grid() must give back.
_LABOUR = "全员劳动生产率增长\n(元/人,2020年价格)"
INDICATOR_GRID: list[list[str]] = [
    ["序号", "指标", "“十三五”基数", "“十三五”基数", "“十四五”目标", "“十四五”目标", "属性"],
    ["序号", "指标", "2020年绝对值", "年均增长(%)", "2025年绝对值", "年均增长(%)", "属性"],
    ["一、经济发展"] * 7,
    ["1", "地区生产总值增长(%)", "", "7", "", "6.5", "预期性"],
    ["2", _LABOUR, "", "6.2", "", "5", "预期性"],
    ["二、创新驱动"] * 7,
    ["6", "研发经费投入增长(%)", "", "-2.5", "", "10", "预期性"],
]

CJK_FONT = "STSong-Light"


def placed(rows: list[list[G]]) -> Iterator[tuple[int, int, G]]:
    """Each cell with the grid row and column where it starts, laid out as HTML does."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            c += cell.colspan


def width(rows: list[list[G]]) -> int:
    return max(c + cell.colspan for _, c, cell in placed(rows))


def add_docx_table(document: DocxDocument, rows: list[list[G]]) -> DocxTable:
    """The table in Word: merged with Word's own merge (gridSpan, vMerge), a line break as a new paragraph."""
    table = document.add_table(rows=len(rows), cols=width(rows))
    table.style = "Table Grid"
    for r, c, cell in placed(rows):
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        first, *more = cell.text.split("\n")
        target.paragraphs[0].text = first
        for line in more:
            target.add_paragraph(line)
    return table


def html_table(rows: list[list[G]], caption: str | None = None) -> str:
    """The table in HTML, header rows in <thead>, a line break as <br>."""
    head, body = rows[:2], rows[2:]

    def tr(row: list[G], tag: str) -> str:
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            text = "<br>".join(html.escape(line) for line in cell.text.split("\n"))
            cells.append(f"<{tag}{spans}>{text}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    parts = ["<table border=1>"]
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead>" + "".join(tr(row, "th") for row in head) + "</thead>")
    parts.append("<tbody>\n" + "\n".join(tr(row, "td") for row in body) + "\n</tbody></table>")
    return "\n".join(parts)


def pdf_table(rows: list[list[G]]) -> Table:
    """The table as a ruled reportlab table, merged cells drawn as one box."""
    register_cjk_font()
    data = [[""] * width(rows) for _ in rows]
    style: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), CJK_FONT, 9)]
    for r, c, cell in placed(rows):
        data[r][c] = cell.text
        if cell.rowspan > 1 or cell.colspan > 1:
            style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    return Table(data, style=TableStyle(style))


def register_cjk_font() -> str:
    """reportlab's built-in Adobe CID font: nothing to download, and pdfminer maps it back to Unicode."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    return CJK_FONT


def read_error(read: Callable[[Path], object], path: Path) -> InputError:
    """The InputError a reader raises for `path`, checked to name that file."""
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.where == str(path)
    return caught.value
